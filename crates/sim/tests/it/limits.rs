//! Every documented limit: a design at the limit still works end to end, one past it is
//! refused with a message that names what is wrong.

use scalelab_model::{
    Component, ComponentKind as K, Document, Link, MAX_COMPONENTS, MAX_LINKS, ParamValue, Point, SCHEMA_VERSION,
    Traffic, validate,
};
use scalelab_sim::detail::{DetailOptions, MAX_EVENTS, detail};
use scalelab_sim::run::{MAX_RUN_S, RunOptions, run};
use scalelab_sim::{evaluate, sweep};

fn at(id: &str, kind: K) -> Component {
    Component::new(id, kind, id, Point::default())
}

/// users -> load balancer -> two layers of services, each of the first calling five of
/// the second: `components` components and `links` links.
fn big(components: usize, links: usize) -> Document {
    let width = (components - 2) / 2;
    let mut doc = Document {
        schema_version: SCHEMA_VERSION,
        name: "at the limits".into(),
        components: vec![at("users", K::Users), at("lb", K::LoadBalancer).with_param("nodes", 1_000.0)],
        links: vec![Link::call("users", "lb")],
        traffic: Traffic { users: 1e8, ..Traffic::default() },
        scenario: Default::default(),
    };
    for i in 0..width {
        doc.components.push(at(&format!("a{i}"), K::Service).with_param("instances", 100.0));
        doc.components.push(at(&format!("b{i}"), K::Service).with_param("instances", 100.0));
        doc.links.push(Link::call("lb", &format!("a{i}")));
    }
    while doc.components.len() < components {
        let i = doc.components.len();
        doc.components.push(at(&format!("extra{i}"), K::Cache));
        doc.links.push(Link::call("lb", &format!("extra{i}")));
    }
    'fill: for step in 0..width {
        for i in 0..width {
            if doc.links.len() >= links {
                break 'fill;
            }
            let link = Link::call(&format!("a{i}"), &format!("b{}", (i + step) % width));
            doc.links.push(link.with_param("calls_per_request", 0.2));
        }
    }
    doc
}

#[test]
fn a_design_at_the_component_and_link_limits_runs_and_one_more_is_refused() {
    let doc = big(MAX_COMPONENTS, MAX_LINKS);
    assert_eq!((doc.components.len(), doc.links.len()), (MAX_COMPONENTS, MAX_LINKS));
    validate(&doc).expect("a design at the limits is valid");
    let report = evaluate(&doc).expect("and evaluates");
    assert!(report.entry_rps > 0.0 && report.latency.mean_ms.is_finite());
    let plan = scalelab_sim::Plan::new(&doc).expect("plans");
    sweep::sweep(&plan, 1e3, 1e9, 5).expect("sweeps");
    run(&doc, RunOptions { duration_s: 5.0, step_s: 1.0 }).expect("runs");
    let options = DetailOptions { max_events: 200_000, paths: 2_000, ..DetailOptions::for_document(&doc) };
    assert!(detail(&doc, &options).expect("simulates").events <= 200_000);

    let mut over = doc.clone();
    over.components.push(at("one-more", K::Cache));
    let problems = validate(&over).expect_err("one component too many");
    assert!(problems.iter().any(|p| p.message.contains(&MAX_COMPONENTS.to_string())), "{problems:?}");
    let mut over = doc;
    over.links.push(Link::call("a0", "b7"));
    let problems = validate(&over).expect_err("one link too many");
    assert!(problems.iter().any(|p| p.message.contains(&MAX_LINKS.to_string())), "{problems:?}");
}

