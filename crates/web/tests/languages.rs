//! Guides in several languages, as a reader meets them: the shipped guides
//! with their shipped translations (German and Arabic smart lock, German
//! garage door), served without a socket and built as a static site.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;
use unstuck_core::Guide;

mod support;
use support::{Reply, assert_contains, send};
use unstuck_core::translate::{Catalog, translate};
use unstuck_web::{AppState, Config, Library, static_site};

fn shipped(path: &str) -> String {
    let path = format!("{}/../../guides/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The shipped guides and their translations.
fn guides() -> Vec<Guide> {
    let mut guides = Vec::new();
    for (id, languages) in [
        ("smart-lock", &["de", "ar"][..]),
        ("garage-door", &["de"][..]),
    ] {
        let source = unstuck_core::compile(&shipped(&format!("{id}.md")))
            .guide
            .expect("the guide compiles");
        for lang in languages {
            let catalog =
                Catalog::parse(&shipped(&format!("po/{lang}/{id}.po"))).expect("a PO file");
            let translated = translate(&source, &catalog, lang);
            assert!(
                translated.coverage.is_complete(),
                "{id} in {lang}: {}",
                translated.coverage
            );
            guides.push(translated.guide);
        }
        guides.push(source);
    }
    guides
}

fn app() -> Router {
    unstuck_web::app(AppState::new(
        Library::new(guides()),
        None,
        Config::default(),
    ))
}

/// `uri` from a browser that prefers `accept_language`, if any.
async fn get(app: &Router, uri: &str, accept_language: Option<&str>) -> Reply {
    let mut request = Request::get(uri);
    if let Some(languages) = accept_language {
        request = request.header(header::ACCEPT_LANGUAGE, languages);
    }
    send(app, request.body(Body::empty()).expect("a request")).await
}

/// The reply's `Vary` headers, joined.
fn vary(reply: &Reply) -> String {
    (reply.headers.get_all(header::VARY).iter())
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::test]
async fn a_translation_speaks_its_language_and_keeps_the_source_addresses_apart() {
    let app = app();
    let german = get(&app, "/de/guides/smart-lock?keypad-lights=no", None).await;
    assert_eq!(german.status, StatusCode::OK);
    assert_contains(&german.body, r#"<html lang="de" dir="ltr">"#);
    assert_contains(&german.body, "<title>Schritt 2 – ");
    assert_contains(&german.body, "Sie können Ihre Antwort später ändern.");
    assert_contains(
        &german.body,
        r#"<h2 id="answers-title">Ihre Antworten</h2>"#,
    );
    // The answers' forms stay in German addresses.
    assert_contains(&german.body, r#"action="/de/guides/smart-lock#step""#);

    let english = get(&app, "/guides/smart-lock?keypad-lights=no", None).await;
    assert_contains(&english.body, r#"<html lang="en" dir="ltr">"#);
    assert_contains(&english.body, "<title>Step 2 — ");
    assert_contains(&english.body, r#"action="/guides/smart-lock#step""#);

    let arabic = get(&app, "/ar/guides/smart-lock?keypad-lights=no", None).await;
    assert_contains(&arabic.body, r#"<html lang="ar" dir="rtl">"#);
    assert_contains(&arabic.body, "الخطوة 2");
}

#[tokio::test]
async fn every_language_of_a_state_is_linked_with_the_same_answers() {
    let app = app();
    let state = "keypad-lights=no&battery-fixed=no";
    let page = get(&app, &format!("/de/guides/smart-lock?{state}"), None).await;
    for (lang, href) in [
        ("en", "/guides/smart-lock"),
        ("ar", "/ar/guides/smart-lock"),
    ] {
        let alternate = format!(
            r#"<link rel="alternate" hreflang="{lang}" href="{href}?{}">"#,
            state.replace('&', "&amp;")
        );
        assert_contains(&page.body, &alternate);
    }
    assert_contains(&page.body, r#"aria-current="page">Deutsch</a>"#);
    // The garage door is in English and German only.
    let garage = get(&app, "/guides/garage-door", None).await;
    assert_contains(
        &garage.body,
        r#"hreflang="de" href="/de/guides/garage-door""#,
    );
    assert!(!garage.body.contains(r#"hreflang="ar""#));
}

#[tokio::test]
async fn the_catalog_follows_the_browser_unless_the_address_names_a_language() {
    let app = app();
    let preferred = get(&app, "/", Some("de-DE,de;q=0.9,en;q=0.5")).await;
    assert_contains(&preferred.body, r#"<html lang="de""#);
    assert_contains(&preferred.body, "Was muss repariert werden?");
    assert_contains(&preferred.body, r#"href="/de/guides/smart-lock""#);
    assert!(
        vary(&preferred).contains("Accept-Language"),
        "Vary: {}",
        vary(&preferred)
    );

    let unknown = get(&app, "/", Some("fr")).await;
    assert_contains(&unknown.body, r#"<html lang="en""#);

    // An explicit choice beats the browser's preference.
    let chosen = get(&app, "/en/", Some("de")).await;
    assert_contains(&chosen.body, "What needs fixing?");
    assert!(
        !vary(&chosen).contains("Accept-Language"),
        "Vary: {}",
        vary(&chosen)
    );
    let arabic = get(&app, "/ar/", None).await;
    assert_contains(&arabic.body, r#"<html lang="ar" dir="rtl">"#);
    // The garage door has no Arabic translation: listed as written, said so.
    assert_contains(&arabic.body, r#"href="/guides/garage-door""#);
    assert_contains(
        &arabic.body,
        r#"<span class="muted" lang="en">(English)</span>"#,
    );

    let search = get(&app, "/de/?q=Tastenfeld", None).await;
    assert_contains(&search.body, "Eine Anleitung passt zu „Tastenfeld“");
}

#[tokio::test]
async fn a_language_or_guide_that_is_not_there_is_a_clear_404_in_that_language() {
    let app = app();
    let missing = get(&app, "/de/guides/boiler", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_contains(&missing.body, "Es gibt keine Anleitung namens „boiler“");
    assert_contains(&missing.body, r#"href="/de/""#);
    let untranslated = get(&app, "/ar/guides/garage-door", None).await;
    assert_eq!(untranslated.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/xx/", None).await.status, StatusCode::NOT_FOUND);
    let bad = get(&app, "/de/guides/smart-lock?keypad-lights=maybe", None).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_contains(&bad.body, "Dieser Link funktioniert nicht");
    assert_contains(&bad.body, r#"href="/de/guides/smart-lock""#);
    // The ids it has are for the guide's team: English, apart, left to right.
    let arabic = get(&app, "/ar/guides/smart-lock?keypad-lights=maybe", None).await;
    assert_eq!(arabic.status, StatusCode::BAD_REQUEST);
    let (reader, team) = arabic
        .body
        .split_once("<details>")
        .expect("the details apart");
    assert!(!reader.contains("is not an answer"), "{reader}");
    assert_contains(team, r#"<p lang="en" dir="ltr">“maybe” is not an answer"#);
}

#[tokio::test]
async fn the_support_summary_is_written_in_the_readers_language() {
    let app = app();
    let state = "keypad-lights=yes&key-works=no";
    let page = get(
        &app,
        &format!("/de/guides/smart-lock/summary?{state}"),
        None,
    )
    .await;
    assert_contains(&page.body, "<h1>Zusammenfassung für den Support</h1>");
    for (lang, title, answers) in [
        ("de", "Zusammenfassung für den Support", "Ihre Antworten"),
        ("ar", "ملخص للدعم الفني", "الإجابات المقدَّمة"),
    ] {
        let uri = format!("/{lang}/guides/smart-lock/summary.txt?{state}");
        let text = get(&app, &uri, None).await.body;
        assert!(text.starts_with(&format!("{title}: ")), "{text}");
        assert_contains(&text, &format!("\n{answers}:\n"));
    }
}

/// The smart-lock guide as written and its translations.
fn smart_lock_editions(guides: &[Guide]) -> Vec<&Guide> {
    guides
        .iter()
        .filter(|g| g.id.as_str() == "smart-lock")
        .collect()
}

#[test]
fn the_static_site_writes_every_language_with_relative_links() {
    let guides = guides();
    let editions = smart_lock_editions(&guides);
    let german = editions.iter().find(|g| g.lang == "de").expect("German");
    let files = static_site::guide_files(german, &editions, None);
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, "de/guides/smart-lock.html");
    let page = String::from_utf8(files[0].bytes.clone()).expect("UTF-8");
    assert_contains(&page, r#"<link rel="stylesheet" href="../../assets/"#);
    assert_contains(
        &page,
        r#"hreflang="en" href="../../guides/smart-lock.html""#,
    );
    assert_contains(
        &page,
        r#"hreflang="ar" href="../../ar/guides/smart-lock.html""#,
    );
    assert_contains(&page, r#""step":"Schritt {n}""#);

    let catalogs = static_site::catalogs(guides.iter());
    let paths: Vec<&str> = catalogs.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(paths, ["index.html", "ar/index.html", "de/index.html"]);
    let de = String::from_utf8(catalogs[2].bytes.clone()).expect("UTF-8");
    assert_contains(&de, r#"href="../de/guides/smart-lock.html""#);
    assert_contains(&de, r#"<link rel="stylesheet" href="../assets/"#);
}

#[test]
fn a_translations_static_page_posts_to_its_languages_addresses_and_speaks_its_language() {
    let guides = guides();
    let editions = smart_lock_editions(&guides);
    let german = editions.iter().find(|g| g.lang == "de").expect("German");
    let server = static_site::ServerAddress::parse("http://127.0.0.1:8080").expect("an address");
    let files = static_site::guide_files(german, &editions, Some(&server));
    let page = String::from_utf8(files[0].bytes.clone()).expect("UTF-8");
    assert_contains(
        &page,
        r#"action="http://127.0.0.1:8080/de/guides/smart-lock/feedback""#,
    );
    assert_contains(
        &page,
        r#"href="http://127.0.0.1:8080/de/guides/smart-lock/contact?from=locksmith""#,
    );
    let without = static_site::guide_files(german, &editions, None);
    let page = String::from_utf8(without[0].bytes.clone()).expect("UTF-8");
    assert_contains(
        &page,
        "Diese Seite kann Ihre Antworten nicht an den Support senden.",
    );
}

#[test]
fn a_languages_static_catalog_reaches_the_guides_it_lacks_as_written() {
    let guides = guides();
    let arabic = static_site::catalogs(guides.iter())
        .into_iter()
        .find(|file| file.path == "ar/index.html")
        .expect("the Arabic catalog");
    let page = String::from_utf8(arabic.bytes).expect("UTF-8");
    assert_contains(&page, r#"href="../ar/guides/smart-lock.html""#);
    assert_contains(&page, r#"href="../guides/garage-door.html""#);
}

#[tokio::test]
async fn every_translated_page_fits_in_the_first_round_trip() {
    const BUDGET: usize = 14 * 1024;
    let guides = guides();
    let app = unstuck_web::app(AppState::new(
        Library::new(guides.clone()),
        None,
        Config::default(),
    ));
    let mut uris = vec!["/de/".to_owned(), "/ar/".to_owned()];
    for guide in guides
        .iter()
        .filter(|guide| guide.translated_from.is_some())
    {
        let base = format!("/{}/guides/{}", guide.lang, guide.id);
        for session in unstuck_core::engine::reachable(guide, 10_000) {
            let query = unstuck_core::engine::query::to_query(guide, &session);
            uris.push(format!("{base}?{query}"));
        }
        uris.push(format!("{base}/full"));
    }
    assert!(uris.len() > 100, "{} pages", uris.len());
    for uri in uris {
        let request = Request::get(&uri)
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .expect("a request");
        let response = app.clone().oneshot(request).await.expect("a response");
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        let size = response
            .into_body()
            .collect()
            .await
            .expect("a body")
            .to_bytes()
            .len();
        assert!(
            size <= BUDGET,
            "{uri} is {size} bytes gzipped, over {BUDGET}"
        );
    }
}

#[tokio::test]
async fn visits_and_feedback_record_their_language_and_the_dashboard_splits_by_it() {
    const TOKEN: &str = "8d3f1a6c9e2b7d4f0a5c8e1b3d6f9a2c";
    let folder = tempfile::tempdir().expect("a temp folder");
    let url = format!("sqlite://{}?mode=rwc", folder.path().join("t.db").display());
    let store = unstuck_store::Store::open(&url).await.expect("sqlite");
    let config = Config {
        admin_token: Some(unstuck_web::AdminToken::new(TOKEN).expect("a strong token")),
        ..Config::default()
    };
    let state = AppState::new(Library::new(guides()), Some(store.clone()), config);
    let app = unstuck_web::app(state.clone());
    let walk = "keypad-lights=no&battery-fixed=yes";
    for (person, prefix) in [("ann", ""), ("bea", "/de"), ("cem", "/de")] {
        let uri = format!("{prefix}/guides/smart-lock?{walk}");
        let request = Request::get(uri).header(header::USER_AGENT, person);
        send(&app, request.body(Body::empty()).expect("a request")).await;
    }
    let form = format!(
        "helpful=yes&state={}&outcome=unlocked",
        walk.replace('&', "%26").replace('=', "%3D")
    );
    let feedback = Request::post("/de/guides/smart-lock/feedback")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::USER_AGENT, "bea")
        .body(Body::from(form))
        .expect("a request");
    assert_eq!(send(&app, feedback).await.status, StatusCode::SEE_OTHER);
    state.shutdown().await;

    let stats = store.stats("smart-lock", 0).await.expect("figures");
    let german = stats
        .languages
        .iter()
        .find(|l| l.lang.as_deref() == Some("de"))
        .expect("German");
    assert_eq!(
        (german.sessions, german.resolved, german.helpful),
        (2, 2, 1)
    );
    let written = stats
        .languages
        .iter()
        .find(|l| l.lang.is_none())
        .expect("as written");
    assert_eq!(written.sessions, 1);

    let dashboard = Request::get("/admin/guides/smart-lock")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(Body::empty())
        .expect("a request");
    let page = send(&app, dashboard).await.body;
    assert_contains(&page, "<h2>By language</h2>");
    assert_contains(
        &page,
        r#"<th scope="row">Deutsch</th><td>2</td><td>100 % (2 resolved, 0 escalated)</td>"#,
    );
    assert_contains(
        &page,
        r#"<th scope="row">English (as written)</th><td>1</td>"#,
    );
}

#[tokio::test]
async fn the_hand_off_to_support_speaks_the_readers_language() {
    let app = app();
    let state = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
    let outcome = get(&app, &format!("/de/guides/smart-lock?{state}"), None).await;
    assert_contains(
        &outcome.body,
        &format!(
            r#"href="/de/guides/smart-lock/contact?{}">Meine Antworten an den Support senden</a>"#,
            state.replace('&', "&amp;")
        ),
    );
    let form = get(
        &app,
        &format!("/de/guides/smart-lock/contact?{state}"),
        None,
    )
    .await;
    assert_contains(&form.body, "<h1>An den Support senden</h1>");
    assert_contains(&form.body, r#"action="/de/guides/smart-lock/handoff""#);
    let typed = "state=keypad-lights%3Dno%26battery-fixed%3Dno%26key-works%3Dno%26alignment-fixed%3Dno&email=ana%40example";
    let post = Request::post("/ar/guides/smart-lock/handoff")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(typed))
        .expect("a request");
    let refused = send(&app, post).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(&refused.body, r#"<html lang="ar" dir="rtl">"#);
    assert_contains(&refused.body, "«ana@example» ليس بريدًا إلكترونيًا");
    assert_contains(&refused.body, r#"value="ana@example""#);
}

#[tokio::test]
async fn a_made_up_language_in_the_address_never_becomes_a_link() {
    let app = app();
    for uri in [
        "/%2Fevil.com/guides/x",
        "/%5Cevil.com/guides/x",
        "/xx/guides/smart-lock",
    ] {
        let page = get(&app, uri, None).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!page.body.contains("evil.com/\""), "{uri}: {}", page.body);
        assert_contains(&page.body, r#"<a class="btn" href="/">"#);
    }
}
