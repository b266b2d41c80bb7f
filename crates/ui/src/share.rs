//! The share dialog: the design's link (with its length, and a JSON download instead when
//! it is too long to paste comfortably), and "Copy embed code" with snippets for plain
//! HTML, Hugo and Docusaurus/MDX.

use scalelab_model::Document;
use scalelab_model::share_link::LONG_LINK_CHARS;
use std::fmt::Write;

use scalelab_charts::escape;
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

/// Written as markup with one listener per kind of event, like the library: what was used
/// is read from its `data-act`. The checkbox is a node of its own, so it keeps the focus
/// while the snippets below it change.
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
    let (top, snippets) = match &*fragment {
        None => ("<p role=\"status\">Preparing the link…</p>".to_owned(), Vec::new()),
        Some(Err(error)) => {
            (format!("<p role=\"status\">The link could not be made: {}</p>", escape(error)), Vec::new())
        }
        Some(Ok(fragment)) => {
            let link = format!("{}#{}", props.base, fragment);
            let choice = EmbedChoice { editable: *editable, autoplay: !*editable, height_px: 480 };
            let embed = embed_url(&props.base, fragment, &choice);
            let top = top_markup(&link);
            let mut texts = vec![("Link", link)];
            texts.extend(snippets(&embed, &props.doc.name, choice.height_px).map(|(name, _, text)| (name, text)));
            (top, texts)
        }
    };
    let onclick = {
        let (doc, said, on_close, texts) = (props.doc.clone(), said.clone(), props.on_close.clone(), snippets.clone());
        Callback::from(move |e: MouseEvent| {
            let Some((what, target)) = crate::live::act(&e) else { return };
            match what.as_str() {
                "copy" => {
                    let i = target.get_attribute("data-copy").and_then(|i| i.parse::<usize>().ok()).unwrap_or(0);
                    let Some((_, text)) = texts.get(i) else { return };
                    let what = if i == 0 { "Link" } else { "Embed code" };
                    said.set(Some(if copy_text(text) {
                        format!("{what} copied")
                    } else {
                        format!("Copying is not allowed here: select the {what} and copy it")
                    }));
                }
                "download" => {
                    if let Err(error) = files::export_json(&doc) {
                        said.set(Some(format!("Export failed: {error}")));
                    }
                }
                "close" => on_close.emit(()),
                _ => {}
            }
        })
    };
    let on_editable = {
        let editable = editable.clone();
        Callback::from(move |_: Event| editable.set(!*editable))
    };
    let mut below = String::new();
    for (i, (name, text)) in snippets.iter().enumerate().skip(1) {
        let id = ["snippet-html", "snippet-hugo", "snippet-mdx"].get(i - 1).copied().unwrap_or_default();
        let _ = write!(
            below,
            "<div class=\"snippet\"><label class=\"share-field\">{name}<textarea readonly rows=\"3\" data-testid=\"{id}\">{}\
             </textarea></label><button data-act=\"copy\" data-copy=\"{i}\">Copy embed code ({name})</button></div>",
            escape(text)
        );
    }
    if let Some(said) = &*said {
        let _ = write!(below, "<p class=\"hint\" role=\"status\" data-testid=\"share-said\">{}</p>", escape(said));
    }
    below.push_str("<button data-act=\"close\">Close</button>");
    html! {
        <div class="dialog-backdrop">
            <div class="dialog share" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share" {onclick}>
                <h2 id="share-title">{ "Share" }</h2>
                { Html::from_html_unchecked(top.into()) }
                if !snippets.is_empty() {
                    <h3>{ "Embed" }</h3>
                    <label><input type="checkbox" checked={*editable} onchange={on_editable} data-testid="embed-editable" />
                        { " Editable (readers' edits stay in their page); otherwise read-only, running when shown" }</label>
                }
                { Html::from_html_unchecked(below.into()) }
            </div>
        </div>
    }
}

/// The link, its length, a warning when it is too long to paste comfortably, and the
/// buttons to copy it or download the design instead.
fn top_markup(link: &str) -> String {
    let length = link.len();
    let mut out = format!(
        "<p class=\"hint\">The link carries the whole design; nothing is uploaded. Anyone who opens it gets a copy.</p>\
         <label class=\"share-field\">Link ({length} characters)<input type=\"text\" readonly value=\"{}\" \
         data-testid=\"share-link\"></label>",
        escape(link)
    );
    if length > LONG_LINK_CHARS {
        let _ = write!(
            out,
            "<p class=\"field-error\" role=\"alert\" data-testid=\"share-too-long\">This link is over {LONG_LINK_CHARS} \
             characters: chat apps, mail and some sites cut links that long. Share the design as a JSON file instead.</p>"
        );
    }
    out.push_str(
        "<div class=\"row\"><button data-act=\"copy\" data-copy=\"0\">Copy link</button><button data-act=\"download\">\
         Download JSON</button></div>",
    );
    out
}
