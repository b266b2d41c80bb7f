//! Validation and the engines on arbitrary designs: a generated design (any kinds, links,
//! parameters in or out of range, traffic shapes, failures) is either refused by
//! validation or evaluated, stepped, swept and simulated request by request, without a
//! panic. Fuzz builds keep debug assertions, so the engines' invariant checks run too.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use scalelab_model::{Component, ComponentKind, Document, Link, ParamValue, Point, Shape, Traffic};

fn number(u: &mut Unstructured<'_>, min: f64, max: f64) -> arbitrary::Result<f64> {
    Ok(match u8::arbitrary(u)? % 8 {
        // Mostly inside the range, sometimes anything at all.
        0 => f64::arbitrary(u)?,
        1 => max * 2.0 + 1.0,
        _ => min + (max - min) * f64::from(u16::arbitrary(u)?) / f64::from(u16::MAX),
    })
}

fn design(u: &mut Unstructured<'_>) -> arbitrary::Result<Document> {
    let count = usize::from(u8::arbitrary(u)? % 12) + 1;
    let mut components = Vec::with_capacity(count);
    for i in 0..count {
        let kind = *u.choose(&ComponentKind::ALL)?;
        let mut component = Component::new(&format!("c{i}"), kind, &format!("C {i}"), Point::default());
        for spec in kind.params() {
            if bool::arbitrary(u)? {
                let value = if spec.choices.is_empty() {
                    ParamValue::Number(number(u, spec.min, spec.max)?)
                } else {
                    ParamValue::Choice((*u.choose(spec.choices)?).to_owned())
                };
                component.params.insert(spec.key.to_owned(), value);
            }
        }
        components.push(component);
    }
    let mut links = Vec::new();
    for _ in 0..u8::arbitrary(u)? % 24 {
        let from = usize::from(u8::arbitrary(u)?) % count;
        let to = usize::from(u8::arbitrary(u)?) % count;
        let mut link = if bool::arbitrary(u)? {
            Link::call(&format!("c{from}"), &format!("c{to}"))
        } else {
            Link::publish(&format!("c{from}"), &format!("c{to}"))
        };
        for spec in scalelab_model::link_params() {
            if u8::arbitrary(u)? % 4 == 0 && spec.choices.is_empty() {
                link.params.insert(spec.key.to_owned(), ParamValue::Number(number(u, spec.min, spec.max)?));
            }
        }
        links.push(link);
    }
    let shape = match u8::arbitrary(u)? % 5 {
        0 => Shape::Constant,
        1 => Shape::Ramp { from: number(u, 0.0, 10.0)?, to: number(u, 0.0, 10.0)?, duration_s: number(u, 0.0, 100.0)? },
        2 => Shape::Step { at_s: number(u, 0.0, 20.0)?, factor: number(u, 0.0, 100.0)? },
        3 => Shape::Spike {
            at_s: number(u, 0.0, 20.0)?,
            duration_s: number(u, 0.0, 20.0)?,
            factor: number(u, 0.0, 100.0)?,
        },
        _ => Shape::Wave { period_s: number(u, 1.0, 100.0)?, amplitude: number(u, 0.0, 1.0)? },
    };
    let traffic =
        Traffic { users: number(u, 1.0, 1e10)?, shape, daily_curve: bool::arbitrary(u)?, ..Traffic::default() };
    let mut doc = Document {
        schema_version: scalelab_model::SCHEMA_VERSION,
        name: "fuzzed".to_owned(),
        components,
        links,
        traffic,
        scenario: scalelab_model::Scenario::default(),
    };
    doc.scenario.seed = u64::arbitrary(u)?;
    if bool::arbitrary(u)? {
        let target = usize::from(u8::arbitrary(u)?) % count;
        doc.scenario.failures.push(scalelab_model::Failure {
            component: scalelab_model::ComponentId::new(format!("c{target}")),
            at_s: number(u, 0.0, 20.0)?,
            duration_s: number(u, 0.0, 20.0)?,
            kind: scalelab_model::FailureKind::Crash,
        });
    }
    Ok(doc)
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = design(&mut Unstructured::new(data)) else { return };
    if scalelab_model::validate(&doc).is_err() {
        return;
    }
    let Ok(plan) = scalelab_sim::Plan::new(&doc) else { return };
    let _ = scalelab_sim::evaluate_plan(&plan, doc.traffic.users);
    let options = scalelab_sim::run::RunOptions { duration_s: 30.0, step_s: 1.0 };
    let _ = scalelab_sim::run::run_plan(&plan, &doc.traffic, &doc.scenario, options);
    let _ = scalelab_sim::sweep::sweep(&plan, 1e3, 1e7, 5);
    let detail = scalelab_sim::detail::DetailOptions {
        max_events: 20_000,
        paths: 300,
        traces: 4,
        ..scalelab_sim::detail::DetailOptions::for_document(&doc)
    };
    if let Ok(report) = scalelab_sim::detail::detail_plan(&plan, &detail) {
        assert!(report.events <= 20_000, "the event budget holds");
    }
});
