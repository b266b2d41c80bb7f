//! The minimap: the whole design in miniature with the visible area outlined; press or
//! drag in it to move the view there.
//!
//! The miniature is drawn once per revision in an element of its own, which a CSS
//! transform fits into the minimap's frame; while the view pans and zooms only that transform and
//! the outline of the view change, so the browser does not redraw a thousand shapes.

use std::rc::Rc;

use scalelab_editor::{Rect, component_rect, container_rects};
use scalelab_model::Point;
use scalelab_model::number::{fixed, shortest};
use yew::prelude::*;

use crate::state::{AppState, edit};

const WIDTH: f64 = 200.0;
const HEIGHT: f64 = 130.0;

#[derive(Properties, PartialEq)]
pub struct MinimapProps {
    pub state: AppState,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The shapes, per revision: (rectangle, is a container).
#[derive(Properties)]
struct ShapesProps {
    shapes: Rc<Vec<(Rect, bool)>>,
}

impl PartialEq for ShapesProps {
    /// By pointer: the shapes are made once per revision, and comparing a thousand
    /// rectangles on every frame of a pan would cost more than it saves.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.shapes, &other.shapes)
    }
}

#[component]
fn Shapes(props: &ShapesProps) -> Html {
    html! {
        <g>{ for props.shapes.iter().map(|(r, container)| html! {
            <rect class={if *container { "mini-container" } else { "mini-node" }} x={shortest(r.min.x)} y={shortest(r.min.y)}
                width={shortest(r.width())} height={shortest(r.height())} />
        }) }</g>
    }
}

/// What the minimap shows: the design and the view, with a margin. Its edges move in
/// steps of an eighth of the design's size, so while the view pans a little the
/// miniature stays where it is and only the view's outline moves.
fn frame(design: Option<Rect>, view: Rect) -> Rect {
    let Some(design) = design else { return view.grow(40.0) };
    let step = (design.width().max(design.height()) / 8.0).max(1.0);
    let shown = design.union(&view).grow(40.0);
    let (down, up) = (|v: f64| (v / step).floor() * step, |v: f64| (v / step).ceil() * step);
    Rect { min: Point::new(down(shown.min.x), down(shown.min.y)), max: Point::new(up(shown.max.x), up(shown.max.y)) }
}

/// The shapes and the rectangle around them, per revision.
struct Miniature {
    shapes: Rc<Vec<(Rect, bool)>>,
    bounds: Option<Rect>,
}

#[component]
pub fn Minimap(props: &MinimapProps) -> Html {
    let editor = props.state.editor();
    let revision = editor.revision();
    let miniature = {
        let state = props.state.clone();
        use_memo(revision, move |_| {
            let editor = state.editor();
            let containers = container_rects(&editor.doc, &Default::default());
            let shapes: Vec<_> =
                editor.doc.components.iter().map(|c| (component_rect(c, &containers), c.kind.is_container())).collect();
            let bounds = shapes.iter().map(|(r, _)| *r).reduce(|a, b| a.union(&b));
            Miniature { shapes: Rc::new(shapes), bounds }
        })
    };
    let view =
        Rect::from_corners(editor.viewport.origin_world, editor.viewport.world_from_screen(editor.canvas_size_screen));
    let world = frame(miniature.bounds, view);
    let scale = (WIDTH / world.width()).min(HEIGHT / world.height());
    let to_world = move |event: &PointerEvent| -> Option<Point> {
        let target = event.current_target()?;
        let rect = wasm_bindgen::JsCast::dyn_ref::<web_sys::Element>(&target)?.get_bounding_client_rect();
        let x = (f64::from(event.client_x()) - rect.left()) / scale + world.min.x;
        let y = (f64::from(event.client_y()) - rect.top()) / scale + world.min.y;
        Some(Point::new(x, y))
    };
    let on_down = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: PointerEvent| {
            if let Some(target) = event.target_dyn_into::<web_sys::Element>() {
                let _ignored = target.set_pointer_capture(event.pointer_id());
            }
            if let Some(at) = to_world(&event) {
                dispatch.dispatch(edit(move |e| e.centre_on(at)));
            }
        })
    };
    let on_move = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: PointerEvent| {
            if event.buttons() == 1
                && let Some(at) = to_world(&event)
            {
                dispatch.dispatch(edit(move |e| e.centre_on(at)));
            }
        })
    };
    // The miniature in world units, placed and scaled into the frame.
    let shapes = miniature.bounds.map(|b| {
        let (dx, dy) = ((b.min.x - world.min.x) * scale, (b.min.y - world.min.y) * scale);
        html! {
            <div class="mini-shapes" style={format!("transform: translate({}px, {}px) scale({})", shortest(dx), shortest(dy), shortest(scale))}>
                <svg width={shortest(b.width())} height={shortest(b.height())}
                    viewBox={format!("{} {} {} {}", shortest(b.min.x), shortest(b.min.y), shortest(b.width()), shortest(b.height()))}>
                    <Shapes shapes={miniature.shapes.clone()} />
                </svg>
            </div>
        }
    });
    html! {
        <div class="minimap" data-testid="minimap" style={format!("width: {}px; height: {}px", shortest(WIDTH), shortest(HEIGHT))}
            role="img" aria-label="Minimap of the whole design" onpointerdown={on_down} onpointermove={on_move}>
            { shapes.unwrap_or_default() }
            // Placed by a transform, so while the view pans it moves without a repaint.
            <div class="mini-view" data-testid="minimap-view" data-x={fixed(view.min.x, 1)}
                data-y={fixed(view.min.y, 1)} style={format!(
                    "width: {}px; height: {}px; transform: translate({}px, {}px)",
                    shortest(view.width() * scale), shortest(view.height() * scale),
                    shortest((view.min.x - world.min.x) * scale), shortest((view.min.y - world.min.y) * scale)
                )}></div>
        </div>
    }
}
