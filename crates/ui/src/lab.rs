//! The lab: the headline figures of the design under its traffic, and the scale sweep
//! from 1K to 1B users, charted, with the advisor that names the first bottleneck, the
//! resource that runs out there and the technique that relieves it, and applies that
//! technique as one undoable change.

use scalelab_model::{ComponentId, Document, format_count};
use yew::prelude::*;

use crate::engine::{BreakView, CurrentSweep, Outcome, SWEEP_FROM, SWEEP_TO, SweepPointView};
use crate::looks::display_name;
use crate::state::{AppState, edit};

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

fn name_of(doc: &Document, id: &ComponentId) -> String {
    doc.component(id).map_or_else(|| id.to_string(), display_name)
}

/// The headline cards (as k6 and Grafana users expect them) and the sweep's switch.
pub fn headline(outcome: Option<&Outcome>, sweep_open: bool, on_sweep: Callback<MouseEvent>) -> Html {
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
            <button class="sweep-toggle" aria-pressed={sweep_open.to_string()} onclick={on_sweep} data-testid="sweep-button"
                title="Evaluate the design from 1K to 1B users and find where each component saturates">
                { "Scale sweep 1K → 1B" }
            </button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SweepPanelProps {
    pub sweep: CurrentSweep,
    pub state: AppState,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub on_close: Callback<()>,
}

/// The sweep's chart, its break points, and the advice for the first.
#[component]
pub fn SweepPanel(props: &SweepPanelProps) -> Html {
    // The first bottleneck before the last applied advice: (its name, its user count).
    let before = use_state(|| None::<(String, f64)>);
    let editor = props.state.editor();
    let doc = &editor.doc;
    let body = match props.sweep.as_ref() {
        None => html! { <p class="hint" data-testid="sweep-waiting">{ "Sweeping from 1K to 1B users…" }</p> },
        Some(Err(error)) => html! { <p class="field-error" role="alert">{ error.clone() }</p> },
        Some(Ok(sweep)) => {
            let first = sweep.breaks.first();
            let moved = before.as_ref().map(|(name, users)| {
                let now = match first {
                    Some(b) => format!(
                        "now {} at {} users ({:.1}x)",
                        name_of(doc, &b.component),
                        format_count(b.users),
                        b.users / users
                    ),
                    None => "now nothing saturates up to 1B users".to_owned(),
                };
                html! {
                    <p class="moved" data-testid="break-moved">
                        { format!("Before the last change the first bottleneck was {name} at {} users; {now}.", format_count(*users)) }
                    </p>
                }
            });
            let advice = match first {
                None => html! { <p data-testid="advice">{ "Nothing saturates between 1K and 1B users." }</p> },
                Some(b) => advice(doc, b, &props.dispatch, &before),
            };
            html! {
                <>
                    { chart(&sweep.points, &sweep.breaks) }
                    <div class="advisor">
                        { advice }
                        { for moved }
                        <ol class="breaks" aria-label="Where each component saturates" data-testid="breaks">
                            { for sweep.breaks.iter().map(|b| html! {
                                <li data-component={b.component.to_string()} data-users={b.users.to_string()}>
                                    { format!("{}: {} users · {} · {}", name_of(doc, &b.component), format_count(b.users),
                                        b.resource.label(), b.technique.label()) }
                                </li>
                            }) }
                        </ol>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="sweep-panel" aria-label="Scale sweep" data-testid="sweep-panel">
            <header>
                <h2>{ "Scale sweep: latency and errors from 1K to 1B users" }</h2>
                <button onclick={props.on_close.reform(|_: MouseEvent| ())} aria-label="Close the sweep">{ "Close" }</button>
            </header>
            <div class="sweep-body">{ body }</div>
        </section>
    }
}

/// The first bottleneck, the resource that runs out, the technique, why, and "apply".
fn advice(
    doc: &Document,
    first: &BreakView,
    dispatch: &UseReducerDispatcher<AppState>,
    before: &UseStateHandle<Option<(String, f64)>>,
) -> Html {
    let name = name_of(doc, &first.component);
    let apply = {
        let (dispatch, before) = (dispatch.clone(), before.clone());
        let (component, technique, users, name) = (first.component.clone(), first.technique, first.users, name.clone());
        Callback::from(move |_: MouseEvent| {
            before.set(Some((name.clone(), users)));
            let component = component.clone();
            dispatch.dispatch(edit(move |e| match scalelab_editor::advice::apply(&e.doc, &component, technique) {
                Ok((action, done)) => {
                    e.try_perform(&action, format!("Applied {}: {done}", technique.label()));
                }
                Err(error) => e.warn(format!("The advice could not be applied: {error}")),
            }));
        })
    };
    html! {
        <div class="advice" data-testid="advice" data-component={first.component.to_string()}>
            <p>
                <strong>{ format!("First bottleneck: {name}") }</strong>
                { format!(" runs out of {} at {} users ({} req/s entering).", first.resource.label(),
                    format_count(first.users), format_count(first.entry_rps)) }
            </p>
            <p>{ format!("Relieve it with {}.", first.technique.label()) }</p>
            <p class="why">{ format!("Why: {}.", first.why) }</p>
            <button class="primary" onclick={apply} data-testid="apply-advice">{ "Apply this change" }</button>
        </div>
    }
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 52.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;

/// Latency (log scale, left) and errors (right) against users (log scale), with a marker
/// where each component saturates. Readable without colour: the three lines differ in
/// dash, and each point says its figures on hover.
fn chart(points: &[SweepPointView], breaks: &[BreakView]) -> Html {
    let decades = libm::log10(SWEEP_TO / SWEEP_FROM);
    let x = |users: f64| LEFT + libm::log10(users / SWEEP_FROM) / decades * (WIDTH - LEFT - RIGHT);
    let finite = |v: f64| (v.is_finite() && v > 0.0).then_some(v);
    let latencies = points.iter().flat_map(|p| [finite(p.p50_ms), finite(p.p99_ms)]).flatten();
    let (low, high) = latencies.fold((f64::INFINITY, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let low = if low.is_finite() { libm::pow(10.0, libm::floor(libm::log10(low))) } else { 1.0 };
    let high = libm::pow(10.0, libm::ceil(libm::log10(high))).max(low * 10.0);
    let plot = HEIGHT - TOP - BOTTOM;
    let y = |latency: f64| TOP + (1.0 - libm::log10(latency / low) / libm::log10(high / low)) * plot;
    let y_errors = |share: f64| TOP + (1.0 - share.clamp(0.0, 1.0)) * plot;
    // A line through the points that have a figure; a gap where latency is unbounded.
    let line = |figure: &dyn Fn(&SweepPointView) -> Option<(f64, f64)>| {
        let mut path = String::new();
        let mut pen_down = false;
        for point in points {
            match figure(point) {
                Some((px, py)) => {
                    path.push_str(&format!("{}{px:.1},{py:.1} ", if pen_down { "L" } else { "M" }));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        path
    };
    let p99 = line(&|p| finite(p.p99_ms).map(|v| (x(p.users), y(v))));
    let p50 = line(&|p| finite(p.p50_ms).map(|v| (x(p.users), y(v))));
    let errors = line(&|p| Some((x(p.users), y_errors(p.error_rate))));
    let mut user_ticks = Vec::new();
    let mut users = SWEEP_FROM;
    while users <= SWEEP_TO * 1.01 {
        user_ticks.push(users);
        users *= 10.0;
    }
    let mut latency_ticks = Vec::new();
    let mut latency = low;
    while latency <= high * 1.01 {
        latency_ticks.push(latency);
        latency *= 10.0;
    }
    let bottom = HEIGHT - BOTTOM;
    html! {
        <svg class="chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" data-testid="sweep-chart"
            aria-label="Latency p50 and p99 and the error rate against users, from 1K to 1B, with the break points">
            <rect class="plot" x={LEFT.to_string()} y={TOP.to_string()} width={(WIDTH - LEFT - RIGHT).to_string()}
                height={plot.to_string()} />
            { for user_ticks.iter().map(|&u| html! {
                <g class="tick">
                    <line x1={x(u).to_string()} x2={x(u).to_string()} y1={TOP.to_string()} y2={bottom.to_string()} />
                    <text x={x(u).to_string()} y={(bottom + 16.0).to_string()} text-anchor="middle">{ format_count(u) }</text>
                </g>
            }) }
            { for latency_ticks.iter().map(|&l| html! {
                <g class="tick">
                    <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={y(l).to_string()} y2={y(l).to_string()} />
                    <text x={(LEFT - 6.0).to_string()} y={(y(l) + 4.0).to_string()} text-anchor="end">{ ms(l) }</text>
                </g>
            }) }
            { for [0.0, 0.5, 1.0].into_iter().map(|share| html! {
                <text class="tick" x={(WIDTH - RIGHT + 6.0).to_string()} y={(y_errors(share) + 4.0).to_string()}>
                    { format!("{:.0} %", share * 100.0) }
                </text>
            }) }
            { for breaks.iter().enumerate().map(|(i, b)| html! {
                <g class="break" data-component={b.component.to_string()}>
                    <line x1={x(b.users).to_string()} x2={x(b.users).to_string()} y1={TOP.to_string()} y2={bottom.to_string()} />
                    <text x={(x(b.users) + 3.0).to_string()} y={(TOP + 12.0 + 12.0 * (i % 3) as f64).to_string()}>
                        { format!("{} {}", i + 1, b.component) }
                    </text>
                </g>
            }) }
            <path class="series p50" d={p50} />
            <path class="series errors" d={errors} />
            <path class="series p99" d={p99} />
            { for points.iter().filter_map(|p| {
                let v = finite(p.p99_ms)?;
                let figures = format!("{} users: p50 {}, p99 {}, errors {:.2} %", format_count(p.users),
                    ms(p.p50_ms), ms(v), p.error_rate * 100.0);
                Some(html! { <circle class="point" cx={x(p.users).to_string()} cy={y(v).to_string()} r="3"><title>{ figures }</title></circle> })
            }) }
            <g class="legend" transform={format!("translate({}, {})", LEFT + 8.0, TOP + 4.0)}>
                <rect class="legend-box" x="-4" y="-2" width="150" height="50" />
                <path class="series p99" d="M0,8 L24,8" /><text x="30" y="12">{ "p99 latency" }</text>
                <path class="series p50" d="M0,24 L24,24" /><text x="30" y="28">{ "p50 latency" }</text>
                <path class="series errors" d="M0,40 L24,40" /><text x="30" y="44">{ "errors (right axis)" }</text>
            </g>
        </svg>
    }
}
