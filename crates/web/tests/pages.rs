//! The web application without a socket (`oneshot`): pages, forms, API,
//! headers and bad input, on the shipped guides and a real SQLite file.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use std::num::NonZeroU32;
use unstuck_store::Store;
use unstuck_web::{AdminToken, AppState, Config, Library};

mod support;
use support::{Reply, assert_contains, send};

/// An admin token strong enough to be accepted.
const ADMIN_TOKEN: &str = "4f9c2a7e1b8d6053c4e2f1a9b7d8e6c5";

fn admin_token() -> Option<AdminToken> {
    Some(AdminToken::new(ADMIN_TOKEN).expect("a strong token"))
}

fn bearer() -> String {
    format!("Bearer {ADMIN_TOKEN}")
}

const SEED: &str = include_str!("../../core/tests/fixtures/seed/smart-lock-guide.txt");

fn guides() -> Vec<unstuck_core::Guide> {
    ["smart-lock", "garage-door"]
        .iter()
        .map(|id| {
            let path = format!("{}/../../guides/{id}.md", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(path).expect("a shipped guide");
            unstuck_core::compile(&text).guide.expect("it compiles")
        })
        .collect()
}

/// The app with a fresh SQLite database in a temp folder.
async fn app_with_store(config: Config) -> (Router, Store, tempfile::TempDir) {
    let (app, _state, store, folder) = app_and_state(config).await;
    (app, store, folder)
}

/// The same, with the state, to flush events.
async fn app_and_state(config: Config) -> (Router, AppState, Store, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("a temp folder");
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("test.db").display()
    );
    let store = Store::open(&url).await.expect("sqlite");
    let state = AppState::new(Library::new(guides()), Some(store.clone()), config);
    (unstuck_web::app(state.clone()), state, store, folder)
}

fn app_without_store() -> Router {
    unstuck_web::app(AppState::new(
        Library::new(guides()),
        None,
        Config::default(),
    ))
}

async fn get(app: &Router, uri: &str) -> Reply {
    send(
        app,
        Request::get(uri).body(Body::empty()).expect("a request"),
    )
    .await
}

async fn post_feedback(app: &Router, guide: &str, form: &str, site: &str) -> Reply {
    post_form(app, &format!("/guides/{guide}/feedback"), form, site).await
}

/// A form posted as a browser does from a page of the site `site`
/// (`same-origin`, `cross-site`…).
async fn post_form(app: &Router, path: &str, form: &str, site: &str) -> Reply {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", site)
        .header(header::CONTENT_LENGTH, form.len())
        .body(Body::from(form.to_owned()))
        .expect("a request");
    send(app, request).await
}

/// The `<main>` of a page: what the snapshots keep (the shell is the same
/// on every page and holds the stylesheet).
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a main element");
    let end = html.find("</main>").expect("the end of main") + "</main>".len();
    &html[start..end]
}

