//! The app's layout: toolbar, palette, canvas with minimap, inspector, status line, and
//! the dialogs; in embed mode (`?embed=1`) the same parts with less chrome, read-only
//! unless `edit=1`. Each part lives in its own module; this one wires them together.

use std::rc::Rc;

use scalelab_model::LinkMode;
use scalelab_model::number::shortest;
use yew::prelude::*;

use crate::boot;
use crate::embed::{Bar, embed_bar, summary, summary_panel};
use crate::engine::use_engine;
use crate::host::{Page, use_embed_reports, use_page};
use crate::page::{Address, View};
use crate::share::ShareDialog;

use crate::canvas::Canvas;
use crate::controls::UsersControl;
use crate::engine::Outcome;
use crate::help::help;
use crate::inspector::{Inspector, Subject};
use crate::keyboard::{SpaceKey, use_shortcuts};
use crate::lab::{SweepPanel, headline};
use crate::library::Library;
use crate::live::{LivePanel, Play, Playback, played, use_clock, use_outcome_at};
use crate::looks::{Looks, display_name, link_looks, node_looks};
use crate::menu::{MenuAt, context_menu};
use crate::minimap::Minimap;
use crate::palette::Palette;
use crate::state::{AppState, edit};
use crate::storage;
use crate::theme::Theme;
use crate::toolbar::Toolbar;

