//! One component, one region or zone, one link: memoised views, so a drag re-renders only
//! what moved. Each takes small props; a `NodeLook` holds what changes only with the
//! document's revision (label, colours, metrics), shared by `Rc`.

use std::rc::Rc;

use scalelab_editor::{CONTAINER_TITLE, HANDLE_RADIUS_PX, NODE_HEIGHT, NODE_WIDTH, Rect};
use scalelab_model::number::shortest;
use scalelab_model::{ComponentId, ComponentKind, LinkMode, Point};
use yew::prelude::*;

use crate::icons::icon;
use crate::state::{AppState, edit as edit_input};

/// What a component looks like, apart from where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLook {
    pub id: ComponentId,
    pub key: AttrValue,
    pub kind: ComponentKind,
    pub label: AttrValue,
    pub aria: AttrValue,
    pub fill: AttrValue,
    pub metrics: Option<AttrValue>,
    pub badge: Option<AttrValue>,
    pub saturated: bool,
    pub utilisation: AttrValue,
    /// The region or zone it sits in.
    pub parent: Option<AttrValue>,
}

#[derive(Properties)]
pub struct NodeProps {
    pub look: Rc<NodeLook>,
    pub pos_world: Point,
    pub selected: bool,
    /// The component a link being dragged would connect to.
    pub target: bool,
    /// Draw the icon, texts and handle; zoomed far out they would be unreadable specks
    /// that cost most of the paint time.
    pub detail: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// Enter or Space on a focused component selects it (Shift adds it to the selection).
fn on_select_key(dispatch: &UseReducerDispatcher<AppState>, id: &ComponentId) -> Callback<KeyboardEvent> {
    let dispatch = dispatch.clone();
    let id = id.clone();
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            event.stop_propagation();
            let (id, add) = (id.clone(), event.shift_key());
            dispatch.dispatch(edit_input(move |e| e.select_component(&id, add)));
        }
    })
}

impl PartialEq for NodeProps {
    fn eq(&self, other: &Self) -> bool {
        // Looks are rebuilt once per revision, so the same Rc means the same look.
        Rc::ptr_eq(&self.look, &other.look)
            && self.pos_world == other.pos_world
            && self.selected == other.selected
            && self.target == other.target
            && self.detail == other.detail
            && self.dispatch == other.dispatch
    }
}

#[component]
pub fn NodeView(props: &NodeProps) -> Html {
    let look = &props.look;
    // Absolute coordinates rather than a transform per component: each transform is a
    // paint property node, and a thousand of them make Chromium's layerization slow.
    let (cx, cy) = (props.pos_world.x, props.pos_world.y);
    let (x, y) = (cx - NODE_WIDTH / 2.0, cy - NODE_HEIGHT / 2.0);
    let class = classes!(
        "node",
        look.saturated.then_some("saturated"),
        props.selected.then_some("selected"),
        props.target.then_some("connect-target")
    );
    html! {
        <g class={class} data-id={look.key.clone()} data-kind={look.kind.name()} data-parent={look.parent.clone()}
            data-saturated={look.saturated.to_string()} data-utilisation={look.utilisation.clone()}
            data-x={shortest(cx)} data-y={shortest(cy)} role="button" tabindex="0" aria-label={look.aria.clone()}
            aria-pressed={props.selected.to_string()} onkeydown={on_select_key(&props.dispatch, &look.id)}>
            <rect class="body" x={shortest(x)} y={shortest(y)} width={shortest(NODE_WIDTH)}
                height={shortest(NODE_HEIGHT)} rx="10" style={look.fill.clone()} />
            if props.detail {
                { icon(look.kind, 20.0, x + 8.0, y + 8.0) }
                <text class="label" x={shortest(cx + 8.0)} y={shortest(y + 24.0)}>{ look.label.clone() }</text>
                if let Some(metrics) = look.metrics.clone() {
                    <text class="metrics" x={shortest(cx)} y={shortest(y + 46.0)}>{ metrics }</text>
                }
                if let Some(badge) = look.badge.clone() {
                    <text class="badge" x={shortest(cx)} y={shortest(y + NODE_HEIGHT + 16.0)}>{ badge }</text>
                }
                <circle class="handle" cx={shortest(x + NODE_WIDTH)} cy={shortest(cy)}
                    r={shortest(HANDLE_RADIUS_PX)} data-handle={look.key.clone()}>
                    <title>{ "Drag to another component to connect" }</title>
                </circle>
            }
        </g>
    }
}

#[derive(Properties, PartialEq)]
pub struct ContainerProps {
    pub look: Rc<NodeLook>,
    pub rect: Rect,
    pub selected: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// A region or zone: a titled frame behind its contents.
#[component]
pub fn ContainerView(props: &ContainerProps) -> Html {
    let look = &props.look;
    let Rect { min, .. } = props.rect;
    let kind_class = if look.kind == ComponentKind::Zone { "zone" } else { "region" };
    let class = classes!("container", kind_class, props.selected.then_some("selected"));
    html! {
        <g class={class} data-id={look.key.clone()} data-kind={look.kind.name()}
            transform={format!("translate({} {})", shortest(min.x), shortest(min.y))} role="group" tabindex="0"
            aria-label={look.aria.clone()} aria-pressed={props.selected.to_string()}
            onkeydown={on_select_key(&props.dispatch, &look.id)}>
            <rect class="frame" width={shortest(props.rect.width())} height={shortest(props.rect.height())} rx="14" />
            { icon(look.kind, 16.0, 8.0, 4.0) }
            <text class="title" x="30" y={shortest(CONTAINER_TITLE - 8.0)}>{ look.label.clone() }</text>
        </g>
    }
}

/// What a link looks like, apart from where its ends are.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkLook {
    pub key: scalelab_editor::LinkKey,
    pub id: AttrValue,
    pub from: AttrValue,
    pub to: AttrValue,
    pub mode: LinkMode,
    pub aria: AttrValue,
    /// Stroke width by throughput (`--w`), once the engine has answered.
    pub width: Option<AttrValue>,
    /// Attempts fail on it (time out, or an open breaker).
    pub failing: bool,
}

#[derive(Properties)]
pub struct LinkProps {
    pub look: Rc<LinkLook>,
    pub start: Point,
    pub end: Point,
    pub selected: bool,
    /// Draw the arrowhead (left out when zoomed far out, like a node's texts).
    pub detail: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

impl PartialEq for LinkProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.look, &other.look)
            && self.start == other.start
            && self.end == other.end
            && self.selected == other.selected
            && self.detail == other.detail
            && self.dispatch == other.dispatch
    }
}

#[component]
pub fn LinkView(props: &LinkProps) -> Html {
    let look = &props.look;
    let mode = match look.mode {
        LinkMode::Call => "call",
        LinkMode::Publish => "publish",
    };
    let on_key = {
        let dispatch = props.dispatch.clone();
        let key = look.key.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                event.stop_propagation();
                let key = key.clone();
                dispatch.dispatch(edit_input(move |e| e.select_link(&key)));
            }
        })
    };
    let (a, b) = (props.start, props.end);
    html! {
        <line class={classes!("link", mode, props.selected.then_some("selected"), look.failing.then_some("failing"))}
            style={look.width.clone()} data-from={look.from.clone()}
            data-to={look.to.clone()} data-mode={mode} role="button" tabindex="0" aria-label={look.aria.clone()}
            aria-pressed={props.selected.to_string()} onkeydown={on_key}
            x1={shortest(a.x)} y1={shortest(a.y)} x2={shortest(b.x)} y2={shortest(b.y)} marker-end={props.detail.then_some("url(#arrow)")} />
    }
}
