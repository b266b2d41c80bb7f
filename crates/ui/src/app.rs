//! The app's layout: toolbar, palette, canvas with minimap, inspector, status line, and
//! the dialogs. Each part lives in its own module; this one wires them together.

use scalelab_model::LinkMode;
use scalelab_sim::evaluate;
use yew::prelude::*;

use crate::canvas::Canvas;
use crate::controls::UsersControl;
use crate::help::Help;
use crate::inspector::{Inspector, Subject};
use crate::keyboard::{SpaceKey, use_shortcuts};
use crate::library::Library;
use crate::looks::{display_name, looks};
use crate::menu::{ContextMenu, MenuAt};
use crate::minimap::Minimap;
use crate::palette::Palette;
use crate::state::{AppState, edit};
use crate::storage;
use crate::theme::Theme;
use crate::toolbar::Toolbar;

#[component]
pub fn App() -> Html {
    let boot = use_memo((), |_| storage::boot());
    // The document is copied once, when the state is made, not on every render.
    let state = use_reducer({
        let boot = boot.clone();
        move || AppState::new(boot.doc.clone())
    });
    let dispatch = state.dispatcher();
    let space = (*use_memo((), |_| SpaceKey::default())).clone();
    let help_open = use_state(|| false);
    let library_open = use_state(|| false);
    let menu = use_state(|| None::<(f64, f64)>);
    let theme = use_state(Theme::saved);
    let storage_message = use_state(|| boot.message.clone());

    let revision = state.editor().revision();
    // Moving components changes nothing the engine sees: a drag does not rerun it.
    let engine_revision = state.editor().engine_revision();
    let report = {
        let state = (*state).clone();
        use_memo(engine_revision, move |_| evaluate(&state.editor().doc))
    };
    let looks = {
        let (state, report) = ((*state).clone(), report.clone());
        use_memo(revision, move |_| looks(&state.editor().doc, report.as_ref().as_ref().ok()))
    };
    use_autosave(&state, revision, storage_message.setter());
    {
        let (theme, message) = (*theme, storage_message.setter());
        use_effect_with(theme, move |theme| {
            if let Err(error) = theme.apply() {
                message.set(Some(format!("The theme could not be remembered: {error}")));
            }
        });
    }
    {
        let (help, library, menu) = (help_open.clone(), library_open.clone(), menu.clone());
        let on_help = Callback::from(move |()| help.set(!*help));
        let on_escape = Callback::from(move |()| {
            library.set(false);
            menu.set(None);
        });
        let help = help_open.clone();
        let on_escape = Callback::from(move |()| {
            help.set(false);
            on_escape.emit(());
        });
        use_shortcuts(dispatch.clone(), space.clone(), on_help, on_escape);
    }
    {
        let (dispatch, restored) = (dispatch.clone(), boot.restored);
        use_effect_with((), move |_| {
            if restored {
                dispatch.dispatch(edit(|e| e.tell("Restored your autosaved design")));
            }
        });
    }

    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |file: web_sys::File| {
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                match crate::files::import(file).await {
                    Ok(doc) => dispatch.dispatch(edit(move |e| {
                        storage::replace_keeping_version(e, doc, format!("Imported {name}"));
                    })),
                    Err(error) => dispatch.dispatch(edit(move |e| e.warn(error))),
                }
            });
        })
    };
    let editor = state.editor();
    let entry_rps = report.as_ref().as_ref().map_or(0.0, |r| r.entry_rps);
    let engine_error = report.as_ref().as_ref().err().map(ToString::to_string);
    let on_users = dispatch.to_callback().reform(|users: f64| {
        edit(move |e| {
            e.try_perform(&scalelab_editor::Action::SetUsers(users), format!("Users set to {users}"));
        })
    });
    let subject = subject(&editor);
    let menu_at = (*menu).map(|(client_x, client_y)| menu_at(&editor, client_x, client_y));
    let notice = editor.notice.clone();
    let close_menu = {
        let menu = menu.clone();
        Callback::from(move |()| menu.set(None))
    };
    html! {
        <div class="app" onclick={let menu = menu.clone(); move |_| if menu.is_some() { menu.set(None) }}>
            <header class="toolbar">
                <h1 class="brand">{ "scalelab" }</h1>
                <UsersControl users={editor.doc.traffic.users} {entry_rps} on_change={on_users} />
                <Toolbar state={(*state).clone()} dispatch={dispatch.clone()} theme={*theme}
                    on_theme={let theme = theme.clone(); Callback::from(move |()| theme.set(theme.next()))}
                    on_help={let help = help_open.clone(); Callback::from(move |()| help.set(true))}
                    on_library={let library = library_open.clone(); Callback::from(move |()| library.set(true))}
                    on_file={on_file.clone()} />
            </header>
            if let Some(message) = (*storage_message).clone() {
                <div class="error" role="alert" data-testid="storage-error">{ message }</div>
            }
            if let Some(message) = engine_error {
                <div class="error engine" role="alert">{ message }</div>
            }
            <main class="workspace">
                <Palette dispatch={dispatch.clone()} />
                <div class="stage">
                    <Canvas state={(*state).clone()} looks={looks.clone()} dispatch={dispatch.clone()} space={space.clone()}
                        on_context={let menu = menu.clone(); Callback::from(move |at| menu.set(Some(at)))} {on_file} />
                    <Minimap state={(*state).clone()} dispatch={dispatch.clone()} />
                </div>
                <Inspector {subject} dispatch={dispatch.clone()} />
            </main>
            <footer class="statusbar">
                <div class={classes!("status", notice.as_ref().is_some_and(|n| n.is_error).then_some("error"))}
                    role="status" aria-live="polite" data-testid="status">
                    { notice.map(|n| n.text).unwrap_or_default() }
                </div>
                <div class="legend" aria-label="Utilisation legend">
                    <span class="swatch" style="background: hsl(120 65% 42%)"></span>{ "idle" }
                    <span class="swatch" style="background: hsl(60 65% 42%)"></span>{ "busy" }
                    <span class="swatch" style="background: hsl(0 65% 42%)"></span>{ "near capacity" }
                    <span class="swatch saturated"></span>{ "saturated" }
                </div>
            </footer>
            if let Some(at) = menu_at {
                <ContextMenu {at} dispatch={dispatch.clone()} on_close={close_menu} />
            }
            if *help_open {
                <Help on_close={let help = help_open.clone(); Callback::from(move |()| help.set(false))} />
            }
            if *library_open {
                <Library state={(*state).clone()} dispatch={dispatch.clone()}
                    on_close={let library = library_open.clone(); Callback::from(move |()| library.set(false))} />
            }
        </div>
    }
}

