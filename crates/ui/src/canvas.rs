//! The SVG canvas: regions, links and components drawn from the editor's state; pointer,
//! wheel, context-menu and file-drop events turned into editor inputs in screen
//! coordinates. Hit-testing happens in the editor, not in the DOM.

use std::rc::Rc;

use scalelab_editor::{DETAIL_ZOOM, Gesture, Modifiers, Rect, container_rects, link_segment};
use scalelab_model::Point;
use web_sys::Element;
use yew::prelude::*;

use crate::keyboard::SpaceKey;
use crate::layers::{CHUNK, LinkChunk, NodeChunk, SharedLooks};
use crate::looks::Looks;
use crate::node::ContainerView;
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

fn offset_of(svg_ref: &NodeRef, client_x: f64, client_y: f64) -> Point {
    let (left, top) = svg_ref
        .cast::<Element>()
        .map(|svg| {
            let rect = svg.get_bounding_client_rect();
            (rect.left(), rect.top())
        })
        .unwrap_or_default();
    Point::new(client_x - left, client_y - top)
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let svg_ref = use_node_ref();
    use_canvas_size(&svg_ref, &props.dispatch, props.refit);
    let handlers = handlers(props, &svg_ref);
    let editor = props.state.editor();
    let viewport = editor.viewport;
    let zoom = viewport.zoom;
    let camera: AttrValue =
        format!("translate({} {}) scale({zoom})", -viewport.origin_world.x * zoom, -viewport.origin_world.y * zoom)
            .into();
    let doc = &editor.doc;
    let looks = &props.looks;
    // Looks are per revision; while nothing was added or removed they line up with the document.
    let aligned = looks.nodes.len() == doc.components.len();
    let dragging: std::collections::BTreeSet<_> = match &editor.gesture {
        Gesture::DraggingSelection { origins, .. } => origins.iter().map(|(id, _)| id.clone()).collect(),
        _ => Default::default(),
    };
    let containers = container_rects(doc, &dragging);
    let connect_target = match &editor.gesture {
        Gesture::Connecting { over, .. } => over.clone(),
        _ => None,
    };
    let visible_world =
        Rect::from_corners(viewport.origin_world, viewport.world_from_screen(editor.canvas_size_screen));
    let dispatch = &props.dispatch;
    let detail = zoom >= DETAIL_ZOOM;
    let shared = SharedLooks(looks.clone());
    // What is being dragged is drawn in an overlay of its own, so the canvas underneath
    // stays unchanged during the drag and the browser need not repaint it.
    let mut moving_nodes = Vec::new();
    let mut moving_links = Vec::new();
    let node_chunks: Vec<Vec<(usize, Point, bool, bool)>> = if aligned {
        let plain: Vec<_> = doc
            .components
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.kind.is_container())
            .map(|(i, c)| {
                let selected = editor.selection.components.contains(&c.id);
                (i, c.pos_world, selected, connect_target.as_ref() == Some(&c.id))
            })
            .collect();
        let (moving, still): (Vec<_>, Vec<_>) =
            plain.into_iter().partition(|(i, ..)| dragging.contains(&doc.components[*i].id));
        moving_nodes = moving;
        still.chunks(CHUNK).map(<[_]>::to_vec).collect()
    } else {
        Vec::new()
    };
    let link_chunks: Vec<Vec<(usize, Point, Point, bool)>> = if aligned {
        let segments: Vec<_> = looks
            .links
            .iter()
            .enumerate()
            .filter_map(|(i, (look, from, to))| {
                let (a, b) = link_segment(doc.components.get(*from)?, doc.components.get(*to)?);
                let moves = dragging.contains(&look.key.from) || dragging.contains(&look.key.to);
                Some((moves, (i, a, b, editor.selection.links.contains(&look.key))))
            })
            .collect();
        let (moving, still): (Vec<_>, Vec<_>) = segments.into_iter().partition(|(moves, _)| *moves);
        moving_links = moving.into_iter().map(|(_, l)| l).collect();
        still.into_iter().map(|(_, l)| l).collect::<Vec<_>>().chunks(CHUNK).map(<[_]>::to_vec).collect()
    } else {
        Vec::new()
    };
    let container_views = doc.components.iter().enumerate().filter(|(_, c)| c.kind.is_container() && aligned);
    // Regions behind zones, zones behind everything else.
    let mut container_views: Vec<_> = container_views.collect();
    container_views.sort_by_key(|(_, c)| c.kind != scalelab_model::ComponentKind::Region);
    html! {
        <>
        <svg class="canvas" ref={svg_ref} data-testid="canvas" role="application"
            aria-label="Topology canvas" aria-roledescription="diagram editor"
            data-zoom={format!("{zoom:.3}")} data-origin={format!("{:.1},{:.1}", viewport.origin_world.x, viewport.origin_world.y)}
            onpointerdown={handlers.down} onpointermove={handlers.moved} onpointerup={handlers.up}
            onpointercancel={handlers.cancel} onwheel={handlers.wheel} oncontextmenu={handlers.context}
            ondragover={handlers.drag_over} ondrop={handlers.drop}>
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                </marker>
                <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse">
                    <circle cx="0" cy="0" r="1.2" class="grid-dot" />
                </pattern>
            </defs>
            <g transform={camera.clone()}>
                if editor.snap_to_grid && zoom >= 0.5 {
                    <rect class="grid" x={visible_world.min.x.to_string()} y={visible_world.min.y.to_string()}
                        width={visible_world.width().to_string()} height={visible_world.height().to_string()} fill="url(#grid)" />
                }
                { for container_views.into_iter().filter_map(|(i, c)| {
                    let rect = containers.get(&c.id).copied()?;
                    let look = looks.nodes[i].clone();
                    let key = look.key.to_string();
                    Some(html! { <ContainerView {key} {look} {rect}
                        selected={editor.selection.components.contains(&c.id)} dispatch={dispatch.clone()} /> })
                }) }
                { for link_chunks.into_iter().enumerate().map(|(n, links)| html! {
                    <LinkChunk key={n} looks={shared.clone()} {links} {detail} dispatch={dispatch.clone()} />
                }) }
                { for node_chunks.into_iter().enumerate().map(|(n, nodes)| html! {
                    <NodeChunk key={n} looks={shared.clone()} {nodes} {detail} dispatch={dispatch.clone()} />
                }) }
                { gesture_overlay(&editor) }
            </g>
        </svg>
        if !moving_nodes.is_empty() {
            <svg class="canvas-overlay" aria-hidden="true">
                <g transform={camera.clone()}>
                    <LinkChunk looks={shared.clone()} links={moving_links} {detail} dispatch={dispatch.clone()} />
                    <NodeChunk looks={shared.clone()} nodes={moving_nodes} {detail} dispatch={dispatch.clone()} />
                </g>
            </svg>
        }
        </>
    }
}

