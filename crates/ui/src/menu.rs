//! The right-click menu: the common actions for what was clicked.

use scalelab_model::LinkMode;
use scalelab_model::number::shortest;
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

/// The menu: markup with one listener that reads the item used from its `data-act`, as a
/// plain function rather than a component of its own (less wasm).
pub fn context_menu(at: &MenuAt, dispatch: UseReducerDispatcher<AppState>, on_close: Callback<()>) -> Html {
    let mut items: Vec<(&str, &str)> = Vec::new();
    if at.components > 0 {
        items.extend([("duplicate", "Duplicate"), ("copy", "Copy")]);
    }
    if at.can_paste {
        items.push(("paste", "Paste"));
    }
    let toggle = at.link.clone().map(|(key, mode)| match mode {
        LinkMode::Call => (key, LinkMode::Publish, "Make asynchronous (publish)"),
        LinkMode::Publish => (key, LinkMode::Call, "Make synchronous (call)"),
    });
    if let Some((_, _, label)) = &toggle {
        items.push(("link", label));
    }
    if at.components + at.links > 0 {
        items.push(("delete", "Delete"));
    }
    items.extend([("select-all", "Select all"), ("tidy", "Tidy up"), ("fit", "Fit all")]);
    let markup: String = items
        .iter()
        .map(|(act, label)| format!("<button role=\"menuitem\" data-act=\"{act}\">{label}</button>"))
        .collect();
    let onclick = Callback::from(move |e: MouseEvent| {
        let Some((what, _)) = crate::live::act(&e) else { return };
        let input: Input = match what.as_str() {
            "duplicate" => edit(|e| e.duplicate()),
            "copy" => edit(|e| e.copy()),
            "paste" => edit(|e| e.paste()),
            "delete" => edit(|e| e.delete_selection()),
            "select-all" => edit(|e| e.select_all()),
            "tidy" => edit(|e| e.tidy()),
            "fit" => edit(|e| e.fit_all()),
            "link" => match toggle.clone() {
                Some((key, next, _)) => edit(move |e| e.set_link_mode(&key, next)),
                None => return,
            },
            _ => return,
        };
        dispatch.dispatch(input);
        on_close.emit(());
    });
    html! {
        <div class="context-menu" role="menu" data-testid="context-menu" aria-label="Actions" {onclick}
            style={format!("left: {}px; top: {}px", shortest(at.client_x), shortest(at.client_y))}>
            { Html::from_html_unchecked(markup.into()) }
        </div>
    }
}
