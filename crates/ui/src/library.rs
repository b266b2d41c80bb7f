//! The library: designs kept in this browser (new, save, open, rename, duplicate,
//! delete), the recent versions kept automatically, and the gallery of examples shipped
//! with the site (fetched from beside the page when opened).

use scalelab_model::gallery::EXAMPLES;
use scalelab_model::{Component, ComponentKind, Document, Point, SCHEMA_VERSION, Traffic};
use std::fmt::Write;

use scalelab_charts::escape;
use wasm_bindgen::{JsCast, JsValue};
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

/// The dialog is written as markup with one listener per kind of event, which reads what
/// was used from its `data-act` (and the entry from `data-id`): a virtual DOM node per
/// element cost the wasm several times more.
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
    let onclick = {
        let (entries, kept, renaming, update, state) =
            (entries.clone(), kept.clone(), renaming.clone(), update.clone(), props.state.clone());
        let (dispatch, close) = (props.dispatch.clone(), props.on_close.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((what, target)) = crate::live::act(&e) else { return };
            let id = target.get_attribute("data-id").unwrap_or_default();
            let entry = entries.as_ref().ok().and_then(|list| list.iter().find(|e| e.id == id)).cloned();
            let open = |doc: Document, what: String| {
                dispatch.dispatch(edit(move |e| crate::storage::replace_keeping_version(e, doc, what)));
                close.emit(());
            };
            match (what.as_str(), entry) {
                ("new", _) => open(blank(), "New design".to_owned()),
                ("save", _) => {
                    let doc = state.editor().doc.clone();
                    update(Box::new(move |list| {
                        let id = format!("design-{}", js_sys::Date::now() as u64);
                        let name = if doc.name.is_empty() { "Untitled design".to_owned() } else { doc.name.clone() };
                        list.push(Entry { id, name, document: doc });
                    }));
                }
                ("open", Some(entry)) => open(entry.document, format!("Opened {}", entry.name)),
                ("rename", Some(_)) => renaming.set(Some(id)),
                ("duplicate", Some(copy)) => update(Box::new(move |list| {
                    let name = format!("{} (copy)", copy.name);
                    let new_id = format!("design-{}", js_sys::Date::now() as u64 + list.len() as u64);
                    list.push(Entry { id: new_id, name: name.clone(), document: Document { name, ..copy.document } });
                })),
                ("delete", Some(_)) => update(Box::new(move |list| list.retain(|e| e.id != id))),
                ("restore", _) => {
                    let version = kept.as_ref().ok().and_then(|list| list.get(index(&id)?)).cloned();
                    if let Some(version) = version {
                        open(version.document, format!("Restored the version of {}", when(version.saved_at_ms)));
                    }
                }
                ("example", _) => {
                    if let Some(&(file, name, _)) = index(&id).and_then(|i| EXAMPLES.get(i)) {
                        open_example(file, name, dispatch.clone(), close.clone());
                    }
                }
                ("close", _) => close.emit(()),
                _ => {}
            }
        })
    };
    let onchange = {
        let renaming = renaming.clone();
        Callback::from(move |e: Event| {
            let Some((what, target)) = crate::live::act(&e) else { return };
            if what != "rename-to" {
                return;
            }
            let id = target.get_attribute("data-id").unwrap_or_default();
            let name = target.dyn_into::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            update(Box::new(move |list| {
                if let Some(entry) = list.iter_mut().find(|e| e.id == id) {
                    entry.name = name.clone();
                    entry.document.name = name;
                }
            }));
            renaming.set(None);
        })
    };
    let dialog = use_node_ref();
    {
        // The name being changed takes the focus.
        let dialog = dialog.clone();
        use_effect_with((*renaming).clone(), move |renaming| {
            let input = dialog
                .cast::<web_sys::Element>()
                .and_then(|d| d.query_selector("[data-act='rename-to']").ok().flatten())
                .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok());
            if let (Some(_), Some(input)) = (renaming, input) {
                let _ = input.focus();
            }
        });
    }
    let markup = markup(&entries, &kept, save_error.as_deref(), renaming.as_deref());
    html! {
        <div class="dialog-backdrop">
            <div class="dialog library" role="dialog" aria-modal="true" aria-labelledby="library-title" data-testid="library"
                ref={dialog} {onclick} {onchange}>
                { Html::from_html_unchecked(markup.into()) }
            </div>
        </div>
    }
}

