//! k6 stage tables in and out: durations in k6's notation, targets read as requests/s and
//! converted to users, and every malformed table refused with the stage and field named.

use scalelab_model::Stage;
use scalelab_model::k6::{export_stages, format_duration, import_stages, parse_duration};

const RPS_PER_USER: f64 = 0.01;

#[test]
fn durations_read_and_write_as_k6_writes_them() {
    for (text, seconds) in
        [("30s", 30.0), ("1m30s", 90.0), ("2h", 7_200.0), ("1.5m", 90.0), ("500ms", 0.5), ("10", 10.0)]
    {
        assert_eq!(parse_duration(text), Ok(seconds), "{text}");
    }
    for seconds in [1.0, 59.0, 60.0, 90.0, 3_600.0, 3_661.0, 0.25] {
        assert_eq!(parse_duration(&format_duration(seconds)), Ok(seconds), "{seconds}");
    }
    for bad in ["", "5x", "m", "-3s", "1e999s", "40d"] {
        assert!(parse_duration(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_k6_table_imports_as_users_and_says_how_it_was_read() {
    let text = r#"{"stages": [{"duration": "30s", "target": 100}, {"duration": "1m", "target": 500}, {"duration": "10s", "target": 0}]}"#;
    let imported = import_stages(text, RPS_PER_USER).expect("valid");
    assert_eq!(
        imported.stages,
        vec![
            Stage { duration_s: 30.0, target_users: 10_000.0 },
            Stage { duration_s: 60.0, target_users: 50_000.0 },
            Stage { duration_s: 10.0, target_users: 0.0 },
        ]
    );
    assert!(
        imported.note.contains("closed model") && imported.note.contains("requests per second"),
        "{}",
        imported.note
    );
    // A bare array works too, and an export reads back the same.
    let again = import_stages(&export_stages(&imported.stages, RPS_PER_USER), RPS_PER_USER).expect("round trip");
    assert_eq!(again.stages, imported.stages);
    let bare = import_stages(r#"[{"duration": "5s", "target": 1}]"#, RPS_PER_USER).expect("bare");
    assert_eq!(bare.stages, vec![Stage { duration_s: 5.0, target_users: 100.0 }]);
}

#[test]
fn malformed_tables_are_refused_by_stage_and_field() {
    let cases = [
        ("[]", "1 to 100"),
        ("{}", "not k6 stages"),
        (r#"{"stages": 3}"#, "no \"stages\" list"),
        (r#"[{"duration": "30s"}]"#, "stage 1: needs a \"duration\" and a \"target\""),
        ("nonsense", "not k6 stages"),
        (r#"[{"duration": 30, "target": 1}]"#, "stage 1: duration must be a string"),
        (r#"[{"duration": "30s", "target": 1}, {"duration": "1q", "target": 1}]"#, "stage 2: duration"),
        (r#"[{"duration": "30s", "target": -5}]"#, "stage 1: target"),
        (r#"[{"duration": "30s", "target": "many"}]"#, "stage 1: target"),
        (r#"[{"duration": "30s", "target": 1e300}]"#, "above the"),
        (r#"[{"duration": "480h", "target": 1}, {"duration": "480h", "target": 1}]"#, "31 days"),
    ];
    for (text, expected) in cases {
        let error = import_stages(text, RPS_PER_USER).expect_err(text);
        assert!(error.contains(expected), "{text}: {error}");
    }
    assert!(import_stages(&"x".repeat(300_000), RPS_PER_USER).expect_err("too big").contains("bytes"));
    assert!(import_stages("[]", 0.0).is_err());
}
