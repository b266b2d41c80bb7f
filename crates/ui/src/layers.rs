//! The world drawn on the canvas, apart from the camera: the scene (which component and
//! link goes in which chunk, where, selected or not) and its memoised views.
//!
//! The scene is rebuilt only when the document, the selection, the looks or a gesture
//! that draws something changes, never when the view pans or zooms, and the `World`
//! view compares it by pointer: a camera move re-renders nothing of the world. Within a
//! scene, components and links sit in chunks of a few dozen, each a memoised view.
//!
//! A drag builds its scene once, when it starts: what is dragged is left out of the
//! chunks and named in `moving_nodes` and `moving_links`, whose positions `Scene::moving`
//! reads from the document on each move, so a pointer move costs work in proportion to
//! what is dragged, not to the design.

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
/// A region or zone: look, frame, selected.
pub type ContainerItem = (Rc<NodeLook>, Rect, bool);

/// What decides the scene. Camera moves leave it equal, and so do the moves of a drag:
/// what is dragged follows from the selection when the drag starts, and is drawn apart.
#[derive(PartialEq)]
pub struct SceneKey {
    looks: SharedLooks,
    revision: u64,
    selection: Selection,
    live: Live,
}

/// What a gesture in progress changes in the world.
#[derive(PartialEq)]
enum Live {
    Nothing,
    /// The dragged components leave their chunks for the overlay.
    Dragging,
    /// The component a link being drawn would connect to is highlighted.
    Connecting(Option<ComponentId>),
}

impl SceneKey {
    pub fn new(editor: &Editor, looks: &Rc<Looks>) -> Self {
        let live = match &editor.gesture {
            Gesture::DraggingSelection { .. } => Live::Dragging,
            Gesture::Connecting { over, .. } => Live::Connecting(over.clone()),
            _ => Live::Nothing,
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
    /// Regions (first) and zones.
    pub containers: Rc<Vec<ContainerItem>>,
    pub link_chunks: Vec<Rc<[LinkItem]>>,
    pub node_chunks: Vec<Rc<[NodeItem]>>,
    /// What is being dragged, drawn in an overlay so the world under it stays unchanged:
    /// (index into the document's components, selected) and (index into the looks' links,
    /// selected).
    pub moving_nodes: Vec<(usize, bool)>,
    pub moving_links: Vec<(usize, bool)>,
    /// A dragged region or zone is drawn where it is on each move (see `containers`).
    pub moving_container: bool,
}

impl Scene {
    pub fn new(editor: &Editor, looks: &Looks) -> Self {
        let doc = &editor.doc;
        // Looks are per revision; while nothing was added or removed they line up with the document.
        if looks.nodes.len() != doc.components.len() {
            return Self::default();
        }
        let dragging = dragging(editor);
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
            let selected = selection.components.contains(&c.id);
            if dragging.contains(&c.id) {
                moving_nodes.push((i, selected));
            } else {
                chunk_of(&mut node_chunks, ordinal).push((i, c.pos_world, selected, connect_target == Some(&c.id)));
            }
        }
        for (i, (look, from, to)) in looks.links.iter().enumerate() {
            let (Some(from), Some(to)) = (doc.components.get(*from), doc.components.get(*to)) else { continue };
            let selected = selection.links.contains(&look.key);
            if dragging.contains(&look.key.from) || dragging.contains(&look.key.to) {
                moving_links.push((i, selected));
            } else {
                let (a, b) = link_segment(from, to);
                chunk_of(&mut link_chunks, i).push((i, a, b, selected));
            }
        }
        let moving_container = doc.components.iter().any(|c| c.kind.is_container() && dragging.contains(&c.id));
        Self {
            containers: Rc::new(containers(editor, looks, &dragging)),
            link_chunks: link_chunks.into_iter().map(Rc::from).collect(),
            node_chunks: node_chunks.into_iter().map(Rc::from).collect(),
            moving_nodes,
            moving_links,
            moving_container,
        }
    }

    /// Where what is dragged is now: the components and links of the overlay.
    pub fn moving(&self, editor: &Editor, looks: &Looks) -> (Rc<[NodeItem]>, Rc<[LinkItem]>) {
        let components = &editor.doc.components;
        let nodes = self
            .moving_nodes
            .iter()
            .filter_map(|&(i, selected)| Some((i, components.get(i)?.pos_world, selected, false)))
            .collect();
        let links = self
            .moving_links
            .iter()
            .filter_map(|&(i, selected)| {
                let (_, from, to) = looks.links.get(i)?;
                let (a, b) = link_segment(components.get(*from)?, components.get(*to)?);
                Some((i, a, b, selected))
            })
            .collect();
        (nodes, links)
    }
}

/// Regions (first) and zones, each grown around its contents but for what is dragged.
pub fn containers(editor: &Editor, looks: &Looks, dragging: &BTreeSet<ComponentId>) -> Vec<ContainerItem> {
    let (doc, selection) = (&editor.doc, &editor.selection);
    if !doc.components.iter().any(|c| c.kind.is_container()) {
        return Vec::new();
    }
    let rects = container_rects(doc, dragging);
    // Regions behind zones, zones behind everything else (two passes rather than a sort,
    // whose code would cost the wasm budget).
    [ComponentKind::Region, ComponentKind::Zone]
        .into_iter()
        .flat_map(|kind| doc.components.iter().enumerate().filter(move |(_, c)| c.kind == kind))
        .filter_map(|(i, c)| {
            let rect = rects.get(&c.id).copied()?;
            Some((looks.nodes.get(i)?.clone(), rect, selection.components.contains(&c.id)))
        })
        .collect()
}

/// The components a drag in progress moves.
pub fn dragging(editor: &Editor) -> BTreeSet<ComponentId> {
    match &editor.gesture {
        Gesture::DraggingSelection { origins, .. } => ordered(origins.iter().map(|(id, _)| id.clone())),
        _ => BTreeSet::new(),
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
    /// The scene's, or where a dragged region or zone is now.
    pub containers: Rc<Vec<ContainerItem>>,
    pub looks: SharedLooks,
    pub detail: bool,
    pub dispatch: UseReducerDispatcher<AppState>,
}

impl PartialEq for WorldProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
            && Rc::ptr_eq(&self.containers, &other.containers)
            && self.looks == other.looks
            && self.detail == other.detail
            && self.dispatch == other.dispatch
    }
}

/// Regions and zones, then links, then components (what is dragged is left out).
#[component]
pub fn World(props: &WorldProps) -> Html {
    let WorldProps { scene, containers, looks, detail, dispatch } = props;
    // Each group is a keyed list of its own: chunk numbers repeat across groups.
    html! {
        <>
        <g class="containers">{ for containers.iter().map(|(look, rect, selected)| {
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
