//! The lab: the headline figures of the design under its traffic.

use scalelab_model::format_count;
use yew::prelude::*;

use crate::engine::Outcome;

/// A latency for people: a decimal below 10 ms, "unbounded" past saturation.
fn ms(value: f64) -> String {
    if !value.is_finite() {
        "unbounded".to_owned()
    } else if value < 10.0 {
        format!("{value:.1} ms")
    } else {
        format!("{value:.0} ms")
    }
}

/// The headline cards, as k6 and Grafana users expect them.
pub fn headline(outcome: Option<&Outcome>) -> Html {
    let dash = || "–".to_owned();
    let cards = [
        ("rps", "Requests/s", outcome.map_or_else(dash, |o| format_count(o.entry_rps))),
        ("errors", "Errors", outcome.map_or_else(dash, |o| format!("{:.2} %", o.error_rate * 100.0))),
        ("p50", "Latency p50", outcome.map_or_else(dash, |o| ms(o.latency_p50_ms))),
        ("p95", "Latency p95", outcome.map_or_else(dash, |o| ms(o.latency_p95_ms))),
        ("p99", "Latency p99", outcome.map_or_else(dash, |o| ms(o.latency_p99_ms))),
        ("cost", "Cost / month", outcome.map_or_else(dash, |o| format!("${}", format_count(o.cost_usd_per_month)))),
    ];
    html! {
        <section class="headline" aria-label="Headline figures at the daily peak" data-testid="headline">
            { for cards.into_iter().map(|(key, label, value)| html! {
                <div class="card" data-testid={format!("card-{key}")}>
                    <span class="card-label">{ label }</span>
                    <span class="card-value">{ value }</span>
                </div>
            }) }
        </section>
    }
}
