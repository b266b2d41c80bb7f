//! Numbers as text, both ways, without the standard library's float code in the page's
//! wasm.
//!
//! Reading a decimal number as people type it: `42`, `-1.5`, `.5`, `5.`, `+3`, `1e6`,
//! `2.5E-3`. Nothing else: no `inf`, no `NaN`, no hexadecimal, no spaces.
//!
//! The digits go through serde_json's number reader, which the document's JSON needs
//! anyway. The standard library's float reader (`FromStr` for `f64`) would bring its own algorithm and a
//! 10 KB table of powers of five into the page's wasm, for no visible gain: serde_json
//! can be one unit in the last place off for numbers of 16 or 17 significant digits,
//! which no typed setting notices (and the document's JSON already reads them so).
//!
//! Writing: [`fixed`] (what `{:.N}` writes) by hand and [`shortest`] (what `{}` writes)
//! through zmij, the writer serde_json already brings for the document's JSON. The
//! standard library's float writer (`Display`, `Debug` and precision formats of `f64`:
//! Grisu and Dragon with their big-number arithmetic) cost the page's wasm 12 KB, 8 KB
//! gzipped. The page's crates write no `f64` through `format!` (a tidy test checks the
//! precision formats), and clamp with [`clamp`] where the bounds are not constants
//! (`f64::clamp`'s panic message writes them with `Debug`).

use std::fmt::Write as _;

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

/// The most decimals [`fixed`] works out; any more are written as zeros.
pub const MAX_FIXED_DECIMALS: usize = 15;

/// `value` with `decimals` digits after the point, as `format!("{value:.decimals$}")`
/// writes it: `fixed(2.345, 1)` is `2.3`, `fixed(0.96, 1)` is `1.0`, `fixed(-0.04, 1)` is
/// `-0.0`, `fixed(7.4, 0)` is `7`; `inf`, `-inf` and `NaN` as they are.
///
/// The same text as the standard library's for every magnitude below 2^64 and up to
/// [`MAX_FIXED_DECIMALS`] decimals: the exact binary value rounded half to even
/// (`fixed(0.125, 2)` is `0.12`; `fixed(2.675, 2)` is `2.67`, the stored value being
/// 2.67499999...). Beyond that the two differ: decimals past the 15th are written as
/// zeros where the standard library writes the binary value's exact digits, and a
/// magnitude of 2^64 or more (about 1.8e19) is written as [`shortest`] writes it.
pub fn fixed(value: f64, decimals: usize) -> String {
    let mut text = String::new();
    push_fixed(&mut text, value, decimals);
    text
}

/// [`fixed`], appended to `out`: a chart's path writes thousands of them.
pub fn push_fixed(out: &mut String, value: f64, decimals: usize) {
    if !value.is_finite() || value.abs() >= TWO_POW_64 {
        out.push_str(&shortest(value));
        return;
    }
    if value.is_sign_negative() {
        out.push('-');
    }
    // The whole part and the fraction are both exact in binary: only the fraction is rounded.
    let magnitude = value.abs();
    let whole_part = libm::trunc(magnitude);
    let worked = decimals.min(MAX_FIXED_DECIMALS);
    let scale = (0..worked).fold(1u64, |scale, _| scale * 10);
    let mut whole = whole_part as u64;
    let mut fraction = scaled_fraction(magnitude - whole_part, scale as f64, whole % 2 == 1);
    if fraction == scale {
        // 0.96 to one decimal is 1.0.
        whole += 1;
        fraction = 0;
    }
    let _ = write!(out, "{whole}");
    if decimals > 0 {
        out.push('.');
        let mut unit = scale;
        while unit > 1 {
            unit /= 10;
            out.push(char::from(b'0' + (fraction / unit % 10) as u8));
        }
        out.extend(std::iter::repeat_n('0', decimals - worked));
    }
}

/// `value` in the fewest digits that read back as the same `f64`: what
/// `format!("{value}")` writes (`3`, `0.1`, `-2.5`, `1234567.8`, `-0`, `inf`, `NaN`) for
/// magnitudes from 1e-5 up to 1e16 and zero; outside that range, in exponent form as
/// `format!("{value:e}")` writes it (`1.5e300`, `2e-7`), where the standard library's
/// `{}` would write hundreds of digits or zeros. The digits are the standard library's
/// (the fewest that read back, and of those the closest to the value) except at an exact
/// tie between the two closest: zmij takes the even one, the standard library the upper,
/// one unit apart in the last digit (`114336360991259.62` here, `.63` there, for the
/// float 114336360991259.625).
pub fn shortest(value: f64) -> String {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format(value);
    // zmij writes integers as "3.0" and exponents as "e+16".
    let text = text.strip_suffix(".0").unwrap_or(text);
    text.replacen("e+", "e", 1)
}

