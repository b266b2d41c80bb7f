//! The flow engine's invariants, checked after every pass of a run and every steady state
//! in debug and test builds: every figure finite and not negative, nothing created at a
//! station (what it serves, drops and refuses is at most what arrives plus what its
//! backlog gave back), conservation in the steady state, and time moving forward.

use scalelab_model::number::shortest;

use super::Pass;

/// Tolerance of the conservation checks, relative to the rates involved.
const SLACK: f64 = 1e-6;

/// What is wrong with a pass: empty when every invariant holds. `backlogs` are the
/// stations' backlogs before the pass; `dt` is the step (None in the steady state).
pub fn violations(pass: &Pass, backlogs_before: &[f64], backlogs_after: &[f64], dt: Option<f64>) -> Vec<String> {
    let mut found = Vec::new();
    for (index, o) in pass.outcomes.iter().enumerate() {
        let figures = [
            ("offered", o.offered.total()),
            ("served", o.served.total()),
            ("dropped", o.errors.dropped),
            ("rate limited", o.errors.rate_limited),
            ("failed", o.errors.failed),
            ("timed out", o.errors.timed_out),
            ("unsent", o.errors.unsent),
            ("load", o.load),
            ("queue", o.queue),
            ("in service", o.in_service),
            ("instances", o.instances),
            ("backlog", o.backlog),
        ];
        for (name, value) in figures {
            // A queue or backlog may be unbounded (infinite) past saturation, never NaN or negative.
            if value.is_nan()
                || value < -SLACK
                || (value.is_infinite() && !matches!(name, "queue" | "backlog" | "load"))
            {
                found.push(format!("station {index}: {name} is {}", shortest(value)));
            }
        }
        let before = backlogs_before.get(index).copied().unwrap_or(0.0);
        let after = backlogs_after.get(index).copied().unwrap_or(0.0);
        if before < 0.0 || after < 0.0 {
            found.push(format!("station {index}: negative backlog ({} -> {})", shortest(before), shortest(after)));
        }
        let offered = o.offered.total();
        let out = o.served.total() + o.errors.dropped + o.errors.rate_limited;
        let slack = SLACK * offered.max(out).max(1.0);
        match dt {
            Some(dt) => {
                let drained = (before - after).max(0.0) / dt;
                if out > offered + drained + slack {
                    found.push(format!(
                        "station {index}: served, dropped and refused {} per s, but only {} arrived and {} left the backlog",
                        shortest(out),
                        shortest(offered),
                        shortest(drained)
                    ));
                }
            }
            None => {
                if (out - offered).abs() > slack && before == 0.0 && after == 0.0 {
                    found.push(format!(
                        "station {index}: {} per s arrived but {} were served, dropped or refused",
                        shortest(offered),
                        shortest(out)
                    ));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classes::PerClass;
    use crate::flow::Outcome;

    fn pass(outcome: Outcome) -> Pass {
        Pass { outcomes: vec![outcome], ..Pass::default() }
    }

    #[test]
    fn a_sound_station_passes_and_broken_ones_are_named() {
        let mut ok = Outcome::passthrough(PerClass([10.0, 0.0, 0.0]), crate::flow::Routing::None);
        ok.served = PerClass([8.0, 0.0, 0.0]);
        ok.errors.dropped = 2.0;
        assert!(violations(&pass(ok), &[0.0], &[0.0], None).is_empty());
        assert!(violations(&pass(ok), &[0.0], &[0.0], Some(1.0)).is_empty());

        let mut created = ok;
        created.served = PerClass([12.0, 0.0, 0.0]);
        assert_eq!(violations(&pass(created), &[0.0], &[0.0], Some(1.0)).len(), 1);
        // ... unless a backlog drained by as much.
        assert!(violations(&pass(created), &[5.0], &[1.0], Some(1.0)).is_empty());

        let mut lost = ok;
        lost.errors.dropped = 0.0;
        assert_eq!(violations(&pass(lost), &[0.0], &[0.0], None).len(), 1);

        let mut negative = ok;
        negative.queue = -1.0;
        negative.load = f64::NAN;
        let found = violations(&pass(negative), &[0.0], &[0.0], None);
        assert!(found.iter().any(|v| v.contains("queue is -1")), "{found:?}");
        assert!(found.iter().any(|v| v.contains("load is NaN")), "{found:?}");
    }
}
