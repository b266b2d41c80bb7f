//! Files in and out: export the design as JSON, SVG (with the design embedded) and PNG;
//! import a JSON or exported SVG file.

use scalelab_editor::{document_from_text, svg_document};
use scalelab_model::Document;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url};

use crate::storage::js_error;

pub fn file_stem(doc: &Document) -> String {
    let stem: String = doc
        .name
        .chars()
        // Letters beyond ASCII are kept as they are: Unicode's tables of letters would cost
        // the wasm more than they are worth here.
        .map(|c| match c {
            _ if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ if !c.is_ascii() && !c.is_whitespace() => c,
            _ => '-',
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() { "design".to_owned() } else { stem }
}

fn blob(text: &str, mime: &str) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| js_error(&e))
}

/// Offers `blob` as a download called `name`.
fn download(blob: &Blob, name: &str) -> Result<(), String> {
    let url = Url::create_object_url_with_blob(blob).map_err(|e| js_error(&e))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: HtmlAnchorElement =
        document.create_element("a").map_err(|e| js_error(&e))?.dyn_into().map_err(|_| "not an anchor")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The download has started from the click; the URL is no longer needed.
    let _ignored = Url::revoke_object_url(&url);
    Ok(())
}

pub fn export_json(doc: &Document) -> Result<(), String> {
    download(&blob(&doc.to_json_pretty(), "application/json")?, &format!("{}.scalelab.json", file_stem(doc)))
}

/// The text at `url` (relative to the page), fetched.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| js_error(&e))?
        .dyn_into()
        .map_err(|_| "the answer is not a response")?;
    if !response.ok() {
        return Err(format!("{url}: HTTP status {}", response.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(|e| js_error(&e))?)
        .await
        .map_err(|e| js_error(&e))?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}

/// Offers `text` as a download called `name`.
pub fn export_text(text: &str, mime: &str, name: &str) -> Result<(), String> {
    download(&blob(text, mime)?, name)
}

pub fn export_svg(doc: &Document) -> Result<(), String> {
    download(&blob(&svg_document(doc), "image/svg+xml")?, &format!("{}.svg", file_stem(doc)))
}

/// Draws the exported SVG into a canvas at twice its size and downloads that as PNG.
pub fn export_png(doc: &Document, on_error: impl Fn(String) + 'static) -> Result<(), String> {
    let url =
        Url::create_object_url_with_blob(&blob(&svg_document(doc), "image/svg+xml")?).map_err(|e| js_error(&e))?;
    let image = HtmlImageElement::new().map_err(|e| js_error(&e))?;
    let name = format!("{}.png", file_stem(doc));
    let loaded = image.clone();
    let svg_url = url.clone();
    let on_load = Closure::once_into_js(move || {
        if let Err(error) = draw_png(&loaded, name) {
            on_error(error);
        }
        let _ignored = Url::revoke_object_url(&svg_url);
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

fn draw_png(image: &HtmlImageElement, name: String) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let canvas: HtmlCanvasElement =
        document.create_element("canvas").map_err(|e| js_error(&e))?.dyn_into().map_err(|_| "not a canvas")?;
    let scale = 2.0;
    canvas.set_width((f64::from(image.natural_width()) * scale) as u32);
    canvas.set_height((f64::from(image.natural_height()) * scale) as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|e| js_error(&e))?
        .ok_or("no 2d context")?
        .dyn_into()
        .map_err(|_| "not a 2d context")?;
    context.scale(scale, scale).map_err(|e| js_error(&e))?;
    context.draw_image_with_html_image_element(image, 0.0, 0.0).map_err(|e| js_error(&e))?;
    let on_blob = Closure::once_into_js(move |png: Option<Blob>| {
        if let Some(png) = png {
            let _ignored = download(&png, &name);
        }
    });
    canvas.to_blob(on_blob.unchecked_ref()).map_err(|e| js_error(&e))
}

/// Reads a dropped or chosen file into a design.
pub async fn import(file: web_sys::File) -> Result<Document, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|e| js_error(&e))?;
    let text = text.as_string().ok_or("the file is not text")?;
    document_from_text(&text).map_err(|e| format!("\"{}\" could not be opened: {e}", file.name()))
}
