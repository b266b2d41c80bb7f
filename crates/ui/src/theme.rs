//! Light and dark themes: the system's setting by default, or the user's choice, kept in
//! local storage and set as `data-theme` on the page's root element.

use crate::storage::{THEME_KEY, read, write};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn saved() -> Self {
        match read(THEME_KEY).ok().flatten().as_deref() {
            Some("light") => Self::Light,
            Some("dark") => Self::Dark,
            _ => Self::System,
        }
    }

    pub fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// An embed's theme, from its `theme=` parameter.
    pub fn from_embed(theme: crate::page::EmbedTheme) -> Self {
        match theme {
            crate::page::EmbedTheme::Auto => Self::System,
            crate::page::EmbedTheme::Light => Self::Light,
            crate::page::EmbedTheme::Dark => Self::Dark,
        }
    }

    /// Shows this theme and remembers it.
    pub fn apply(self) -> Result<(), String> {
        self.show();
        write(THEME_KEY, self.name())
    }

    /// Shows this theme without remembering it.
    pub fn show(self) {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ignored = match self {
                Self::System => root.remove_attribute("data-theme"),
                _ => root.set_attribute("data-theme", self.name()),
            };
        }
    }
}
