//! Writing a design's JSON by hand: the same text as `serde_json::to_string_pretty` of the
//! derived serialisers (a test holds them equal), in a fraction of the page's wasm. Two
//! spaces per level, `"key": value`, defaults left out as the derives leave them out.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::slo::Threshold;
use crate::{Component, Document, Failure, FailureKind, Link, ParamValue, Point, Scenario, Shape, Stage, Traffic};

/// A JSON writer, at its indentation depth.
pub struct Json<'a> {
    out: &'a mut String,
    depth: usize,
}

/// A value that writes itself.
trait Value {
    fn write(&self, json: &mut Json<'_>);
}

impl<'a> Json<'a> {
    /// Writes into `out`, from the top level.
    pub fn new(out: &'a mut String) -> Self {
        Self { out, depth: 0 }
    }

    fn line(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// A string, escaped as serde_json escapes it.
    pub fn string(&mut self, text: &str) {
        self.out.push('"');
        for c in text.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                c if c < ' ' => {
                    let _ = write!(self.out, "\\u{:04x}", c as u32);
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    /// A number as serde_json writes an `f64` (`null` when not finite).
    pub fn number(&mut self, value: f64) {
        match serde_json::Number::from_f64(value) {
            Some(number) => {
                let _ = write!(self.out, "{number}");
            }
            None => self.out.push_str("null"),
        }
    }

    /// An object: `fields` writes its members with [`Json::key`].
    pub fn object(&mut self, fields: impl FnOnce(&mut Fields<'_, 'a>)) {
        self.out.push('{');
        self.depth += 1;
        let mut members = Fields { json: self, count: 0 };
        fields(&mut members);
        let count = members.count;
        self.depth -= 1;
        if count > 0 {
            self.line();
        }
        self.out.push('}');
    }

    fn list<T: Value>(&mut self, items: &[T]) {
        self.list_with(items, |json, item| item.write(json));
    }

    /// A list: `write` writes each item.
    pub fn list_with<T>(&mut self, items: &[T], write: impl Fn(&mut Json<'a>, &T)) {
        self.out.push('[');
        self.depth += 1;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.line();
            write(self, item);
        }
        self.depth -= 1;
        if !items.is_empty() {
            self.line();
        }
        self.out.push(']');
    }
}

/// The members of an object being written.
pub struct Fields<'j, 'a> {
    json: &'j mut Json<'a>,
    count: usize,
}

impl<'a> Fields<'_, 'a> {
    /// Starts the member `key`; its value is written next.
    pub fn key(&mut self, key: &str) -> &mut Json<'a> {
        if self.count > 0 {
            self.json.out.push(',');
        }
        self.count += 1;
        self.json.line();
        self.json.string(key);
        self.json.out.push_str(": ");
        self.json
    }

    fn value(&mut self, key: &str, value: &dyn Value) {
        value.write(self.key(key));
    }
}

impl Value for f64 {
    fn write(&self, json: &mut Json<'_>) {
        json.number(*self);
    }
}

impl Value for &str {
    fn write(&self, json: &mut Json<'_>) {
        json.string(self);
    }
}

impl Value for String {
    fn write(&self, json: &mut Json<'_>) {
        json.string(self);
    }
}

impl Value for Point {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            o.value("x", &self.x);
            o.value("y", &self.y);
        });
    }
}

impl Value for BTreeMap<String, ParamValue> {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            for (key, value) in self {
                match value {
                    ParamValue::Number(n) => o.value(key, n),
                    ParamValue::Choice(choice) => o.value(key, choice),
                }
            }
        });
    }
}

impl Value for Component {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            o.value("id", &self.id.0);
            o.value("kind", &self.kind.key());
            o.value("label", &self.label);
            o.value("pos_world", &self.pos_world);
            if let Some(parent) = &self.parent {
                o.value("parent", &parent.0);
            }
            if !self.params.is_empty() {
                o.value("params", &self.params);
            }
        });
    }
}

impl Value for Link {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            o.value("from", &self.from.0);
            o.value("to", &self.to.0);
            o.value("mode", &<&str>::from(self.mode));
            if !self.params.is_empty() {
                o.value("params", &self.params);
            }
        });
    }
}

impl Value for Stage {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            o.value("duration_s", &self.duration_s);
            o.value("target_users", &self.target_users);
        });
    }
}

impl Value for Shape {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            let mut numbers = |kind: &str, fields: &[(&str, f64)]| {
                o.value("type", &kind);
                for (key, value) in fields {
                    o.value(key, value);
                }
            };
            match self {
                Shape::Constant => numbers("constant", &[]),
                Shape::Ramp { from, to, duration_s } => {
                    numbers("ramp", &[("from", *from), ("to", *to), ("duration_s", *duration_s)]);
                }
                Shape::Step { at_s, factor } => numbers("step", &[("at_s", *at_s), ("factor", *factor)]),
                Shape::Spike { at_s, duration_s, factor } => {
                    numbers("spike", &[("at_s", *at_s), ("duration_s", *duration_s), ("factor", *factor)]);
                }
                Shape::Wave { period_s, amplitude } => {
                    numbers("wave", &[("period_s", *period_s), ("amplitude", *amplitude)]);
                }
                Shape::Stages { stages } => {
                    numbers("stages", &[]);
                    o.key("stages").list(stages);
                }
            }
        });
    }
}

impl Value for Traffic {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            o.value("users", &self.users);
            if !self.shape.is_constant() {
                o.value("shape", &self.shape);
            }
            if self.daily_curve {
                o.key("daily_curve").out.push_str("true");
            }
        });
    }
}

impl Value for Failure {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            o.value("component", &self.component.0);
            o.value("at_s", &self.at_s);
            o.value("duration_s", &self.duration_s);
            let kind = match self.kind {
                FailureKind::Crash => "crash",
            };
            o.value("type", &kind);
        });
    }
}

impl Value for Threshold {
    fn write(&self, json: &mut Json<'_>) {
        json.string(self.text());
    }
}

impl Value for Scenario {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            if !self.failures.is_empty() {
                o.key("failures").list(&self.failures);
            }
            let _ = write!(o.key("seed").out, "{}", self.seed);
            if !self.thresholds.is_empty() {
                o.key("thresholds").list(&self.thresholds);
            }
        });
    }
}

impl Value for Document {
    fn write(&self, json: &mut Json<'_>) {
        json.object(|o| {
            let _ = write!(o.key("schema_version").out, "{}", self.schema_version);
            o.value("name", &self.name);
            o.key("components").list(&self.components);
            o.key("links").list(&self.links);
            o.value("traffic", &self.traffic);
            if !self.scenario.is_empty() {
                o.value("scenario", &self.scenario);
            }
        });
    }
}

impl Document {
    /// The design as pretty JSON, written where `json` stands (for stores that keep designs
    /// inside their own JSON).
    pub fn write_json(&self, json: &mut Json<'_>) {
        Value::write(self, json);
    }
}
