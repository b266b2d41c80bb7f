//! Local storage: the autosaved design, its recent versions, the library of saved
//! designs, the theme. Every
//! failure (storage full, storage blocked, unreadable data) comes back as a message for
//! the user; saved work that cannot be read is set aside, never overwritten.

use gloo_storage::{LocalStorage, Storage};
use scalelab_model::Document;
use scalelab_model::write::{Fields, Json};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

pub const AUTOSAVE_KEY: &str = "scalelab.autosave";
/// Where an autosave that could not be read is kept, so the next save cannot destroy it.
pub const UNREADABLE_KEY: &str = "scalelab.autosave.unreadable";
pub const LIBRARY_KEY: &str = "scalelab.library";
pub const THEME_KEY: &str = "scalelab.theme";
pub const VERSIONS_KEY: &str = "scalelab.versions";
/// Versions of the design kept, newest first.
pub const MAX_VERSIONS: usize = 20;
/// While editing, a version is kept at most this often (before a design is replaced, always).
pub const VERSION_EVERY_MS: f64 = 60_000.0;

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

/// A version of the design, kept automatically.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub saved_at_ms: f64,
    pub document: Document,
}

/// Adds `doc` as the newest version, unless it equals the newest or (without `force`) the
/// newest is younger than [`VERSION_EVERY_MS`]; keeps at most [`MAX_VERSIONS`]. Returns
/// whether it was added.
pub fn push_version(list: &mut Vec<Version>, doc: &Document, now_ms: f64, force: bool) -> bool {
    if let Some(newest) = list.first() {
        let recent = now_ms - newest.saved_at_ms < VERSION_EVERY_MS;
        if newest.document == *doc || (recent && !force) {
            return false;
        }
    }
    list.insert(0, Version { saved_at_ms: now_ms, document: doc.clone() });
    list.truncate(MAX_VERSIONS);
    true
}

/// The kept versions, newest first. Unreadable versions are an error (and are then never
/// overwritten: keeping a version fails too).
pub fn versions() -> Result<Vec<Version>, String> {
    match read(VERSIONS_KEY)? {
        None => Ok(Vec::new()),
        Some(raw) => designs(&raw, |item, document| {
            let saved_at_ms = item.get("saved_at_ms")?.as_f64()?;
            Some(Version { saved_at_ms, document })
        })
        .map_err(|e| format!("the recent versions could not be read: {e}")),
    }
}

thread_local! {
    /// When this page last kept a version: until [`VERSION_EVERY_MS`] later, an autosave
    /// does not even read the kept versions.
    static LAST_VERSION_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NEG_INFINITY) };
}

/// Keeps `doc` as a version (see [`push_version`]).
pub fn keep_version(doc: &Document, force: bool) -> Result<(), String> {
    let now = js_sys::Date::now();
    if !force && now - LAST_VERSION_MS.get() < VERSION_EVERY_MS {
        return Ok(());
    }
    let mut list = versions()?;
    if push_version(&mut list, doc, now, force) {
        let raw = write_list(&list, |o, version| {
            o.key("saved_at_ms").number(version.saved_at_ms);
            &version.document
        });
        write(VERSIONS_KEY, &raw)?;
        LAST_VERSION_MS.set(now);
    }
    Ok(())
}

/// Replaces the editor's design with `doc`, keeping the current one as a version first
/// (and saying so when that fails: the replacement is undoable either way).
pub fn replace_keeping_version(editor: &mut scalelab_editor::Editor, doc: Document, text: String) {
    let kept = keep_version(&editor.doc, true);
    editor.replace_document(doc, text);
    if let Err(error) = kept {
        editor
            .warn(format!("The design before this one could not be kept as a version ({error}); Undo brings it back."));
    }
}

/// One design in the library.
#[derive(Clone, Debug, PartialEq)]
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
        Some(raw) => designs(&raw, |item, document| {
            let text = |key: &str| item.get(key)?.as_str().map(str::to_owned);
            Some(Entry { id: text("id")?, name: text("name")?, document })
        }),
    }
}

/// Writes a stored list of designs: each item an object of the fields `item` writes and
/// the document it returns (by hand, like a design's own JSON).
fn write_list<T>(items: &[T], item: impl for<'t> Fn(&mut Fields<'_, '_>, &'t T) -> &'t Document) -> String {
    let mut out = String::new();
    Json::new(&mut out).list_with(items, |json, entry| {
        json.object(|o| {
            let document = item(o, entry);
            document.write_json(o.key("document"));
        });
    });
    out
}

/// Reads a stored list of designs: each item an object with a `document` and the fields
/// `item` reads (None when one is missing or of the wrong type). Through a parsed value,
/// like the document itself: derived readers for the items cost the wasm 2 KB more.
fn designs<T>(raw: &str, item: fn(&serde_json::Map<String, Value>, Document) -> Option<T>) -> Result<Vec<T>, String> {
    let value: Value = serde_json::from_str(raw).map_err(|e| e.to_string())?;
    let list = value.as_array().ok_or("expected a list of designs")?;
    let mut read = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let fields = entry.as_object().ok_or_else(|| format!("[{i}]: expected an object"))?;
        let document =
            Document::read_value(fields.get("document").unwrap_or(&Value::Null), &format!("[{i}].document"))?;
        read.push(item(fields, document).ok_or_else(|| format!("[{i}]: a field is missing or of the wrong type"))?);
    }
    Ok(read)
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
    let raw = write_list(entries, |o, entry| {
        o.key("id").string(&entry.id);
        o.key("name").string(&entry.name);
        &entry.document
    });
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

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn named(name: &str) -> Document {
        Document { name: name.to_owned(), ..Document::default_topology() }
    }

    #[wasm_bindgen_test]
    fn versions_are_kept_newest_first_at_most_twenty_and_not_twice() {
        let mut list = Vec::new();
        assert!(push_version(&mut list, &named("a"), 0.0, false));
        // Too soon after the last one, unless forced (a design is about to be replaced).
        assert!(!push_version(&mut list, &named("b"), 1_000.0, false));
        assert!(push_version(&mut list, &named("b"), 1_000.0, true));
        // The same design twice is one version.
        assert!(!push_version(&mut list, &named("b"), 1e9, true));
        for i in 0..30 {
            assert!(push_version(&mut list, &named(&format!("n{i}")), 1e6 * f64::from(i + 1), false));
        }
        assert_eq!(list.len(), MAX_VERSIONS);
        assert_eq!(list.first().map(|v| v.document.name.as_str()), Some("n29"));
        assert_eq!(list.last().map(|v| v.document.name.as_str()), Some("n10"));
    }
}
