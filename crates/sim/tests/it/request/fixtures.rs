//! Every reference case loads and runs briefly with sound bookkeeping; their long
//! validation runs are in the `validation` test binary.

use scalelab_sim::request::{RunOptions, run};

use super::cases::load;
use super::support::assert_sound;

#[test]
fn every_reference_case_loads_and_runs() {
    let file = load();
    assert!(file.cases.len() >= 8);
    for case in &file.cases {
        let network = case.network().unwrap_or_else(|unsupported| panic!("{}: {unsupported}", case.id));
        let options = RunOptions { duration_s: 5.0, warmup_s: 1.0, sample_every_s: Some(0.5), ..RunOptions::default() };
        let report = run(&network, &options).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        assert_sound(&network, &report);
        assert!(report.network.flow.completed > 0, "{}", case.id);
    }
}
