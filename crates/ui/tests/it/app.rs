//! Mounts the app, then drives it through the DOM as a user would.

use scalelab_ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlInputElement};

async fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn saturated_count(root: &Element) -> u32 {
    root.query_selector_all(".node[data-saturated='true']").unwrap().length()
}

async fn type_users(root: &Element, text: &str) {
    let input: HtmlInputElement =
        root.query_selector("[data-testid='users-input']").unwrap().unwrap().dyn_into().unwrap();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn renders_the_default_topology() {
    let root = mount().await;
    assert_eq!(root.query_selector_all(".node").unwrap().length(), 5);
    assert_eq!(root.query_selector_all(".link").unwrap().length(), 5);
    assert_eq!(saturated_count(&root), 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn typed_users_change_the_load() {
    let root = mount().await;
    type_users(&root, "1M").await;
    assert!(saturated_count(&root) >= 1);
    let derived = root.query_selector("[data-testid='derived-rps']").unwrap().unwrap().text_content().unwrap();
    assert_eq!(derived, "1M users → 2.56K req/s at peak");
    type_users(&root, "1K").await;
    assert_eq!(saturated_count(&root), 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_bad_typed_count_is_flagged_and_changes_nothing() {
    let root = mount().await;
    type_users(&root, "lots").await;
    let alert = root.query_selector(".field-error").unwrap().unwrap().text_content().unwrap();
    assert!(alert.contains("\"lots\" is not a number of users"), "{alert}");
    let derived = root.query_selector("[data-testid='derived-rps']").unwrap().unwrap().text_content().unwrap();
    assert!(derived.starts_with("1K users"), "{derived}");
    root.remove();
}
