//! The library: designs kept in this browser (new, save, open, rename, duplicate,
//! delete), the recent versions kept automatically, and the gallery of examples shipped
//! with the site (fetched from beside the page when opened).

use scalelab_model::gallery::EXAMPLES;
use scalelab_model::{Component, ComponentKind, Document, Point, SCHEMA_VERSION, Traffic};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{AppState, edit};
use crate::storage::{Entry, MAX_VERSIONS, library, save_library, versions};

/// A new design: one users component, ready to be built on.
pub fn blank() -> Document {
    Document {
        schema_version: SCHEMA_VERSION,
        name: "Untitled design".to_owned(),
        components: vec![Component::new("users", ComponentKind::Users, "Users", Point::new(100.0, 220.0))],
        links: Vec::new(),
        traffic: Traffic::default(),
        scenario: Default::default(),
    }
}

/// An edit of the saved list.
type Change = Box<dyn FnOnce(&mut Vec<Entry>)>;

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub state: AppState,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub on_close: Callback<()>,
}

#[component]
pub fn Library(props: &LibraryProps) -> Html {
    // Err: the saved library could not be read; it is then shown as an error and never
    // written, so nothing in it is lost.
    let entries = use_state(library);
    // Read once when the dialog opens, not on every render (a rename re-renders per key).
    let kept = use_state(versions);
    let save_error = use_state(|| None::<String>);
    let renaming = use_state(|| None::<String>);
    let update = {
        let (entries, save_error) = (entries.clone(), save_error.clone());
        move |change: Change| {
            let Ok(mut list) = (*entries).clone() else { return };
            change(&mut list);
            // A failed save (storage full) keeps the list as it was and says why.
            match save_library(&list) {
                Ok(()) => {
                    save_error.set(None);
                    entries.set(Ok(list));
                }
                Err(error) => save_error.set(Some(format!("The library could not be saved: {error}"))),
            }
        }
    };
    let open = |doc: Document, what: String| {
        let (dispatch, close) = (props.dispatch.clone(), props.on_close.clone());
        Callback::from(move |_: MouseEvent| {
            let (doc, what) = (doc.clone(), what.clone());
            dispatch.dispatch(edit(move |e| crate::storage::replace_keeping_version(e, doc, what)));
            close.emit(());
        })
    };
    let save_current = {
        let (update, state) = (update.clone(), props.state.clone());
        Callback::from(move |_: MouseEvent| {
            let doc = state.editor().doc.clone();
            update(Box::new(move |list| {
                let id = format!("design-{}", js_sys::Date::now() as u64);
                let name = if doc.name.is_empty() { "Untitled design".to_owned() } else { doc.name.clone() };
                list.push(Entry { id, name, document: doc });
            }));
        })
    };
    let rows = match &*entries {
        Err(error) => html! { <p class="field-error" role="alert">{ error.clone() }</p> },
        Ok(list) if list.is_empty() => html! { <p class="hint">{ "No saved designs yet." }</p> },
        Ok(list) => html! {
            <ul class="library-list">{ for list.iter().map(|entry| {
                let id = entry.id.clone();
                let on_duplicate = {
                    let (update, id) = (update.clone(), id.clone());
                    Callback::from(move |_: MouseEvent| {
                        let id = id.clone();
                        update(Box::new(move |list| {
                            if let Some(copy) = list.iter().find(|e| e.id == id).cloned() {
                                let name = format!("{} (copy)", copy.name);
                                let new_id = format!("design-{}", js_sys::Date::now() as u64 + list.len() as u64);
                                list.push(Entry { id: new_id, name: name.clone(), document: Document { name, ..copy.document } });
                            }
                        }));
                    })
                };
                let on_delete = {
                    let (update, id) = (update.clone(), id.clone());
                    Callback::from(move |_: MouseEvent| {
                        let id = id.clone();
                        update(Box::new(move |list| list.retain(|e| e.id != id)));
                    })
                };
                let on_rename_start = {
                    let (renaming, id) = (renaming.clone(), id.clone());
                    Callback::from(move |_: MouseEvent| renaming.set(Some(id.clone())))
                };
                let on_rename = {
                    let (update, renaming, id) = (update.clone(), renaming.clone(), id.clone());
                    Callback::from(move |event: Event| {
                        let input: HtmlInputElement = event.target_unchecked_into();
                        let (id, name) = (id.clone(), input.value());
                        update(Box::new(move |list| {
                            if let Some(entry) = list.iter_mut().find(|e| e.id == id) {
                                entry.name = name.clone();
                                entry.document.name = name;
                            }
                        }));
                        renaming.set(None);
                    })
                };
                html! {
                    <li class="library-entry" data-testid="library-entry">
                        if renaming.as_deref() == Some(id.as_str()) {
                            <input type="text" aria-label="New name" value={entry.name.clone()} onchange={on_rename} autofocus=true />
                        } else {
                            <span class="entry-name">{ entry.name.clone() }</span>
                        }
                        <span class="entry-size">{ format!("{} components", entry.document.components.len()) }</span>
                        <button onclick={open(entry.document.clone(), format!("Opened {}", entry.name))}>{ "Open" }</button>
                        <button onclick={on_rename_start}>{ "Rename" }</button>
                        <button onclick={on_duplicate}>{ "Duplicate" }</button>
                        <button onclick={on_delete} aria-label={format!("Delete {}", entry.name)}>{ "Delete" }</button>
                    </li>
                }
            }) }</ul>
        },
    };
    let recent = match &*kept {
        Err(error) => html! { <p class="field-error" role="alert">{ error.clone() }</p> },
        Ok(list) if list.is_empty() => html! { <p class="hint">{ "No versions yet: one is kept as you edit." }</p> },
        Ok(list) => html! {
            <ul class="library-list">{ for list.iter().cloned().map(|version| {
                let when = String::from(
                    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(version.saved_at_ms)).to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED),
                );
                let name = version.document.name.clone();
                html! {
                    <li class="library-entry" data-testid="version">
                        <span class="entry-name">{ format!("{when} · {name}") }</span>
                        <span class="entry-size">{ format!("{} components", version.document.components.len()) }</span>
                        <button onclick={open(version.document, format!("Restored the version of {when}"))}>{ "Restore" }</button>
                    </li>
                }
            }) }</ul>
        },
    };
    // An example is fetched from beside the page when opened: the wasm carries none.
    let open_example = |file: &'static str, name: &'static str| {
        let (dispatch, close) = (props.dispatch.clone(), props.on_close.clone());
        Callback::from(move |_: MouseEvent| {
            let (dispatch, close) = (dispatch.clone(), close.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match crate::files::fetch_text(&format!("examples/{file}"))
                    .await
                    .and_then(|text| Document::from_json(&text).map_err(|e| e.to_string()))
                {
                    Ok(doc) => {
                        let what = format!("Opened the example {name}");
                        dispatch.dispatch(edit(move |e| crate::storage::replace_keeping_version(e, doc, what)));
                        close.emit(());
                    }
                    Err(error) => {
                        dispatch.dispatch(edit(move |e| e.warn(format!("The example could not be opened: {error}"))))
                    }
                }
            });
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop">
            <div class="dialog library" role="dialog" aria-modal="true" aria-labelledby="library-title" data-testid="library">
                <h2 id="library-title">{ "Designs" }</h2>
                <div class="row">
                    <button onclick={open(blank(), "New design".to_owned())}>{ "New design" }</button>
                    <button onclick={save_current}>{ "Save current design to library" }</button>
                </div>
                <h3>{ "Saved in this browser" }</h3>
                if let Some(error) = (*save_error).clone() {
                    <p class="field-error" role="alert" data-testid="library-error">{ error }</p>
                }
                { rows }
                <h3>{ format!("Recent versions (the last {MAX_VERSIONS}, kept automatically)") }</h3>
                { recent }
                <h3>{ "Examples" }</h3>
                <ul class="library-list">{ for EXAMPLES.iter().map(|&(file, name, components)| html! {
                    <li class="library-entry" data-testid="example">
                        <span class="entry-name">{ name }</span>
                        <span class="entry-size">{ format!("{components} components") }</span>
                        <button onclick={open_example(file, name)}>{ "Open" }</button>
                    </li>
                }) }</ul>
                <button onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
