//! Objectives as k6 thresholds: what is read, what is refused and why, and whether a
//! measured value meets one.

use scalelab_model::Document;
use scalelab_model::slo::{MAX_THRESHOLDS, Metric, Threshold};

#[test]
fn thresholds_read_as_k6_writes_them() {
    let cases = [
        ("p(99)<200", Metric::P99, true, false, 200.0),
        (" p(95) <= 150ms ", Metric::P95, true, true, 150.0),
        ("p(50)>=1", Metric::P50, false, true, 1.0),
        ("med<80", Metric::P50, true, false, 80.0),
        ("errors<0.1%", Metric::Errors, true, false, 0.001),
        ("errors<0.01", Metric::Errors, true, false, 0.01),
    ];
    for (text, metric, below, inclusive, limit) in cases {
        let t = Threshold::parse(text).unwrap();
        assert_eq!((t.metric, t.below, t.inclusive), (metric, below, inclusive), "{text}");
        assert!((t.limit - limit).abs() < 1e-12, "{text}: {}", t.limit);
        assert_eq!(t.text(), text.trim());
    }
    let p99 = Threshold::parse("p(99)<200").unwrap();
    assert!(p99.holds(199.9) && !p99.holds(200.0) && !p99.holds(f64::NAN));
    let at_most = Threshold::parse("p(99)<=200").unwrap();
    assert!(at_most.holds(200.0) && !at_most.holds(200.1));
    assert!(Threshold::parse("p(50)>10").unwrap().holds(11.0));
}

#[test]
fn what_is_not_a_threshold_is_named() {
    let cases = [
        ("p(99)", "has no < or >"),
        ("p(98)<200", "the engine reports p(50), p(95) and p(99)"),
        ("avg<100", "the engine reports"),
        ("p(99)<fast", "\"fast\" is not a limit of at least 0"),
        ("errors<-1%", "is not a limit of at least 0"),
    ];
    for (text, expected) in cases {
        let error = Threshold::parse(text).unwrap_err();
        assert!(error.contains(expected), "{text}: {error}");
    }
    let list = Threshold::parse_list("p(99)<200; errors<0.1%, ,").unwrap();
    assert_eq!(list.iter().map(Threshold::text).collect::<Vec<_>>(), ["p(99)<200", "errors<0.1%"]);
    let many = vec!["p(99)<1"; MAX_THRESHOLDS + 1].join(",");
    assert!(Threshold::parse_list(&many).unwrap_err().contains("at most 20"));
}

#[test]
fn a_design_keeps_its_thresholds_as_written() {
    let mut doc = Document::default_topology();
    doc.scenario.thresholds = Threshold::parse_list("p(99)<200, errors<0.1%").unwrap();
    let text = doc.to_json_pretty();
    assert!(text.contains("\"thresholds\": [\n      \"p(99)<200\",\n      \"errors<0.1%\"\n    ]"), "{text}");
    assert_eq!(Document::from_json(&text).unwrap(), doc);
    let bad = text.replace("errors<0.1%", "errors<lots");
    let error = Document::from_json(&bad).unwrap_err().to_string();
    assert!(error.contains("scenario.thresholds[1]: \"errors<lots\": \"lots\" is not a limit"), "{error}");
    // A version 1 design (before thresholds) opens as it was, at the current version.
    let v1 = Document::default_topology().to_json_pretty().replace("\"schema_version\": 2", "\"schema_version\": 1");
    assert_eq!(Document::from_json(&v1).unwrap(), Document::default_topology());
}
