//! The canvas: regions, links and components drawn as SVG from the editor's state, in a
//! world layer that the camera moves as a whole; pointer, wheel, context-menu and
//! file-drop events turned into editor inputs in screen coordinates. Hit-testing happens
//! in the editor, not in the DOM.

use std::rc::Rc;

use scalelab_editor::{DETAIL_ZOOM, Gesture, Modifiers, Rect};
use scalelab_model::Point;
use scalelab_model::number::{fixed, shortest};
use web_sys::Element;
use yew::prelude::*;

use crate::keyboard::SpaceKey;
use crate::layers::{LinkChunk, NodeChunk, Scene, SceneKey, SharedLooks, World, containers, dragging};
use crate::looks::{Looks, reuse_unchanged};
use crate::state::{AppState, edit, edit_if};

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub state: AppState,
    pub looks: Rc<Looks>,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub space: SpaceKey,
    /// Fit the design in view whenever the canvas resizes (an embed), not only the first time.
    #[prop_or_default]
    pub refit: bool,
    /// A right-click at (client x, client y).
    pub on_context: Callback<(f64, f64)>,
    /// A file dropped on the canvas.
    pub on_file: Callback<web_sys::File>,
}

/// Where a client (viewport) position falls on the canvas, in screen units.
pub fn canvas_point(client_x: f64, client_y: f64) -> Option<Point> {
    let canvas = web_sys::window()?.document()?.query_selector("[data-testid='canvas']").ok()??;
    let rect = canvas.get_bounding_client_rect();
    let inside =
        client_x >= rect.left() && client_x <= rect.right() && client_y >= rect.top() && client_y <= rect.bottom();
    inside.then(|| Point::new(client_x - rect.left(), client_y - rect.top()))
}

fn offset_of(canvas_ref: &NodeRef, client_x: f64, client_y: f64) -> Point {
    let (left, top) = canvas_ref
        .cast::<Element>()
        .map(|canvas| {
            let rect = canvas.get_bounding_client_rect();
            (rect.left(), rect.top())
        })
        .unwrap_or_default();
    Point::new(client_x - left, client_y - top)
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let canvas_ref = use_node_ref();
    use_canvas_size(&canvas_ref, &props.dispatch, props.refit);
    let handlers = handlers(props, &canvas_ref);
    let editor = props.state.editor();
    let viewport = editor.viewport;
    let zoom = viewport.zoom;
    let (tx, ty) = (-viewport.origin_world.x * zoom, -viewport.origin_world.y * zoom);
    // The camera is two CSS transforms around the world: a translation and, inside it, the
    // scale. While a pan gesture lasts, the translated element is a composited layer, so
    // each move changes only a value the compositor applies: no raster, and far less
    // layerization on the main thread. Not otherwise: a scale (zoom) or a drawing change
    // inside a composited layer this large repaints all of it each frame.
    let (tx, ty, scale) = (shortest(tx), shortest(ty), shortest(zoom));
    let pan_css: AttrValue = format!("transform: translate({tx}px, {ty}px)").into();
    let zoom_css: AttrValue = format!("transform: scale({scale})").into();
    let dispatch = &props.dispatch;
    let detail = zoom >= DETAIL_ZOOM;
    let stable = use_stable_looks(&props.looks);
    let looks = SharedLooks(stable.clone());
    let scene = {
        let (state, looks) = (props.state.clone(), stable.clone());
        use_memo(SceneKey::new(&editor, &stable), move |_| Scene::new(&state.editor(), &looks))
    };
    // Only what is dragged is redrawn on a move (and a dragged region or zone).
    let (moving_nodes, moving_links) = scene.moving(&editor, &stable);
    let world_containers = if scene.moving_container {
        Rc::new(containers(&editor, &stable, &dragging(&editor)))
    } else {
        scene.containers.clone()
    };
    let overlay = gesture_overlay(&editor);
    let overlaid = !moving_nodes.is_empty() || overlay.is_some();
    html! {
        <div class="canvas" ref={canvas_ref} data-testid="canvas" role="application"
            aria-label="Topology canvas" aria-roledescription="diagram editor"
            data-zoom={fixed(zoom, 3)} data-origin={format!("{},{}", fixed(viewport.origin_world.x, 1), fixed(viewport.origin_world.y, 1))}
            onpointerdown={handlers.down} onpointermove={handlers.moved} onpointerup={handlers.up}
            onpointercancel={handlers.cancel} onwheel={handlers.wheel} oncontextmenu={handlers.context}
            ondragover={handlers.drag_over} ondrop={handlers.drop}>
            if editor.snap_to_grid && zoom >= 0.5 {
                // In screen space, so the grid costs one rectangle however far the view moves.
                <svg class="grid-layer" aria-hidden="true">
                    <defs>
                        <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse"
                            patternTransform={format!("translate({tx} {ty}) scale({scale})")}>
                            <circle cx="0" cy="0" r="1.2" class="grid-dot" />
                        </pattern>
                    </defs>
                    <rect width="100%" height="100%" fill="url(#grid)" />
                </svg>
            }
            <div class={classes!("world", matches!(editor.gesture, Gesture::Panning { .. }).then_some("panning"))} style={pan_css.clone()}><div class="zoom" style={zoom_css.clone()}><svg>
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                <World scene={scene.clone()} containers={world_containers} looks={looks.clone()} {detail} dispatch={dispatch.clone()} />
            </svg></div></div>
            if overlaid {
                <div class="world overlay" style={pan_css} aria-hidden="true"><div class="zoom" style={zoom_css}><svg>
                    <LinkChunk looks={looks.clone()} links={moving_links} {detail} dispatch={dispatch.clone()} />
                    <NodeChunk {looks} nodes={moving_nodes} {detail} dispatch={dispatch.clone()} />
                    { overlay.unwrap_or_default() }
                </svg></div></div>
            }
        </div>
    }
}

