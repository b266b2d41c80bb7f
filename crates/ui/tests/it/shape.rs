//! The traffic shape's fields: shown as k6 durations, factors and user counts, read back
//! from what is typed, and the shapes a new choice starts from.

use scalelab_model::{Shape, Stage};
use scalelab_ui::shape::{default_shape, fields, with_field};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn fields_show_durations_factors_and_user_counts() {
    let spike = Shape::Spike { at_s: 1_200.0, duration_s: 90.0, factor: 2.5 };
    let shown: Vec<(String, String)> = fields(&spike).into_iter().map(|(key, _, value)| (key, value)).collect();
    assert_eq!(
        shown,
        [("at".into(), "20m".into()), ("duration".into(), "1m30s".into()), ("factor".into(), "2.5".into())]
    );
    let stages = Shape::Stages { stages: vec![Stage { duration_s: 30.0, target_users: 250_000.0 }] };
    let labelled = fields(&stages);
    assert_eq!(labelled[1].0, "t0");
    assert_eq!((labelled[1].1.as_str(), labelled[1].2.as_str()), ("Stage 1 target users", "250K"));
    assert!(fields(&Shape::Constant).is_empty());
}

#[wasm_bindgen_test]
fn typed_values_are_read_or_refused_with_the_reason() {
    let spike = Shape::Spike { at_s: 1_200.0, duration_s: 90.0, factor: 2.5 };
    assert_eq!(with_field(&spike, "at", "1h2m"), Ok(Shape::Spike { at_s: 3_720.0, duration_s: 90.0, factor: 2.5 }));
    assert_eq!(with_field(&spike, "factor", " 4 "), Ok(Shape::Spike { at_s: 1_200.0, duration_s: 90.0, factor: 4.0 }));
    assert_eq!(with_field(&spike, "factor", "lots"), Err("\"lots\" is not a number".to_owned()));
    assert!(with_field(&spike, "at", "soon").unwrap_err().contains("is not a duration"));
    assert_eq!(with_field(&spike, "period", "1m"), Err("not a field of this shape".to_owned()));

    let stages = Shape::Stages {
        stages: vec![Stage { duration_s: 30.0, target_users: 1e3 }, Stage { duration_s: 60.0, target_users: 2e3 }],
    };
    let Ok(Shape::Stages { stages: read }) = with_field(&stages, "t1", "1.5M") else { panic!("a stage target") };
    assert_eq!(read[1].target_users, 1.5e6);
    let Ok(Shape::Stages { stages: read }) = with_field(&stages, "t0", "0") else { panic!("no users") };
    assert_eq!(read[0].target_users, 0.0);
    assert!(with_field(&stages, "t0", "many").unwrap_err().contains("not a number of users"));
    assert_eq!(with_field(&stages, "d5", "1m"), Err("no such stage".to_owned()));
}

#[wasm_bindgen_test]
fn a_new_shape_shows_within_the_run() {
    for length_s in [600.0, 3_600.0, 86_400.0] {
        for kind in ["ramp", "step", "spike", "wave", "stages"] {
            let shape = default_shape(kind, 1e4, length_s);
            assert!(scalelab_model::shape_problem(&shape).is_none(), "{kind}: {shape:?}");
            let ends_s = match &shape {
                Shape::Ramp { duration_s, .. } => *duration_s,
                Shape::Step { at_s, .. } => *at_s,
                Shape::Spike { at_s, duration_s, .. } => at_s + duration_s,
                Shape::Wave { period_s, .. } => *period_s,
                Shape::Stages { stages } => stages.iter().map(|s| s.duration_s).sum(),
                Shape::Constant => panic!("{kind} is not constant"),
            };
            assert!(ends_s > 0.0 && ends_s < length_s, "{kind} in {length_s} s: {ends_s}");
        }
    }
    assert_eq!(default_shape("nonsense", 1e4, 600.0), Shape::Constant);
}
