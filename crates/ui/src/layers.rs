//! The canvas's components and links in chunks of a few dozen, each a memoised view:
//! while one component is dragged, only the chunks holding it and its links compare
//! unequal and re-render, instead of yew diffing every component and link each frame.

use std::rc::Rc;

use scalelab_model::Point;
use yew::prelude::*;

use crate::looks::Looks;
use crate::node::{LinkView, NodeView};
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

#[derive(Properties, PartialEq)]
pub struct NodeChunkProps {
    pub looks: SharedLooks,
    /// (index into the document's components, centre, selected, link target) of each
    /// plain component in the chunk.
    pub nodes: Vec<(usize, Point, bool, bool)>,
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
    /// (index into the looks' links, start, end, selected) of each link in the chunk.
    pub links: Vec<(usize, Point, Point, bool)>,
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
