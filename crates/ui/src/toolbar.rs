//! The toolbar: history, layout, view, files, library, share, theme and help.

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

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let file_input = use_node_ref();
    let editor = props.state.editor();
    let (can_undo, can_redo) = (editor.history().can_undo(), editor.history().can_redo());
    let (snap, zoom) = (editor.snap_to_grid, editor.viewport.zoom);
    let dispatch = props.dispatch.clone();
    let button = |label: &'static str, title: &'static str, input: fn() -> crate::state::Input| {
        let dispatch = dispatch.clone();
        html! { <button {title} aria-label={title} onclick={Callback::from(move |_| dispatch.dispatch(input()))}>{ label }</button> }
    };
    let export = |what: &'static str| {
        let (state, dispatch) = (props.state.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let doc = state.editor().doc.clone();
            let warn = {
                let dispatch = dispatch.clone();
                move |error: String| dispatch.dispatch(edit(move |e| e.warn(format!("Export failed: {error}"))))
            };
            let result = match what {
                "json" => files::export_json(&doc),
                "svg" => files::export_svg(&doc),
                _ => files::export_png(&doc, warn.clone()),
            };
            if let Err(error) = result {
                warn(error);
            }
        })
    };
    let on_import_click = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file_chosen = {
        let on_file = props.on_file.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let callback = dispatch.to_callback();
    let undo = callback.reform(|_: MouseEvent| edit_if(|e| e.undo()));
    let redo = callback.reform(|_: MouseEvent| edit_if(|e| e.redo()));
    let toggle_snap = callback.reform(|_: MouseEvent| edit(|e| e.snap_to_grid = !e.snap_to_grid));
    html! {
        <div class="tools" role="toolbar" aria-label="Editor">
            <div class="group">
                <button onclick={undo} disabled={!can_undo} title="Undo (Ctrl/⌘+Z)">{ "Undo" }</button>
                <button onclick={redo} disabled={!can_redo} title="Redo (Ctrl/⌘+Shift+Z)">{ "Redo" }</button>
            </div>
            <div class="group">
                { button("Tidy up", "Tidy up: lay the graph out in layers", || edit(|e| e.tidy())) }
                <button onclick={toggle_snap} aria-pressed={snap.to_string()} title="Snap to grid">{ "Snap" }</button>
            </div>
            <div class="group">
                { button("−", "Zoom out", || edit(|e| e.zoom_out())) }
                <button title="Zoom to 100 % (Ctrl/⌘+0)" data-testid="zoom-level"
                    onclick={callback.reform(|_: MouseEvent| edit(|e| e.reset_zoom()))}>{ format!("{:.0}%", zoom * 100.0) }</button>
                { button("+", "Zoom in", || edit(|e| e.zoom_in())) }
                { button("Fit", "Fit all (Shift+1)", || edit(|e| e.fit_all())) }
            </div>
            <div class="group">
                <button onclick={props.on_library.reform(|_: MouseEvent| ())} title="Designs: new, open, rename, duplicate, delete, examples">{ "Designs" }</button>
                <button onclick={on_import_click} title="Import a JSON or exported SVG file">{ "Import" }</button>
                <input type="file" ref={file_input} class="hidden" data-testid="import-file" accept=".json,.svg,application/json,image/svg+xml" onchange={on_file_chosen} />
                <button onclick={export("json")} title="Export the design as JSON">{ "JSON" }</button>
                <button onclick={export("svg")} title="Export a picture that carries the design">{ "SVG" }</button>
                <button onclick={export("png")} title="Export a picture">{ "PNG" }</button>
            </div>
            <div class="group">
                <button onclick={props.on_share.reform(|_: MouseEvent| ())} title="Share a link, or embed the design in a page"
                    data-testid="share-button">{ "Share" }</button>
            </div>
            <div class="group">
                <button onclick={props.on_theme.reform(|_: MouseEvent| ())} title="Switch theme" data-testid="theme">
                    { format!("Theme: {}", props.theme.name()) }
                </button>
                <button onclick={props.on_help.reform(|_: MouseEvent| ())} title="Shortcuts (?)" aria-label="Help: shortcuts">{ "?" }</button>
            </div>
        </div>
    }
}
