//! The versioned document type and its JSON form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ComponentKind, ParamSpec, ParamValue, Problem, Scenario, Traffic, link_param_spec, param_spec, validate};

/// The schema version this build writes. Older versions are migrated on load.
pub const SCHEMA_VERSION: u32 = 2;

/// Largest JSON document accepted, in bytes (also the most a share link may inflate to). A topology of a thousand components
/// fits in well under a megabyte; anything far larger is refused rather than parsed.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// A stable, user-visible component identifier (e.g. `"app-1"`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ComponentId(pub String);

impl ComponentId {
    pub fn new(id: impl Into<String>) -> Self {
        Self(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ComponentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A position on the canvas, in world units (not screen pixels).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// One station of the topology.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Component {
    pub id: ComponentId,
    pub kind: ComponentKind,
    #[serde(default)]
    pub label: String,
    /// Centre of the component on the canvas, in world units.
    #[serde(default)]
    pub pos_world: Point,
    /// The region or zone this component sits in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ComponentId>,
    /// Parameter values that differ from the kind's defaults, keyed by parameter key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, ParamValue>,
}

impl Component {
    pub fn new(id: &str, kind: ComponentKind, label: &str, pos_world: Point) -> Self {
        Self {
            id: ComponentId::new(id),
            kind,
            label: label.to_owned(),
            pos_world,
            parent: None,
            params: BTreeMap::new(),
        }
    }

    /// A numeric parameter: the document's value, else the kind's default. Unknown keys
    /// and choices read as NaN, which validation has already reported.
    pub fn param(&self, key: &str) -> f64 {
        number(&self.params, param_spec(self.kind, key), key)
    }

    /// A categorical parameter: the document's choice, else the kind's default.
    pub fn choice(&self, key: &str) -> &str {
        choice(&self.params, param_spec(self.kind, key), key)
    }

    pub fn with_param(mut self, key: &str, value: f64) -> Self {
        self.params.insert(key.to_owned(), ParamValue::Number(value));
        self
    }

    pub fn with_choice(mut self, key: &str, value: &str) -> Self {
        self.params.insert(key.to_owned(), ParamValue::Choice(value.to_owned()));
        self
    }
}

fn number(params: &BTreeMap<String, ParamValue>, spec: Option<&ParamSpec>, key: &str) -> f64 {
    match params.get(key) {
        Some(ParamValue::Number(value)) => *value,
        Some(ParamValue::Choice(_)) => f64::NAN,
        None => spec.filter(|s| !s.is_choice()).map_or(f64::NAN, |s| s.default),
    }
}

fn choice<'a>(params: &'a BTreeMap<String, ParamValue>, spec: Option<&ParamSpec>, key: &str) -> &'a str {
    match params.get(key) {
        Some(ParamValue::Choice(value)) => value,
        _ => spec.map_or("", ParamSpec::default_choice),
    }
}

/// How a link carries requests: "call" or "publish" in a document (through a string, as
/// [`ComponentKind`] is, for the wasm's size).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "&str", try_from = "String")]
pub enum LinkMode {
    /// Synchronous: the caller waits for the response.
    #[default]
    Call,
    /// Asynchronous: the caller hands the message over and moves on.
    Publish,
}

impl From<LinkMode> for &'static str {
    fn from(mode: LinkMode) -> Self {
        match mode {
            LinkMode::Call => "call",
            LinkMode::Publish => "publish",
        }
    }
}

impl TryFrom<String> for LinkMode {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        match text.as_str() {
            "call" => Ok(LinkMode::Call),
            "publish" => Ok(LinkMode::Publish),
            _ => Err(format!("unknown link mode \"{text}\"; the modes are call and publish")),
        }
    }
}

/// A directed connection: `from` sends requests to `to`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub from: ComponentId,
    pub to: ComponentId,
    #[serde(default)]
    pub mode: LinkMode,
    /// Parameter values that differ from the link defaults.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, ParamValue>,
}

impl Link {
    pub fn call(from: &str, to: &str) -> Self {
        Self { from: ComponentId::new(from), to: ComponentId::new(to), mode: LinkMode::Call, params: BTreeMap::new() }
    }

