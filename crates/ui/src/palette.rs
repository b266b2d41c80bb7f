//! The palette: every component kind, grouped, with its icon, name and one-line
//! description. Drag one onto the canvas to place it where it is dropped, or click (or
//! tap, or press Enter) to add it in the middle of the view.

use scalelab_editor::DRAG_THRESHOLD_PX;
use scalelab_model::number::shortest;
use scalelab_model::{ComponentKind, KindGroup, Point};
use yew::prelude::*;

use crate::canvas::canvas_point;
use crate::icons::icon;
use crate::state::{AppState, edit};

/// A palette item being dragged: which kind, where the press began, where it is now
/// (client pixels).
#[derive(Clone, Copy, PartialEq)]
struct Carry {
    kind: ComponentKind,
    pointer: i32,
    start: Point,
    now: Point,
    moved: bool,
}

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[component]
pub fn Palette(props: &PaletteProps) -> Html {
    let carry = use_state(|| None::<Carry>);
    let docs = crate::docs::use_docs();
    let item = |kind: ComponentKind| {
        let description = crate::docs::description(&docs, kind);
        let on_down = {
            let carry = carry.clone();
            Callback::from(move |event: PointerEvent| {
                if event.button() != 0 {
                    return;
                }
                // Capture, so the item keeps getting the pointer's moves over the canvas.
                if let Some(target) = event.target_dyn_into::<web_sys::Element>() {
                    let _ignored = target.set_pointer_capture(event.pointer_id());
                }
                let at = Point::new(f64::from(event.client_x()), f64::from(event.client_y()));
                carry.set(Some(Carry { kind, pointer: event.pointer_id(), start: at, now: at, moved: false }));
            })
        };
        let on_move = {
            let carry = carry.clone();
            Callback::from(move |event: PointerEvent| {
                let Some(c) = *carry else { return };
                if c.pointer != event.pointer_id() {
                    return;
                }
                let now = Point::new(f64::from(event.client_x()), f64::from(event.client_y()));
                let moved = c.moved || (now.x - c.start.x).hypot(now.y - c.start.y) >= DRAG_THRESHOLD_PX;
                carry.set(Some(Carry { now, moved, ..c }));
            })
        };
        let on_up = {
            let (carry, dispatch) = (carry.clone(), props.dispatch.clone());
            Callback::from(move |event: PointerEvent| {
                let Some(c) = *carry else { return };
                carry.set(None);
                let client = Point::new(f64::from(event.client_x()), f64::from(event.client_y()));
                if !c.moved {
                    dispatch.dispatch(edit(move |e| {
                        e.add_component_in_view(c.kind);
                    }));
                } else if let Some(pos_screen) = canvas_point(client.x, client.y) {
                    dispatch.dispatch(edit(move |e| {
                        let pos_world = e.viewport.world_from_screen(pos_screen);
                        e.add_component(c.kind, pos_world);
                    }));
                }
            })
        };
        let on_cancel = {
            let carry = carry.clone();
            Callback::from(move |_: PointerEvent| carry.set(None))
        };
        let on_key = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Enter" || event.key() == " " {
                    event.prevent_default();
                    event.stop_propagation();
                    dispatch.dispatch(edit(move |e| {
                        e.add_component_in_view(kind);
                    }));
                }
            })
        };
        html! {
            <li>
                <button class="palette-item" data-kind={kind.name()} title={description.clone()}
                    aria-label={format!("Add {}: {description}", kind.name())}
                    onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up} onpointercancel={on_cancel}
                    onkeydown={on_key}>
                    { icon(kind, 22.0, 0.0, 0.0) }
                    <span class="palette-text">
                        <span class="palette-name">{ kind.name() }</span>
                        <span class="palette-description">{ description }</span>
                    </span>
                </button>
            </li>
        }
    };
    html! {
        <nav class="palette" aria-label="Components">
            { for KindGroup::ALL.iter().map(|group| html! {
                <section class="palette-group" aria-label={group.name()}>
                    <h2>{ group.name() }</h2>
                    <ul>{ for ComponentKind::ALL.iter().filter(|k| k.group() == *group).map(|k| item(*k)) }</ul>
                </section>
            }) }
            if let Some(c) = (*carry).filter(|c| c.moved) {
                <div class="palette-ghost" aria-hidden="true"
                    style={format!("left: {}px; top: {}px", shortest(c.now.x), shortest(c.now.y))}>
                    { icon(c.kind, 22.0, 0.0, 0.0) }{ c.kind.name() }
                </div>
            }
        </nav>
    }
}
