//! The texts the wasm leaves out to keep within its size budget: every parameter's help
//! and the source of its default, and each kind's description, fetched once from
//! `params.json` (written from the model's table, which a test keeps in step).

use std::rc::Rc;

use yew::prelude::*;

/// Every parameter's help and source, fetched once (`params.json`, generated from the
/// model's table): the texts stay out of the wasm, whose size is budgeted.
pub type Docs = Rc<serde_json::Value>;

thread_local! {
    static DOCS: std::cell::RefCell<Option<Docs>> = const { std::cell::RefCell::new(None) };
}

/// The help texts, once fetched (an empty object until then, or if they cannot be had).
#[hook]
pub fn use_docs() -> Docs {
    let docs = use_state(|| DOCS.with(|d| d.borrow().clone()));
    {
        let docs = docs.clone();
        use_effect_with((), move |()| {
            if docs.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    let text = crate::files::fetch_text("params.json").await.unwrap_or_default();
                    let value: Docs = Rc::new(serde_json::from_str(&text).unwrap_or_default());
                    DOCS.with(|d| *d.borrow_mut() = Some(value.clone()));
                    docs.set(Some(value));
                });
            }
        });
    }
    (*docs).clone().unwrap_or_default()
}

/// The help and the source of `owner`'s parameter `key`.
pub fn doc_of(docs: &serde_json::Value, owner: &str, key: &str) -> (AttrValue, AttrValue) {
    let entry = docs.get(owner).and_then(|o| o.get(key));
    let text = |i: usize| {
        AttrValue::from(entry.and_then(|e| e.get(i)).and_then(|t| t.as_str()).unwrap_or_default().to_owned())
    };
    (text(0), text(1))
}

/// The description of a component kind (empty until fetched).
pub fn description(docs: &serde_json::Value, kind: scalelab_model::ComponentKind) -> AttrValue {
    AttrValue::from(
        docs.get("kinds").and_then(|k| k.get(kind.name())).and_then(|d| d.as_str()).unwrap_or_default().to_owned(),
    )
}
