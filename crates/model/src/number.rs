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

/// cos(2 pi `turns`): the cosine of a whole number of turns plus a fraction, reduced
/// exactly to the first eighth of a turn and summed as a polynomial. The daily curve and
/// the wave shape need only this; `libm`'s general argument reduction (with its table of
/// the bits of 2/pi) would cost the page's wasm several kilobytes more. Within 2e-16 of
/// the true value for any finite `turns`.
pub fn cos_turns(turns: f64) -> f64 {
    if !turns.is_finite() {
        return f64::NAN;
    }
    // The fraction of a turn, then by symmetry an angle in [0, pi/4].
    let fraction = turns - libm::floor(turns);
    let half = if fraction > 0.5 { 1.0 - fraction } else { fraction }; // cos is even
    let (quarter, sign) = if half > 0.25 { (0.5 - half, -1.0) } else { (half, 1.0) }; // cos(pi - x) = -cos x
    let x = 2.0 * std::f64::consts::PI * quarter;
    if quarter > 0.125 {
        // cos x = sin(pi/2 - x)
        sign * sin_series(2.0 * std::f64::consts::PI * (0.25 - quarter))
    } else {
        sign * cos_series(x)
    }
}

/// sin(2 pi `turns`), as [`cos_turns`] a quarter turn earlier.
pub fn sin_turns(turns: f64) -> f64 {
    cos_turns(turns - 0.25)
}

/// Taylor series of cos for |x| <= pi/4: the terms beyond x^16 are below 1e-19.
fn cos_series(x: f64) -> f64 {
    1.0 - taylor_tail(x * x, 16.0)
}

/// Taylor series of sin for |x| <= pi/4.
fn sin_series(x: f64) -> f64 {
    x * (1.0 - taylor_tail(x * x, 17.0))
}

/// x2/((k0-1)k0) (1 - x2/((k0-3)(k0-2)) (1 - ...)) down to the first term, by Horner's
/// rule from the smallest: the alternating tail shared by the sine and cosine series.
fn taylor_tail(x2: f64, k0: f64) -> f64 {
    let mut sum = 0.0;
    let mut k = k0;
    while k > 1.0 {
        sum = (1.0 - sum) * x2 / (k * (k - 1.0));
        k -= 2.0;
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn cosines_and_sines_of_turns_match_the_library_s() {
        use super::{cos_turns, sin_turns};
        for i in -2_000..=2_000 {
            let turns = f64::from(i) * 0.001_37 + 0.000_1;
            let angle = 2.0 * std::f64::consts::PI * turns;
            assert!((cos_turns(turns) - libm::cos(angle)).abs() < 1e-14, "cos at {turns}");
            assert!((sin_turns(turns) - libm::sin(angle)).abs() < 1e-14, "sin at {turns}");
        }
        for (turns, cos) in [(0.0, 1.0), (0.25, 0.0), (0.5, -1.0), (0.75, 0.0), (1.0, 1.0), (1e9 + 0.5, -1.0)] {
            assert!((cos_turns(turns) - cos).abs() < 1e-15, "{turns}");
        }
        assert!(cos_turns(f64::INFINITY).is_nan());
    }

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