/// The link being dragged out, or the selection box.
fn gesture_overlay(editor: &scalelab_editor::Editor) -> Html {
    match &editor.gesture {
        Gesture::Connecting { from, pos_world, .. } => {
            let Some(start) = editor.doc.component(from).map(scalelab_editor::handle_world) else { return html! {} };
            html! { <line class="connecting" x1={start.x.to_string()} y1={start.y.to_string()}
            x2={pos_world.x.to_string()} y2={pos_world.y.to_string()} /> }
        }
        Gesture::BoxSelecting { start_world, end_world, .. } => {
            let r = Rect::from_corners(*start_world, *end_world);
            html! { <rect class="marquee" data-testid="marquee" x={r.min.x.to_string()} y={r.min.y.to_string()}
            width={r.width().to_string()} height={r.height().to_string()} /> }
        }
        _ => html! {},
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

fn handlers(props: &CanvasProps, svg_ref: &NodeRef) -> Handlers {
    let at = {
        let svg_ref = svg_ref.clone();
        move |x: i32, y: i32| offset_of(&svg_ref, f64::from(x), f64::from(y))
    };
    let down = {
        let (dispatch, space, svg_ref, at) = (props.dispatch.clone(), props.space.clone(), svg_ref.clone(), at.clone());
        Callback::from(move |event: PointerEvent| {
            // Primary button, touch or pen; the middle button pans.
            if event.button() != 0 && event.button() != 1 {
                return;
            }
            event.prevent_default();
            if let Some(svg) = svg_ref.cast::<web_sys::HtmlElement>() {
                // Keep receiving moves while the pointer is outside the canvas mid-gesture.
                let _ignored = svg.set_pointer_capture(event.pointer_id());
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
fn use_canvas_size(svg_ref: &NodeRef, dispatch: &UseReducerDispatcher<AppState>, refit: bool) {
    let svg_ref = svg_ref.clone();
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        let measure = move |first: bool| {
            if let Some(svg) = svg_ref.cast::<Element>() {
                let rect = svg.get_bounding_client_rect();
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
