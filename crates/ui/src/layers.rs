//! The world drawn on the canvas, apart from the camera: the scene (which component and
//! link goes in which chunk, where, selected or not) and its memoised views.
//!
//! The scene is rebuilt only when the document, the selection, the looks or a gesture
//! that draws something changes, never when the view pans or zooms, and the `World`
//! view compares it by pointer: a camera move re-renders nothing of the world. Within a
//! scene, components and links sit in chunks of a few dozen, each a memoised view, so a
//! drag re-renders only the chunks it touches instead of yew diffing every component and
//! link each frame.

use std::collections::BTreeSet;
use std::rc::Rc;

use scalelab_editor::{Editor, Gesture, Rect, Selection, container_rects, link_segment};
use scalelab_model::ordered;
use scalelab_model::{ComponentId, ComponentKind, Point};
use yew::prelude::*;

use crate::looks::Looks;
use crate::node::{ContainerView, LinkView, NodeLook, NodeView};
use crate::state::AppState;

/// Components or links per chunk.
pub const CHUNK: usize = 40;

/// The looks, compared by pointer (they are rebuilt once per revision).
#[derive(Clone)]
pub struct SharedLooks(pub Rc<Looks>);

impl PartialEq for SharedLooks {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// (index into the document's components, centre, selected, link target).
pub type NodeItem = (usize, Point, bool, bool);
/// (index into the looks' links, start, end, selected).
pub type LinkItem = (usize, Point, Point, bool);

/// What decides the scene. Camera moves leave it equal; a gesture that draws something
/// of its own (a drag, a link being drawn, a selection box) makes every input a new key.
#[derive(PartialEq)]
pub struct SceneKey {
    looks: SharedLooks,
    revision: u64,
    selection: Selection,
    live: Option<u64>,
}

impl SceneKey {
    pub fn new(editor: &Editor, looks: &Rc<Looks>, tick: u64) -> Self {
        let live = match editor.gesture {
            Gesture::DraggingSelection { .. } | Gesture::Connecting { .. } | Gesture::BoxSelecting { .. } => Some(tick),
            _ => None,
        };
        Self {
            looks: SharedLooks(looks.clone()),
            revision: editor.revision(),
            selection: editor.selection.clone(),
            live,
        }
    }
}

/// The world's contents at one state of the editor.
#[derive(Default)]
pub struct Scene {
    /// Regions (first) and zones: look, frame, selected.
    pub containers: Vec<(Rc<NodeLook>, Rect, bool)>,
    pub link_chunks: Vec<Rc<[LinkItem]>>,
    pub node_chunks: Vec<Rc<[NodeItem]>>,
    /// What is being dragged, drawn in an overlay so the world under it stays unchanged.
    pub moving_links: Rc<[LinkItem]>,
    pub moving_nodes: Rc<[NodeItem]>,
}

impl Scene {
    pub fn new(editor: &Editor, looks: &Looks) -> Self {
        let doc = &editor.doc;
        // Looks are per revision; while nothing was added or removed they line up with the document.
        if looks.nodes.len() != doc.components.len() {
            return Self::default();
        }
        let dragging: BTreeSet<ComponentId> = match &editor.gesture {
            Gesture::DraggingSelection { origins, .. } => ordered(origins.iter().map(|(id, _)| id.clone())),
            _ => BTreeSet::new(),
        };
        let connect_target = match &editor.gesture {
            Gesture::Connecting { over, .. } => over.as_ref(),
            _ => None,
        };
        let selection = &editor.selection;
        let (mut node_chunks, mut link_chunks, mut moving_nodes, mut moving_links) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // Chunks keep their members by position in the document, so taking one component
        // out for a drag leaves every other chunk as it was.
        let plain = doc.components.iter().enumerate().filter(|(_, c)| !c.kind.is_container());
        for (ordinal, (i, c)) in plain.enumerate() {
            let node = (i, c.pos_world, selection.components.contains(&c.id), connect_target == Some(&c.id));
            if dragging.contains(&c.id) {
                moving_nodes.push(node);
            } else {
                chunk_of(&mut node_chunks, ordinal).push(node);
            }
        }
        for (i, (look, from, to)) in looks.links.iter().enumerate() {
            let (Some(from), Some(to)) = (doc.components.get(*from), doc.components.get(*to)) else { continue };
            let (a, b) = link_segment(from, to);
            let link = (i, a, b, selection.links.contains(&look.key));
            if dragging.contains(&look.key.from) || dragging.contains(&look.key.to) {
                moving_links.push(link);
            } else {
                chunk_of(&mut link_chunks, i).push(link);
            }
        }
        let rects = container_rects(doc, &dragging);
        // Regions behind zones, zones behind everything else (each in the design's order).
        let containers = doc.components.iter().enumerate().filter(|(_, c)| c.kind.is_container());
        let (regions, zones): (Vec<_>, Vec<_>) = containers.partition(|(_, c)| c.kind == ComponentKind::Region);
        let containers = regions
            .into_iter()
            .chain(zones)
            .filter_map(|(i, c)| {
                let rect = rects.get(&c.id).copied()?;
                Some((looks.nodes.get(i)?.clone(), rect, selection.components.contains(&c.id)))
            })
            .collect();
        Self {
            containers,
            link_chunks: link_chunks.into_iter().map(Rc::from).collect(),
            node_chunks: node_chunks.into_iter().map(Rc::from).collect(),
            moving_links: moving_links.into(),
            moving_nodes: moving_nodes.into(),
        }
    }
}

/// The chunk that the `n`th member belongs to, created (with those before it) if missing.
fn chunk_of<T>(chunks: &mut Vec<Vec<T>>, n: usize) -> &mut Vec<T> {
    let index = n / CHUNK;
    if chunks.len() <= index {
        chunks.resize_with(index + 1, Vec::new);
    }
    // Just grown to hold `index`, so the slot is there.
    #[allow(clippy::indexing_slicing)]
    &mut chunks[index]
}

#[derive(Properties)]
pub struct WorldProps {
    pub scene: Rc<Scene>,
    pub looks: SharedLooks,
    pub detail: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

impl PartialEq for WorldProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
            && self.looks == other.looks
            && self.detail == other.detail
            && self.dispatch == other.dispatch
    }
}

