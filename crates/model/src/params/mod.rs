//! The parameter table: every parameter of every component kind and of links, with its
//! unit, range, default, the public source of the default, and a line of help.
//!
//! Defaults are realistic starting points; where a figure is an order of magnitude
//! rather than a published number, its source says "approximate". Every parameter can
//! be changed per component. Prices are dated list prices, labelled approximate.

mod compute;
mod data;
mod edge;
mod link;
mod messaging;

use serde::Serialize;

use crate::ComponentKind;
use crate::number::shortest;

/// A parameter's value in a document: a number, or one of a parameter's named choices.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ParamValue {
    Number(f64),
    Choice(String),
}

/// The description of one parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    /// The default number, or for a choice the index of the default choice.
    pub default: f64,
    /// The named choices of a categorical parameter; empty for a number.
    pub choices: &'static [&'static str],
    /// Where the default comes from.
    pub source: &'static str,
    pub help: &'static str,
}

impl ParamSpec {
    /// A numeric parameter.
    #[allow(clippy::too_many_arguments)] // a table row: every field is named at the call site's column
    pub const fn number(
        key: &'static str,
        name: &'static str,
        unit: &'static str,
        min: f64,
        max: f64,
        default: f64,
        source: &'static str,
        help: &'static str,
    ) -> Self {
        let (source, help) = docs(source, help);
        Self { key, name, unit, min, max, default, choices: &[], source, help }
    }

    /// A categorical parameter whose default is `choices[default]`.
    pub const fn choice(
        key: &'static str,
        name: &'static str,
        choices: &'static [&'static str],
        default: usize,
        source: &'static str,
        help: &'static str,
    ) -> Self {
        let (source, help) = docs(source, help);
        Self { key, name, unit: "", min: 0.0, max: 0.0, default: default as f64, choices, source, help }
    }

    pub fn is_choice(&self) -> bool {
        !self.choices.is_empty()
    }

    /// The default choice's name; empty for a numeric parameter.
    pub fn default_choice(&self) -> &'static str {
        self.choices.get(self.default as usize).copied().unwrap_or("")
    }

    /// Whether `value` is allowed: a finite number in range, or one of the choices.
    pub fn accepts(&self, value: &ParamValue) -> bool {
        match value {
            ParamValue::Number(n) => !self.is_choice() && n.is_finite() && *n >= self.min && *n <= self.max,
            ParamValue::Choice(c) => self.choices.contains(&c.as_str()),
        }
    }

    /// What is allowed, for error messages.
    pub fn allowed(&self) -> String {
        if self.is_choice() {
            format!("one of {}", self.choices.join(", "))
        } else {
            format!("between {} and {} {}", shortest(self.min), shortest(self.max), self.unit).trim_end().to_owned()
        }
    }
}

/// The source and the help as given, with the `docs` feature; empty without it (the
/// texts are then left out of the build).
const fn docs(source: &'static str, help: &'static str) -> (&'static str, &'static str) {
    if cfg!(feature = "docs") { (source, help) } else { ("", "") }
}

/// Every parameter's help and source, as the JSON the web app fetches
/// (`public/params.json`): `{"<kind or link>": {"<key>": [help, source]}, "kinds": {"<kind>":
/// description}}`.
#[cfg(feature = "docs")]
pub fn docs_json() -> String {
    let table = |specs: &[ParamSpec]| -> serde_json::Map<String, serde_json::Value> {
        specs.iter().map(|s| (s.key.to_owned(), serde_json::json!([s.help, s.source]))).collect()
    };
    let mut all = serde_json::Map::new();
    for kind in ComponentKind::ALL {
        all.insert(kind.name().to_owned(), table(kind.params()).into());
    }
    all.insert("link".to_owned(), table(link_params()).into());
    let kinds = ComponentKind::ALL.iter().map(|k| (k.name().to_owned(), serde_json::json!(k.description())));
    all.insert("kinds".to_owned(), serde_json::Value::Object(kinds.collect()));
    let mut text = serde_json::to_string_pretty(&all).unwrap_or_default();
    text.push('\n');
    text
}

impl ComponentKind {
    /// Every parameter of this kind, in display order.
    pub fn params(self) -> &'static [ParamSpec] {
        match self {
            Self::Users => edge::USERS,
            Self::Dns => edge::DNS,
            Self::Cdn => edge::CDN,
            Self::LoadBalancer => edge::LOAD_BALANCER,
            Self::ApiGateway => edge::API_GATEWAY,
            Self::Service => compute::SERVICE,
            Self::Serverless => compute::SERVERLESS,
            Self::TrafficSplit => &[],
            Self::Worker => compute::WORKER,
            Self::Cache => data::CACHE,
            Self::Database => data::DATABASE,
            Self::ObjectStorage => data::OBJECT_STORAGE,
            Self::Queue => messaging::QUEUE,
            Self::ExternalApi => messaging::EXTERNAL_API,
            Self::AnalyticsSink => messaging::ANALYTICS_SINK,
            Self::Region => edge::REGION,
            Self::Zone => &[],
        }
    }
}

/// Every parameter of a link.
pub fn link_params() -> &'static [ParamSpec] {
    link::LINK
}

/// Looks up one parameter of a kind by key.
pub fn param_spec(kind: ComponentKind, key: &str) -> Option<&'static ParamSpec> {
    kind.params().iter().find(|spec| spec.key == key)
}

/// Looks up one parameter of links by key.
pub fn link_param_spec(key: &str) -> Option<&'static ParamSpec> {
    link::LINK.iter().find(|spec| spec.key == key)
}
