//! Pins DESIGN.md's traffic arithmetic and the typed user-count parser.

use scalelab_model::{ComponentKind, Document, format_count, parse_users};

fn users_component() -> scalelab_model::Component {
    Document::default_topology().components.into_iter().find(|c| c.kind == ComponentKind::Users).unwrap()
}

#[test]
fn default_traffic_arithmetic_matches_the_design() {
    let users = users_component();
    // 1B users: ~0.98M requests/s on average, ~2.6M at the daily peak.
    let avg = users.average_rps(1e9);
    let peak = users.peak_rps(1e9);
    assert!((avg - 983_796.3).abs() < 1.0, "average at 1B users was {avg}");
    assert!((peak - 2_557_870.4).abs() < 1.0, "peak at 1B users was {peak}");
    // 1K users: ~1 request/s on average.
    let avg_1k = users.average_rps(1e3);
    assert!((avg_1k - 0.9838).abs() < 1e-3, "average at 1K users was {avg_1k}");
}

#[test]
fn the_rate_per_user_averages_the_users_components() {
    let mut doc = Document::default_topology();
    let per_user = doc.peak_rps_per_user();
    assert!((per_user * 1e9 - 2_557_870.4).abs() < 1.0, "per user: {per_user}");
    // A second users component at twice the rate: users split evenly, so 1.5 times.
    let heavy = users_component().with_param("requests_per_daily_user", 340.0);
    doc.components.push(scalelab_model::Component { id: scalelab_model::ComponentId("heavy".into()), ..heavy });
    assert!((doc.peak_rps_per_user() / per_user - 1.5).abs() < 1e-9);
    doc.components.retain(|c| c.kind != ComponentKind::Users);
    assert_eq!(doc.peak_rps_per_user(), 0.0);
}

#[test]
fn overridden_parameters_change_the_rate() {
    let users = users_component().with_param("requests_per_daily_user", 340.0);
    assert!((users.average_rps(1e9) - 2.0 * 983_796.3).abs() < 2.0);
}

#[test]
fn parses_user_counts_as_people_type_them() {
    let cases = [
        ("1000", 1e3),
        ("1,000", 1e3),
        ("250K", 250e3),
        ("250k", 250e3),
        ("1.5M", 1.5e6),
        (" 250M ", 250e6),
        ("1.5B", 1.5e9),
        ("1e6", 1e6),
        ("10B", 1e10),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_users(text), Ok(expected), "parsing {text:?}");
    }
}

#[test]
fn rejects_what_is_not_a_user_count() {
    for text in ["", "   ", "lots", "1.5X", "-5", "0", "11B", "NaN", "inf", "K"] {
        let error = parse_users(text).expect_err(text);
        assert!(!error.to_string().is_empty());
    }
    assert!(parse_users("-5").unwrap_err().to_string().contains("-5"));
}

#[test]
fn formats_counts_compactly() {
    let cases =
        [(950.0, "950"), (1_000.0, "1K"), (12_500.0, "12.5K"), (2_557_870.0, "2.56M"), (1e9, "1B"), (0.98, "0.98")];
    for (value, expected) in cases {
        assert_eq!(format_count(value), expected, "formatting {value}");
    }
}
