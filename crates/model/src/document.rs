//! The versioned document type and its JSON form.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ComponentKind, Problem, Traffic, param_spec, validate};

/// The schema version this build writes. Older versions are migrated on load.
pub const SCHEMA_VERSION: u32 = 1;

/// Largest JSON document accepted, in bytes. A topology of a thousand components
/// fits in well under a megabyte; anything far larger is refused rather than parsed.
const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

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
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Component {
    pub id: ComponentId,
    pub kind: ComponentKind,
    #[serde(default)]
    pub label: String,
    /// Centre of the component on the canvas, in world units.
    #[serde(default)]
    pub pos_world: Point,
    /// Parameter values that differ from the kind's defaults, keyed by parameter key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, f64>,
}

impl Component {
    pub fn new(id: &str, kind: ComponentKind, label: &str, pos_world: Point) -> Self {
        Self { id: ComponentId::new(id), kind, label: label.to_owned(), pos_world, params: BTreeMap::new() }
    }

    /// The value of a parameter: the document's override, else the kind's default.
    /// Unknown keys read as NaN, which validation has already reported.
    pub fn param(&self, key: &str) -> f64 {
        self.params
            .get(key)
            .copied()
            .or_else(|| param_spec(self.kind, key).map(|spec| spec.default))
            .unwrap_or(f64::NAN)
    }

    pub fn with_param(mut self, key: &str, value: f64) -> Self {
        self.params.insert(key.to_owned(), value);
        self
    }
}

/// How a link carries requests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkMode {
    /// Synchronous: the caller waits for the response.
    #[default]
    Call,
    /// Asynchronous: the caller hands the message over and moves on.
    Publish,
}

/// A directed connection: `from` sends requests to `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub from: ComponentId,
    pub to: ComponentId,
    #[serde(default)]
    pub mode: LinkMode,
}

impl Link {
    pub fn call(from: &str, to: &str) -> Self {
        Self { from: ComponentId::new(from), to: ComponentId::new(to), mode: LinkMode::Call }
    }
}

/// The whole design: what is saved, shared and undone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: u32,
    #[serde(default)]
    pub name: String,
    pub components: Vec<Component>,
    #[serde(default)]
    pub links: Vec<Link>,
    #[serde(default)]
    pub traffic: Traffic,
}

/// Why a document could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the document is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the document is not valid JSON for a scalelab design: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the document has schema version {found}; this build reads versions 1 to {supported}")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("the design has {} problem(s):\n{}", .0.len(), list_problems(.0))]
    Invalid(Vec<Problem>),
}

fn list_problems(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n")
}

impl Document {
    /// Parses, version-checks and validates a JSON document.
    pub fn from_json(text: &str) -> Result<Self, LoadError> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(LoadError::TooLarge { size: text.len(), limit: MAX_DOCUMENT_BYTES });
        }
        let doc: Document = serde_json::from_str(text)?;
        if doc.schema_version == 0 || doc.schema_version > SCHEMA_VERSION {
            return Err(LoadError::UnsupportedVersion { found: doc.schema_version, supported: SCHEMA_VERSION });
        }
        validate(&doc).map_err(LoadError::Invalid)?;
        Ok(doc)
    }

    pub fn to_json_pretty(&self) -> String {
        // A Document holds only strings, numbers and maps with string keys, which
        // serde_json always serialises; the fallback keeps this total regardless.
        serde_json::to_string_pretty(self).unwrap_or_default()
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
        }
    }
}
