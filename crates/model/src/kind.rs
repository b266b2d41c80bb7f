//! The kinds of component a topology can hold, with what the palette says of each.

use serde::{Deserialize, Serialize};

/// What a component models. Each kind draws its parameters from [`crate::param_spec`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Users,
    LoadBalancer,
    Service,
    Database,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 4] = [Self::Users, Self::LoadBalancer, Self::Service, Self::Database];

    pub fn name(self) -> &'static str {
        match self {
            Self::Users => "Users",
            Self::LoadBalancer => "Load balancer",
            Self::Service => "Service",
            Self::Database => "Database",
        }
    }

    /// One line for the palette's tooltip: what the kind models.
    pub fn description(self) -> &'static str {
        match self {
            Self::Users => "A client population: monthly active users and how often they call in.",
            Self::LoadBalancer => "Spreads requests across its targets; limited by the requests/s one node can proxy.",
            Self::Service => "A pool of instances doing CPU work per request; saturates when cores run out.",
            Self::Database => "Serves queries with a fixed number of cores and a connection limit.",
        }
    }

    /// Whether requests can arrive at this kind through a link.
    pub fn accepts_requests(self) -> bool {
        !matches!(self, Self::Users)
    }

    /// Whether this kind sends requests onwards through its outgoing links.
    pub fn sends_requests(self) -> bool {
        !matches!(self, Self::Database)
    }
}
