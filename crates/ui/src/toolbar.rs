//! The toolbar: history, layout, view, files, library, share, theme and help.

use scalelab_model::number::fixed;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::files;
use crate::state::{AppState, edit, edit_if};
use crate::theme::Theme;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub state: AppState,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub theme: Theme,
    pub on_theme: Callback<()>,
    pub on_help: Callback<()>,
    pub on_library: Callback<()>,
    pub on_share: Callback<()>,
    pub on_file: Callback<web_sys::File>,
}

/// The buttons, as markup that never changes (so a button keeps the focus after use); what
/// changes (undo and redo available, snapping, the zoom, the theme) is put in by an effect.
const MARKUP: &str = "<div class=\"group\"><button data-act=\"undo\" title=\"Undo (Ctrl/⌘+Z)\">Undo</button>\
    <button data-act=\"redo\" title=\"Redo (Ctrl/⌘+Shift+Z)\">Redo</button></div><div class=\"group\"><button \
    data-act=\"tidy\" title=\"Tidy up: lay the graph out in layers\" aria-label=\"Tidy up: lay the graph out in layers\">\
    Tidy up</button><button data-act=\"snap\" title=\"Snap to grid\">Snap</button></div><div class=\"group\"><button \
    data-act=\"zoom-out\" title=\"Zoom out\" aria-label=\"Zoom out\">−</button><button data-act=\"zoom-reset\" \
    title=\"Zoom to 100 % (Ctrl/⌘+0)\" data-testid=\"zoom-level\"></button><button data-act=\"zoom-in\" title=\"Zoom in\" \
    aria-label=\"Zoom in\">+</button><button data-act=\"fit\" title=\"Fit all (Shift+1)\" aria-label=\"Fit all (Shift+1)\">\
    Fit</button></div><div class=\"group\"><button data-act=\"library\" title=\"Designs: new, open, rename, duplicate, \
    delete, examples\">Designs</button><button data-act=\"import\" title=\"Import a JSON or exported SVG file\">Import\
    </button><input type=\"file\" class=\"hidden\" data-act=\"file\" data-testid=\"import-file\" \
    accept=\".json,.svg,application/json,image/svg+xml\"><button data-act=\"json\" title=\"Export the design as JSON\">\
    JSON</button><button data-act=\"svg\" title=\"Export a picture that carries the design\">SVG</button><button \
    data-act=\"png\" title=\"Export a picture\">PNG</button></div><div class=\"group\"><button data-act=\"share\" \
    title=\"Share a link, or embed the design in a page\" data-testid=\"share-button\">Share</button></div><div \
    class=\"group\"><button data-act=\"theme\" title=\"Switch theme\" data-testid=\"theme\"></button><button \
    data-act=\"help\" title=\"Shortcuts (?)\" aria-label=\"Help: shortcuts\">?</button></div>";

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let bar = use_node_ref();
    let editor = props.state.editor();
    let shown = (
        editor.history().can_undo(),
        editor.history().can_redo(),
        editor.snap_to_grid,
        format!("{}%", fixed(editor.viewport.zoom * 100.0, 0)),
        props.theme,
    );
    {
        let bar = bar.clone();
        use_effect_with(shown, move |(undo, redo, snap, zoom, theme)| {
            let Some(bar) = bar.cast::<web_sys::Element>() else { return };
            let find = |act: &str| bar.query_selector(&format!("[data-act='{act}']")).ok().flatten();
            for (act, off) in [("undo", !undo), ("redo", !redo)] {
                if let Some(button) = find(act) {
                    let _ =
                        if off { button.set_attribute("disabled", "") } else { button.remove_attribute("disabled") };
                }
            }
            if let Some(button) = find("snap") {
                let _ = button.set_attribute("aria-pressed", if *snap { "true" } else { "false" });
            }
            if let Some(button) = find("zoom-reset") {
                button.set_text_content(Some(zoom));
            }
            if let Some(button) = find("theme") {
                button.set_text_content(Some(&format!("Theme: {}", theme.name())));
            }
        });
    }
    let onclick = {
        let (state, dispatch) = (props.state.clone(), props.dispatch.clone());
        let (on_library, on_share) = (props.on_library.clone(), props.on_share.clone());
        let (on_theme, on_help) = (props.on_theme.clone(), props.on_help.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((what, target)) = crate::live::act(&e) else { return };
            let input = match what.as_str() {
                "undo" => edit_if(|e| e.undo()),
                "redo" => edit_if(|e| e.redo()),
                "tidy" => edit(|e| e.tidy()),
                "snap" => edit(|e| e.snap_to_grid = !e.snap_to_grid),
                "zoom-out" => edit(|e| e.zoom_out()),
                "zoom-reset" => edit(|e| e.reset_zoom()),
                "zoom-in" => edit(|e| e.zoom_in()),
                "fit" => edit(|e| e.fit_all()),
                "library" => return on_library.emit(()),
                "share" => return on_share.emit(()),
                "theme" => return on_theme.emit(()),
                "help" => return on_help.emit(()),
                "import" => {
                    let file =
                        target.parent_element().and_then(|g| g.query_selector("[data-act='file']").ok().flatten());
                    if let Some(input) = file.and_then(|f| f.dyn_into::<HtmlInputElement>().ok()) {
                        input.click();
                    }
                    return;
                }
                "json" | "svg" | "png" => {
                    let doc = state.editor().doc.clone();
                    let warn = {
                        let dispatch = dispatch.clone();
                        move |error: String| dispatch.dispatch(edit(move |e| e.warn(format!("Export failed: {error}"))))
                    };
                    let result = match what.as_str() {
                        "json" => files::export_json(&doc),
                        "svg" => files::export_svg(&doc),
                        _ => files::export_png(&doc, warn.clone()),
                    };
                    if let Err(error) = result {
                        warn(error);
                    }
                    return;
                }
                _ => return,
            };
            dispatch.dispatch(input);
        })
    };
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    html! {
        <div class="tools" role="toolbar" aria-label="Editor" ref={bar} {onclick} {onchange}>
            { Html::from_html_unchecked(AttrValue::Static(MARKUP)) }
        </div>
    }
}