/// Saves the document after every change; tells the user when that fails.
#[hook]
fn use_autosave(state: &UseReducerHandle<AppState>, revision: u64, message: UseStateSetter<Option<String>>) {
    let state = (**state).clone();
    use_effect_with(revision, move |revision| {
        // Revision 0 is what was loaded: nothing to save yet.
        if *revision > 0 {
            if !storage::autosave_allowed() {
                message.set(Some("Autosave is paused: an unreadable autosave could not be set aside.".to_owned()));
            } else if let Err(error) = storage::autosave(&state.editor().doc) {
                message.set(Some(format!("Autosave failed: {error}")));
            } else if let Err(error) = storage::keep_version(&state.editor().doc, false) {
                message.set(Some(format!("A version could not be kept: {error}")));
            }
        }
    });
}

fn subject(editor: &scalelab_editor::Editor) -> Subject {
    let selection = &editor.selection;
    if let Some(id) = selection.single_component()
        && let Some(component) = editor.doc.component(id)
    {
        return Subject::Component(Box::new(component.clone()));
    }
    if let Some(key) = selection.single_link()
        && let Some(link) = editor.doc.links.iter().find(|l| key.matches(l))
    {
        let name = |id| editor.doc.component(id).map(display_name).unwrap_or_default();
        return Subject::Link { link: link.clone(), from: name(&key.from), to: name(&key.to) };
    }
    if selection.is_empty() {
        Subject::Design { name: editor.doc.name.clone() }
    } else {
        Subject::Many { components: selection.components.len(), links: selection.links.len() }
    }
}

fn menu_at(editor: &scalelab_editor::Editor, client_x: f64, client_y: f64) -> MenuAt {
    let link = editor.selection.single_link().map(|key| {
        let mode = editor.doc.links.iter().find(|l| key.matches(l)).map_or(LinkMode::Call, |l| l.mode);
        (key.clone(), mode)
    });
    MenuAt {
        client_x,
        client_y,
        components: editor.selection.components.len(),
        links: editor.selection.links.len(),
        link,
        can_paste: !editor.clipboard.components.is_empty(),
    }
}
