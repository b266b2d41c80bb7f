//! The parameter table: every parameter of every component kind, with its unit, range,
//! default, the public source of the default, and a line of help.
//!
//! Defaults are realistic starting points, labelled approximate where they are; every
//! one can be changed per component.

use crate::ComponentKind;

/// The description of one parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    /// Where the default comes from.
    pub source: &'static str,
    pub help: &'static str,
}

impl ParamSpec {
    pub fn contains(&self, value: f64) -> bool {
        value.is_finite() && value >= self.min && value <= self.max
    }
}

const USERS: &[ParamSpec] = &[
    ParamSpec {
        key: "daily_active_share",
        name: "Daily active share",
        unit: "fraction",
        min: 0.01,
        max: 1.0,
        default: 0.5,
        source: "Large social apps report daily/monthly active ratios of roughly 0.5 to 0.7 in their quarterly filings",
        help: "Share of monthly active users who use the product on a given day.",
    },
    ParamSpec {
        key: "requests_per_daily_user",
        name: "Requests per daily user",
        unit: "requests/day",
        min: 0.01,
        max: 100_000.0,
        default: 170.0,
        source: "Twitter, 2012: about 300K timeline requests/s served to about 150M active users",
        help: "Front-door requests one daily active user makes in a day.",
    },
    ParamSpec {
        key: "peak_factor",
        name: "Peak-to-average factor",
        unit: "x",
        min: 1.0,
        max: 100.0,
        default: 2.6,
        source: "Typical diurnal web traffic peaks at about 2 to 3 times its daily average (approximate)",
        help: "How much busier the busiest hour of the day is than the daily average.",
    },
];

const LOAD_BALANCER: &[ParamSpec] = &[ParamSpec {
    key: "max_rps",
    name: "Capacity",
    unit: "requests/s",
    min: 1.0,
    max: 10_000_000.0,
    default: 50_000.0,
    source: "Approximate: software L7 proxies (HAProxy, NGINX) proxy tens of thousands of HTTP requests/s per node",
    help: "Requests per second one load-balancer node can proxy before it saturates.",
}];

const SERVICE: &[ParamSpec] = &[
    ParamSpec {
        key: "instances",
        name: "Instances",
        unit: "count",
        min: 1.0,
        max: 100_000.0,
        default: 1.0,
        source: "One server: the first stage of the scaling journey",
        help: "Number of identical instances in the pool.",
    },
    ParamSpec {
        key: "cores",
        name: "Cores per instance",
        unit: "cores",
        min: 1.0,
        max: 512.0,
        default: 4.0,
        source: "A common general-purpose cloud instance size (4 vCPU)",
        help: "CPU cores each instance can use in parallel.",
    },
    ParamSpec {
        key: "service_time_ms",
        name: "Service time",
        unit: "ms",
        min: 0.001,
        max: 600_000.0,
        default: 20.0,
        source: "Approximate CPU time of a dynamic page in a typical web framework (tens of ms)",
        help: "CPU time one request takes on one core, without waiting.",
    },
];

const DATABASE: &[ParamSpec] = &[
    ParamSpec {
        key: "cores",
        name: "Cores",
        unit: "cores",
        min: 1.0,
        max: 512.0,
        default: 8.0,
        source: "A common mid-size managed database instance (8 vCPU)",
        help: "CPU cores serving queries in parallel.",
    },
    ParamSpec {
        key: "query_time_ms",
        name: "Query time",
        unit: "ms",
        min: 0.001,
        max: 600_000.0,
        default: 2.0,
        source: "Approximate time of an indexed point query including its share of disk and locking",
        help: "Time one query occupies one core.",
    },
    ParamSpec {
        key: "max_connections",
        name: "Connection limit",
        unit: "connections",
        min: 1.0,
        max: 1_000_000.0,
        default: 100.0,
        source: "PostgreSQL's default max_connections is 100",
        help: "Connections the database accepts at once; queries in flight each hold one.",
    },
];

impl ComponentKind {
    /// Every parameter of this kind, in display order.
    pub fn params(self) -> &'static [ParamSpec] {
        match self {
            Self::Users => USERS,
            Self::LoadBalancer => LOAD_BALANCER,
            Self::Service => SERVICE,
            Self::Database => DATABASE,
        }
    }
}

/// Looks up one parameter of a kind by key.
pub fn param_spec(kind: ComponentKind, key: &str) -> Option<&'static ParamSpec> {
    kind.params().iter().find(|spec| spec.key == key)
}