#[component]
pub fn App() -> Html {
    let address = use_memo((), |_| Address::current());
    let boot = use_memo((), {
        let address = address.clone();
        move |_| boot::start(&address)
    });
    let options = address.options.clone();
    let (embed, read_only) = (options.embed, options.embed && !options.edit);
    // The boot's document is cloned once, when the state is made: cloning it on every
    // render cost a copy of a thousand components per pointer move.
    let state = use_reducer({
        let boot = boot.clone();
        move || AppState::new(boot.doc.clone(), read_only)
    });
    let dispatch = state.dispatcher();
    let space = (*use_memo((), |_| SpaceKey::default())).clone();
    let help_open = use_state(|| false);
    let library_open = use_state(|| false);
    let share_open = use_state(|| false);
    // The link the design was opened from, and the design it held.
    let opened = use_state(|| None::<(String, scalelab_model::Document)>);
    let encoded = use_state(|| None::<String>);
    let autosave_on = use_state(|| boot.autosave);
    let root = use_node_ref();
    let visible = use_state(|| false);
    // An embed evaluates once started (autoplay, Run, or the host's run) and only while in
    // view, unless the host asked for a run; the editor always evaluates.
    // An editable embed is an editor: it evaluates like one.
    let started = use_state(|| !embed || options.autoplay || options.edit);
    let forced = use_state(|| false);
    let active = !embed || (*started && (*visible || *forced));
    let menu = use_state(|| None::<(f64, f64)>);
    let theme = use_state(|| if embed { Theme::from_embed(options.theme) } else { Theme::saved() });
    let storage_message = use_state(|| boot.alert.clone());

    let revision = state.editor().revision();
    // Moving components changes nothing the engine sees: a drag does not rerun it.
    let engine_revision = state.editor().engine_revision();
    let sweep_open = use_state(|| false);
    let live_open = use_state(|| false);
    let playback = use_reducer(Playback::default);
    use_clock(&playback);
    let running = (*live_open && active).then_some(playback.length_s);
    let (report, sweep, run) =
        use_engine(&state, engine_revision, active, *sweep_open, running, storage_message.setter());
    // The answer arrives after the change it answers: the looks follow each answer too.
    // Each answer is a new allocation made while the one before is still held, so two
    // answers in a row never share an address.
    let answer = Rc::as_ptr(&report) as usize;
    let ran = run.as_ref().as_ref().and_then(|r| r.as_ref().ok());
    {
        let (dispatch, end_s) = (playback.dispatcher(), ran.map(|r| r.end_s));
        use_effect_with(Rc::as_ptr(&run) as usize, move |_| {
            if let Some(end_s) = end_s {
                dispatch.dispatch(Play::Ends(end_s));
            }
        });
    }
    // While a run plays, the canvas and the cards show the sample at the time shown.
    let moment = ran.and_then(|r| played(r, playback.position_s).checked_sub(1));
    let shown: Option<Rc<Outcome>> = use_outcome_at(&report, &run, answer, moment);
    // Links keep their steady-state figures during a run, so only the components' looks
    // follow the time shown.
    let link_looks = {
        let (state, report) = ((*state).clone(), report.clone());
        use_memo((revision, active, answer), move |_| {
            link_looks(&state.editor().doc, report.as_ref().as_ref().and_then(|r| r.as_ref().ok()))
        })
    };
    let looks = {
        let (state, shown, links) = ((*state).clone(), shown.clone(), link_looks.clone());
        use_memo((revision, active, answer, moment), move |_| Looks {
            nodes: node_looks(&state.editor().doc, shown.as_deref()),
            links: (*links).clone(),
        })
    };
    // The selected component's own figures (at the daily peak, with how each was
    // computed), and its charts over the live run as played.
    let selected = state.editor().selection.single_component().cloned();
    let figures = {
        let state = (*state).clone();
        use_memo((engine_revision, selected.clone()), move |(_, id)| {
            id.as_ref().and_then(|id| crate::figures::explained(&state.editor().doc, id.as_str()))
        })
    };
    let own_charts = {
        let run = run.clone();
        use_memo((Rc::as_ptr(&run) as usize, selected.clone()), move |(_, id)| match (run.as_ref(), id) {
            (Some(Ok(run)), Some(id)) => crate::figures::charts(run, id.as_str()),
            _ => None,
        })
    };
    // Only charts in the inspector follow the clock: without them its props stay the same
    // and a tick does not render it.
    let curtain = match (own_charts.is_some(), ran) {
        (true, Some(r)) => {
            AttrValue::from(crate::live::curtain_variable(crate::live::played_share(playback.position_s, r.end_s)))
        }
        _ => AttrValue::Static(""),
    };
    use_autosave(&state, revision, storage_message.setter(), *autosave_on);
    {
        let (theme, message) = (*theme, storage_message.setter());
        use_effect_with(theme, move |theme| {
            // An embed shows its theme without remembering it: it never writes storage.
            if embed {
                theme.show();
            } else if let Err(error) = theme.apply() {
                message.set(Some(format!("The theme could not be remembered: {error}")));
            }
        });
    }
    let page = Page {
        options: options.clone(),
        state: (*state).clone(),
        dispatch: dispatch.clone(),
        root: root.clone(),
        alert: storage_message.setter(),
        autosave_on: autosave_on.setter(),
        opened: opened.setter(),
        encoded: encoded.setter(),
        started: started.setter(),
        forced: forced.setter(),
        visible: visible.setter(),
    };
    use_page(page.clone(), boot.clone());
    use_embed_reports(page, report.clone(), (revision, answer));
    {
        let (help, library, menu, share) = (help_open.clone(), library_open.clone(), menu.clone(), share_open.clone());
        let on_help = Callback::from(move |()| help.set(!*help));
        let on_escape = Callback::from(move |()| {
            library.set(false);
            share.set(false);
            menu.set(None);
        });
        let help = help_open.clone();
        let on_escape = Callback::from(move |()| {
            help.set(false);
            on_escape.emit(());
        });
        use_shortcuts(dispatch.clone(), space.clone(), on_help, on_escape);
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
    let current = report.as_ref().as_ref();
    // The engine's figure for the users shown, not for the users before a change.
    let entry_rps =
        current.and_then(|r| r.as_ref().ok()).filter(|r| r.users == editor.doc.traffic.users).map(|r| r.entry_rps);
    let engine_error = current.and_then(|r| r.as_ref().err()).map(ToString::to_string);
    let on_users: Callback<f64> = dispatch.to_callback().reform(|users: f64| {
        edit(move |e| {
            e.try_perform(&scalelab_editor::Action::SetUsers(users), format!("Users set to {}", shortest(users)));
        })
    });
    let subject = subject(&editor);
    let menu_at = (*menu).map(|(client_x, client_y)| menu_at(&editor, client_x, client_y));
    let notice = editor.notice.clone();
    let embed_state = if !embed {
        "off"
    } else if !*started {
        "idle"
    } else if active {
        "playing"
    } else {
        "paused"
    };
    let open_href = {
        let fragment = match (&*opened, &*encoded) {
            (Some((fragment, doc)), _) if *doc == editor.doc => fragment.clone(),
            (_, Some(fragment)) => fragment.clone(),
            _ => address.fragment.clone().unwrap_or_default(),
        };
        format!("{}#{fragment}", address.base)
    };
    let summary_now = (embed && options.view != View::Canvas)
        .then(|| current.and_then(|r| r.as_ref().ok()).map(|r| summary(&editor.doc, r)))
        .flatten();
    let waiting = match (embed_state, &engine_error) {
        (_, Some(error)) => error.clone(),
        ("idle", _) => "Press Run to evaluate the design.".to_owned(),
        _ => "Paused while out of view.".to_owned(),
    };
    let close_menu = {
        let menu = menu.clone();
        Callback::from(move |()| menu.set(None))
    };
    html! {
        <div class={classes!("app", embed.then_some("embed"), read_only.then_some("read-only"))} ref={root}
            data-embed-state={embed_state} onclick={let menu = menu.clone(); move |_| if menu.is_some() { menu.set(None) }}>
            if !embed {
                <header class="toolbar">
                    <h1 class="brand">{ "scalelab" }</h1>
                    <UsersControl users={editor.doc.traffic.users} {entry_rps} on_change={on_users.clone()} />
                    <Toolbar state={(*state).clone()} dispatch={dispatch.clone()} theme={*theme}
                        on_theme={let theme = theme.clone(); Callback::from(move |()| theme.set(theme.next()))}
                        on_help={let help = help_open.clone(); Callback::from(move |()| help.set(true))}
                        on_library={let library = library_open.clone(); Callback::from(move |()| library.set(true))}
                        on_share={let share = share_open.clone(); Callback::from(move |()| share.set(true))}
                        on_file={on_file.clone()} />
                </header>
            } else {
                { embed_bar(Bar {
                    name: &editor.doc.name,
                    open_href,
                    controls: options.controls,
                    started: *started,
                    on_run: {
                        let (started, forced) = (started.clone(), forced.clone());
                        Callback::from(move |_: MouseEvent| { started.set(true); forced.set(true); })
                    },
                    on_fit: dispatch.to_callback().reform(|_: MouseEvent| edit(|e| e.fit_all())),
                    users: html! { <UsersControl users={editor.doc.traffic.users} {entry_rps} on_change={on_users.clone()} /> },
                }) }
            }
            if let Some(message) = (*storage_message).clone() {
                <div class="error" role="alert" data-testid="storage-error">{ message }</div>
            }
            if let Some(message) = engine_error {
                <div class="error engine" role="alert">{ message }</div>
            }
            if !embed {
                { headline(shown.as_deref(), &editor.doc.scenario.thresholds, moment.map(|_| playback.position_s), *sweep_open, *live_open,
                    { let sweep_open = sweep_open.clone(); Callback::from(move |_: MouseEvent| sweep_open.set(!*sweep_open)) },
                    { let live_open = live_open.clone(); Callback::from(move |_: MouseEvent| live_open.set(!*live_open)) },
                    {
                        let (state, report, sweep, dispatch) = ((*state).clone(), report.clone(), sweep.clone(), dispatch.clone());
                        Callback::from(move |_: MouseEvent| {
                            let swept = sweep.as_ref().as_ref().and_then(|s| s.as_ref().ok());
                            if let Some(Ok(outcome)) = report.as_ref()
                                && let Err(error) = crate::lab::export_report(&state.editor().doc, outcome, swept)
                            {
                                dispatch.dispatch(edit(move |e| e.warn(format!("Export failed: {error}"))));
                            }
                        })
                    }) }
            }
            <main class="workspace">
                if !read_only {
                    <Palette dispatch={dispatch.clone()} />
                }
                if options.view != View::Charts {
                    <div class="stage">
                        <Canvas state={(*state).clone()} looks={looks.clone()} dispatch={dispatch.clone()} space={space.clone()}
                            refit={embed}
                            on_context={let menu = menu.clone(); Callback::from(move |at| menu.set(Some(at)))} {on_file} />
                        if !embed {
                            <Minimap state={(*state).clone()} dispatch={dispatch.clone()} />
                        }
                    </div>
                }
                if embed && options.view != View::Canvas {
                    { summary_panel(summary_now.as_ref(), &waiting) }
                }
                if !read_only {
                    <Inspector {subject} dispatch={dispatch.clone()} figures={(*figures).clone()} charts={(*own_charts).clone()} {curtain} />
                }
            </main>
            if *live_open && !embed {
                <LivePanel run={run.clone()} playback={*playback} state={(*state).clone()} dispatch={dispatch.clone()}
                    on_play={let dispatch = playback.dispatcher(); Callback::from(move |play| dispatch.dispatch(play))}
                    on_close={let (live_open, dispatch) = (live_open.clone(), playback.dispatcher());
                        Callback::from(move |()| { dispatch.dispatch(Play::Pause); live_open.set(false); })} />
            }
            if *sweep_open && !embed {
                <SweepPanel sweep={sweep.clone()} state={(*state).clone()} dispatch={dispatch.clone()}
                    on_close={let sweep_open = sweep_open.clone(); Callback::from(move |()| sweep_open.set(false))} />
            }
            <footer class={classes!("statusbar", embed.then_some("embed-status"))}>
                <div class={classes!("status", notice.as_ref().is_some_and(|n| n.is_error).then_some("error"))}
                    role="status" aria-live="polite" data-testid="status">
                    { notice.map(|n| n.text).unwrap_or_default() }
                </div>
                if !embed {
                    { Html::from_html_unchecked(AttrValue::Static(LEGEND)) }
                }
            </footer>
            if let Some(at) = menu_at {
                { context_menu(&at, dispatch.clone(), close_menu) }
            }
            if *help_open {
                { help({ let help = help_open.clone(); Callback::from(move |()| help.set(false)) }) }
            }
            if *share_open {
                <ShareDialog doc={editor.doc.clone()} base={address.base.clone()}
                    on_close={let share = share_open.clone(); Callback::from(move |()| share.set(false))} />
            }
            if *library_open {
                <Library state={(*state).clone()} dispatch={dispatch.clone()}
                    on_close={let library = library_open.clone(); Callback::from(move |()| library.set(false))} />
            }
        </div>
    }
}

/// The utilisation legend in the status bar (markup: it never changes).
const LEGEND: &str = "<div class=\"legend\" aria-label=\"Utilisation legend\">\
    <span class=\"swatch\" style=\"background: hsl(120 65% 42%)\"></span>idle\
    <span class=\"swatch\" style=\"background: hsl(60 65% 42%)\"></span>busy\
    <span class=\"swatch\" style=\"background: hsl(0 65% 42%)\"></span>near capacity\
    <span class=\"swatch saturated\"></span>saturated</div>";

/// Saves the document after every change; tells the user when that fails.
#[hook]
fn use_autosave(
    state: &UseReducerHandle<AppState>,
    revision: u64,
    message: UseStateSetter<Option<String>>,
    enabled: bool,
) {
    let state = (**state).clone();
    // The revision last saved, and whether saving is on, for the save when the page goes.
    let saved = use_mut_ref(|| (0_u64, enabled));
    saved.borrow_mut().1 = enabled;
    {
        let (state, saved) = (state.clone(), saved.clone());
        use_effect_with(revision, move |revision| {
            // Revision 0 is what was loaded: nothing to save yet. An embed never saves.
            if *revision > 0 && enabled {
                if !storage::autosave_allowed() {
                    message.set(Some("Autosave is paused: an unreadable autosave could not be set aside.".to_owned()));
                } else if let Err(error) = storage::autosave(&state.editor().doc) {
                    message.set(Some(format!("Autosave failed: {error}")));
                } else {
                    saved.borrow_mut().0 = *revision;
                    if let Err(error) = storage::keep_version(&state.editor().doc, false) {
                        message.set(Some(format!("A version could not be kept: {error}")));
                    }
                }
            }
        });
    }
    // A change made just before a reload or a close may not have been rendered, nor saved,
    // yet: the page saves it as it goes.
    use_effect_with((), move |()| {
        let listener = web_sys::window().map(|window| {
            gloo_events::EventListener::new(&window, "pagehide", move |_| {
                let (last, enabled) = *saved.borrow();
                let Ok(editor) = state.try_editor() else { return };
                if enabled && editor.revision() > last && storage::autosave_allowed() {
                    // Nobody is left to tell of a failure.
                    let _ = storage::autosave(&editor.doc);
                }
            })
        });
        move || drop(listener)
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
        let thresholds: Vec<&str> = editor.doc.scenario.thresholds.iter().map(|t| t.text()).collect();
        Subject::Design { name: editor.doc.name.clone(), thresholds: thresholds.join(", ") }
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
