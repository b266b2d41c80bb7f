//! Why a network or a run's options cannot be simulated: every problem found, each naming
//! what it concerns.

use serde::{Deserialize, Serialize};

/// What a problem is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Network,
    Station { index: usize, name: String },
    Arrivals,
    Options,
}

/// One thing wrong with a network or its run options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub subject: Subject,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(subject: Subject, message: impl Into<String>) -> Self {
        Self { subject, message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.subject {
            Subject::Network => write!(f, "network: {}", self.message),
            Subject::Station { index, name } => write!(f, "station {index} (\"{name}\"): {}", self.message),
            Subject::Arrivals => write!(f, "arrivals: {}", self.message),
            Subject::Options => write!(f, "run options: {}", self.message),
        }
    }
}

/// Why the request engine could not start a run.
#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("the network has {} problem(s): {}", .0.len(), join(.0))]
    InvalidNetwork(Vec<Problem>),
    #[error("the run options have {} problem(s): {}", .0.len(), join(.0))]
    InvalidOptions(Vec<Problem>),
}

impl RequestError {
    /// Every problem found, whichever input it concerns.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Self::InvalidNetwork(problems) | Self::InvalidOptions(problems) => problems,
        }
    }
}

fn join(problems: &[Problem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
}
