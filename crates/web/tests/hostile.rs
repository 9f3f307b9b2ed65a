//! Guide files are untrusted input. Whatever text a guide holds, no page
//! made from it (served or static) links to or loads anything but the
//! guide's own pages and `http(s):`, `mailto:` and `tel:` addresses: no
//! script by `javascript:`, no outside image, no other scheme.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use proptest::prelude::*;
use tower::ServiceExt;
use unstuck_testkit::hostile::{PLACE_COUNT, disallowed_addresses, guide_with, snippet};
use unstuck_web::{AppState, Config, Library, static_site};

/// The served pages that show a guide's text: the catalog, the start, an
/// escalation with its summary, the full guide.
const SERVED: [&str; 5] = [
    "/",
    "/guides/smart-lock",
    "/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
    "/guides/smart-lock/summary?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
    "/guides/smart-lock/full",
];

/// Every address on every page of `guide` that a page may not carry.
fn disallowed_on_pages(guide: unstuck_core::Guide) -> Vec<String> {
    let mut found = Vec::new();
    let files = static_site::guide_files(&guide, &[&guide], None);
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        found.extend(disallowed_on(&file.path, &html));
    }
    let html = String::from_utf8_lossy(&static_site::catalogs([&guide])[0].bytes).into_owned();
    found.extend(disallowed_on("index.html", &html));

    let app = unstuck_web::app(AppState::new(
        Library::new(vec![guide]),
        None,
        Config::default(),
    ));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    for uri in SERVED {
        let html = runtime.block_on(async {
            let request = Request::get(uri).body(Body::empty()).expect("a request");
            let response = app.clone().oneshot(request).await.expect("a response");
            let body = response.into_body().collect().await.expect("a body");
            String::from_utf8_lossy(&body.to_bytes()).into_owned()
        });
        found.extend(disallowed_on(uri, &html));
    }
    found
}

fn disallowed_on(page: &str, html: &str) -> Vec<String> {
    (disallowed_addresses(html).into_iter())
        .map(|address| format!("{page}: {address}"))
        .collect()
}

#[test]
fn smuggled_links_and_images_never_reach_a_page() {
    for (text, place) in [
        (r"\[click](javascript:alert(1))", 3),
        (r"\[click](javascript:alert(1))", 5),
        (r"\[click](javascript:alert(1))", 2),
        (r"\![t](https://tracker.example/p.png)", 1),
        (r"\\[click](javascript:alert(1))", 5),
    ] {
        let source = guide_with(text, place);
        let compiled = unstuck_core::compile(&source);
        let Some(guide) = compiled.guide else {
            continue; // Refused by the checker: nothing to render.
        };
        let found = disallowed_on_pages(guide);
        assert!(found.is_empty(), "{text} at place {place}: {found:#?}");
    }
}

#[test]
fn static_pages_carry_their_own_security_policy() {
    let guide = unstuck_core::compile(unstuck_testkit::hostile::BASE_GUIDE)
        .guide
        .expect("the base guide compiles");
    let files = static_site::guide_files(&guide, &[&guide], None);
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        assert!(
            html.contains(
                r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; "#
            ),
            "{} has no policy",
            file.path
        );
    }
}

proptest! {
    /// Any snippet of hostile pieces, anywhere in a guide: if it compiles,
    /// its pages carry only allowed addresses.
    #[test]
    fn no_guide_text_puts_a_script_or_an_outside_image_on_a_page(
        pieces in proptest::collection::vec(any::<u8>(), 1..24),
        place in 0..PLACE_COUNT,
    ) {
        let source = guide_with(&snippet(&pieces), place);
        if let Some(guide) = unstuck_core::compile(&source).guide {
            let found = disallowed_on_pages(guide);
            prop_assert!(found.is_empty(), "{:?}: {:#?}", snippet(&pieces), found);
        }
    }
}
