//! Traffic: how many users, and how that becomes requests per second.
//!
//! "Users" are monthly active users. Requests per second follow from users x the
//! daily-active share x requests per daily user per day / 86,400, times the peak-to-average
//! factor at the busiest time of day (the defaults and their sources are in the parameter
//! table of the users component).

use serde::Serialize;

use crate::Component;
use crate::number::fixed;

pub const SECONDS_PER_DAY: f64 = 86_400.0;

/// Smallest and largest user counts a design may ask for.
pub const MIN_USERS: f64 = 1.0;
pub const MAX_USERS: f64 = 1e10;

/// The load applied to the design.
/// Read by hand ([`crate::read`]), like the rest of a document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Traffic {
    /// Monthly active users, split evenly across the users components.
    pub users: f64,
    /// How the users change over a run. The steady state uses `users` as given.
    #[serde(default, skip_serializing_if = "Shape::is_constant")]
    pub shape: Shape,
    /// Follow the shape of a day (quiet nights, busy evenings) instead of holding the peak.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub daily_curve: bool,
}

impl Default for Traffic {
    fn default() -> Self {
        Self { users: 1_000.0, shape: Shape::Constant, daily_curve: false }
    }
}

/// One stage of a k6-style stage table: move linearly to `target_users` over `duration_s`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stage {
    pub duration_s: f64,
    pub target_users: f64,
}

/// How the user count changes over a run, as a multiple of `Traffic::users` unless it
/// names users itself (stages).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Shape {
    #[default]
    Constant,
    /// From `from` to `to` times the users, linearly over `duration_s`, then held.
    Ramp { from: f64, to: f64, duration_s: f64 },
    /// `factor` times the users from `at_s` on.
    Step { at_s: f64, factor: f64 },
    /// `factor` times the users from `at_s` for `duration_s` (a flash crowd: Twitter's
    /// 2013 record was about 25 times its average rate).
    Spike { at_s: f64, duration_s: f64, factor: f64 },
    /// 1 + `amplitude` x sin(2 pi t / `period_s`).
    Wave { period_s: f64, amplitude: f64 },
    /// k6-style stages, starting from `Traffic::users`.
    Stages { stages: Vec<Stage> },
}

/// A shape as written (`"type"` and the fields of every kind), as read from JSON by
/// [`crate::read`] before it is checked to be one shape.
pub(crate) struct ShapeFields {
    pub(crate) kind: String,
    pub(crate) from: Option<f64>,
    pub(crate) to: Option<f64>,
    pub(crate) duration_s: Option<f64>,
    pub(crate) at_s: Option<f64>,
    pub(crate) factor: Option<f64>,
    pub(crate) period_s: Option<f64>,
    pub(crate) amplitude: Option<f64>,
    pub(crate) stages: Option<Vec<Stage>>,
}

impl TryFrom<ShapeFields> for Shape {
    type Error = String;

    fn try_from(f: ShapeFields) -> Result<Self, String> {
        let kind = f.kind.as_str();
        let need = |value: Option<f64>, field: &str| value.ok_or_else(|| format!("a {kind} shape needs \"{field}\""));
        Ok(match kind {
            "constant" => Shape::Constant,
            "ramp" => Shape::Ramp {
                from: need(f.from, "from")?,
                to: need(f.to, "to")?,
                duration_s: need(f.duration_s, "duration_s")?,
            },
            "step" => Shape::Step { at_s: need(f.at_s, "at_s")?, factor: need(f.factor, "factor")? },
            "spike" => Shape::Spike {
                at_s: need(f.at_s, "at_s")?,
                duration_s: need(f.duration_s, "duration_s")?,
                factor: need(f.factor, "factor")?,
            },
            "wave" => {
                Shape::Wave { period_s: need(f.period_s, "period_s")?, amplitude: need(f.amplitude, "amplitude")? }
            }
            "stages" => Shape::Stages { stages: f.stages.ok_or("a stages shape needs \"stages\"")? },
            other => {
                return Err(format!(
                    "unknown traffic shape \"{other}\"; expected constant, ramp, step, spike, wave or stages"
                ));
            }
        })
    }
}

impl Shape {
    pub fn is_constant(&self) -> bool {
        matches!(self, Shape::Constant)
    }
}