/// The looks, with those that a change left equal shared with the previous revision's.
#[hook]
fn use_stable_looks(looks: &Rc<Looks>) -> Rc<Looks> {
    let previous = use_mut_ref(|| Rc::new(Looks::default()));
    let stable = {
        let previous = previous.clone();
        use_memo(SharedLooks(looks.clone()), move |next| reuse_unchanged(&next.0, &previous.borrow()))
    };
    *previous.borrow_mut() = stable.clone();
    stable
}

/// The link being dragged out, or the selection box.
fn gesture_overlay(editor: &scalelab_editor::Editor) -> Option<Html> {
    match &editor.gesture {
        Gesture::Connecting { from, pos_world, .. } => {
            let start = editor.doc.component(from).map(scalelab_editor::handle_world)?;
            Some(html! { <line class="connecting" x1={shortest(start.x)} y1={shortest(start.y)}
            x2={shortest(pos_world.x)} y2={shortest(pos_world.y)} /> })
        }
        Gesture::BoxSelecting { start_world, end_world, .. } => {
            let r = Rect::from_corners(*start_world, *end_world);
            Some(html! { <rect class="marquee" data-testid="marquee" x={shortest(r.min.x)} y={shortest(r.min.y)}
            width={shortest(r.width())} height={shortest(r.height())} /> })
        }
        _ => None,
    }
}

struct Handlers {
    down: Callback<PointerEvent>,
    moved: Callback<PointerEvent>,
    up: Callback<PointerEvent>,
    cancel: Callback<PointerEvent>,
    wheel: Callback<WheelEvent>,
    context: Callback<MouseEvent>,
    drag_over: Callback<DragEvent>,
    drop: Callback<DragEvent>,
}

fn handlers(props: &CanvasProps, canvas_ref: &NodeRef) -> Handlers {
    let at = {
        let canvas_ref = canvas_ref.clone();
        move |x: i32, y: i32| offset_of(&canvas_ref, f64::from(x), f64::from(y))
    };
    let down = {
        let (dispatch, space, canvas_ref, at) =
            (props.dispatch.clone(), props.space.clone(), canvas_ref.clone(), at.clone());
        Callback::from(move |event: PointerEvent| {
            // Primary button, touch or pen; the middle button pans.
            if event.button() != 0 && event.button() != 1 {
                return;
            }
            event.prevent_default();
            if let Some(canvas) = canvas_ref.cast::<web_sys::HtmlElement>() {
                // Keep receiving moves while the pointer is outside the canvas mid-gesture.
                let _ignored = canvas.set_pointer_capture(event.pointer_id());
            }
            let mods = Modifiers { shift: event.shift_key(), pan: space.held() || event.button() == 1 };
            let (pointer, pos) = (event.pointer_id(), at(event.client_x(), event.client_y()));
            dispatch.dispatch(edit(move |e| e.pointer_down(pointer, pos, mods)));
        })
    };
    let moved = {
        let (dispatch, at) = (props.dispatch.clone(), at.clone());
        Callback::from(move |event: PointerEvent| {
            let (pointer, pos) = (event.pointer_id(), at(event.client_x(), event.client_y()));
            dispatch.dispatch(edit_if(move |e| e.pointer_move(pointer, pos)));
        })
    };
    let up = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: PointerEvent| {
            let pointer = event.pointer_id();
            dispatch.dispatch(edit(move |e| e.pointer_up(pointer)));
        })
    };
    let cancel = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: PointerEvent| {
            let pointer = event.pointer_id();
            dispatch.dispatch(edit(move |e| e.pointer_cancel(pointer)));
        })
    };
    let wheel = {
        let (dispatch, at) = (props.dispatch.clone(), at.clone());
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            // Line-based wheels report lines; make them pixels.
            let scale = if event.delta_mode() == 1 { 16.0 } else { 1.0 };
            let (dx, dy) = (event.delta_x() * scale, event.delta_y() * scale);
            let zoom = event.ctrl_key() || event.meta_key();
            let pos = at(event.client_x(), event.client_y());
            dispatch.dispatch(edit(move |e| e.wheel(pos, dx, dy, zoom)));
        })
    };
    let context = {
        let (dispatch, on_context, at) = (props.dispatch.clone(), props.on_context.clone(), at);
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            let pos = at(event.client_x(), event.client_y());
            dispatch.dispatch(edit(move |e| e.context_select(pos)));
            on_context.emit((f64::from(event.client_x()), f64::from(event.client_y())));
        })
    };
    let drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let drop = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if let Some(file) = event.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
        })
    };
    Handlers { down, moved, up, cancel, wheel, context, drag_over, drop }
}

/// Tells the editor the canvas's size now and whenever the window resizes; the first
/// time, shows the whole design (as React Flow's fitView does).
#[hook]
fn use_canvas_size(canvas_ref: &NodeRef, dispatch: &UseReducerDispatcher<AppState>, refit: bool) {
    let canvas_ref = canvas_ref.clone();
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let measure = move |first: bool| {
            if let Some(canvas) = canvas_ref.cast::<Element>() {
                let rect = canvas.get_bounding_client_rect();
                let size = Point::new(rect.width(), rect.height());
                dispatch.dispatch(edit_if(move |e| {
                    let changed = e.canvas_size_screen != size;
                    e.canvas_size_screen = size;
                    if first {
                        e.fit_all();
                    }
                    changed || first
                }));
            }
        };
        measure(true);
        let listener =
            web_sys::window().map(|w| gloo_events::EventListener::new(&w, "resize", move |_| measure(refit)));
        move || drop(listener)
    });
}
