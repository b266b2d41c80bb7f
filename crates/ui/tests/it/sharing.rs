//! Share links and embed parameters in a real browser: the codec with the browser's zlib
//! (round trip, links made by the CLI's miniz_oxide, damaged and over-sized links), the
//! address parsing, and the embed snippets.

use scalelab_model::share_link::ShareLinkError;
use scalelab_model::{Document, MAX_DOCUMENT_BYTES};
use scalelab_ui::codec;
use scalelab_ui::page::{Address, EmbedTheme, PageOptions, View};
use scalelab_ui::share::{EmbedChoice, embed_url, snippets};
use wasm_bindgen_test::wasm_bindgen_test;

const STAGE_5: &str = include_str!("../../../../tests/fixtures/links/v1/stage-5-planet-scale.link");
const STAGE_5_JSON: &str = include_str!("../../../../public/examples/stage-5-planet-scale.json");

#[wasm_bindgen_test]
async fn a_link_made_in_the_browser_opens_the_same_design() {
    let doc = Document::from_json(STAGE_5_JSON).unwrap();
    let fragment = codec::encode(&doc).await.unwrap();
    assert!(fragment.starts_with("s1.") && fragment.len() < 2_000, "{}", fragment.len());
    assert_eq!(codec::decode(&fragment).await.unwrap(), doc);
    // And the CLI opens it: the model's own decoder (miniz_oxide) reads the browser's zlib.
    assert_eq!(scalelab_model::share_link::decode(&fragment).unwrap(), doc);
}

#[wasm_bindgen_test]
async fn a_link_made_by_the_cli_opens_in_the_browser() {
    let doc = codec::decode(STAGE_5).await.unwrap();
    assert_eq!(doc, Document::from_json(STAGE_5_JSON).unwrap());
}

#[wasm_bindgen_test]
async fn damaged_and_over_sized_links_are_refused_by_name() {
    let link = STAGE_5.trim();
    let cut = &link[..link.len() - 10];
    assert!(matches!(codec::decode(cut).await, Err(ShareLinkError::Damaged(_))), "cut");
    let mut tampered = link.as_bytes().to_vec();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap();
    assert!(codec::decode(&tampered).await.is_err(), "tampered");
    // More than the document limit once unpacked (a name of spaces compresses to little).
    let huge = Document { name: " ".repeat(MAX_DOCUMENT_BYTES), ..Document::default_topology() };
    let bomb = codec::encode(&huge).await.unwrap();
    assert!(bomb.len() < 40_000, "{}", bomb.len());
    assert!(matches!(codec::decode(&bomb).await, Err(ShareLinkError::TooLarge { .. })));
}

#[wasm_bindgen_test]
fn the_address_gives_the_embed_parameters_and_the_fragment() {
    let address = Address::parse(
        "https://example.org/lab/?embed=1&theme=dark&autoplay=1&view=split&controls=0&edit=1&host=https%3A%2F%2Fa.example,https://b.example/#s1.abc",
    );
    assert_eq!(address.base, "https://example.org/lab/");
    assert_eq!(address.fragment.as_deref(), Some("s1.abc"));
    let options = address.options;
    assert!(options.embed && options.autoplay && options.edit && !options.controls);
    assert_eq!((options.theme, options.view), (EmbedTheme::Dark, View::Split));
    assert_eq!(options.hosts, ["https://a.example", "https://b.example"]);
    assert!(options.accepts_origin("https://b.example") && !options.accepts_origin("https://c.example"));
    let plain = PageOptions::from_query("");
    assert!(!plain.embed && plain.controls && plain.accepts_origin("https://anyone.example"));
    assert_eq!(PageOptions::from_query("?view=nonsense&theme=pink").view, View::Canvas);
    assert_eq!(Address::parse("https://example.org/").fragment, None);
}

#[wasm_bindgen_test]
fn the_embed_snippets_are_lazy_titled_and_sized() {
    let url = embed_url(
        "https://example.org/lab/",
        "s1.abc",
        &EmbedChoice { editable: false, autoplay: true, height_px: 480 },
    );
    assert_eq!(url, "https://example.org/lab/?embed=1&autoplay=1#s1.abc");
    let [(_, _, html), (_, _, hugo), (_, _, mdx)] = snippets(&url, "Shop \"v2\"", 480);
    assert_eq!(
        html,
        "<iframe src=\"https://example.org/lab/?embed=1&amp;autoplay=1#s1.abc\" title=\"scalelab: Shop &quot;v2&quot;\" \
         loading=\"lazy\" width=\"100%\" height=\"480\" style=\"border: 0; max-width: 100%;\" allow=\"clipboard-write\"></iframe>"
    );
    assert!(hugo.starts_with("{{< scalelab src=\"https://example.org/lab/?embed=1&amp;autoplay=1#s1.abc\""), "{hugo}");
    assert!(hugo.contains("layouts/shortcodes/scalelab.html"), "{hugo}");
    assert!(
        mdx.contains("loading=\"lazy\"")
            && mdx.contains("height={480}")
            && mdx.contains("title=\"scalelab: Shop 'v2'\""),
        "{mdx}"
    );
}
