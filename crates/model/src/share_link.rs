//! Share links: a whole design in a URL fragment, `#s1.` then base64url (no padding) of
//! zlib-wrapped deflate of the design's minified JSON.
//!
//! `s1` names this codec, not the schema: a later codec gets its own prefix and this one
//! is decoded forever. The schema version travels inside the document
//! (`schema_version`), and decoding migrates it like any document ([`crate::migrate`]).
//! The zlib wrapper's Adler-32 checksum makes a tampered or cut-off link fail loudly
//! instead of opening something else.
//!
//! The payload is the document's own JSON without whitespace, which already leaves
//! defaults out: a component lists only the parameters that differ from its kind's
//! defaults, and empty parameter maps, absent parents, a constant traffic shape, no daily
//! curve and an empty scenario are omitted. Those defaults are frozen with the schema
//! version (the schema snapshot test): a later version that changes one migrates old
//! documents so they keep their meaning. Minified JSON needs no second serialiser in the
//! wasm (the autosave's is reused) and compresses well: the stage examples need 300 to
//! 1,100 characters.

use data_encoding::BASE64URL_NOPAD;

use crate::document::MAX_DOCUMENT_BYTES;
use crate::{Document, LoadError};

/// The codec prefix of the fragment.
pub const PREFIX: &str = "s1.";
/// Longest link decoded (the fragment's characters): far beyond any design that fits in
/// [`MAX_DOCUMENT_BYTES`] once compressed, well under what browsers keep in a URL.
pub const MAX_LINK_CHARS: usize = 2_000_000;
/// Above this many characters a link is unwieldy (chat apps and some hosts cut it), so the
/// share dialog suggests a JSON file instead.
pub const LONG_LINK_CHARS: usize = 8_000;

/// Why a share link could not be opened. Each message says what is wrong with the link.
#[derive(Debug, thiserror::Error)]
pub enum ShareLinkError {
    #[error("this is not a scalelab share link: the part after # should start with \"{PREFIX}\"")]
    NotALink,
    #[error(
        "the link is in format \"{0}\", which this version of scalelab cannot read; it may come from a newer version"
    )]
    UnknownFormat(String),
    #[error("the link is {length} characters long; the limit is {limit}")]
    TooLong { length: usize, limit: usize },
    #[error("the link is damaged or cut off: {0}")]
    NotBase64(String),
    #[error("the link is damaged or cut off: its data does not unpack ({0})")]
    Damaged(String),
    #[error("the link's design would be over {limit} bytes once unpacked")]
    TooLarge { limit: usize },
    #[error("the link's data is not a scalelab design: {0}")]
    NotADesign(String),
    #[error(
        "the link was made by a newer version of scalelab (schema version {found}); this version reads versions 1 to {supported}"
    )]
    FromTheFuture { found: u32, supported: u32 },
    #[error("the link's design cannot be opened: {0}")]
    Load(LoadError),
}

/// The fragment (without `#`) that carries `doc`.
pub fn encode(doc: &Document) -> String {
    wrap(&miniz_oxide::deflate::compress_to_vec_zlib(payload(doc).as_bytes(), 10))
}

/// Opens a share link, given as a whole URL or as its fragment (with or without `#`):
/// unpacks, migrates and validates the design.
pub fn decode(link: &str) -> Result<Document, ShareLinkError> {
    open(inflate(&unwrap(link)?)?)
}

/// The document JSON a link carries, of the schema version it was made with (not yet
/// migrated or validated).
pub fn decode_to_json(link: &str) -> Result<String, ShareLinkError> {
    String::from_utf8(inflate(&unwrap(link)?)?).map_err(|_| not_utf8())
}

// The steps, for a platform that compresses by other means (the web app uses the
// browser's own zlib through CompressionStream, which keeps the codec out of its wasm).

/// What a link compresses: the document's minified JSON.
pub fn payload(doc: &Document) -> String {
    minify(&doc.to_json_pretty())
}

/// The fragment for a zlib stream of [`payload`].
pub fn wrap(zlib: &[u8]) -> String {
    format!("{PREFIX}{}", BASE64URL_NOPAD.encode(zlib))
}

/// The zlib stream a link carries, after checking its prefix, length and alphabet.
pub fn unwrap(link: &str) -> Result<Vec<u8>, ShareLinkError> {
    let fragment = link.trim();
    let fragment = fragment.split_once('#').map_or(fragment, |(_, after)| after);
    if fragment.len() > MAX_LINK_CHARS {
        return Err(ShareLinkError::TooLong { length: fragment.len(), limit: MAX_LINK_CHARS });
    }
    let Some(payload) = fragment.strip_prefix(PREFIX) else {
        return Err(match codec_name(fragment) {
            Some(name) => ShareLinkError::UnknownFormat(name.to_owned()),
            None => ShareLinkError::NotALink,
        });
    };
    BASE64URL_NOPAD.decode(payload.as_bytes()).map_err(|e| ShareLinkError::NotBase64(e.to_string()))
}

/// Inflates a zlib stream, checking its checksum, to at most [`MAX_DOCUMENT_BYTES`].
fn inflate(zlib: &[u8]) -> Result<Vec<u8>, ShareLinkError> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(zlib, MAX_DOCUMENT_BYTES).map_err(|error| {
        match error.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareLinkError::TooLarge { limit: MAX_DOCUMENT_BYTES },
            _ => ShareLinkError::Damaged(error.to_string()),
        }
    })
}

/// Opens an inflated payload: parses, migrates and validates the design.
pub fn open(json: Vec<u8>) -> Result<Document, ShareLinkError> {
    let text = String::from_utf8(json).map_err(|_| not_utf8())?;
    Document::from_json(&text).map_err(|error| match error {
        LoadError::UnsupportedVersion { found, supported } if found > supported => {
            ShareLinkError::FromTheFuture { found, supported }
        }
        LoadError::Json(error) => ShareLinkError::NotADesign(error.to_string()),
        other @ LoadError::NoVersion => ShareLinkError::NotADesign(other.to_string()),
        other => ShareLinkError::Load(other),
    })
}

fn not_utf8() -> ShareLinkError {
    ShareLinkError::NotADesign("it is not UTF-8 text".to_owned())
}

/// `s7` in `s7.xyz`: a codec this version does not know.
fn codec_name(fragment: &str) -> Option<&str> {
    let (name, _) = fragment.split_once('.')?;
    let digits = name.strip_prefix('s')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(name)
}

/// Drops the whitespace between JSON tokens (whitespace inside strings is escaped by the
/// serialiser, so none is lost).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}
