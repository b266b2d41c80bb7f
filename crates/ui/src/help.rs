//! The "?" dialog: every shortcut and gesture.

use yew::prelude::*;

pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Drag from the palette / click an item", "Add a component where dropped / in the middle of the view"),
    ("Drag a component", "Move it (Snap toggles the grid); drop it in a region or zone to put it inside"),
    ("Drag from a component's right handle", "Connect it to the component you drop on"),
    ("Click / Shift+click", "Select / add to the selection"),
    ("Shift+drag on empty canvas", "Box select"),
    ("Drag on empty canvas, Space+drag, wheel", "Pan"),
    ("Ctrl/⌘+wheel, pinch, + and − buttons", "Zoom"),
    ("Shift+1", "Fit everything in view"),
    ("Ctrl/⌘+0", "Zoom to 100 %"),
    ("Delete / Backspace", "Delete the selection"),
    ("Ctrl/⌘+D", "Duplicate"),
    ("Ctrl/⌘+C, Ctrl/⌘+V", "Copy, paste"),
    ("Ctrl/⌘+A", "Select all"),
    ("Ctrl/⌘+Z; Ctrl/⌘+Shift+Z or Ctrl+Y", "Undo; redo"),
    ("Tab, Enter/Space", "Move between components and links; select"),
    ("Arrow keys (Shift: faster)", "Move the selection"),
    ("Escape", "Cancel the gesture, clear the selection, close dialogs"),
    ("Right-click", "Menu of common actions"),
    ("?", "This help"),
];

/// The dialog: markup with one listener (for Close), as a plain function rather than a
/// component of its own, which cost the wasm more.
pub fn help(on_close: Callback<()>) -> Html {
    let mut rows = String::new();
    for (keys, what) in SHORTCUTS {
        rows.push_str("<tr><th scope=\"row\">");
        rows.push_str(keys);
        rows.push_str("</th><td>");
        rows.push_str(what);
        rows.push_str("</td></tr>");
    }
    let markup = format!(
        "<h2 id=\"help-title\">Keyboard shortcuts and gestures</h2><table class=\"shortcuts\">{rows}</table>\
         <button data-act=\"close\" autofocus>Close</button>"
    );
    let onclick = Callback::from(move |e: MouseEvent| {
        if crate::live::act(&e).is_some_and(|(what, _)| what == "close") {
            on_close.emit(());
        }
    });
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help" {onclick}>
                { Html::from_html_unchecked(markup.into()) }
            </div>
        </div>
    }
}
