//! The helpers the editor uses: fresh ids, and link reasons in validation's words.

use scalelab_model::{ComponentId, ComponentKind, Document, fresh_component_id, link_problems};

fn id(s: &str) -> ComponentId {
    ComponentId::new(s)
}

#[test]
fn fresh_ids_are_named_after_the_kind_and_unused() {
    let doc = Document::default_topology();
    assert_eq!(fresh_component_id(&doc, ComponentKind::LoadBalancer), id("load-balancer-1"));
    assert_eq!(fresh_component_id(&doc, ComponentKind::Service), id("service-1"));
}

#[test]
fn link_reasons_are_validations_words() {
    let doc = Document::default_topology();
    let cases: [(&str, &str, Option<&[&str]>); 5] = [
        ("users", "app-1", None),
        (
            "db",
            "users",
            Some(&[
                "component \"db\": a database does not send requests onwards",
                "component \"users\": users cannot receive requests",
            ]),
        ),
        ("lb", "lb", Some(&["component \"lb\": a link connects the component to itself"])),
        ("lb", "app-1", Some(&["component \"lb\": the link to \"app-1\" appears twice"])),
        ("db", "lb", Some(&["component \"db\": a database does not send requests onwards"])),
    ];
    for (from, to, want) in cases {
        let got =
            link_problems(&doc, &id(from), &id(to)).map(|ps| ps.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert_eq!(got, want.map(|w| w.iter().map(|s| s.to_string()).collect()), "{from} -> {to}");
    }
}

mod sorting {
    use proptest::prelude::*;
    use scalelab_model::sort_by_insertion;

    proptest! {
        /// The same order as the standard library's stable sort, equal keys kept in place.
        #[test]
        fn insertion_sorts_like_the_stable_sort(keys in proptest::collection::vec(0u8..8, 0..60)) {
            let mut ours: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            sort_by_insertion(&mut ours, |a, b| a.0 < b.0);
            std.sort_by_key(|p| p.0);
            prop_assert_eq!(ours, std);
        }
    }
}
