//! What the page's address asks for: a share link in the fragment, and embed mode with its
//! parameters in the query (`?embed=1&theme=dark&autoplay=1&view=split&controls=0&edit=1&host=...`).
//! Parsing is pure; unknown or malformed parameters fall back to their defaults.

/// What an embed shows beside (or instead of) the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Canvas,
    /// The evaluated report's summary (the charts of a live run are not built yet).
    Charts,
    Split,
}

/// The embed's theme: the host's choice, or the visitor's system setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedTheme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// Embed mode and its parameters. `embed` false means the full editor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageOptions {
    pub embed: bool,
    pub theme: EmbedTheme,
    pub autoplay: bool,
    pub view: View,
    /// Show the embed's bar (name, users, run, fit); "Open in scalelab" shows either way.
    pub controls: bool,
    /// An editable embed: the editor, with edits kept in memory only.
    pub edit: bool,
    /// Origins allowed to send messages (`?host=https://a.example,https://b.example`);
    /// empty means any parent.
    pub hosts: Vec<String>,
}

impl PageOptions {
    /// Reads the options from a query string (with or without its leading `?`).
    pub fn from_query(query: &str) -> Self {
        let mut options = Self { controls: true, ..Self::default() };
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_component(value);
            let on = matches!(value.as_str(), "1" | "true" | "yes" | "");
            match key {
                "embed" => options.embed = on,
                "autoplay" => options.autoplay = on,
                "edit" => options.edit = on,
                "controls" => options.controls = on,
                "theme" => {
                    options.theme = match value.as_str() {
                        "light" => EmbedTheme::Light,
                        "dark" => EmbedTheme::Dark,
                        _ => EmbedTheme::Auto,
                    }
                }
                "view" => {
                    options.view = match value.as_str() {
                        "charts" => View::Charts,
                        "split" => View::Split,
                        _ => View::Canvas,
                    }
                }
                "host" => options.hosts.extend(
                    value.split(',').map(|h| h.trim().trim_end_matches('/').to_owned()).filter(|h| !h.is_empty()),
                ),
                _ => {}
            }
        }
        options
    }

    /// Whether a message from `origin` may be heard (the parent check is the caller's).
    pub fn accepts_origin(&self, origin: &str) -> bool {
        self.hosts.is_empty() || self.hosts.iter().any(|h| h == origin)
    }
}

/// Undoes `%XX` escapes (an origin in `host=` is often escaped); text that is not a valid
/// escape is kept as written.
fn decode_component(text: &str) -> String {
    js_sys::decode_uri_component(text).ok().and_then(|t| t.as_string()).unwrap_or_else(|| text.to_owned())
}

/// The page's address split into what the app needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Address {
    /// Origin and path, without query or fragment: where links to the app point.
    pub base: String,
    pub options: PageOptions,
    /// The fragment without `#`, if any.
    pub fragment: Option<String>,
}

impl Address {
    pub fn current() -> Self {
        let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
        Self::parse(&href)
    }

    /// Splits an address: `base?query#fragment`.
    pub fn parse(href: &str) -> Self {
        let (rest, fragment) = match href.split_once('#') {
            Some((rest, fragment)) => (rest, (!fragment.is_empty()).then(|| fragment.to_owned())),
            None => (href, None),
        };
        let (base, query) = rest.split_once('?').unwrap_or((rest, ""));
        Self { base: base.to_owned(), options: PageOptions::from_query(query), fragment }
    }
}

/// Removes the fragment from the address bar without reloading, so a reload restores the
/// autosave (which then holds the opened design) instead of opening the link again.
pub fn forget_fragment() {
    if let Some(window) = web_sys::window()
        && let Ok(history) = window.history()
    {
        let location = window.location();
        let url = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        let _ignored = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}
