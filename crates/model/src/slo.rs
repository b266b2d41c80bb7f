//! Service-level objectives written as k6 thresholds: `p(99)<200` (latency in
//! milliseconds at a percentile the engine reports) and `errors<0.1%` (the share of
//! requests that fail, as a percentage or a fraction). A design keeps them with its
//! scenario; the page shows each as passed or failed.

use serde::Serialize;

use crate::number::parse_decimal;

/// Most thresholds a design may hold.
pub const MAX_THRESHOLDS: usize = 20;

/// What a threshold measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    P50,
    P95,
    P99,
    /// The share of requests that fail, from 0 to 1.
    Errors,
}

/// A k6-style threshold. Written (and shown) as the text it was read from, trimmed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(into = "String")]
pub struct Threshold {
    pub metric: Metric,
    /// True for `<` and `<=`: the measured value must stay below the limit.
    pub below: bool,
    /// Whether the limit itself passes (`<=`, `>=`).
    pub inclusive: bool,
    /// Milliseconds for a percentile; a share (0.001 for 0.1 %) for errors.
    pub limit: f64,
    text: String,
}

impl From<Threshold> for String {
    fn from(threshold: Threshold) -> Self {
        threshold.text
    }
}

impl Threshold {
    /// Reads `p(99)<200`, `p(95) <= 150ms`, `errors<0.1%`, `errors<0.001`.
    pub fn parse(text: &str) -> Result<Threshold, String> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let shown = text.trim();
        let at = compact.find(['<', '>']).ok_or_else(|| format!("\"{shown}\" has no < or >, as in p(99)<200"))?;
        let (name, rest) = compact.split_at(at);
        let below = rest.starts_with('<');
        let inclusive = rest.get(1..2) == Some("=");
        let value = rest.get(if inclusive { 2.. } else { 1.. }).unwrap_or_default();
        let metric = match name {
            "p(50)" | "med" => Metric::P50,
            "p(95)" => Metric::P95,
            "p(99)" => Metric::P99,
            "errors" => Metric::Errors,
            _ => {
                return Err(format!(
                    "\"{shown}\": the engine reports p(50), p(95) and p(99) (latency in ms) and errors (a share of \
                     requests, such as 0.1%)"
                ));
            }
        };
        let limit = match (metric, value.strip_suffix('%')) {
            (Metric::Errors, Some(percent)) => parse_decimal(percent).map(|p| p / 100.0),
            (Metric::Errors, None) => parse_decimal(value),
            (_, _) => parse_decimal(value.strip_suffix("ms").unwrap_or(value)),
        };
        let limit = limit
            .filter(|l| l.is_finite() && *l >= 0.0)
            .ok_or_else(|| format!("\"{shown}\": \"{value}\" is not a limit of at least 0"))?;
        Ok(Threshold { metric, below, inclusive, limit, text: shown.to_owned() })
    }

    /// Reads a list separated by commas or semicolons; empty entries are skipped.
    pub fn parse_list(text: &str) -> Result<Vec<Threshold>, String> {
        let list: Vec<Threshold> =
            text.split([',', ';']).filter(|t| !t.trim().is_empty()).map(Threshold::parse).collect::<Result<_, _>>()?;
        if list.len() > MAX_THRESHOLDS {
            return Err(format!("{} thresholds; at most {MAX_THRESHOLDS}", list.len()));
        }
        Ok(list)
    }

    /// The threshold as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether `value` (in the metric's unit) meets the threshold.
    pub fn holds(&self, value: f64) -> bool {
        match (self.below, self.inclusive) {
            (true, false) => value < self.limit,
            (true, true) => value <= self.limit,
            (false, false) => value > self.limit,
            (false, true) => value >= self.limit,
        }
    }
}