/// Regions and zones, then links, then components (what is dragged is left out).
#[component]
pub fn World(props: &WorldProps) -> Html {
    let WorldProps { scene, looks, detail, dispatch } = props;
    // Each group is a keyed list of its own: chunk numbers repeat across groups.
    html! {
        <>
        <g class="containers">{ for scene.containers.iter().map(|(look, rect, selected)| {
            let key = look.key.to_string();
            html! { <ContainerView {key} look={look.clone()} rect={*rect} selected={*selected} dispatch={dispatch.clone()} /> }
        }) }</g>
        <g class="links">{ for scene.link_chunks.iter().enumerate().map(|(n, links)| html! {
            <LinkChunk key={n} looks={looks.clone()} links={links.clone()} detail={*detail} dispatch={dispatch.clone()} />
        }) }</g>
        <g class="nodes">{ for scene.node_chunks.iter().enumerate().map(|(n, nodes)| html! {
            <NodeChunk key={n} looks={looks.clone()} nodes={nodes.clone()} detail={*detail} dispatch={dispatch.clone()} />
        }) }</g>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct NodeChunkProps {
    pub looks: SharedLooks,
    /// The plain components in the chunk.
    pub nodes: Rc<[NodeItem]>,
    pub detail: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[component]
pub fn NodeChunk(props: &NodeChunkProps) -> Html {
    html! {
        <g class="chunk">{ for props.nodes.iter().filter_map(|&(i, pos_world, selected, target)| {
            let look = props.looks.0.nodes.get(i)?.clone();
            let key = look.key.to_string();
            Some(html! { <NodeView {key} {look} {pos_world} {selected} {target} detail={props.detail}
                dispatch={props.dispatch.clone()} /> })
        }) }</g>
    }
}

#[derive(Properties, PartialEq)]
pub struct LinkChunkProps {
    pub looks: SharedLooks,
    /// The links in the chunk.
    pub links: Rc<[LinkItem]>,
    pub detail: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[component]
pub fn LinkChunk(props: &LinkChunkProps) -> Html {
    html! {
        <g class="chunk">{ for props.links.iter().filter_map(|&(i, start, end, selected)| {
            let look = props.looks.0.links.get(i)?.0.clone();
            let key = look.id.to_string();
            Some(html! { <LinkView {key} {look} {start} {end} {selected} detail={props.detail}
                dispatch={props.dispatch.clone()} /> })
        }) }</g>
    }
}
