//! The SVG canvas: links and components drawn from the document and coloured by the
//! engine's report. Pointer events become editor inputs in screen coordinates.

use std::collections::BTreeSet;

use scalelab_editor::{NODE_HEIGHT, NODE_WIDTH, Viewport};
use scalelab_model::{Component, ComponentId, Document, Link, Point, format_count};
use scalelab_sim::{ComponentReport, Report};
use web_sys::Element;
use yew::prelude::*;

use crate::state::Input;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub doc: Document,
    pub report: Option<Report>,
    pub selection: BTreeSet<ComponentId>,
    pub viewport: Viewport,
    pub on_input: Callback<Input>,
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let svg_ref = use_node_ref();
    let pos_screen = {
        let svg_ref = svg_ref.clone();
        move |event: &PointerEvent| -> Point {
            let (left, top) = svg_ref
                .cast::<Element>()
                .map(|svg| {
                    let rect = svg.get_bounding_client_rect();
                    (rect.left(), rect.top())
                })
                .unwrap_or_default();
            Point::new(f64::from(event.client_x()) - left, f64::from(event.client_y()) - top)
        }
    };
    let on_down = {
        let on_input = props.on_input.clone();
        let svg_ref = svg_ref.clone();
        let pos_screen = pos_screen.clone();
        Callback::from(move |event: PointerEvent| {
            if event.button() != 0 {
                return;
            }
            // Keep receiving moves while the pointer is outside the canvas mid-drag.
            if let Some(svg) = svg_ref.cast::<Element>() {
                let _ignored = svg.set_pointer_capture(event.pointer_id());
            }
            on_input.emit(Input::PointerDown(pos_screen(&event)));
        })
    };
    let on_move = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: PointerEvent| on_input.emit(Input::PointerMove(pos_screen(&event))))
    };
    let on_up = props.on_input.reform(|_: PointerEvent| Input::PointerUp);
    let Viewport { origin_world, zoom } = props.viewport;
    let camera = format!("translate({} {}) scale({zoom})", -origin_world.x * zoom, -origin_world.y * zoom);
    let report_of = |id: &ComponentId| props.report.as_ref().and_then(|r| r.components.iter().find(|c| &c.id == id));
    html! {
        <svg class="canvas" ref={svg_ref} data-testid="canvas" role="application" aria-label="Topology canvas"
            onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                </marker>
            </defs>
            <g transform={camera}>
                { for props.doc.links.iter().filter_map(|link| link_view(&props.doc, link)) }
                { for props.doc.components.iter().map(|c| component_view(c, report_of(&c.id), props.selection.contains(&c.id))) }
            </g>
        </svg>
    }
}

fn link_view(doc: &Document, link: &Link) -> Option<Html> {
    let from = doc.component(&link.from)?.pos_world;
    let to = doc.component(&link.to)?.pos_world;
    let end = box_edge(from, to);
    Some(html! {
        <line class="link" key={format!("{}->{}", link.from, link.to)} data-from={link.from.to_string()}
            data-to={link.to.to_string()} x1={from.x.to_string()} y1={from.y.to_string()}
            x2={end.x.to_string()} y2={end.y.to_string()} marker-end="url(#arrow)" />
    })
}

/// Where the segment from `from` to the centre of the box at `to` enters that box, so the
/// arrowhead stays visible.
fn box_edge(from: Point, to: Point) -> Point {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    if dx == 0.0 && dy == 0.0 {
        return to;
    }
    let t_x = if dx == 0.0 { f64::INFINITY } else { (NODE_WIDTH / 2.0) / dx.abs() };
    let t_y = if dy == 0.0 { f64::INFINITY } else { (NODE_HEIGHT / 2.0) / dy.abs() };
    let t = t_x.min(t_y).min(1.0);
    Point::new(to.x - dx * t, to.y - dy * t)
}

fn component_view(component: &Component, report: Option<&ComponentReport>, selected: bool) -> Html {
    let utilisation = report.map_or(0.0, |r| r.utilisation);
    let saturated = report.is_some_and(|r| r.saturated);
    let hue = 120.0 * (1.0 - utilisation);
    let fill = if saturated { "hsl(0 75% 38%)".to_owned() } else { format!("hsl({hue:.0} 65% 42%)") };
    let x = component.pos_world.x - NODE_WIDTH / 2.0;
    let y = component.pos_world.y - NODE_HEIGHT / 2.0;
    let metrics = report.map(|r| {
        if r.capacity_rps.is_finite() {
            format!("{} req/s · {:.0}%", format_count(r.offered_rps), r.load * 100.0)
        } else {
            format!("{} req/s", format_count(r.offered_rps))
        }
    });
    let class = classes!("node", saturated.then_some("saturated"), selected.then_some("selected"));
    let label = if component.label.is_empty() { component.id.to_string() } else { component.label.clone() };
    let aria = format!("{label}, {}{}", component.kind.name(), if saturated { ", saturated" } else { "" });
    html! {
        <g class={class} key={component.id.to_string()} data-id={component.id.to_string()}
            data-saturated={saturated.to_string()} data-utilisation={format!("{utilisation:.3}")}
            transform={format!("translate({x} {y})")} role="img" aria-label={aria}>
            <title>{ component.kind.description() }</title>
            <rect width={NODE_WIDTH.to_string()} height={NODE_HEIGHT.to_string()} rx="10" style={format!("fill: {fill}")} />
            <text class="label" x={(NODE_WIDTH / 2.0).to_string()} y="24">{ label }</text>
            if let Some(metrics) = metrics {
                <text class="metrics" x={(NODE_WIDTH / 2.0).to_string()} y="44">{ metrics }</text>
            }
            if saturated {
                <text class="badge" x={(NODE_WIDTH / 2.0).to_string()} y={(NODE_HEIGHT + 16.0).to_string()}>
                    { format!("SATURATED{}", report.and_then(|r| r.limit).map(|l| format!(" · {}", l.label())).unwrap_or_default()) }
                </text>
            }
        </g>
    }
}
