//! The scenario: failures scheduled in a design's run (chaos engineering).

use serde::{Deserialize, Serialize};

use crate::ComponentId;

/// What goes wrong.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FailureKind {
    /// The component stops answering: every request to it fails until it recovers.
    Crash,
}

/// A failure of one component over a window of a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    pub component: ComponentId,
    pub at_s: f64,
    pub duration_s: f64,
    #[serde(flatten)]
    pub kind: FailureKind,
}

/// A failure as written (`{"component", "at_s", "duration_s", "type"}`), as read from
/// JSON by [`crate::read`] before its type is checked.
pub(crate) struct FailureFields {
    pub(crate) component: ComponentId,
    pub(crate) at_s: f64,
    pub(crate) duration_s: f64,
    pub(crate) kind: String,
}

impl TryFrom<FailureFields> for Failure {
    type Error = String;

    fn try_from(f: FailureFields) -> Result<Self, String> {
        let kind = match f.kind.as_str() {
            "crash" => FailureKind::Crash,
            other => return Err(format!("unknown failure type \"{other}\"; expected crash")),
        };
        Ok(Self { component: f.component, at_s: f.at_s, duration_s: f.duration_s, kind })
    }
}

impl Failure {
    pub fn active_at(&self, t_s: f64) -> bool {
        t_s >= self.at_s && t_s < self.at_s + self.duration_s
    }
}

/// Everything scheduled to happen in a run, beyond the traffic.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scenario {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
    /// The run's random seed.
    #[serde(default)]
    pub seed: u64,
    /// What the design must meet, as k6 thresholds (`p(99)<200`, `errors<0.1%`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<crate::slo::Threshold>,
}

impl Scenario {
    pub fn is_empty(&self) -> bool {
        self.failures.is_empty() && self.seed == 0 && self.thresholds.is_empty()
    }
}
