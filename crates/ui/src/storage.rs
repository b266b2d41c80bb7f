//! Local storage: the autosaved design, the library of saved designs, the theme. Every
//! failure (storage full, storage blocked, unreadable data) comes back as a message for
//! the user; saved work that cannot be read is set aside, never overwritten.

use gloo_storage::{LocalStorage, Storage};
use scalelab_model::Document;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

pub const AUTOSAVE_KEY: &str = "scalelab.autosave";
/// Where an autosave that could not be read is kept, so the next save cannot destroy it.
pub const UNREADABLE_KEY: &str = "scalelab.autosave.unreadable";
pub const LIBRARY_KEY: &str = "scalelab.library";
pub const THEME_KEY: &str = "scalelab.theme";

/// The design to start with, and what to tell the user about it.
pub struct Boot {
    pub doc: Document,
    pub restored: bool,
    pub message: Option<String>,
}

/// The autosaved design, else the default one.
pub fn boot() -> Boot {
    let fallback = |message| Boot { doc: Document::default_topology(), restored: false, message };
    let raw = match read(AUTOSAVE_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return fallback(None),
        Err(error) => return fallback(Some(format!("Autosave is unavailable: {error}"))),
    };
    match Document::from_json(&raw) {
        Ok(doc) => Boot { doc, restored: true, message: None },
        Err(error) => {
            let kept = match write(UNREADABLE_KEY, &raw) {
                Ok(()) => format!("it is kept in local storage under \"{UNREADABLE_KEY}\""),
                Err(e) => format!("it could not be set aside ({e}), so autosave is left untouched"),
            };
            fallback(Some(format!("Your autosaved design could not be loaded ({error}); {kept}.")))
        }
    }
}

thread_local! {
    /// The text this page last autosaved: while the stored autosave is still that text, it
    /// is known to be readable and is not parsed again before the next save.
    static LAST_SAVED: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Whether autosave may write: not when an unreadable autosave could not be set aside.
pub fn autosave_allowed() -> bool {
    match (read(AUTOSAVE_KEY), read(UNREADABLE_KEY)) {
        (Ok(Some(raw)), _) if LAST_SAVED.with(|last| last.borrow().as_deref() == Some(raw.as_str())) => true,
        (Ok(Some(raw)), Ok(kept)) => Document::from_json(&raw).is_ok() || kept.as_deref() == Some(raw.as_str()),
        (Ok(None), _) => true,
        _ => false,
    }
}

pub fn autosave(doc: &Document) -> Result<(), String> {
    let text = doc.to_json_pretty();
    write(AUTOSAVE_KEY, &text)?;
    LAST_SAVED.with(|last| *last.borrow_mut() = Some(text));
    Ok(())
}

/// One design in the library.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub document: Document,
}

pub fn library() -> Result<Vec<Entry>, String> {
    entries(LIBRARY_KEY).map_err(|e| format!("the library could not be read: {e}"))
}

pub fn save_library(entries: &[Entry]) -> Result<(), String> {
    save_entries(LIBRARY_KEY, entries)
}

/// A list of designs kept under `key`.
fn entries(key: &str) -> Result<Vec<Entry>, String> {
    match read(key)? {
        None => Ok(Vec::new()),
        Some(raw) => serde_json::from_str(&raw).map_err(|e| e.to_string()),
    }
}

/// Keeps `doc` in the library as `name`, unless an entry holds the same design already.
/// Returns whether it added one. A library that cannot be read is never written.
pub fn keep_in_library(doc: &Document, name: String) -> Result<bool, String> {
    let mut entries = library()?;
    if entries.iter().any(|entry| entry.document == *doc) {
        return Ok(false);
    }
    let id = format!("design-{}-{}", js_sys::Date::now() as u64, entries.len());
    entries.push(Entry { id, name, document: doc.clone() });
    save_library(&entries)?;
    Ok(true)
}

fn save_entries(key: &str, entries: &[Entry]) -> Result<(), String> {
    // Pretty, like the autosave, so one serialiser is compiled into the wasm, not two.
    let raw = serde_json::to_string_pretty(entries).map_err(|e| e.to_string())?;
    write(key, &raw)
}

pub fn read(key: &str) -> Result<Option<String>, String> {
    LocalStorage::raw().get_item(key).map_err(|e| js_error(&e))
}

pub fn write(key: &str, value: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(key, value).map_err(|e| {
        let text = js_error(&e);
        if text.contains("Quota") {
            format!("the browser's storage is full ({text}); export the design to keep it")
        } else {
            text
        }
    })
}

/// A thrown JavaScript error as "Name: message".
pub fn js_error(value: &JsValue) -> String {
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => format!("{}: {}", String::from(error.name()), String::from(error.message())),
        None => value.as_string().unwrap_or_else(|| "unknown error".to_owned()),
    }
}
