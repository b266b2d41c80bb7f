//! Reading a decimal number as people type it: `42`, `-1.5`, `.5`, `5.`, `+3`, `1e6`,
//! `2.5E-3`. Nothing else: no `inf`, no `NaN`, no hexadecimal, no spaces.
//!
//! The digits go through serde_json's number reader, which the document's JSON needs
//! anyway. The standard library's float reader (`FromStr` for `f64`) would bring its own algorithm and a
//! 10 KB table of powers of five into the page's wasm, for no visible gain: serde_json
//! can be one unit in the last place off for numbers of 16 or 17 significant digits,
//! which no typed setting notices (and the document's JSON already reads them so).

/// The number `text` spells, or `None` if it is not a finite decimal number.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let negative = text.starts_with('-');
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) || whole.is_empty() && fraction.is_none_or(str::is_empty) {
        return None;
    }
    if let Some(exponent) = exponent {
        let exponent_digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        if exponent_digits.is_empty() || !digits(exponent_digits) {
            return None;
        }
    }
    // Rewritten in JSON's grammar: a leading zero where the whole part is missing or has
    // more digits than JSON allows to start with 0, and at least one digit after a point.
    let mut json = String::with_capacity(text.len() + 3);
    if negative {
        json.push('-');
    }
    let whole = whole.trim_start_matches('0');
    json.push_str(if whole.is_empty() { "0" } else { whole });
    if let Some(fraction) = fraction.filter(|f| !f.is_empty()) {
        json.push('.');
        json.push_str(fraction);
    }
    if let Some(exponent) = exponent {
        json.push('e');
        json.push_str(exponent);
    }
    serde_json::from_str::<f64>(&json).ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn reads_what_people_type() {
        for (text, expected) in [
            ("42", 42.0),
            ("-1.5", -1.5),
            ("+3", 3.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("-.25", -0.25),
            ("007", 7.0),
            ("0.1", 0.1),
            ("1e6", 1e6),
            ("2.5E-3", 2.5e-3),
            ("1e+2", 100.0),
            ("0", 0.0),
            ("123456789012", 123_456_789_012.0),
        ] {
            assert_eq!(parse_decimal(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn refuses_anything_else() {
        for text in [
            "", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "1,000", " 1", "1 ", "inf", "NaN", "0x10", "1e400",
            "--1", "1f",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn agrees_with_the_standard_reader_on_ordinary_numbers() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..2_000 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let digits = (state >> 40) % 1_000_000;
            let scale = 10f64.powi(((state >> 20) % 9) as i32 - 4);
            let text = format!("{}", digits as f64 * scale);
            let ours = parse_decimal(&text).expect("a number");
            let std: f64 = text.parse().expect("a number");
            assert!((ours - std).abs() <= std.abs() * 2.0 * f64::EPSILON, "{text}: {ours} vs {std}");
        }
    }
}
