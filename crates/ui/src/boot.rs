//! What the app opens with: the autosave, else the default design; then, if the address
//! carries a share link, that design (links unpack asynchronously, in the browser's zlib).
//! A bad link is reported and changes nothing the user saved; a good one first keeps the
//! current work in the library. An embed never reads or writes storage.

use scalelab_model::Document;
use scalelab_model::share_link::ShareLinkError;

use crate::page::Address;
use crate::storage;

/// The design to start with and what to tell the user.
pub struct Start {
    pub doc: Document,
    /// A quiet note for the status line.
    pub notice: Option<String>,
    /// Something the user must see (storage trouble).
    pub alert: Option<String>,
    /// Whether changes may be autosaved: never in an embed.
    pub autosave: bool,
    /// A share link to open once the app is up.
    pub link: Option<String>,
    /// The user's own work that opening the link must keep (the restored autosave).
    pub current: Option<Document>,
}

pub fn start(address: &Address) -> Start {
    let link = address.fragment.clone();
    if address.options.embed {
        // Nothing to show until the link is open (or the default design without one).
        let doc = match link {
            Some(_) => Document {
                name: String::new(),
                components: Vec::new(),
                links: Vec::new(),
                ..Document::default_topology()
            },
            None => Document::default_topology(),
        };
        let notice = link.as_ref().map(|_| "Opening the design…".to_owned());
        return Start { doc, notice, alert: None, autosave: false, link, current: None };
    }
    let boot = storage::boot();
    let notice = boot.restored.then(|| "Restored your autosaved design".to_owned());
    let current = boot.restored.then(|| boot.doc.clone());
    Start { doc: boot.doc, notice, alert: boot.message, autosave: true, link, current }
}

/// The outcome of opening a link over the current work.
pub enum Opened {
    Design {
        doc: Document,
        notice: String,
        /// False when the current work could not be kept in the library: autosave then
        /// pauses, so the work it holds is not overwritten.
        autosave: bool,
    },
    Refused(String),
}

/// Opens a link; keeps `current` (the user's work, if any) in the library first.
pub async fn open_link(current: Option<Document>, fragment: String) -> Opened {
    let doc = match crate::codec::decode(&fragment).await {
        Ok(doc) => doc,
        Err(error) => return Opened::Refused(bad_link(&error)),
    };
    let name =
        if doc.name.is_empty() { "a shared design".to_owned() } else { format!("the shared design \"{}\"", doc.name) };
    let Some(current) = current.filter(|c| *c != doc) else {
        return Opened::Design { doc, notice: format!("Opened {name}"), autosave: true };
    };
    let title = if current.name.is_empty() { "Untitled design" } else { current.name.as_str() };
    match storage::keep_in_library(&current, format!("{title} (kept when a link was opened)")) {
        Ok(_) => Opened::Design {
            notice: format!("Opened {name}; your previous design is kept in Designs"),
            doc,
            autosave: true,
        },
        Err(error) => Opened::Design {
            notice: format!(
                "Opened {name}. Your previous design could not be kept in Designs ({error}), so autosave is \
                 paused and your design stays in the autosave; export this one to keep it"
            ),
            doc,
            autosave: false,
        },
    }
}

pub fn bad_link(error: &ShareLinkError) -> String {
    format!("This share link could not be opened: {error}. Nothing you saved was changed.")
}
