//! The share dialog: the design's link (with its length, and a JSON download instead when
//! it is too long to paste comfortably), and "Copy embed code" with snippets for plain
//! HTML, Hugo and Docusaurus/MDX.

use scalelab_model::Document;
use scalelab_model::share_link::LONG_LINK_CHARS;
use yew::prelude::*;

use crate::files;

/// How the embed should behave, as the dialog's options set it.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedChoice {
    pub editable: bool,
    pub autoplay: bool,
    pub height_px: u32,
}

/// The embed's address: the app with `?embed=1` and its options, and the same fragment.
pub fn embed_url(base: &str, fragment: &str, choice: &EmbedChoice) -> String {
    let mut query = String::from("?embed=1");
    if choice.editable {
        query.push_str("&edit=1");
    }
    if choice.autoplay {
        query.push_str("&autoplay=1");
    }
    format!("{base}{query}#{fragment}")
}

/// Escapes text for an HTML attribute value in double quotes.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The snippets: plain HTML (an iframe), a Hugo shortcode call with the shortcode's
/// template, and JSX for Docusaurus/MDX.
pub fn snippets(url: &str, title: &str, height_px: u32) -> [(&'static str, &'static str, String); 3] {
    let title = if title.is_empty() { "scalelab design".to_owned() } else { format!("scalelab: {title}") };
    let (url_attr, title_attr) = (attribute(url), attribute(&title));
    let iframe = format!(
        "<iframe src=\"{url_attr}\" title=\"{title_attr}\" loading=\"lazy\" width=\"100%\" height=\"{height_px}\" \
         style=\"border: 0; max-width: 100%;\" allow=\"clipboard-write\"></iframe>"
    );
    let hugo = format!(
        "{{{{< scalelab src=\"{url_attr}\" title=\"{title_attr}\" height=\"{height_px}\" >}}}}\n\n\
         <!-- layouts/shortcodes/scalelab.html -->\n\
         <iframe src=\"{{{{ .Get \"src\" }}}}\" title=\"{{{{ .Get \"title\" }}}}\" loading=\"lazy\" width=\"100%\" \
         height=\"{{{{ .Get \"height\" | default \"{height_px}\" }}}}\" style=\"border: 0; max-width: 100%;\"></iframe>"
    );
    // JSX: attribute strings are taken as written, so only the quotes need care.
    let (url_jsx, title_jsx) = (url.replace('"', "%22"), title.replace('"', "'"));
    let mdx = format!(
        "<iframe src=\"{url_jsx}\" title=\"{title_jsx}\" loading=\"lazy\" width=\"100%\" height={{{height_px}}} \
         style={{{{ border: 0, maxWidth: '100%' }}}} />"
    );
    [("HTML", "snippet-html", iframe), ("Hugo", "snippet-hugo", hugo), ("Docusaurus / MDX", "snippet-mdx", mdx)]
}

/// Copies text to the clipboard; says whether the browser accepted the request.
pub fn copy_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    let write = clipboard.as_ref().and_then(|c| js_sys::Reflect::get(c, &"writeText".into()).ok());
    match (clipboard, write.and_then(|w| w.dyn_into::<js_sys::Function>().ok())) {
        (Some(clipboard), Some(write)) => write.call1(&clipboard, &text.into()).is_ok(),
        _ => false,
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub doc: Document,
    /// Where the app lives (origin and path).
    pub base: AttrValue,
    pub on_close: Callback<()>,
}

#[component]
pub fn ShareDialog(props: &ShareProps) -> Html {
    // Compressed by the browser, so it arrives a moment later.
    let fragment = use_state(|| None::<Result<String, String>>);
    let editable = use_state(|| false);
    let said = use_state(|| None::<String>);
    {
        let fragment = fragment.setter();
        use_effect_with(props.doc.clone(), move |doc| {
            let doc = doc.clone();
            wasm_bindgen_futures::spawn_local(async move { fragment.set(Some(crate::codec::encode(&doc).await)) });
        });
    }
    let fragment = match &*fragment {
        None => return preparing("Preparing the link…".to_owned(), &props.on_close),
        Some(Err(error)) => return preparing(format!("The link could not be made: {error}"), &props.on_close),
        Some(Ok(fragment)) => fragment.clone(),
    };
    let link = format!("{}#{}", props.base, fragment);
    let length = link.len();
    let choice = EmbedChoice { editable: *editable, autoplay: !*editable, height_px: 480 };
    let embed = embed_url(&props.base, &fragment, &choice);
    let copy = |what: &'static str, text: String| {
        let said = said.clone();
        Callback::from(move |_: MouseEvent| {
            said.set(Some(if copy_text(&text) {
                format!("{what} copied")
            } else {
                format!("Copying is not allowed here: select the {what} and copy it")
            }));
        })
    };
    let on_download = {
        let (doc, said) = (props.doc.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(error) = files::export_json(&doc) {
                said.set(Some(format!("Export failed: {error}")));
            }
        })
    };
    let on_editable = {
        let editable = editable.clone();
        Callback::from(move |_: Event| editable.set(!*editable))
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog share" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share">
                <h2 id="share-title">{ "Share" }</h2>
                <p class="hint">{ "The link carries the whole design; nothing is uploaded. Anyone who opens it gets a copy." }</p>
                <label class="share-field">{ format!("Link ({length} characters)") }
                    <input type="text" readonly=true value={link.clone()} data-testid="share-link" />
                </label>
                if length > LONG_LINK_CHARS {
                    <p class="field-error" role="alert" data-testid="share-too-long">
                        { format!("This link is over {LONG_LINK_CHARS} characters: chat apps, mail and some sites cut links that long. Share the design as a JSON file instead.") }
                    </p>
                }
                <div class="row">
                    <button onclick={copy("Link", link)}>{ "Copy link" }</button>
                    <button onclick={on_download}>{ "Download JSON" }</button>
                </div>
                <h3>{ "Embed" }</h3>
                <label><input type="checkbox" checked={*editable} onchange={on_editable} data-testid="embed-editable" />
                    { " Editable (readers' edits stay in their page); otherwise read-only, running when shown" }</label>
                { for snippets(&embed, &props.doc.name, choice.height_px).into_iter().map(|(name, id, text)| html! {
                    <div class="snippet">
                        <label class="share-field">{ name }
                            <textarea readonly=true rows="3" value={text.clone()} data-testid={id} />
                        </label>
                        <button onclick={copy("Embed code", text)}>{ format!("Copy embed code ({name})") }</button>
                    </div>
                }) }
                if let Some(said) = (*said).clone() {
                    <p class="hint" role="status" data-testid="share-said">{ said }</p>
                }
                <button onclick={props.on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
            </div>
        </div>
    }
}

/// The dialog while the link is being made (or why it could not be).
fn preparing(text: String, on_close: &Callback<()>) -> Html {
    html! {
        <div class="dialog-backdrop">
            <div class="dialog share" role="dialog" aria-modal="true" aria-label="Share" data-testid="share">
                <p role="status">{ text }</p>
                <button onclick={on_close.reform(|_: MouseEvent| ())}>{ "Close" }</button>
            </div>
        </div>
    }
}