#[test]
fn every_parameter_works_at_its_bounds_and_is_refused_past_them() {
    for kind in K::ALL {
        for spec in kind.params().iter().filter(|s| s.choices.is_empty()) {
            for (value, ok) in [(spec.min, true), (spec.max, true), (spec.max * 1.5 + 1.0, false), (f64::NAN, false)] {
                let mut doc = Document::default_topology();
                doc.components.push(at("probe", kind));
                if let Some(c) = doc.components.last_mut() {
                    c.params.insert(spec.key.to_owned(), ParamValue::Number(value));
                }
                let result = validate(&doc);
                assert_eq!(result.is_ok(), ok, "{kind:?}.{} = {value}: {result:?}", spec.key);
                if let Err(problems) = result {
                    assert!(
                        problems.iter().any(|p| p.message.contains(spec.key) || p.message.contains(spec.name)),
                        "{problems:?}"
                    );
                } else {
                    evaluate(&doc).unwrap_or_else(|e| panic!("{kind:?}.{} = {value}: {e}", spec.key));
                }
            }
        }
    }
}

#[test]
fn the_longest_run_and_the_largest_event_budget_work_and_more_is_refused() {
    let doc = Document::default_topology();
    let month = run(&doc, RunOptions { duration_s: MAX_RUN_S, step_s: 1.0 }).expect("a month of one-second steps");
    assert!(month.samples.len() <= scalelab_sim::run::MAX_SAMPLES && month.requests > 0.0);
    let error = run(&doc, RunOptions { duration_s: MAX_RUN_S + 1.0, step_s: 1.0 }).expect_err("longer is refused");
    assert!(error.to_string().contains("31 days"), "{error}");

    let options = DetailOptions { max_events: MAX_EVENTS, duration_s: 10.0, ..DetailOptions::for_document(&doc) };
    assert!(detail(&doc, &options).expect("the largest budget").events < MAX_EVENTS);
    let error = detail(&doc, &DetailOptions { max_events: MAX_EVENTS + 1, ..options }).expect_err("refused");
    assert!(error.to_string().contains("event budget"), "{error}");
}

#[test]
fn traffic_shapes_at_their_limits_run_and_past_them_are_refused() {
    use scalelab_model::{MAX_SHAPE_SECONDS, MAX_TRAFFIC_FACTOR, MAX_USERS, Shape};
    // Found by the fuzzer: a ramp from 7.6e299 times the users made the offered load
    // infinite, which the engine's checkers caught. Now validation refuses it.
    let found = include_str!("../fixtures/fuzz/ramp-factor-overflows.json");
    let text = Document::from_json(found).expect_err("refused").to_string();
    assert!(text.contains("ramp start is 7.6048") && text.contains("e299; it must be between 0 and 1000"), "{text}");

    let mut doc = Document::default_topology();
    doc.traffic.users = MAX_USERS;
    let shapes = [
        Shape::Ramp { from: MAX_TRAFFIC_FACTOR, to: 0.0, duration_s: MAX_SHAPE_SECONDS },
        Shape::Step { at_s: 2.0, factor: MAX_TRAFFIC_FACTOR },
        Shape::Spike { at_s: 1.0, duration_s: MAX_SHAPE_SECONDS, factor: MAX_TRAFFIC_FACTOR },
        Shape::Wave { period_s: MAX_SHAPE_SECONDS, amplitude: 1.0 },
    ];
    for shape in shapes {
        doc.traffic.shape = shape.clone();
        assert!(validate(&doc).is_ok(), "{shape:?} at its limits is valid");
        // Debug and test builds check the engine's invariants after every step.
        let report = run(&doc, RunOptions { duration_s: 5.0, step_s: 1.0 }).expect("runs");
        assert!(report.samples.iter().all(|s| s.entry_rps.is_finite() && s.entry_rps > 0.0), "{shape:?}");
    }
    let past = [
        Shape::Ramp { from: MAX_TRAFFIC_FACTOR * 1.01, to: 1.0, duration_s: 10.0 },
        Shape::Step { at_s: MAX_SHAPE_SECONDS + 1.0, factor: 2.0 },
        Shape::Spike { at_s: 1.0, duration_s: 1.0, factor: f64::INFINITY },
        Shape::Wave { period_s: 60.0, amplitude: 1.5 },
    ];
    for shape in past {
        doc.traffic.shape = shape.clone();
        let problems = validate(&doc).expect_err("refused");
        assert!(problems.iter().any(|p| p.to_string().contains("traffic shape")), "{shape:?}: {problems:?}");
    }
}
