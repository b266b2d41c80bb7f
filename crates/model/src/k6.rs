//! k6 `stages`: import a stage table from a k6 script's options, export one back. k6's
//! `target` counts virtual users, a closed model (each user waits for its response before
//! the next request); scalelab's traffic is open (arrivals do not wait), so a target is
//! read as requests per second and converted to the users that make them at the design's
//! rate per user. The import says so in its note.

use serde_json::Value;

use crate::number::{fixed, shortest};
use crate::traffic::{MAX_USERS, Stage};

/// Most stages a table may have.
pub const MAX_STAGES: usize = 100;
/// Longest a table may last in all: 31 days, the longest run.
pub const MAX_TOTAL_S: f64 = 31.0 * 86_400.0;
/// Most bytes of k6 JSON read.
pub const MAX_BYTES: usize = 256 * 1024;

/// Stages read from k6, with what the reading assumed.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub stages: Vec<Stage>,
    pub note: String,
}

/// Reads k6 stages (`[{"duration": "30s", "target": 100}, ...]`, or an options object
/// with a `stages` key). `rps_per_user` converts a target, read as requests/s, to users.
pub fn import_stages(text: &str, rps_per_user: f64) -> Result<Imported, String> {
    if text.len() > MAX_BYTES {
        return Err(format!("the k6 stages are {} bytes; at most {MAX_BYTES} are read", text.len()));
    }
    if !(rps_per_user.is_finite() && rps_per_user > 0.0) {
        return Err(format!(
            "the design makes {} requests/s per user, so no target converts to users",
            shortest(rps_per_user)
        ));
    }
    // Read as a JSON value and walked, rather than through derived types: the reader of
    // values is in the page's wasm already, and an untagged enum would add several KB.
    let expected = "expected [{\"duration\": \"30s\", \"target\": 100}, ...] or {\"stages\": [...]}";
    let parsed: Value = serde_json::from_str(text).map_err(|e| format!("not k6 stages ({expected}): {e}"))?;
    let raw = match &parsed {
        Value::Array(stages) => stages,
        Value::Object(options) => match options.get("stages") {
            Some(Value::Array(stages)) => stages,
            _ => return Err(format!("not k6 stages: no \"stages\" list ({expected})")),
        },
        _ => return Err(format!("not k6 stages ({expected})")),
    };
    if raw.is_empty() || raw.len() > MAX_STAGES {
        return Err(format!("k6 stages: {} stages; 1 to {MAX_STAGES} are accepted", raw.len()));
    }
    let mut stages = Vec::with_capacity(raw.len());
    let mut total = 0.0;
    for (i, stage) in raw.iter().enumerate() {
        let n = i + 1;
        let (Some(duration), Some(target)) = (stage.get("duration"), stage.get("target")) else {
            return Err(format!("stage {n}: needs a \"duration\" and a \"target\""));
        };
        let duration_s = match duration {
            Value::String(text) => parse_duration(text).map_err(|e| format!("stage {n}: duration: {e}"))?,
            other => {
                return Err(format!("stage {n}: duration must be a string such as \"1m30s\", not {}", shown(other)));
            }
        };
        let target = target
            .as_f64()
            .filter(|t| t.is_finite() && *t >= 0.0)
            .ok_or_else(|| format!("stage {n}: target must be a number of at least 0, not {}", shown(target)))?;
        let target_users = target / rps_per_user;
        if target_users > MAX_USERS {
            return Err(format!(
                "stage {n}: target {} requests/s is {} users, above the limit of {}",
                shortest(target),
                crate::format_count(target_users),
                crate::format_count(MAX_USERS)
            ));
        }
        total += duration_s;
        stages.push(Stage { duration_s, target_users });
    }
    if total > MAX_TOTAL_S {
        return Err(format!("k6 stages: {} s in all; at most {} s (31 days)", shortest(total), shortest(MAX_TOTAL_S)));
    }
    let note = format!(
        "k6 counts virtual users that wait for their responses (a closed model); here each target is read as \
         requests per second arriving regardless of responses (an open model) and converted to users at this \
         design's {} requests/s per user at the peak.",
        fixed(rps_per_user, 4)
    );
    Ok(Imported { stages, note })
}

/// A JSON value in an error message, without writing JSON (which the page does not link).
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => format!("\"{text}\""),
        Value::Number(number) => number.to_string(),
        Value::Bool(yes) => yes.to_string(),
        Value::Null => "null".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// Writes stages as k6 options (`{"stages": [...]}`), each target in requests/s at
/// `rps_per_user` (rounded to a whole number, as k6 wants).
pub fn export_stages(stages: &[Stage], rps_per_user: f64) -> String {
    let items: Vec<String> = stages
        .iter()
        .map(|s| {
            let target = (s.target_users * rps_per_user).round().max(0.0);
            format!("    {{ \"duration\": \"{}\", \"target\": {} }}", format_duration(s.duration_s), fixed(target, 0))
        })
        .collect();
    format!("{{\n  \"stages\": [\n{}\n  ]\n}}\n", items.join(",\n"))
}

/// A k6 duration: numbers with units `h`, `m`, `s`, `ms`, `us` or `µs`, e.g. "1h30m", "90s",
/// "1.5m", "500ms". A bare number is seconds.
pub fn parse_duration(text: &str) -> Result<f64, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty".to_owned());
    }
    if let Some(seconds) = crate::number::parse_decimal(text) {
        return check_duration(seconds, text);
    }
    let mut total = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let number_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_len);
        let value = crate::number::parse_decimal(number)
            .ok_or_else(|| format!("\"{text}\" is not a duration such as \"1m30s\""))?;
        let unit_len = after.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(after.len());
        let (unit, next) = after.split_at(unit_len);
        let scale = match unit {
            "h" => 3_600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "us" | "µs" => 1e-6,
            _ => return Err(format!("\"{text}\": unknown unit \"{unit}\" (use h, m, s, ms or us)")),
        };
        total += value * scale;
        rest = next;
    }
    check_duration(total, text)
}

fn check_duration(seconds: f64, text: &str) -> Result<f64, String> {
    if seconds.is_finite() && seconds > 0.0 && seconds <= MAX_TOTAL_S {
        Ok(seconds)
    } else {
        Err(format!("\"{text}\" must be above 0 and at most 31 days"))
    }
}

/// Seconds as a k6 duration ("1h2m3s", "1.5s").
pub fn format_duration(seconds: f64) -> String {
    let whole = seconds.floor();
    if (seconds - whole).abs() > 1e-9 || seconds < 1.0 {
        return format!("{}s", shortest((seconds * 1_000.0).round() / 1_000.0));
    }
    let whole = whole as u64;
    let (h, m, s) = (whole / 3_600, whole / 60 % 60, whole % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}