impl Traffic {
    /// Monthly active users at `t_s` seconds into a run.
    pub fn users_at(&self, t_s: f64) -> f64 {
        let base = self.users;
        match &self.shape {
            Shape::Constant => base,
            Shape::Ramp { from, to, duration_s } => {
                let progress = if *duration_s > 0.0 { (t_s / duration_s).clamp(0.0, 1.0) } else { 1.0 };
                base * (from + (to - from) * progress)
            }
            Shape::Step { at_s, factor } => {
                if t_s >= *at_s {
                    base * factor
                } else {
                    base
                }
            }
            Shape::Spike { at_s, duration_s, factor } => {
                if t_s >= *at_s && t_s < at_s + duration_s {
                    base * factor
                } else {
                    base
                }
            }
            Shape::Wave { period_s, amplitude } => {
                let turns = if *period_s > 0.0 { t_s / period_s } else { 0.0 };
                base * (1.0 + amplitude * crate::number::sin_turns(turns)).max(0.0)
            }
            Shape::Stages { stages } => stages_at(base, stages, t_s),
        }
    }
}

fn stages_at(start: f64, stages: &[Stage], t_s: f64) -> f64 {
    let mut from = start;
    let mut elapsed = 0.0;
    for stage in stages {
        if t_s < elapsed + stage.duration_s {
            let progress = if stage.duration_s > 0.0 { (t_s - elapsed) / stage.duration_s } else { 1.0 };
            return from + (stage.target_users - from) * progress;
        }
        elapsed += stage.duration_s;
        from = stage.target_users;
    }
    from
}

impl Component {
    /// Average requests/s over a day that this users component sends for `users` monthly
    /// active users.
    pub fn average_rps(&self, users: f64) -> f64 {
        users * self.param("daily_active_share") * self.param("requests_per_daily_user") / SECONDS_PER_DAY
    }

    /// Requests/s at the daily peak.
    pub fn peak_rps(&self, users: f64) -> f64 {
        self.average_rps(users) * self.param("peak_factor")
    }
}

impl crate::Document {
    /// Requests/s at the daily peak per monthly active user: the users are split evenly
    /// across the users components, so this is their average. 0 without any.
    pub fn peak_rps_per_user(&self) -> f64 {
        let users = self.components.iter().filter(|c| c.kind == crate::ComponentKind::Users);
        let (sum, count) = users.fold((0.0, 0.0), |(sum, count), c| (sum + c.peak_rps(1.0), count + 1.0));
        if count > 0.0 { sum / count } else { 0.0 }
    }
}

/// Why a typed user count was not understood.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UsersParseError {
    #[error("type a number of users, such as 250K, 1.5M or 1B")]
    Empty,
    #[error("\"{0}\" is not a number of users; use digits with an optional K, M or B")]
    NotANumber(String),
    #[error("{0} users is outside the range of 1 to 10B")]
    OutOfRange(String),
}

/// Reads a user count as people type it: `1000`, `1,000`, `250K`, `1.5M`, `1B`, `1e6`.
pub fn parse_users(text: &str) -> Result<f64, UsersParseError> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',' && *c != '_' && !c.is_whitespace()).collect();
    if cleaned.is_empty() {
        return Err(UsersParseError::Empty);
    }
    let (digits, scale) = match cleaned.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&cleaned[..cleaned.len() - 1], 1e3),
        Some('M') => (&cleaned[..cleaned.len() - 1], 1e6),
        Some('B') | Some('G') => (&cleaned[..cleaned.len() - 1], 1e9),
        _ => (cleaned.as_str(), 1.0),
    };
    let value = crate::number::parse_decimal(digits)
        .map(|v| v * scale)
        .ok_or_else(|| UsersParseError::NotANumber(text.trim().to_owned()))?;
    if !(MIN_USERS..=MAX_USERS).contains(&value) {
        return Err(UsersParseError::OutOfRange(text.trim().to_owned()));
    }
    Ok(value.round())
}

/// Formats a count compactly for people: 950, 12.5K, 2.56M, 1B.
pub fn format_count(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "B")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e3 {
        (value / 1e3, "K")
    } else {
        (value, "")
    };
    let text = if scaled.abs() >= 100.0 || suffix.is_empty() && scaled.fract().abs() < 1e-9 {
        fixed(scaled, 0)
    } else if scaled.abs() >= 10.0 {
        fixed(scaled, 1)
    } else {
        fixed(scaled, 2)
    };
    let trimmed = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    format!("{trimmed}{suffix}")
}