/// The text a person reads: tags removed (block tags read as a space),
/// entities decoded, white space folded.
fn text_of(html: &str) -> String {
    const INLINE: [&str; 9] = [
        "a", "strong", "em", "span", "code", "b", "i", "time", "mark",
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = rest[open + 1..close.saturating_sub(1)].trim_start_matches('/');
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()
            .unwrap_or("");
        if !INLINE.contains(&name) {
            text.push(' ');
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_catalog_lists_and_searches_the_guides() {
    let app = app_without_store();
    let all = get(&app, "/").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_contains(&all.body, "Fix a smart lock that will not open");
    assert_contains(&all.body, "Fix a garage door that will not close");
    let found = get(&app, "/?q=keypad+light").await;
    let text = text_of(main_of(&found.body));
    assert_contains(&text, "One guide matches “keypad light”");
    assert_contains(&text, "Symptom: Check battery: The keypad does not light");
    assert!(!text.contains("garage door"), "{text}");
    let faq = get(&app, "/?q=spring").await;
    assert_contains(
        &text_of(&faq.body),
        "FAQ: Is it safe to fix a garage door spring myself?",
    );
    let none = get(&app, "/?q=%3Cscript%3E").await;
    assert_contains(&none.body, "No guide matches “&lt;script&gt;”");
    // As people type it: contractions, endings, fillers, one word for two.
    for typed in [
        "my+lock+won%E2%80%99t+open",
        "keypad+not+lighting",
        "smartlock",
    ] {
        let text = text_of(main_of(&get(&app, &format!("/?q={typed}")).await.body));
        assert_contains(&text, "One guide matches");
        assert_contains(&text, "Fix a smart lock that will not open");
    }
}

#[tokio::test]
async fn the_first_question_comes_with_its_instructions_and_answers() {
    let app = app_without_store();
    let page = get(&app, "/guides/smart-lock").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_contains(
        &page.body,
        "<title>Step 1 — Does the keypad light or does the app connect? · Fix a smart lock that will not open</title>",
    );
    insta::assert_snapshot!("start", main_of(&page.body));
}

#[tokio::test]
async fn answered_questions_are_listed_with_a_change_link() {
    let app = app_without_store();
    let page = get(&app, "/guides/smart-lock?keypad-lights=no&battery-fixed=no").await;
    assert_contains(&page.body, "<title>Step 3 — Does the physical key work?");
    insta::assert_snapshot!("step-3", main_of(&page.body));
}

#[tokio::test]
async fn changing_an_answer_says_what_no_longer_applies_and_changing_back_restores_it() {
    let app = app_without_store();
    let asking = get(
        &app,
        "/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&change=keypad-lights",
    )
    .await;
    assert_contains(&asking.body, "changing your answer");
    assert_contains(
        &asking.body,
        r#"<input type="hidden" name="was" value="keypad-lights.no">"#,
    );
    assert_contains(
        &asking.body,
        r#"<input type="hidden" name="battery-fixed" value="no">"#,
    );
    // The form for the change, submitted with "Yes":
    let changed = get(
        &app,
        "/guides/smart-lock?battery-fixed=no&key-works=no&was=keypad-lights.no&keypad-lights=yes",
    )
    .await;
    // The notice opens the step the page lands on (`#step`), so it shows.
    assert_contains(
        &changed.body,
        r#"<section class="card step" id="step" aria-labelledby="question"><div class="notice" role="status">"#,
    );
    let text = text_of(main_of(&changed.body));
    assert_contains(
        &text,
        "You changed “Does the keypad light or does the app connect?” from No to Yes.",
    );
    assert_contains(
        &text,
        "These answers no longer apply. They are kept: change back to use them again. Did replacing the battery fix it? Does the physical key work?",
    );
    assert_contains(&text, "Step 2 Does the motor run but the bolt not retract?");
    // The kept answers stay in the page's state…
    assert_contains(
        &changed.body,
        r#"<input type="hidden" name="key-works" value="no">"#,
    );
    // …so changing back restores them.
    let back = get(
        &app,
        "/guides/smart-lock?battery-fixed=no&key-works=no&was=keypad-lights.yes&keypad-lights=no",
    )
    .await;
    let text = text_of(main_of(&back.body));
    assert_contains(
        &text,
        "These earlier answers apply again: Did replacing the battery fix it? Does the physical key work?",
    );
    assert_contains(&text, "Step 4 Did adjusting alignment fix it?");
}

#[tokio::test]
async fn the_factory_reset_step_asks_for_acknowledgement() {
    let app = app_without_store();
    let state = "keypad-lights=yes&bolt-stuck=no&repair-worked=no";
    let caution = get(&app, &format!("/guides/smart-lock?{state}")).await;
    let text = text_of(main_of(&caution.body));
    assert_contains(&text, "Before you continue: Factory reset");
    assert_contains(
        &text,
        "Caution: A factory reset erases every PIN code and the app pairing.",
    );
    assert_contains(
        &caution.body,
        r#"<button type="submit" name="ack" value="factory-reset">I understand — show the step</button>"#,
    );
    let step = get(
        &app,
        &format!("/guides/smart-lock?{state}&ack=factory-reset"),
    )
    .await;
    assert_contains(&text_of(&step.body), "Step 4 Did factory reset work?");
}

#[tokio::test]
async fn a_resolved_outcome_lists_the_verification_checks() {
    let app = app_without_store();
    let page = get(
        &app,
        "/guides/smart-lock?keypad-lights=no&battery-fixed=yes",
    )
    .await;
    assert_contains(
        &page.body,
        "<title>Lock unlocked · Fix a smart lock that will not open</title>",
    );
    insta::assert_snapshot!("resolved", main_of(&page.body));
}

#[tokio::test]
async fn an_escalation_says_who_to_call_and_gives_the_support_summary() {
    let app = app_without_store();
    let page = get(
        &app,
        "/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
    )
    .await;
    let text = text_of(main_of(&page.body));
    assert_contains(&text, "Time to get help Call a locksmith");
    assert_contains(
        &text,
        "Warning: Do not force the lock—you may damage it or lock yourself out.",
    );
    assert_contains(&text, "Whether the keypad lights No");
    assert_contains(&text, "Lock model and manufacturer (to fill in)");
    insta::assert_snapshot!("escalate", main_of(&page.body));
}

#[tokio::test]
async fn a_triage_entry_jumps_into_the_flow() {
    let app = app_without_store();
    let start = get(&app, "/guides/smart-lock").await;
    assert_contains(
        &start.body,
        r#"<a href="/guides/smart-lock?from=alignment-fixed#step">Check mechanical alignment</a>"#,
    );
    let jumped = get(&app, "/guides/smart-lock?from=alignment-fixed").await;
    assert_contains(
        &jumped.body,
        "<title>Step 1 — Did adjusting alignment fix it?",
    );
    let pro = get(&app, "/guides/smart-lock?from=locksmith").await;
    assert_contains(&pro.body, "<title>Call a locksmith · ");
}

#[tokio::test]
async fn the_full_guide_carries_every_line_of_the_reference() {
    let app = app_without_store();
    let full = text_of(&get(&app, "/guides/smart-lock/full").await.body);
    let flow = text_of(&get(&app, "/guides/smart-lock").await.body);
    let sent = text_of(&get(&app, "/guides/smart-lock/full?sent=1").await.body);
    for line in SEED.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line.strip_prefix("- ").unwrap_or(line);
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = [&full, &flow, &sent]
            .iter()
            .any(|page| page.contains(&line));
        assert!(shown, "no page shows this line of the reference:\n{line}");
    }
}

#[tokio::test]
async fn the_full_guide_links_every_proceed_to_within_the_page() {
    let app = app_without_store();
    let page = get(&app, "/guides/smart-lock/full").await.body;
    let mut checked = 0;
    for link in page.split("href=\"#").skip(1) {
        let id = &link[..link.find('"').expect("a closing quote")];
        assert!(
            page.contains(&format!("id=\"{id}\"")),
            "#{id} has no target on the page"
        );
        checked += 1;
    }
    assert!(checked > 20, "only {checked} in-page links");
    assert_contains(
        &page,
        r##"Proceed to <a href="#verification">Verification</a>"##,
    );
    assert_contains(&page, r#""@type":"FAQPage""#);
    assert_contains(&page, r#""@type":"HowTo""#);
}

#[tokio::test]
async fn the_support_summary_takes_what_only_the_person_knows() {
    let app = app_without_store();
    let state = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
    let page = get(
        &app,
        &format!("/guides/smart-lock/summary?{state}&fact-lock-model=Acme+S2"),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    assert_contains(&page.body, r#"name="fact-lock-model" value="Acme S2""#);
    assert_contains(&page.body, r#"formaction="/guides/smart-lock/summary.txt""#);
    // The text and its buttons first (the buttons, and the sentence about
    // them, only where the script runs), then the form that completes it.
    insta::assert_snapshot!("summary", main_of(&page.body));
    let file = get(
        &app,
        &format!("/guides/smart-lock/summary.txt?{state}&fact-lock-model=Acme+S2"),
    )
    .await;
    assert_eq!(
        file.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"smart-lock-support-summary.txt\""
    );
    insta::assert_snapshot!("summary-txt", file.body);
}

#[tokio::test]
async fn feedback_is_stored_without_personal_data_and_thanked() {
    let (app, store, _folder) = app_with_store(Config::default()).await;
    let state = "keypad-lights%3Dno%26battery-fixed%3Dyes";
    let form =
        format!("helpful=yes&comment=It+was+the+battery.&state={state}&outcome=unlocked&page=flow");
    let reply = post_feedback(&app, "smart-lock", &form, "same-origin").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    let location = reply.headers[header::LOCATION].to_str().expect("ascii");
    assert_eq!(
        location,
        "/guides/smart-lock?keypad-lights=no&battery-fixed=yes&sent=1#rate"
    );
    let thanked = get(&app, location.trim_end_matches("#rate")).await;
    assert_contains(&thanked.body, "Thanks for your feedback.");
    let stored = store.feedback("smart-lock", 10).await.expect("readable");
    assert_eq!(stored.len(), 1);
    let feedback = &stored[0].feedback;
    assert_eq!(feedback.path, "keypad-lights=no&battery-fixed=yes");
    assert_eq!(feedback.outcome.as_deref(), Some("unlocked"));
    assert_eq!(feedback.comment.as_deref(), Some("It was the battery."));
    assert!(feedback.helpful);
}

#[tokio::test]
async fn feedback_without_a_database_keeps_the_comment_and_asks_to_try_again() {
    let app = app_without_store();
    let form = "helpful=no&comment=Nothing+worked&state=keypad-lights%3Dno&page=flow";
    let reply = post_feedback(&app, "smart-lock", form, "same-origin").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_contains(&reply.body, "Please try again later.");
    assert_contains(&reply.body, ">Nothing worked</textarea>");
    // The guide itself still works.
    assert_eq!(
        get(&app, "/guides/smart-lock?keypad-lights=no")
            .await
            .status,
        StatusCode::OK
    );
}

/// Fails if any smart-lock feedback was kept.
async fn assert_no_feedback(store: &Store) {
    let kept = store.feedback("smart-lock", 10).await.expect("readable");
    assert!(kept.is_empty(), "{kept:?}");
}

#[tokio::test]
async fn feedback_from_another_site_is_refused() {
    let (app, store, _folder) = app_with_store(Config::default()).await;
    let reply = post_feedback(&app, "smart-lock", "helpful=yes&state=", "cross-site").await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_contains(&reply.body, "This form was sent from another site");
    assert_no_feedback(&store).await;
}

/// A form posted by a browser from a page of `origin` (another site).
async fn post_from(app: &Router, path: &str, form: &str, origin: &str) -> Reply {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .header(header::ORIGIN, origin)
        .header(header::CONTENT_LENGTH, form.len())
        .body(Body::from(form.to_owned()))
        .expect("a request");
    send(app, request).await
}

/// The app accepting forms from the static site at `http://127.0.0.1:8081`.
async fn app_allowing_a_static_site() -> (Router, Store, tempfile::TempDir) {
    let config = Config {
        allowed_origins: vec![
            unstuck_web::SiteOrigin::parse("http://127.0.0.1:8081").expect("an origin"),
        ],
        feedback_per_minute: NonZeroU32::new(100).expect("non-zero"),
        ..Config::default()
    };
    app_with_store(config).await
}

/// Smart-lock feedback posted from the static site the app allows.
async fn feedback_from_the_static_site(app: &Router, form: &str) -> Reply {
    post_from(
        app,
        "/guides/smart-lock/feedback",
        form,
        "http://127.0.0.1:8081",
    )
    .await
}

#[tokio::test]
async fn feedback_from_an_allowed_site_is_kept_and_goes_back_to_its_page() {
    let (app, store, _folder) = app_allowing_a_static_site().await;
    let back =
        "http://127.0.0.1:8081/guides/smart-lock.html?path=keypad-lights%3Dno#outcome-unlocked";
    let form = format!(
        "helpful=yes&state=keypad-lights%3Dno&outcome=unlocked&back={}",
        urlencoding(back)
    );
    for _ in 0..2 {
        let reply = feedback_from_the_static_site(&app, &form).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert_eq!(reply.headers[header::LOCATION], back);
    }
    let kept = store.feedback("smart-lock", 10).await.expect("readable");
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|f| f.feedback.helpful));
}

#[tokio::test]
async fn a_static_outcomes_contact_link_opens_the_contact_form() {
    // What a static site built with --server links to without the script.
    let reply = get(
        &app_without_store(),
        "/guides/smart-lock/contact?from=locksmith",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_contains(&reply.body, r#"name="state" value="from=locksmith""#);
}

#[tokio::test]
async fn feedback_from_a_site_not_allowed_is_refused() {
    let (app, store, _folder) = app_allowing_a_static_site().await;
    for origin in [
        "http://127.0.0.1:8082",
        "https://127.0.0.1:8081",
        "http://evil.example",
        "null",
    ] {
        let form = "helpful=yes&state=&back=http%3A%2F%2F127.0.0.1%3A8081%2F";
        let reply = post_from(&app, "/guides/smart-lock/feedback", form, origin).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{origin}");
        assert_contains(&reply.body, "This form was sent from another site");
    }
    assert_no_feedback(&store).await;
}

#[tokio::test]
async fn feedback_never_sends_anyone_to_a_site_not_allowed() {
    let (app, store, _folder) = app_allowing_a_static_site().await;
    let hostile = [
        "",
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "javascript://127.0.0.1:8081/%0Aalert(1)",
        "http://127.0.0.1:8081@evil.example/",
        "http://evil.example\\@127.0.0.1:8081/",
        "http://127.0.0.1:8081\\@evil.example/",
        "http://127.0.0.1:8081.evil.example/",
        "http://127.0.0.1:8082/guides/smart-lock.html",
        "http://127.0.0.1:8081/\r\nLocation: https://evil.example/",
    ];
    for back in hostile {
        let form = format!("helpful=no&state=&back={}", urlencoding(back));
        let reply = feedback_from_the_static_site(&app, &form).await;
        // The server's own thanks, on its own page: nothing leads out.
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{back}");
        assert_eq!(
            reply.headers[header::LOCATION],
            "/guides/smart-lock?sent=1#rate",
            "{back}"
        );
    }
    // Sent from the server's own pages, `back` is no way out either.
    let reply = post_feedback(
        &app,
        "smart-lock",
        "helpful=yes&state=&back=https%3A%2F%2Fevil.example%2F",
        "same-origin",
    )
    .await;
    assert_eq!(
        reply.headers[header::LOCATION],
        "/guides/smart-lock?sent=1#rate"
    );
    let thanks = get(&app, "/guides/smart-lock?sent=1").await;
    assert!(!thanks.body.contains("evil.example"));
    assert_eq!(
        store
            .feedback("smart-lock", 100)
            .await
            .expect("readable")
            .len(),
        hostile.len() + 1
    );
}

#[tokio::test]
async fn the_admin_forms_stay_closed_to_allowed_sites() {
    let config = Config {
        admin_token: admin_token(),
        allowed_origins: vec![
            unstuck_web::SiteOrigin::parse("http://127.0.0.1:8081").expect("an origin"),
        ],
        ..Config::default()
    };
    let (app, _store, _folder) = app_with_store(config).await;
    let request = Request::post("/admin/handoffs/ABC-123/retry")
        .header(header::AUTHORIZATION, bearer())
        .header("sec-fetch-site", "cross-site")
        .header(header::ORIGIN, "http://127.0.0.1:8081")
        .body(Body::empty())
        .expect("a request");
    assert_eq!(send(&app, request).await.status, StatusCode::FORBIDDEN);
}

/// `text` as a form value.
fn urlencoding(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[tokio::test]
async fn feedback_floods_are_slowed_down() {
    let config = Config {
        feedback_per_minute: NonZeroU32::new(2).expect("non-zero"),
        ..Config::default()
    };
    let (app, store, _folder) = app_with_store(config).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            post_feedback(
                &app,
                "smart-lock",
                "helpful=yes&state=&page=full",
                "same-origin",
            )
            .await
            .status,
        );
    }
    assert_eq!(
        statuses[..2],
        [StatusCode::SEE_OTHER, StatusCode::SEE_OTHER]
    );
    assert_eq!(
        statuses[2..],
        [StatusCode::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS]
    );
    assert_eq!(
        store
            .feedback("smart-lock", 10)
            .await
            .expect("readable")
            .len(),
        2
    );
}

#[tokio::test]
async fn oversized_or_bad_feedback_is_refused_clearly() {
    let (app, _store, _folder) = app_with_store(Config::default()).await;
    let long = "x".repeat(1200);
    let reply = post_feedback(
        &app,
        "smart-lock",
        &format!("helpful=yes&state=&comment={long}"),
        "same-origin",
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &reply.body,
        "Please keep the comment under 1000 characters.",
    );
    let reply = post_feedback(&app, "smart-lock", "helpful=maybe&state=", "same-origin").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let huge = "a".repeat(20_000);
    let reply = post_feedback(
        &app,
        "smart-lock",
        &format!("helpful=yes&comment={huge}"),
        "same-origin",
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn bad_addresses_get_clear_pages_not_errors() {
    let app = app_without_store();
    let unknown = get(&app, "/guides/smart-lok").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_contains(&unknown.body, "There is no guide called “smart-lok”");
    assert_contains(&unknown.body, r#"href="/""#);
    let bad = get(
        &app,
        "/guides/smart-lock?keypad-lights=no&battery-fixed=perhaps",
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_contains(
        &bad.body,
        "“perhaps” is not an answer to “battery-fixed”; answers: yes, no",
    );
    assert_contains(
        &bad.body,
        r#"href="/guides/smart-lock?keypad-lights=no">Go back to the last good step"#,
    );
    let unknown_question = get(&app, "/guides/smart-lock?colour=blue").await;
    assert_eq!(unknown_question.status, StatusCode::BAD_REQUEST);
    // A link shared through a message or an ad: its tracking is ignored.
    let shared = get(
        &app,
        "/guides/smart-lock?keypad-lights=no&utm_source=sms&fbclid=IwAR0x",
    )
    .await;
    assert_eq!(shared.status, StatusCode::OK);
    assert_eq!(
        shared.body,
        get(&app, "/guides/smart-lock?keypad-lights=no").await.body
    );
    let damaged = get(&app, "/guides/smart-lock?keypad-lights=%FF").await;
    assert_eq!(damaged.status, StatusCode::BAD_REQUEST);
    let long = get(
        &app,
        &format!("/guides/smart-lock?keypad-lights=no&x={}", "y".repeat(5000)),
    )
    .await;
    assert_eq!(long.status, StatusCode::URI_TOO_LONG);
    let nowhere = get(&app, "/wp-admin").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert_contains(&nowhere.body, "Page not found");
    for reply in [unknown, bad, nowhere] {
        assert_contains(&reply.body, "<header class=\"site\">");
    }
}

#[tokio::test]
async fn the_api_gives_guides_models_and_walks() {
    let app = app_without_store();
    let list: serde_json::Value =
        serde_json::from_str(&get(&app, "/api/guides").await.body).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let model: serde_json::Value =
        serde_json::from_str(&get(&app, "/api/guides/smart-lock").await.body).expect("json");
    assert_eq!(model["start"], "keypad-lights");
    let walk = get(
        &app,
        "/api/guides/smart-lock/walk?keypad-lights=no&battery-fixed=yes",
    )
    .await;
    let report: serde_json::Value = serde_json::from_str(&walk.body).expect("json");
    assert_eq!(report["outcome"], "unlocked");
    let bad = get(&app, "/api/guides/smart-lock/walk?keypad-lights=maybe").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let error: serde_json::Value = serde_json::from_str(&bad.body).expect("json");
    assert_contains(
        error["error"].as_str().expect("a message"),
        "answers: yes, no",
    );
    let health: serde_json::Value =
        serde_json::from_str(&get(&app, "/healthz").await.body).expect("json");
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "none");
}

#[tokio::test]
async fn pages_carry_security_and_cache_headers() {
    let app = app_without_store();
    let page = get(&app, "/guides/smart-lock").await;
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .expect("ascii");
    assert!(
        csp.starts_with("default-src 'none'; style-src 'sha256-"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!page.body.contains("<script>"), "no inline script");
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let etag = page.headers[header::ETAG].clone();
    let again = Request::get("/guides/smart-lock")
        .header(header::IF_NONE_MATCH, etag)
        .body(Body::empty())
        .expect("a request");
    assert_eq!(send(&app, again).await.status, StatusCode::NOT_MODIFIED);
    let script = page
        .body
        .split("<script src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a script");
    let asset = get(&app, script).await;
    assert_eq!(asset.status, StatusCode::OK);
    assert_eq!(
        asset.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
}

/// Every state of the smart-lock guide a person can reach, as queries.
fn smart_lock_states() -> Vec<String> {
    let guide = &guides()[0];
    unstuck_core::engine::reachable(guide, 10_000)
        .iter()
        .map(|session| unstuck_core::engine::query::to_query(guide, session))
        .collect()
}

#[tokio::test]
async fn every_page_fits_in_the_first_round_trip() {
    const BUDGET: usize = 14 * 1024;
    let app = app_without_store();
    let mut uris: Vec<String> = smart_lock_states()
        .iter()
        .map(|q| format!("/guides/smart-lock?{q}"))
        .collect();
    uris.extend([
        "/".to_owned(),
        "/guides/smart-lock/full".to_owned(),
        "/guides/garage-door/full".to_owned(),
    ]);
    assert!(uris.len() > 40, "{} states", uris.len());
    for uri in uris {
        let request = Request::get(&uri)
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(Body::empty())
            .expect("a request");
        let reply = send(&app, request).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.headers[header::CONTENT_ENCODING], "gzip");
        let size: usize = reply.headers[header::CONTENT_LENGTH]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("a number");
        assert!(
            size <= BUDGET,
            "{uri} is {size} bytes gzipped, over {BUDGET}"
        );
    }
}

async fn get_with(app: &Router, uri: &str, name: header::HeaderName, value: &str) -> Reply {
    send(
        app,
        Request::get(uri)
            .header(name, value)
            .body(Body::empty())
            .expect("a request"),
    )
    .await
}

#[tokio::test]
async fn visits_become_events_and_figures_on_the_dashboard() {
    let config = Config {
        admin_token: admin_token(),
        ..Config::default()
    };
    let (app, state, store, _folder) = app_and_state(config).await;
    let walks = [
        ("ann", "keypad-lights=no&battery-fixed=yes"),
        (
            "bob",
            "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
        ),
        ("cy", "keypad-lights=yes"),
    ];
    for (person, walk) in walks {
        let pairs: Vec<&str> = walk.split('&').collect();
        for n in 0..=pairs.len() {
            let uri = format!("/guides/smart-lock?{}", pairs[..n].join("&"));
            // The same page twice: a reload must not count twice.
            for _ in 0..2 {
                assert_eq!(
                    get_with(&app, &uri, header::USER_AGENT, person)
                        .await
                        .status,
                    StatusCode::OK
                );
            }
        }
    }
    get_with(
        &app,
        "/guides/smart-lock?battery-fixed=no&was=keypad-lights.no&keypad-lights=yes",
        header::USER_AGENT,
        "bob",
    )
    .await;
    get_with(
        &app,
        "/guides/smart-lock/summary.txt?keypad-lights=no",
        header::USER_AGENT,
        "bob",
    )
    .await;
    state.shutdown().await;
    let stats = store.stats("smart-lock", 0).await.expect("figures");
    assert_eq!(stats.sessions, 3);
    assert_eq!((stats.resolved, stats.escalated), (1, 1));
    let first = stats
        .funnel
        .iter()
        .find(|f| f.question == "keypad-lights")
        .expect("the first question");
    assert_eq!((first.reached, first.answered), (3, 3));
    let bolt = stats
        .funnel
        .iter()
        .find(|f| f.question == "bolt-stuck")
        .expect("bolt-stuck");
    assert_eq!((bolt.reached, bolt.answered, bolt.left), (2, 0, 2));
    assert_eq!(stats.changes[0].name, "keypad-lights");
    assert_eq!(stats.summary_downloaded, 1);
    assert_eq!(state.event_counters().dropped.get(), 0);

    let page = get_with(
        &app,
        "/admin/guides/smart-lock?days=7",
        header::AUTHORIZATION,
        &bearer(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let text = text_of(main_of(&page.body));
    assert_contains(
        &text,
        "Self-service resolution 50 % (1 resolved, 1 escalated)",
    );
    assert_contains(&page.body, r#"<svg class="chart" role="img""#);
    assert_contains(&text, "Does the motor run but the bolt not retract? 2 0 2");
    let csv = get_with(
        &app,
        "/admin/guides/smart-lock/events.csv",
        header::AUTHORIZATION,
        &bearer(),
    )
    .await;
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(csv.body.starts_with(
        "at_unix,guide,guide_version,session,kind,question,answer,outcome,outcome_kind,depth,lang\n"
    ));
    assert!(csv.body.lines().count() > 10);
    assert!(!csv.body.contains("127.0.0.1"), "no address is ever stored");
}

#[tokio::test]
async fn the_admin_pages_need_the_token() {
    let app = app_without_store();
    assert_eq!(
        get(&app, "/admin").await.status,
        StatusCode::NOT_FOUND,
        "off without a token"
    );
    let (app, _store, _folder) = app_with_store(Config {
        admin_token: admin_token(),
        ..Config::default()
    })
    .await;
    let missing = get(&app, "/admin").await;
    assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        missing.headers[header::WWW_AUTHENTICATE],
        "Basic realm=\"Unstuck admin\", charset=\"UTF-8\""
    );
    let wrong = get_with(
        &app,
        "/admin",
        header::AUTHORIZATION,
        &bearer()[..bearer().len() - 1],
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    // A browser's password prompt: any user name, the token as password.
    let credentials = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        format!("admin:{ADMIN_TOKEN}"),
    );
    let basic = get_with(
        &app,
        "/admin",
        header::AUTHORIZATION,
        &format!("Basic {credentials}"),
    )
    .await;
    assert_eq!(basic.status, StatusCode::OK);
    assert_contains(&basic.body, "Guides at a glance");
    assert_eq!(basic.headers[header::CACHE_CONTROL], "no-store");
    let csv = get(&app, "/admin/guides/smart-lock/events.csv").await;
    assert_eq!(csv.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn metrics_count_requests_and_events() {
    let (app, state, _store, _folder) = app_and_state(Config::default()).await;
    get(&app, "/guides/smart-lock?keypad-lights=no").await;
    state.shutdown().await;
    let metrics = get(&app, "/metrics").await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert_contains(
        &metrics.body,
        r#"http_requests_total{route="/guides/{id}",status="200"}"#,
    );
    assert_contains(&metrics.body, "http_request_duration_seconds_bucket");
    assert_contains(&metrics.body, "unstuck_events_written_total");
    assert_contains(&metrics.body, "unstuck_events_dropped_total");
    for cache in ["pages", "searches", "addresses"] {
        assert_contains(
            &metrics.body,
            &format!("unstuck_page_cache_hits_total{{cache=\"{cache}\"}}"),
        );
    }
    assert!(
        get(&app, "/healthz")
            .await
            .headers
            .contains_key("x-request-id")
    );
}

/// The value of the metric line that starts with `series` (name and
/// labels, as Prometheus writes them), if there is one.
fn metric(metrics: &str, series: &str) -> Option<u64> {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.parse().ok())
}

#[tokio::test]
async fn two_apps_in_one_process_count_apart() {
    let busy = app_without_store();
    let quiet = app_without_store();
    for _ in 0..3 {
        get(&busy, "/guides/smart-lock?keypad-lights=no").await;
    }
    let state_pages = r#"http_requests_total{route="/guides/{id}",status="200"}"#;
    let busy_metrics = get(&busy, "/metrics").await.body;
    assert_eq!(
        metric(&busy_metrics, state_pages),
        Some(3),
        "{busy_metrics}"
    );
    let quiet_metrics = get(&quiet, "/metrics").await.body;
    assert_eq!(metric(&quiet_metrics, state_pages), None, "{quiet_metrics}");
}

#[tokio::test]
async fn events_are_counted_as_dropped_when_the_database_is_gone() {
    let store = Store::open("postgres://nobody@127.0.0.1:9/none")
        .await
        .expect("a lazy store");
    let state = AppState::new(Library::new(guides()), Some(store), Config::default());
    let app = unstuck_web::app(state.clone());
    let page = get(&app, "/guides/smart-lock?keypad-lights=no").await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "pages do not wait on the database"
    );
    state.shutdown().await;
    let counters = state.event_counters();
    assert_eq!(counters.written.get(), 0);
    assert_eq!(counters.dropped.get(), 2);
    let form = "helpful=yes&state=keypad-lights%3Dno&page=flow";
    let reply = post_feedback(&app, "smart-lock", form, "same-origin").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_contains(
        &reply.body,
        "We could not save your feedback just now. Please try again in a moment.",
    );
}

#[tokio::test]
async fn readiness_follows_the_database_and_liveness_does_not() {
    let (app, _store, _folder) = app_with_store(Config::default()).await;
    let ready = get(&app, "/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    assert_contains(&ready.body, r#""status":"ready""#);

    let store = Store::open("postgres://nobody@127.0.0.1:9/none")
        .await
        .expect("a lazy store");
    let app = unstuck_web::app(AppState::new(
        Library::new(guides()),
        Some(store),
        Config::default(),
    ));
    let ready = get(&app, "/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_contains(&ready.body, r#""database":"unavailable""#);
    let health = get(&app, "/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_contains(&health.body, r#""status":"ok""#);
    assert_contains(&health.body, r#""database":"unavailable""#);
}

#[tokio::test]
async fn the_full_guide_offers_the_decision_tree_picture() {
    let app = app_without_store();
    let full = get(&app, "/guides/smart-lock/full").await;
    assert_contains(
        &full.body,
        r#"<a href="/guides/smart-lock/graph.svg">See the whole decision tree"#,
    );
    let picture = get(&app, "/guides/smart-lock/graph.svg").await;
    assert_eq!(picture.status, StatusCode::OK);
    assert_eq!(
        picture.headers[header::CONTENT_TYPE],
        "image/svg+xml; charset=utf-8"
    );
    assert_contains(
        &picture.body,
        "<title id=\"graph-title\">Decision tree: Fix a smart lock that will not open</title>",
    );
    // Its dark-mode stylesheet is allowed by its hash, and only that.
    let style = picture
        .body
        .split("<style>")
        .nth(1)
        .and_then(|rest| rest.split("</style>").next())
        .expect("the picture's stylesheet");
    let hash = {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style))
    };
    assert_eq!(
        picture.headers[header::CONTENT_SECURITY_POLICY],
        format!("default-src 'none'; style-src 'sha256-{hash}'; frame-ancestors 'none'").as_str()
    );
}

#[tokio::test]
async fn prefetching_for_offline_use_records_no_events() {
    let (app, state, store, _folder) = app_and_state(Config::default()).await;
    let prefetch = header::HeaderName::from_static("x-unstuck-prefetch");
    let list = get_with(
        &app,
        "/guides/smart-lock/offline.json",
        prefetch.clone(),
        "1",
    )
    .await;
    let list: serde_json::Value = serde_json::from_str(&list.body).expect("json");
    let urls = list["urls"].as_array().expect("a list");
    for url in urls {
        let page = get_with(&app, url.as_str().expect("a string"), prefetch.clone(), "1").await;
        assert_eq!(page.status, StatusCode::OK, "{url}");
    }
    get(&app, "/guides/smart-lock?keypad-lights=no").await;
    state.shutdown().await;
    let stats = store.stats("smart-lock", 0).await.expect("figures");
    assert_eq!(stats.sessions, 1, "only the person who looked counts");
}

#[tokio::test]
async fn a_step_that_differs_between_models_shows_the_chosen_models_items() {
    let app = app_without_store();
    let power = "/guides/garage-door?door-behaviour=nothing&wall-button-works=no";
    // No model chosen: both models' items, each marked, and a choice.
    let page = text_of(main_of(&get(&app, power).await.body));
    assert_contains(
        &page,
        "(On the ceiling, with a rail to the door) Check that the opener is plugged in to the ceiling outlet",
    );
    assert_contains(
        &page,
        "(On the wall beside the door (jackshaft)) Check that the opener is plugged in and its status light",
    );
    assert_contains(
        &page,
        "Which opener do you have? This step differs between them:",
    );
    let body = get(&app, power).await.body;
    assert_contains(&body, "variant=wall");

    // The wall opener: its items only, unmarked, and a way to change model.
    let wall = get(&app, &format!("{power}&variant=wall")).await;
    let page = text_of(main_of(&wall.body));
    assert_contains(
        &page,
        "Check that the opener is plugged in and its status light comes on.",
    );
    assert!(!page.contains("ceiling outlet"), "{page}");
    assert_contains(
        &page,
        "Steps for: On the wall beside the door (jackshaft) · Change model",
    );
    // Answers keep the model.
    assert_contains(&wall.body, r#"name="variant" value="wall""#);

    // An unknown model is refused with the valid ones.
    let bad = get(&app, &format!("{power}&variant=basement")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_contains(&bad.body, "models: ceiling, wall");
}

/// Whether a guide page visited amid a flood of addresses nobody will ask
/// for again is still in the cache afterwards.
async fn a_guide_page_survives(flood: impl Fn(usize) -> String) -> bool {
    let state = AppState::new(
        Library::new(guides()),
        None,
        Config {
            cache_bytes: 256 * 1024,
            ..Config::default()
        },
    );
    let app = unstuck_web::app(state.clone());
    for n in 0..300 {
        assert_eq!(get(&app, &flood(n)).await.status, StatusCode::OK);
    }
    let page = "/guides/garage-door";
    assert_eq!(get(&app, page).await.status, StatusCode::OK);
    for n in 300..340 {
        assert_eq!(get(&app, &flood(n)).await.status, StatusCode::OK);
    }
    let hits = || state.page_cache_counters().hits.get();
    let before = hits();
    assert_eq!(get(&app, page).await.status, StatusCode::OK);
    hits() == before + 1
}

#[tokio::test]
async fn junk_searches_do_not_push_guide_pages_out_of_the_cache() {
    assert!(
        a_guide_page_survives(|n| format!("/?q=no+such+thing+{n}")).await,
        "the guide page was rendered again"
    );
}

#[tokio::test]
async fn odd_spellings_of_an_address_do_not_push_guide_pages_out_of_the_cache() {
    assert!(
        a_guide_page_survives(|n| format!("/guides/smart-lock?keypad-lights=no&fact-x={n}")).await,
        "the guide page was rendered again"
    );
}

/// A request from a client at `ip` with the browser `user_agent`.
fn from_client(
    request: axum::http::request::Builder,
    ip: [u8; 4],
    user_agent: &str,
) -> axum::http::request::Builder {
    request
        .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
            ip, 40_000,
        ))))
        .header(header::USER_AGENT, user_agent)
}

#[tokio::test]
async fn analytics_floods_are_refused_counted_and_shown_to_the_operator() {
    let config = Config {
        events_per_minute: NonZeroU32::new(5).expect("non-zero"),
        sessions_per_day: NonZeroU32::new(3).expect("non-zero"),
        admin_token: admin_token(),
        ..Config::default()
    };
    let (app, state, store, _folder) = app_and_state(config).await;
    // One address posing as ten browsers: three sessions, and five visits a minute.
    for n in 0..10 {
        let request = from_client(
            Request::get("/guides/smart-lock?keypad-lights=no"),
            [10, 0, 0, 1],
            &format!("browser {n}"),
        );
        let page = send(&app, request.body(Body::empty()).expect("a request")).await;
        assert_eq!(page.status, StatusCode::OK, "pages are served all the same");
    }
    // One browser sending beacons in a loop: five a minute.
    let mut beacons = Vec::new();
    for _ in 0..8 {
        let request = from_client(
            Request::post("/guides/smart-lock/events"),
            [10, 0, 0, 2],
            "copier",
        )
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
        let reply = send(
            &app,
            request
                .body(Body::from("kind=summary-copied"))
                .expect("a request"),
        )
        .await;
        beacons.push(reply.status);
    }
    assert_eq!(beacons[..5], [StatusCode::NO_CONTENT; 5]);
    assert_eq!(beacons[5..], [StatusCode::TOO_MANY_REQUESTS; 3]);
    state.shutdown().await;
    let stats = store.stats("smart-lock", 0).await.expect("figures");
    assert_eq!(
        stats.sessions, 4,
        "three of the first address, one of the second"
    );
    assert_eq!(stats.summary_copied, 5);
    // Seven page views of two events each, and three beacons.
    let refused = state.event_counters().refused.get();
    assert_eq!(refused, 17);
    let admin = get_with(&app, "/admin", header::AUTHORIZATION, &bearer()).await;
    assert_contains(
        &text_of(main_of(&admin.body)),
        "Events refused since this server started: 17",
    );
}

#[tokio::test]
async fn guessing_the_admin_token_is_cut_short_and_counted() {
    let (app, _store, _folder) = app_with_store(Config {
        admin_token: admin_token(),
        failed_logins_per_minute: NonZeroU32::new(3).expect("non-zero"),
        ..Config::default()
    })
    .await;
    let attempt = |ip: [u8; 4], token: String| {
        let request = from_client(Request::get("/admin"), ip, "guesser")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .expect("a request");
        send(&app, request)
    };
    let guesser = [10, 0, 0, 66];
    for n in 0..3 {
        let wrong = attempt(guesser, format!("{n:032}")).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }
    let shut_out = attempt(guesser, format!("{:032}", 3)).await;
    assert_eq!(shut_out.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(shut_out.headers[header::RETRY_AFTER], "60");
    assert_contains(&shut_out.body, "Too many wrong tokens from your address.");
    assert_eq!(
        attempt(guesser, ADMIN_TOKEN.to_owned()).await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "a right guess is no use once shut out"
    );
    assert_eq!(
        attempt([10, 0, 0, 7], ADMIN_TOKEN.to_owned()).await.status,
        StatusCode::OK,
        "other addresses are not shut out"
    );
    let metrics = get(&app, "/metrics").await.body;
    let count = |series| metric(&metrics, series);
    assert_eq!(
        count("unstuck_admin_failed_logins_total"),
        Some(3),
        "{metrics}"
    );
    assert_eq!(
        count("unstuck_admin_logins_refused_total"),
        Some(2),
        "{metrics}"
    );
}

#[tokio::test]
async fn metrics_can_be_kept_behind_the_admin_token() {
    let (app, _store, _folder) = app_with_store(Config {
        admin_token: admin_token(),
        protect_metrics: true,
        ..Config::default()
    })
    .await;
    assert_eq!(get(&app, "/metrics").await.status, StatusCode::UNAUTHORIZED);
    let metrics = get_with(&app, "/metrics", header::AUTHORIZATION, &bearer()).await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert_contains(&metrics.body, "http_requests_total");
}

/// Every message a page asks for by name exists in English (the source of
/// every language; `unstuck-locale`'s tests hold the others to it).
#[test]
fn every_message_the_pages_name_exists() {
    let english = unstuck_locale::SOURCES[0].2;
    let defined = |id: &str| {
        english
            .lines()
            .any(|line| line.starts_with(&format!("{id} =")))
    };
    let sources = std::fs::read_dir("src/render")
        .into_iter()
        .flatten()
        .chain(
            std::fs::read_dir("src/render/controls")
                .into_iter()
                .flatten(),
        )
        .chain(std::fs::read_dir("src/routes").into_iter().flatten())
        .chain(std::fs::read_dir("src/static_site").into_iter().flatten())
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .chain([
            std::path::PathBuf::from("src/error.rs"),
            std::path::PathBuf::from("src/library.rs"),
        ])
        .filter(|path| path.extension().is_some_and(|e| e == "rs"));
    let mut named = 0;
    for path in sources {
        let text = std::fs::read_to_string(&path).expect("a source file");
        // Calls name a message right after the quote; ids kept in tables
        // (`"label-good"`, `"match-faq"`) start with these prefixes.
        let calls = [".get(\"", ".with(\"", ".markup(\""];
        let prefixes = ["\"match-", "\"label-", "\"outcome-", "\"step-label"];
        let starts = calls
            .iter()
            .flat_map(|call| text.match_indices(call).map(|(at, _)| at + call.len()))
            .chain(
                prefixes
                    .iter()
                    .flat_map(|prefix| text.match_indices(prefix).map(|(at, _)| at + 1)),
            );
        for start in starts {
            let id: String = text[start..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            named += 1;
            assert!(
                defined(&id),
                "{}: no message `{id}` in en.ftl",
                path.display()
            );
        }
    }
    assert!(named > 100, "{named} message names found");
}

/// The contact form's state for the smart lock's "Call a locksmith".
const TO_LOCKSMITH: &str =
    "state=keypad-lights%3Dno%26battery-fixed%3Dno%26key-works%3Dno%26alignment-fixed%3Dno";

#[tokio::test]
async fn the_contact_form_of_an_escalation_shows_the_summary_and_asks_how_to_reach_you() {
    let app = app_without_store();
    let page = get(
        &app,
        "/guides/smart-lock/contact?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    // The form's idempotency key is random: each form is its own hand-off.
    let marker = r#"name="key" value=""#;
    let at = page.body.find(marker).expect("a key") + marker.len();
    let key = &page.body[at..at + 32];
    assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
    insta::assert_snapshot!("contact", main_of(&page.body).replace(key, "KEY"));
    let resolved = get(&app, "/guides/smart-lock/contact?keypad-lights=yes").await;
    assert_eq!(resolved.status, StatusCode::BAD_REQUEST);
    assert_contains(&resolved.body, "nothing to send to support yet");
    // Never cached, so compressed on each answer, like every page.
    let compressed = get_with(
        &app,
        "/guides/smart-lock/contact?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
        header::ACCEPT_ENCODING,
        "gzip",
    )
    .await;
    assert_eq!(compressed.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(compressed.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn a_contact_that_is_wrong_comes_back_with_what_was_typed_and_why() {
    let (app, store, _folder) = app_with_store(Config::default()).await;
    let form = format!(
        "{TO_LOCKSMITH}&name=Ana+Lima&email=ana%40example&phone=&note=Back+door&fact-lock-model=Acme+K2"
    );
    let page = post_form(&app, "/guides/smart-lock/handoff", &form, "same-origin").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_contains(
        &page.body,
        "“ana@example” is not an email address. It should look like name@example.com.",
    );
    assert_contains(&page.body, r#"value="ana@example""#);
    assert_contains(
        &page.body,
        r#"aria-invalid="true" aria-describedby="email-error""#,
    );
    assert_contains(&page.body, r#"value="Ana Lima""#);
    assert_contains(&page.body, ">Back door</textarea>");
    assert_contains(&page.body, r#"value="Acme K2""#);
    let nothing = post_form(
        &app,
        "/guides/smart-lock/handoff",
        TO_LOCKSMITH,
        "same-origin",
    )
    .await;
    assert_contains(
        &nothing.body,
        "Please give an email address or a phone number",
    );
    assert!(
        store.handoffs(10).await.expect("read").is_empty(),
        "nothing stored"
    );
}

#[tokio::test]
async fn a_handoff_is_stored_for_every_destination_before_its_reference_is_shown() {
    let config = Config {
        handoff_destinations: vec!["webhook https://desk.example.com/hook".to_owned()],
        ..Config::default()
    };
    let (app, store, _folder) = app_with_store(config).await;
    let form = format!("{TO_LOCKSMITH}&email=ana%40example.com&fact-lock-model=Acme+K2");
    let page = post_form(&app, "/guides/smart-lock/handoff", &form, "same-origin").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    let marker = r#"class="reference">"#;
    let at = page.body.find(marker).expect("a reference") + marker.len();
    let reference = &page.body[at..at + 7];
    let stored = store
        .handoff(reference)
        .await
        .expect("read")
        .expect("stored under the reference shown");
    assert_eq!(stored.deliveries.len(), 1);
    let payload: serde_json::Value = serde_json::from_str(&stored.payload).expect("JSON");
    assert_eq!(payload["contact"]["email"], "ana@example.com");
    assert_eq!(payload["outcome"], "locksmith");
    assert_contains(&page.body, "Download the summary (.txt)");
    assert_contains(
        &page.body,
        &format!("download=\"smart-lock-{reference}.txt\""),
    );
    assert_contains(&page.body, "Reference%3A%20");
    // The same form sent again (a reload, a double click) is the same hand-off.
    let keyed = format!("{form}&key=0123456789abcdef0123456789abcdef");
    let first = post_form(&app, "/guides/smart-lock/handoff", &keyed, "same-origin").await;
    let again = post_form(&app, "/guides/smart-lock/handoff", &keyed, "same-origin").await;
    assert_eq!(again.status, StatusCode::OK);
    let reference_of = |body: &str| {
        let at = body.find(marker).expect("a reference") + marker.len();
        body[at..at + 7].to_owned()
    };
    assert_eq!(reference_of(&first.body), reference_of(&again.body));
    assert_eq!(store.handoffs(10).await.expect("read").len(), 2);
}

#[tokio::test]
async fn a_handoff_takes_the_feedback_protections() {
    let config = Config {
        feedback_per_minute: NonZeroU32::MIN,
        ..Config::default()
    };
    let (app, store, _folder) = app_with_store(config).await;
    let form = format!("{TO_LOCKSMITH}&phone=%2B44+20+7946+0958");
    let other_site = post_form(&app, "/guides/smart-lock/handoff", &form, "cross-site").await;
    assert_eq!(other_site.status, StatusCode::FORBIDDEN);
    let first = post_form(&app, "/guides/smart-lock/handoff", &form, "same-origin").await;
    assert_eq!(first.status, StatusCode::OK);
    let second = post_form(&app, "/guides/smart-lock/handoff", &form, "same-origin").await;
    assert_eq!(second.status, StatusCode::TOO_MANY_REQUESTS);
    assert_contains(&second.body, r#"value="+44 20 7946 0958""#);
    assert_eq!(store.handoffs(10).await.expect("read").len(), 1);
    let resolved = post_form(
        &app,
        "/guides/smart-lock/handoff",
        "state=keypad-lights%3Dyes&phone=%2B44+20+7946+0958",
        "same-origin",
    )
    .await;
    assert_eq!(resolved.status, StatusCode::BAD_REQUEST);
    let no_database = post_form(
        &app_without_store(),
        "/guides/smart-lock/handoff",
        &form,
        "same-origin",
    )
    .await;
    assert_eq!(no_database.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_contains(&no_database.body, r#"value="+44 20 7946 0958""#);
}
