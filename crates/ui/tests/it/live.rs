//! The live run: the numbers that carry a run from the worker, the figures shown at a
//! moment of it, and the playback clock.

use scalelab_model::{ComponentId, Document, Shape};
use scalelab_sim::run::{RunOptions, run};
use scalelab_ui::live::{Play, Playback, decode_run, encode_run, outcome_at, played, run_design};
use wasm_bindgen_test::wasm_bindgen_test;

fn spiky() -> Document {
    let mut doc = Document::default_topology();
    doc.traffic.users = 2e4;
    doc.traffic.shape = Shape::Spike { at_s: 60.0, duration_s: 60.0, factor: 200.0 };
    doc
}

#[wasm_bindgen_test]
fn numbers_carry_the_run_there_and_back_in_the_design_s_order() {
    let doc = spiky();
    let options = RunOptions { duration_s: 180.0, step_s: 1.0 };
    let report = run(&doc, options).unwrap();
    let ids: Vec<ComponentId> = doc.components.iter().map(|c| c.id.clone()).collect();
    let numbers = run_design(&doc.to_json_pretty(), 180.0).unwrap();
    let view = decode_run(&numbers, &ids).unwrap();
    assert_eq!((view.end_s, view.step_s, view.times.len()), (180.0, 1.0, report.samples.len()));
    for (i, s) in report.samples.iter().enumerate() {
        assert_eq!((view.times[i], view.users[i], view.entry_rps[i]), (s.t_s, s.users, s.entry_rps));
        assert_eq!(view.failed_rps[i], (s.entry_rps - s.good_rps).max(0.0));
        assert_eq!(view.p99_ms[i], s.latency.p99_ms);
    }
    // The spike multiplies the users while it lasts.
    assert_eq!(view.users[30], 2e4);
    assert_eq!(view.users[90], 4e6);
    // Each component's column is its own, whatever order the engine keeps them in.
    let plan = scalelab_sim::Plan::new(&doc).unwrap();
    for (c, column) in doc.components.iter().zip(&view.components) {
        assert_eq!(c.id, column.id);
        let at = plan.nodes.iter().position(|n| n.id == c.id).unwrap();
        assert_eq!(column.utilisation[90], report.samples[90].components[at].utilisation);
    }
    assert_eq!(
        encode_run(&doc, &plan.nodes.iter().map(|n| n.id.clone()).collect::<Vec<_>>(), &report, options),
        numbers
    );
    // Numbers for another design are refused, and so is a bad length.
    assert_eq!(decode_run(&numbers, &ids[1..]), None);
    assert_eq!(decode_run(&numbers[..10], &ids), None);
    assert!(run_design(&doc.to_json_pretty(), 0.0).unwrap_err().contains("run length"));
}

#[wasm_bindgen_test]
fn the_figures_at_a_moment_are_the_run_s_and_a_saturated_component_says_so() {
    let doc = spiky();
    let ids: Vec<ComponentId> = doc.components.iter().map(|c| c.id.clone()).collect();
    let view = decode_run(&run_design(&doc.to_json_pretty(), 180.0).unwrap(), &ids).unwrap();
    let (quiet, spike) = (outcome_at(&view, 30, None).unwrap(), outcome_at(&view, 90, None).unwrap());
    assert_eq!(quiet.entry_rps, view.entry_rps[30]);
    assert!(spike.entry_rps > 10.0 * quiet.entry_rps, "{} vs {}", spike.entry_rps, quiet.entry_rps);
    assert!(spike.components.iter().any(|m| m.saturated), "the spike saturates something");
    assert!(quiet.components.iter().all(|m| !m.saturated), "{:?}", quiet.components);
    assert_eq!(outcome_at(&view, view.times.len(), None), None);
    assert_eq!(played(&view, 0.0), 0);
    assert_eq!(played(&view, 90.0), 90);
}

#[wasm_bindgen_test]
fn the_clock_plays_pauses_steps_resets_and_stops_at_the_end() {
    let start = Playback { end_s: 600.0, speed: 60.0, ..Playback::default() };
    let playing = start.after(Play::Play);
    assert!(playing.playing);
    let later = playing.after(Play::Tick(2.0));
    assert_eq!(later.position_s, 120.0);
    assert_eq!(later.after(Play::Pause).after(Play::Tick(5.0)).position_s, 120.0, "paused, time stands still");
    let stepped = later.after(Play::Step(1.0));
    assert_eq!((stepped.position_s, stepped.playing), (121.0, false));
    let ended = playing.after(Play::Tick(60.0));
    assert_eq!((ended.position_s, ended.playing), (600.0, false), "stops at the end");
    assert_eq!(ended.after(Play::Play).position_s, 0.0, "playing from the end starts again");
    assert_eq!(later.after(Play::Reset).position_s, 0.0);
    assert_eq!(later.after(Play::Speed(3_600.0)).after(Play::Tick(0.1)).position_s, 480.0);
    let shorter = later.after(Play::Ends(100.0));
    assert_eq!(shorter.position_s, 100.0, "a shorter run brings the clock within it");
}
