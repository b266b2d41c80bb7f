//! The app's layout: header with the traffic control, the canvas, and a legend.

use scalelab_editor::Action;
use scalelab_sim::evaluate;
use yew::prelude::*;

use crate::canvas::Canvas;
use crate::controls::UsersControl;
use crate::state::{AppState, Input};

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let doc = state.editor.doc.clone();
    let report = use_memo(doc.clone(), evaluate);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |input: Input| state.dispatch(input))
    };
    let on_users = dispatch.reform(|users: f64| Input::Perform(Action::SetUsers(users)));
    let undo = dispatch.reform(|_: MouseEvent| Input::Undo);
    let redo = dispatch.reform(|_: MouseEvent| Input::Redo);
    let history = state.editor.history();
    let (report_view, engine_error) = match report.as_ref() {
        Ok(report) => (Some(report.clone()), None),
        Err(error) => (None, Some(error.to_string())),
    };
    let entry_rps = report_view.as_ref().map_or(0.0, |r| r.entry_rps);
    html! {
        <div class="app">
            <header class="toolbar">
                <h1 class="brand">{ "scalelab" }</h1>
                <UsersControl users={doc.traffic.users} {entry_rps} on_change={on_users} />
                <div class="history">
                    <button onclick={undo} disabled={!history.can_undo()} title="Undo">{ "Undo" }</button>
                    <button onclick={redo} disabled={!history.can_redo()} title="Redo">{ "Redo" }</button>
                </div>
            </header>
            if let Some(message) = state.error.clone().or(engine_error) {
                <div class="error" role="alert">{ message }</div>
            }
            <Canvas doc={doc} report={report_view} selection={state.editor.selection.clone()}
                viewport={state.editor.viewport} on_input={dispatch} />
            <footer class="legend" aria-label="Utilisation legend">
                <span class="swatch" style="background: hsl(120 65% 42%)"></span>{ "idle" }
                <span class="swatch" style="background: hsl(60 65% 42%)"></span>{ "busy" }
                <span class="swatch" style="background: hsl(0 65% 42%)"></span>{ "near capacity" }
                <span class="swatch saturated"></span>{ "saturated" }
            </footer>
        </div>
    }
}