/// `value.clamp(low, high)` for bounds the compiler cannot see are in order: the same
/// result (NaN stays NaN) when `low <= high`, and `high` rather than a panic when not.
/// `f64::clamp`'s panic message writes both bounds with `Debug`, which would bring the
/// standard library's float writer into the page's wasm.
pub fn clamp(value: f64, low: f64, high: f64) -> f64 {
    if value < low {
        low.min(high)
    } else if value > high {
        high
    } else {
        value
    }
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

/// 2^64: from here on a float's whole part does not fit a `u64`.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

/// `fraction` (in [0, 1)) times `scale` (a power of ten up to 1e15), rounded to a whole
/// number as the exact product rounds, half to even (`whole_odd`: whether the whole part
/// before it is odd, which decides a tie when there are no decimals). The product is
/// below 2^50, where every half is a float: rounding it to a float keeps it on its side
/// of a half, or puts it on the half, and then the exact remainder of the product (`fma`)
/// tells which side it was on, or that it was a true tie.
fn scaled_fraction(fraction: f64, scale: f64, whole_odd: bool) -> u64 {
    let product = fraction * scale;
    let below = libm::floor(product);
    let rest = product - below;
    let up = if rest == 0.5 {
        let remainder = libm::fma(fraction, scale, -product);
        let odd = if scale == 1.0 { whole_odd } else { below % 2.0 == 1.0 };
        remainder > 0.0 || remainder == 0.0 && odd
    } else {
        rest > 0.5
    };
    below as u64 + u64::from(up)
}

#[cfg(test)]
mod tests {
    use super::{TWO_POW_64, fixed, parse_decimal, shortest};
    use proptest::prelude::*;

    /// The next state of the tests' linear congruential generator (Knuth's MMIX constants).
    fn next_state(state: u64) -> u64 {
        state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407)
    }

    /// What the standard library writes where [`shortest`] means to write the same.
    fn std_shortest(value: f64) -> String {
        if value == 0.0 || !value.is_finite() || (1e-5..1e16).contains(&value.abs()) {
            format!("{value}")
        } else {
            format!("{value:e}")
        }
    }

    /// [`shortest`] writes what the standard library writes, but where the value lies
    /// exactly halfway between the two nearest candidates of the fewest digits: then zmij
    /// takes the even one and the standard library the upper one, one unit apart in the
    /// last digit (`114336360991259.62` and `.63` for 114336360991259.625).
    fn agrees_but_for_ties(value: f64) -> Result<(), TestCaseError> {
        let (ours, std) = (shortest(value), std_shortest(value));
        if ours != std {
            prop_assert_eq!(ours.parse::<f64>(), Ok(value), "{} reads back", ours);
            let split = |text: &str| {
                let (mantissa, exponent) = text.split_once('e').unwrap_or((text, ""));
                (mantissa.to_owned(), exponent.to_owned())
            };
            let ((ours_mantissa, ours_exponent), (std_mantissa, std_exponent)) = (split(&ours), split(&std));
            prop_assert_eq!(ours_exponent, std_exponent);
            prop_assert_eq!(ours_mantissa.find('.'), std_mantissa.find('.'));
            let digits = |m: &str| m.chars().filter(char::is_ascii_digit).collect::<String>().parse::<u64>();
            let (ours_digits, std_digits) = (digits(&ours_mantissa).unwrap(), digits(&std_mantissa).unwrap());
            prop_assert!(ours_digits % 2 == 0 && std_digits == ours_digits + 1, "{} vs {}", ours, std);
        }
        Ok(())
    }

    #[test]
    fn clamp_is_the_standard_clamp_without_its_panic() {
        let values = [-f64::INFINITY, -2.0, -0.0, 0.0, 0.5, 1.0, 3.0, f64::INFINITY];
        for value in values {
            for low in values {
                for high in values.iter().copied().filter(|high| low <= *high) {
                    let expected = value.clamp(low, high);
                    assert_eq!(
                        super::clamp(value, low, high).to_bits(),
                        expected.to_bits(),
                        "{value} in {low}..{high}"
                    );
                }
            }
        }
        assert!(super::clamp(f64::NAN, 0.0, 1.0).is_nan());
        assert_eq!(super::clamp(5.0, 2.0, 1.0), 1.0);
    }

    #[test]
    fn fixed_writes_what_the_standard_library_writes() {
        for (value, decimals, text) in [
            (2.345, 1, "2.3"),
            (0.96, 1, "1.0"),
            (9.96, 1, "10.0"),
            (-0.04, 1, "-0.0"),
            (-0.0, 2, "-0.00"),
            (0.0, 0, "0"),
            (7.4, 0, "7"),
            (-1234.5678, 3, "-1234.568"),
            (1e-300, 4, "0.0000"),
            (4_503_599_627_370_497.0, 1, "4503599627370497.0"),
            (1.8e19, 2, "18000000000000000000.00"),
            // Ties, on the exact binary value: half to even.
            (0.5, 0, "0"),
            (1.5, 0, "2"),
            (2.5, 0, "2"),
            (0.125, 2, "0.12"),
            (0.375, 2, "0.38"),
            (-0.625, 2, "-0.62"),
            // Not ties: stored as 2.67499999... and 1.01499999...
            (2.675, 2, "2.67"),
            (1.015, 2, "1.01"),
            // Times 1000 in floats both are ties (2.5, 4.5); the stored values are just
            // above (0.0025000000000000000520...) and just below (0.0044999999999999996...).
            (0.0025, 3, "0.003"),
            (0.0045, 3, "0.004"),
            (f64::INFINITY, 1, "inf"),
            (f64::NEG_INFINITY, 0, "-inf"),
            (f64::NAN, 2, "NaN"),
        ] {
            assert_eq!(fixed(value, decimals), text, "{value} to {decimals}");
            assert_eq!(format!("{value:.decimals$}"), text, "the standard library, {value} to {decimals}");
        }
    }

    #[test]
    fn fixed_differs_from_the_standard_library_only_past_its_limits() {
        // From 2^64 on, the shortest form; the standard library writes every digit.
        assert_eq!(fixed(1e20, 1), "1e20");
        assert_eq!(format!("{:.1}", 1e20), "100000000000000000000.0");
        assert_eq!(fixed(-TWO_POW_64, 0), "-1.8446744073709552e19");
        // Past the 15th decimal, zeros; the standard library writes the binary value's digits.
        assert_eq!(fixed(0.1, 20), "0.10000000000000000000");
        assert_eq!(format!("{:.20}", 0.1), "0.10000000000000000555");
    }

    #[test]
    fn fixed_agrees_with_the_standard_library_on_decimal_looking_numbers() {
        // Numbers of a few significant digits at every scale, with every precision up to
        // the limit: near-ties of the decimal kind that a float product gets wrong.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state = next_state(state);
            let digits = (state >> 40) % 100_000;
            let value = digits as f64 * 10f64.powi(((state >> 20) % 16) as i32 - 10);
            let value = if state & 1 == 1 { -value } else { value };
            let decimals = ((state >> 8) % 16) as usize;
            assert_eq!(fixed(value, decimals), format!("{value:.decimals$}"), "{value} to {decimals}");
        }
    }

    proptest! {
        #[test]
        fn fixed_agrees_with_the_standard_library_below_2_pow_64(
            bits in 0..TWO_POW_64.to_bits(),
            negative in any::<bool>(),
            decimals in 0..=super::MAX_FIXED_DECIMALS,
        ) {
            let value = if negative { -f64::from_bits(bits) } else { f64::from_bits(bits) };
            prop_assert_eq!(fixed(value, decimals), format!("{value:.decimals$}"));
        }

        #[test]
        fn fixed_agrees_with_the_standard_library_on_everyday_magnitudes(
            value in -1e9..1e9_f64,
            decimals in 0..=super::MAX_FIXED_DECIMALS,
        ) {
            prop_assert_eq!(fixed(value, decimals), format!("{value:.decimals$}"));
        }

        #[test]
        fn shortest_agrees_with_the_standard_library(bits in any::<u64>()) {
            let value = f64::from_bits(bits);
            agrees_but_for_ties(value)?;
        }

        #[test]
        fn shortest_agrees_with_the_standard_library_on_everyday_magnitudes(value in -1e9..1e9_f64) {
            agrees_but_for_ties(value)?;
        }
    }

    #[test]
    fn shortest_writes_integers_without_a_point_and_extremes_with_an_exponent() {
        for (value, text) in [
            (3.0, "3"),
            (-0.0, "-0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1234567.8, "1234567.8"),
            (1e15, "1000000000000000"),
            (9_007_199_254_740_993.0, "9007199254740992"),
            (1e16, "1e16"),
            (1.5e300, "1.5e300"),
            (0.00001, "0.00001"),
            (2e-7, "2e-7"),
            (f64::MIN_POSITIVE / 4.0, "5.562684646268003e-309"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(shortest(value), text, "{value}");
            assert_eq!(std_shortest(value), text, "the standard library, {value}");
        }
        // The float 114336360991259.625, a tie between the two candidates of 17 digits:
        // the even one here, the upper one in the standard library.
        let tie = f64::from_bits(0x42D9_FF40_8BA2_86E8);
        assert_eq!(shortest(tie), "114336360991259.62");
        assert_eq!(format!("{tie}"), "114336360991259.63");
    }

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
            state = next_state(state);
            let digits = (state >> 40) % 1_000_000;
            let scale = 10f64.powi(((state >> 20) % 9) as i32 - 4);
            let text = format!("{}", digits as f64 * scale);
            let ours = parse_decimal(&text).expect("a number");
            let std: f64 = text.parse().expect("a number");
            assert!((ours - std).abs() <= std.abs() * 2.0 * f64::EPSILON, "{text}: {ours} vs {std}");
        }
    }
}
