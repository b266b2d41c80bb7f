//! The scalelab web app: a thin yew layer that turns DOM events into editor inputs and
//! draws the editor's state and the engine's report as SVG.

// Input from users and links reaches this code: it returns errors, never panics.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing))]

mod app;
mod boot;
mod canvas;
pub mod codec;
mod compare;
mod controls;
mod docs;
mod embed;
pub mod engine;
pub mod figures;
mod files;
mod help;
mod host;
mod icons;
mod inspector;
mod keyboard;
mod lab;
mod layers;
mod library;
pub mod live;
mod looks;
mod menu;
mod minimap;
mod node;
pub mod page;
mod palette;
pub mod shape;
pub mod share;
mod state;
mod storage;
mod theme;
mod toolbar;

pub use app::App;

/// Mounts the app on the document's body.
pub fn start() {
    // The engine's worker loads this same wasm, which starts here too: there is no page to
    // mount on there.
    if web_sys::window().is_none() {
        return;
    }
    yew::Renderer::<App>::new().render();
}
