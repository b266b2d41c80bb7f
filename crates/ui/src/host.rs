//! The app's dealings with the page around it: share links in the address (at start and
//! when pasted in later), and in embed mode the host page's messages, the embed's
//! visibility, and what it tells the host (ready, resize, result) and links to.
//!
//! Two effects hold all of it (one at mount, one per change of the design or of the
//! report): every yew effect with its own closure is compiled separately into the wasm,
//! and the wasm has a size budget.

use std::rc::Rc;

use scalelab_editor::Editor;
use scalelab_model::Document;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::boot::{self, Opened, Start};
use crate::embed::{HostMessage, host_message, message, observe, post, preferred_height, summary};
use crate::page::{Address, PageOptions, View};
use crate::state::{AppState, edit};

/// What the page wiring reads and sets.
#[derive(Clone)]
pub struct Page {
    pub options: PageOptions,
    pub state: AppState,
    pub dispatch: UseReducerDispatcher<AppState>,
    pub root: NodeRef,
    pub alert: UseStateSetter<Option<String>>,
    pub autosave_on: UseStateSetter<bool>,
    /// The link the design was opened from, with the design it held.
    pub opened: UseStateSetter<Option<(String, Document)>>,
    /// The current design's link, for "Open in scalelab" (embeds only).
    pub encoded: UseStateSetter<Option<String>>,
    pub started: UseStateSetter<bool>,
    pub forced: UseStateSetter<bool>,
    pub visible: UseStateSetter<bool>,
}

/// At mount: opens the address's link, and installs the listeners (a pasted link; the
/// host's messages and the visibility of an embed), removed at unmount.
#[hook]
pub fn use_page(page: Page, start: Rc<Start>) {
    use_effect_with((), move |_| {
        if let Some(notice) = start.notice.clone() {
            page.dispatch.dispatch(edit(move |e| e.tell(notice)));
        }
        if let Some(link) = start.link.clone() {
            page.clone().open(start.current.clone(), link);
        }
        let embed = page.options.embed;
        if embed {
            post(&page.options, &message("ready", &[("version", 1.into())]));
        }
        let observer = if embed { observe(&page.root, page.visible.clone()) } else { None };
        let listener = web_sys::window().map(|window| {
            let page = page.clone();
            let kind = if embed { "message" } else { "hashchange" };
            gloo_events::EventListener::new(&window, kind, move |event| {
                if !embed {
                    if let Some(fragment) = Address::current().fragment {
                        let current = page.state.editor().doc.clone();
                        page.clone().open(Some(current), fragment);
                    }
                } else if let Some(message) = event.dyn_ref().and_then(|e| host_message(&page.options, e)) {
                    page.heard(message);
                }
            })
        });
        move || {
            drop(listener);
            if let Some((observer, _callback)) = observer {
                observer.disconnect();
            }
        }
    });
}

/// After each change of the design or the report, an embed tells the host its result
/// and the height it would like, and makes its "Open in scalelab" link.
#[hook]
pub fn use_embed_reports(page: Page, report: crate::engine::Current, revision: (u64, usize)) {
    let last_height = use_mut_ref(|| 0);
    let active = report.is_some();
    use_effect_with((revision, active), move |_| {
        if !page.options.embed {
            return;
        }
        let doc = page.state.editor().doc.clone();
        if let Some(Ok(report)) = report.as_ref() {
            post(&page.options, &message("result", &[("summary", summary(&doc, report).to_js())]));
        }
        if let Some(element) = page.root.cast::<web_sys::Element>() {
            let height = preferred_height(&element, &doc, page.options.view == View::Charts);
            if *last_height.borrow() != height {
                *last_height.borrow_mut() = height;
                post(&page.options, &message("resize", &[("height", height.into())]));
            }
        }
        let encoded = page.encoded.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(fragment) = crate::codec::encode(&doc).await {
                encoded.set(Some(fragment));
            }
        });
    });
}

impl Page {
    /// Opens a share link: keeps the current work first (not in an embed), then shows the
    /// design, or says why the link cannot be opened.
    fn open(self, current: Option<Document>, link: String) {
        wasm_bindgen_futures::spawn_local(async move {
            match boot::open_link(current, link.clone()).await {
                Opened::Design { doc, notice, autosave } => {
                    if !self.options.embed {
                        if autosave {
                            // A reload now restores the autosave, which will hold this design.
                            crate::page::forget_fragment();
                        } else {
                            self.autosave_on.set(false);
                            self.alert.set(Some(notice.clone()));
                        }
                    }
                    self.opened.set(Some((link, doc.clone())));
                    self.dispatch.dispatch(edit(move |e| load_design(e, doc, notice)));
                }
                Opened::Refused(text) => {
                    self.alert.set(Some(text.clone()));
                    self.dispatch.dispatch(edit(move |e| e.warn(text)));
                }
            }
        });
    }

    /// A message from the host page: `load` replaces the design (even in a read-only
    /// embed), `run` evaluates now.
    fn heard(&self, heard: HostMessage) {
        match heard {
            HostMessage::Run => {
                self.started.set(true);
                self.forced.set(true);
            }
            HostMessage::Load { document } => match Document::from_json(&document) {
                Ok(doc) => {
                    let notice = "Loaded a design from the page".to_owned();
                    self.dispatch.dispatch(edit(move |e| load_design(e, doc, notice)));
                }
                Err(error) => {
                    let text = format!("The page sent a design that cannot be opened: {error}");
                    post(&self.options, &message("error", &[("message", text.as_str().into())]));
                    self.dispatch.dispatch(edit(move |e| e.warn(text)));
                }
            },
        }
    }
}

/// Replaces the design, even in a read-only embed (the link or the host chose it).
fn load_design(editor: &mut Editor, doc: Document, notice: String) {
    let read_only = std::mem::replace(&mut editor.read_only, false);
    editor.replace_document(doc, notice);
    editor.read_only = read_only;
}