fn index(text: &str) -> Option<usize> {
    text.parse().ok()
}

/// When a version was kept, in the reader's own way of writing dates.
fn when(saved_at_ms: f64) -> String {
    js_sys::Date::new(&JsValue::from_f64(saved_at_ms)).to_locale_string("default", &JsValue::UNDEFINED).into()
}

/// Fetches an example from beside the page (the wasm carries none) and opens it.
fn open_example(file: &'static str, name: &'static str, dispatch: UseReducerDispatcher<AppState>, close: Callback<()>) {
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
            Err(error) => dispatch.dispatch(edit(move |e| e.warn(format!("The example could not be opened: {error}")))),
        }
    });
}

/// The dialog's content. Names from the designs are escaped.
fn markup(
    entries: &Result<Vec<Entry>, String>,
    kept: &Result<Vec<crate::storage::Version>, String>,
    save_error: Option<&str>,
    renaming: Option<&str>,
) -> String {
    let mut out = String::from(
        "<h2 id=\"library-title\">Designs</h2><div class=\"row\"><button data-act=\"new\">New design</button>\
         <button data-act=\"save\">Save current design to library</button></div><h3>Saved in this browser</h3>",
    );
    if let Some(error) = save_error {
        let _ =
            write!(out, "<p class=\"field-error\" role=\"alert\" data-testid=\"library-error\">{}</p>", escape(error));
    }
    // An entry's row up to its buttons; a name being changed is a box instead.
    let entry = |out: &mut String, testid: &str, name: &str, components: usize, rename: Option<&str>| {
        let _ = write!(out, "<li class=\"library-entry\" data-testid=\"{testid}\">");
        let _ = match rename {
            Some(id) => write!(
                out,
                "<input type=\"text\" aria-label=\"New name\" data-act=\"rename-to\" data-id=\"{}\" value=\"{}\">",
                escape(id),
                escape(name)
            ),
            None => write!(out, "<span class=\"entry-name\">{}</span>", escape(name)),
        };
        let _ = write!(out, "<span class=\"entry-size\">{components} components</span>");
    };
    match entries {
        Err(error) => problem(&mut out, error),
        Ok(list) if list.is_empty() => out.push_str("<p class=\"hint\">No saved designs yet.</p>"),
        Ok(list) => {
            out.push_str("<ul class=\"library-list\">");
            for e in list {
                let rename = (renaming == Some(e.id.as_str())).then_some(e.id.as_str());
                entry(&mut out, "library-entry", &e.name, e.document.components.len(), rename);
                let id = escape(&e.id);
                let _ = write!(
                    out,
                    "<button data-act=\"open\" data-id=\"{id}\">Open</button><button data-act=\"rename\" data-id=\"{id}\">\
                     Rename</button><button data-act=\"duplicate\" data-id=\"{id}\">Duplicate</button><button \
                     data-act=\"delete\" data-id=\"{id}\" aria-label=\"Delete {}\">Delete</button></li>",
                    escape(&e.name)
                );
            }
            out.push_str("</ul>");
        }
    }
    let _ = write!(out, "<h3>Recent versions (the last {MAX_VERSIONS}, kept automatically)</h3>");
    match kept {
        Err(error) => problem(&mut out, error),
        Ok(list) if list.is_empty() => out.push_str("<p class=\"hint\">No versions yet: one is kept as you edit.</p>"),
        Ok(list) => {
            out.push_str("<ul class=\"library-list\">");
            for (i, version) in list.iter().enumerate() {
                let name = format!("{} · {}", when(version.saved_at_ms), version.document.name);
                entry(&mut out, "version", &name, version.document.components.len(), None);
                let _ = write!(out, "<button data-act=\"restore\" data-id=\"{i}\">Restore</button></li>");
            }
            out.push_str("</ul>");
        }
    }
    out.push_str("<h3>Examples</h3><ul class=\"library-list\">");
    for (i, &(_, name, components)) in EXAMPLES.iter().enumerate() {
        entry(&mut out, "example", name, components, None);
        let _ = write!(out, "<button data-act=\"example\" data-id=\"{i}\">Open</button></li>");
    }
    out.push_str("</ul><button data-act=\"close\">Close</button>");
    out
}

fn problem(out: &mut String, error: &str) {
    let _ = write!(out, "<p class=\"field-error\" role=\"alert\">{}</p>", escape(error));
}
