//! The right-click menu: the common actions for what was clicked.

use scalelab_model::LinkMode;
use yew::prelude::*;

use crate::state::{AppState, Input, edit};

/// What the menu is about (read when it opens).
#[derive(Clone, PartialEq)]
pub struct MenuAt {
    pub client_x: f64,
    pub client_y: f64,
    pub components: usize,
    pub link: Option<(scalelab_editor::LinkKey, LinkMode)>,
    pub links: usize,
    pub can_paste: bool,
}

#[derive(Properties, PartialEq)]
pub struct MenuProps {
    pub at: MenuAt,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub on_close: Callback<()>,
}

#[component]
pub fn ContextMenu(props: &MenuProps) -> Html {
    let item = |label: &'static str, make: fn() -> Input| {
        let (dispatch, close) = (props.dispatch.clone(), props.on_close.clone());
        html! {
            <button role="menuitem" onclick={Callback::from(move |_| { dispatch.dispatch(make()); close.emit(()); })}>{ label }</button>
        }
    };
    let at = &props.at;
    let toggle_link = at.link.clone().map(|(key, mode)| {
        let (dispatch, close) = (props.dispatch.clone(), props.on_close.clone());
        let (next, label) = match mode {
            LinkMode::Call => (LinkMode::Publish, "Make asynchronous (publish)"),
            LinkMode::Publish => (LinkMode::Call, "Make synchronous (call)"),
        };
        let on_click = Callback::from(move |_| {
            let key = key.clone();
            dispatch.dispatch(edit(move |e| e.set_link_mode(&key, next)));
            close.emit(());
        });
        html! { <button role="menuitem" onclick={on_click}>{ label }</button> }
    });
    let has_selection = at.components + at.links > 0;
    html! {
        <div class="context-menu" role="menu" data-testid="context-menu" aria-label="Actions"
            style={format!("left: {}px; top: {}px", at.client_x, at.client_y)}>
            if at.components > 0 {
                { item("Duplicate", || edit(|e| e.duplicate())) }
                { item("Copy", || edit(|e| e.copy())) }
            }
            if at.can_paste { { item("Paste", || edit(|e| e.paste())) } }
            if let Some(toggle) = toggle_link { { toggle } }
            if has_selection { { item("Delete", || edit(|e| e.delete_selection())) } }
            { item("Select all", || edit(|e| e.select_all())) }
            { item("Tidy up", || edit(|e| e.tidy())) }
            { item("Fit all", || edit(|e| e.fit_all())) }
        </div>
    }
}