    pub fn publish(from: &str, to: &str) -> Self {
        Self { mode: LinkMode::Publish, ..Self::call(from, to) }
    }

    /// A numeric link parameter, else its default.
    pub fn param(&self, key: &str) -> f64 {
        number(&self.params, link_param_spec(key), key)
    }

    /// A categorical link parameter, else its default.
    pub fn choice(&self, key: &str) -> &str {
        choice(&self.params, link_param_spec(key), key)
    }

    pub fn with_param(mut self, key: &str, value: f64) -> Self {
        self.params.insert(key.to_owned(), ParamValue::Number(value));
        self
    }

    pub fn with_choice(mut self, key: &str, value: &str) -> Self {
        self.params.insert(key.to_owned(), ParamValue::Choice(value.to_owned()));
        self
    }
}

/// The whole design: what is saved, shared and undone.
/// Read by hand ([`crate::read`]): a derived reader cost the page's wasm several times more.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub schema_version: u32,
    #[serde(default)]
    pub name: String,
    pub components: Vec<Component>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub traffic: Traffic,
    #[serde(default, skip_serializing_if = "Scenario::is_empty")]
    pub scenario: Scenario,
}

/// Why a document could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the document is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the document is not valid JSON for a scalelab design: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the document is not valid JSON for a scalelab design: {0}")]
    Read(String),
    #[error("the document has no schema_version, so it is not a scalelab design")]
    NoVersion,
    #[error("the document has schema version {found}; this build reads versions 1 to {supported}")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("the design has {} problem(s):\n{}", .0.len(), list_problems(.0))]
    Invalid(Vec<Problem>),
}

fn list_problems(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
}

impl Document {
    /// Parses a JSON document of any released schema version, migrates it to the current
    /// one (see [`crate::migrate`]) and validates it.
    pub fn from_json(text: &str) -> Result<Self, LoadError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(LoadError::TooLarge { size: text.len(), limit: MAX_DOCUMENT_BYTES });
        }
        // Parsed once, then read by hand (`read.rs`); a mistake of syntax names its line
        // and column, one of content its path in the document.
        let value: serde_json::Value = serde_json::from_str(text)?;
        let version = crate::migrate::version_of(&value)?;
        if version == 0 || version > SCHEMA_VERSION {
            return Err(LoadError::UnsupportedVersion { found: version, supported: SCHEMA_VERSION });
        }
        let value = if version < SCHEMA_VERSION { crate::migrate::to_current(value, version) } else { value };
        let doc = Document::read_value(&value, "").map_err(LoadError::Read)?;
        validate(&doc).map_err(LoadError::Invalid)?;
        Ok(doc)
    }

    /// The design as pretty JSON (written by hand, `write.rs`: the same text as serde_json's
    /// pretty printer of the derived serialisers, which a test holds).
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut crate::write::Json::new(&mut out));
        out
    }

    pub fn component(&self, id: &ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| &c.id == id)
    }

    pub fn component_mut(&mut self, id: &ComponentId) -> Option<&mut Component> {
        self.components.iter_mut().find(|c| &c.id == id)
    }

    /// The design a new visitor sees: users -> load balancer -> two app servers -> database.
    pub fn default_topology() -> Self {
        use ComponentKind as K;
        Self {
            schema_version: SCHEMA_VERSION,
            name: "Two app servers behind a load balancer".to_owned(),
            components: vec![
                Component::new("users", K::Users, "Users", Point::new(100.0, 220.0)),
                Component::new("lb", K::LoadBalancer, "Load balancer", Point::new(320.0, 220.0)),
                Component::new("app-1", K::Service, "App server 1", Point::new(560.0, 130.0)),
                Component::new("app-2", K::Service, "App server 2", Point::new(560.0, 310.0)),
                Component::new("db", K::Database, "Database", Point::new(800.0, 220.0)),
            ],
            links: vec![
                Link::call("users", "lb"),
                Link::call("lb", "app-1"),
                Link::call("lb", "app-2"),
                Link::call("app-1", "db"),
                Link::call("app-2", "db"),
            ],
            traffic: Traffic::default(),
            scenario: Scenario::default(),
        }
    }
}
