//! Share links in the browser: the model's codec (`scalelab_model::share_link`) with the
//! browser's own zlib (CompressionStream and DecompressionStream with "deflate", which is
//! the zlib format) doing the compression, so no compressor is compiled into the wasm.
//! Links are the same as the CLI's: either side opens the other's.

use scalelab_model::share_link::{self, ShareLinkError};
use scalelab_model::{Document, MAX_DOCUMENT_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::storage::js_error;

/// The fragment (without `#`) that carries `doc`.
pub async fn encode(doc: &Document) -> Result<String, String> {
    let zlib = transform("CompressionStream", share_link::payload(doc).as_bytes(), usize::MAX).await?;
    Ok(share_link::wrap(&zlib.ok_or("the compressed design is too large")?))
}

/// Opens a link (a whole URL or its fragment): unpacks, migrates and validates the design.
pub async fn decode(link: &str) -> Result<Document, ShareLinkError> {
    let zlib = share_link::unwrap(link)?;
    match transform("DecompressionStream", &zlib, MAX_DOCUMENT_BYTES).await {
        Ok(Some(json)) => share_link::open(json),
        Ok(None) => Err(ShareLinkError::TooLarge { limit: MAX_DOCUMENT_BYTES }),
        // The browser's zlib refuses a bad checksum or a stream that ends early.
        Err(error) => {
            Err(ShareLinkError::Damaged(error.trim_start_matches("TypeError: ").trim_end_matches('.').to_owned()))
        }
    }
}

/// Runs `bytes` through a CompressionStream or DecompressionStream ("deflate"), reading
/// at most `limit` bytes of output (None beyond that: the rest is never produced).
async fn transform(stream: &str, bytes: &[u8], limit: usize) -> Result<Option<Vec<u8>>, String> {
    let global = js_sys::global();
    let constructor: js_sys::Function = js_sys::Reflect::get(&global, &stream.into())
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| format!("this browser has no {stream}"))?;
    let pair: web_sys::ReadableWritablePair =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&"deflate".into()))
            .map_err(|e| js_error(&e))?
            .unchecked_into();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let input = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|e| js_error(&e))?;
    let reader: web_sys::ReadableStreamDefaultReader = input.stream().pipe_through(&pair).get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| js_error(&e))?;
        if field(&chunk, "done").as_bool() == Some(true) {
            return Ok(Some(out));
        }
        let value: js_sys::Uint8Array = field(&chunk, "value").unchecked_into();
        if out.len() + value.length() as usize > limit {
            let _cancelled = reader.cancel();
            return Ok(None);
        }
        out.extend(value.to_vec());
    }
}

fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}
