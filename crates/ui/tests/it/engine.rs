//! The page's engine: the numbers that carry a report from the worker, and the worker's entry.

use scalelab_model::{ComponentId, Document};
use scalelab_sim::evaluate;
use scalelab_ui::engine::{decode, encode, evaluate_design, evaluate_here};
use wasm_bindgen_test::wasm_bindgen_test;
#[wasm_bindgen_test]
fn numbers_carry_the_report_there_and_back() {
    let mut doc = Document::default_topology();
    doc.traffic.users = 5e6;
    let report = evaluate(&doc).unwrap();
    let ids: Vec<ComponentId> = doc.components.iter().map(|c| c.id.clone()).collect();
    let outcome = decode(&encode(&doc, &report), &ids).unwrap();
    assert_eq!(outcome.entry_rps, report.entry_rps);
    assert_eq!(outcome.latency_p99_ms, report.latency.p99_ms);
    assert_eq!(outcome.components.len(), report.components.len());
    for c in &report.components {
        let m = outcome.component(&c.id).unwrap();
        assert_eq!((m.load, m.utilisation, m.saturated, m.limit), (c.load, c.utilisation, c.saturated, c.limit));
        assert_eq!(m.errors_rps, c.errors.total());
    }
    // At 5M users the default design saturates somewhere, with a named resource.
    assert!(outcome.components.iter().any(|m| m.saturated && m.limit.is_some()));
    // Every link the report covers, with its ends, throughput and failing share.
    assert_eq!(outcome.links.len(), report.links.len());
    for (m, l) in outcome.links.iter().zip(&report.links) {
        let failing = if l.breaker_open { 1.0 } else { l.timeout_share };
        assert_eq!((&m.from, &m.to, m.rps, m.failing), (&l.from, &l.to, l.rps, failing));
    }
    assert!(outcome.links.iter().any(|m| m.rps > 0.0));
    assert_eq!(evaluate_here(&doc).unwrap(), outcome);
}

#[wasm_bindgen_test]
fn numbers_for_another_design_are_refused() {
    let doc = Document::default_topology();
    let numbers = encode(&doc, &evaluate(&doc).unwrap());
    let fewer: Vec<ComponentId> = doc.components.iter().skip(1).map(|c| c.id.clone()).collect();
    assert_eq!(decode(&numbers, &fewer), None);
    assert_eq!(decode(&numbers[..3], &[]), None);
}

#[wasm_bindgen_test]
fn the_worker_entry_reads_json_and_names_what_is_wrong() {
    let doc = Document::default_topology();
    let numbers = evaluate_design(&doc.to_json_pretty()).unwrap();
    assert_eq!(numbers, encode(&doc, &evaluate(&doc).unwrap()));
    let error = evaluate_design("{\"schema_version\": 1, \"name\": 3}").unwrap_err();
    assert!(error.contains("not valid JSON for a scalelab design: name: expected a string, found a number"), "{error}");
    let error = evaluate_design("{\"schema_version\": 1, \"name\": ").unwrap_err();
    assert!(error.contains("not valid JSON for a scalelab design") && error.contains("line 1"), "{error}");
}
