//! The HTML pages: catalog, interactive guide, full guide, support summary.

use super::{GuideAddress, Visitor};
use crate::error::AppError;
use crate::events::PageEvent;
use crate::render::layout::Alternate;
use crate::render::parts::FeedbackState;
use crate::render::{Site, catalog, flow::Flow, full, summary};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use unstuck_core::Guide;
use unstuck_core::engine::query::{self, FlowQuery, MAX_QUERY_BYTES, Walked};
use unstuck_store::EventKind;

const HTML: &str = "text/html; charset=utf-8";

/// A guide by address, or the "no such guide" page (or, while the guides
/// being watched do not compile, the page with their diagnostics).
pub(crate) fn find(state: &AppState, address: &GuideAddress) -> Result<Arc<Guide>, AppError> {
    if let Some(problems) = state.problems() {
        return Err(AppError::GuideErrors(problems));
    }
    let library = state.library();
    library
        .get_in(address.lang.as_deref(), &address.id)
        .cloned()
        .ok_or_else(|| AppError::NoGuide {
            id: address.id.clone(),
            // Only a language the site has: the page links to its catalog.
            lang: (address.lang.clone()).filter(|lang| library.languages().any(|l| l == lang)),
        })
}

/// A guide page's route, as metrics name it: `/guides/{id}` and what
/// follows (`page`), under `/{lang}` for a translation.
fn route(guide: &Guide, page: &'static str) -> &'static str {
    match (guide.translated_from.is_some(), page) {
        (false, "") => "/guides/{id}",
        (false, "/full") => "/guides/{id}/full",
        (true, "") => "/{lang}/guides/{id}",
        (true, "/full") => "/{lang}/guides/{id}/full",
        _ => "/guides/{id}/…",
    }
}

/// The page `page` (`""`, `/full`, `/summary`) of `guide` with the state
/// `query`, in each language the guide can be read in.
fn alternates(state: &AppState, guide: &Guide, page: &str, query: &str) -> Vec<Alternate> {
    let library = state.library();
    let editions: Vec<&Guide> = library
        .editions(guide.id.as_str())
        .into_iter()
        .map(|g| &**g)
        .collect();
    if editions.len() < 2 {
        return Vec::new();
    }
    Site::Served.alternates(guide, &editions, page, query)
}

/// The query of a guide page, read, or the page that says what is wrong.
pub(crate) fn read_query(guide: &Guide, raw: Option<&str>) -> Result<FlowQuery, AppError> {
    query::parse(guide, raw.unwrap_or("")).map_err(|error| AppError::bad_query(guide, error))
}

/// `/?q=…` and `/LANG/?q=…`: every guide, or those matching the search,
/// in the language the address names, else the one the browser prefers.
pub(crate) async fn catalog(
    State(state): State<AppState>,
    lang: Option<Path<String>>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let generation = state.hot().generation();
    let raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_BYTES {
        return Err(AppError::BadForm("The search is too long.".to_owned()));
    }
    if let Some(problems) = state.problems() {
        return Err(AppError::GuideErrors(problems));
    }
    let library = state.library();
    let written = library.written_lang();
    let languages: Vec<&str> = std::iter::once(written)
        .chain(library.languages())
        .collect();
    let chosen = match &lang {
        Some(Path(lang)) if languages.contains(&lang.as_str()) => Some(lang.as_str()),
        Some(_) => return Err(AppError::NotFound),
        None => None,
    };
    // Without a language in the address, the browser's preference picks.
    let negotiated = chosen.is_none() && languages.len() > 1;
    let shown = chosen.or_else(|| {
        let accept = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
        unstuck_locale::negotiate(accept, &languages)
    });
    let shelf = shown.filter(|&lang| lang != written);
    let search = form_value(&raw, "q");
    let key = format!(
        "catalog|{}|{}|{}",
        library.version(),
        shelf.unwrap_or(""),
        search.as_deref().unwrap_or("")
    );
    // A search is rarely asked twice: it has its own, cheaper cache.
    let cache = if search.as_deref().unwrap_or("").is_empty() {
        state.pages()
    } else {
        state.searches()
    };
    let page = cache.get_or_render(key, HTML, || {
        // Each language by its explicit address (`/LANG/`), `/en/` too.
        let current = shown.unwrap_or(written);
        let alternates = catalog::alternates(&languages, current, |lang| {
            format!("/{}/", lang.unwrap_or(written))
        });
        let page = catalog::page(&library, shelf, search.as_deref(), alternates);
        Ok::<_, AppError>((page.live(state.live_reload()).render(), Vec::new()))
    })?;
    if negotiated {
        // The answer depends on a header: caches must keep it apart, and
        // the fast path (by address alone) must not keep it.
        let mut response = page.respond(&headers);
        response.headers_mut().insert(
            header::VARY,
            HeaderValue::from_static("Accept-Encoding, Accept-Language"),
        );
        return Ok(response);
    }
    if search.is_none() {
        let route = if chosen.is_some() { "/{lang}/" } else { "/" };
        let metrics = state.metrics().route(route);
        state.hot().keep(&uri, metrics, &page, None, generation);
    }
    Ok(page.respond(&headers))
}

/// `/guides/{id}?…`: the interactive guide at the state the query holds.
pub(crate) async fn flow(
    State(state): State<AppState>,
    visitor: Visitor,
    address: GuideAddress,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let generation = state.hot().generation();
    let guide = find(&state, &address)?;
    let route = route(&guide, "");
    // The address as sent finds the page without reading the query; other
    // spellings of the same state share the page rendered for the first.
    // Spellings are kept apart: endless ones cannot push pages out.
    let raw_key = format!(
        "flow-raw|{}|{}|{}|{}",
        guide.lang,
        guide.version,
        guide.id,
        raw.as_deref().unwrap_or("")
    );
    if let Some(page) = state.spellings().get(&raw_key) {
        let metrics = state.metrics().route(route);
        state
            .hot()
            .keep(&uri, metrics, &page, Some(&guide), generation);
        state.events().record(&guide, &page.events, &visitor);
        return Ok(page.respond(&headers));
    }
    let query = read_query(&guide, raw.as_deref())?;
    // The one walk of the session: the cache key, the page and its
    // events all come from it.
    let walked = Walked::new(&guide, &query.session);
    let key = format!(
        "flow|{}|{}|{}|{}",
        guide.lang,
        guide.version,
        guide.id,
        cache_key(&query, &walked)
    );
    let page = state.pages().get_or_render(key, HTML, || {
        let feedback = FeedbackState::after(query.sent);
        let flow = Flow::new(&guide, &query, &walked, Site::Served);
        let alternates = alternates(&state, &guide, "", &walked.query);
        let page = flow.page(&feedback).in_languages(alternates);
        Ok::<_, AppError>((page.live(state.live_reload()).render(), flow.events()))
    })?;
    state.spellings().alias(raw_key, &page);
    let metrics = state.metrics().route(route);
    state
        .hot()
        .keep(&uri, metrics, &page, Some(&guide), generation);
    state.events().record(&guide, &page.events, &visitor);
    Ok(page.respond(&headers))
}

/// `/guides/{id}/full`: the whole guide on one page.
pub(crate) async fn full(
    State(state): State<AppState>,
    visitor: Visitor,
    address: GuideAddress,
    uri: Uri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let generation = state.hot().generation();
    let guide = find(&state, &address)?;
    let sent = read_query(&guide, raw.as_deref())?.sent;
    let key = format!("full|{}|{}|{}|{sent}", guide.lang, guide.version, guide.id);
    let page = state.pages().get_or_render(key, HTML, || {
        let feedback = FeedbackState::after(sent);
        let events = if sent {
            Vec::new()
        } else {
            vec![PageEvent::plain(EventKind::FullGuide)]
        };
        let alternates = alternates(&state, &guide, "/full", "");
        let page = full::page(&guide, Site::Served, &feedback).in_languages(alternates);
        Ok::<_, AppError>((page.live(state.live_reload()).render(), events))
    })?;
    state.hot().keep(
        &uri,
        state.metrics().route(route(&guide, "/full")),
        &page,
        Some(&guide),
        generation,
    );
    state.events().record(&guide, &page.events, &visitor);
    Ok(page.respond(&headers))
}

/// The most states of one guide the offline list names.
const OFFLINE_STATES: usize = 400;

/// `/guides/{id}/offline.json`: every address of a guide's flow (up to a
/// bound), for the service worker to keep: the whole guide on one page
/// first (it alone walks every path), then each step, and the support
/// summary of each path that ends in calling a professional.
pub(crate) async fn offline(
    State(state): State<AppState>,
    address: GuideAddress,
) -> Result<Response, AppError> {
    use unstuck_core::engine::Position;
    use unstuck_core::model::OutcomeKind;
    let guide = find(&state, &address)?;
    let base = crate::render::guide_url(&guide);
    let mut urls = vec![format!("{base}/full")];
    let mut summaries = Vec::new();
    for session in unstuck_core::engine::reachable(&guide, OFFLINE_STATES) {
        let walked = Walked::new(&guide, &session);
        if let Position::Outcome(outcome) = walked.walk.position
            && guide.outcomes[outcome].kind == OutcomeKind::Escalate
        {
            summaries.push(crate::render::with_query(
                &format!("{base}/summary"),
                &walked.query,
            ));
        }
        urls.push(crate::render::with_query(&base, &walked.query));
    }
    urls.extend(summaries);
    urls.push(format!("{}/", crate::render::lang_prefix(&guide)));
    let body = serde_json::json!({ "version": guide.version, "urls": urls });
    Ok(([(header::CACHE_CONTROL, "no-cache")], axum::Json(body)).into_response())
}

/// `/guides/{id}/graph.svg`: the whole decision tree as a picture.
pub(crate) async fn graph(
    State(state): State<AppState>,
    address: GuideAddress,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let guide = find(&state, &address)?;
    let key = format!("graph|{}|{}|{}", guide.lang, guide.version, guide.id);
    let page = state
        .pages()
        .get_or_render(key, "image/svg+xml; charset=utf-8", || {
            Ok::<_, AppError>((unstuck_core::graph::svg(&guide), Vec::new()))
        })?;
    let mut response = page.respond(&headers);
    // The picture's own stylesheet (dark mode) by its hash, and nothing else.
    response
        .headers_mut()
        .insert(header::CONTENT_SECURITY_POLICY, PICTURE_POLICY.clone());
    Ok(response)
}

/// The content security policy of the decision-tree picture.
static PICTURE_POLICY: std::sync::LazyLock<HeaderValue> = std::sync::LazyLock::new(|| {
    let policy = format!(
        "default-src 'none'; style-src {}; frame-ancestors 'none'",
        crate::assets::ASSETS.picture_style_hash()
    );
    HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static("default-src 'none'"))
});

/// `/guides/{id}/summary?…`: the support summary to complete and take away.
pub(crate) async fn summary(
    State(state): State<AppState>,
    address: GuideAddress,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let guide = find(&state, &address)?;
    let query = read_query(&guide, raw.as_deref())?;
    let walked = Walked::new(&guide, &query.session);
    let render = || {
        let alternates = alternates(&state, &guide, "/summary", &walked.query);
        let page = summary::page(&guide, &query, &walked).in_languages(alternates);
        Ok::<_, AppError>((page.live(state.live_reload()).render(), Vec::new()))
    };
    if !query.facts.is_empty() {
        // What the person typed is theirs alone: never cached or shared.
        let mut response = ([(header::CONTENT_TYPE, HTML)], render()?.0).into_response();
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(response);
    }
    let key = format!(
        "summary|{}|{}|{}|{}",
        guide.lang,
        guide.version,
        guide.id,
        cache_key(&query, &walked)
    );
    Ok(state
        .pages()
        .get_or_render(key, HTML, render)?
        .respond(&headers))
}

/// `/guides/{id}/summary.txt?…`: the support summary as a text file.
pub(crate) async fn summary_text(
    State(state): State<AppState>,
    visitor: Visitor,
    address: GuideAddress,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let guide = find(&state, &address)?;
    let query = read_query(&guide, raw.as_deref())?;
    let (name, text) = summary::text(&guide, &query);
    state.events().record(
        &guide,
        &[PageEvent::plain(EventKind::SummaryDownloaded)],
        &visitor,
    );
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        text,
    )
        .into_response())
}

/// The canonical form of a page's query (`walked`: its session's): equal
/// states share one cache entry.
fn cache_key(query: &FlowQuery, walked: &Walked<'_>) -> String {
    let mut key = walked.query.clone();
    if let Some(change) = query.change {
        key.push_str(&format!("|change={change}"));
    }
    if let Some((question, answer)) = query.was {
        key.push_str(&format!("|was={question}.{answer}"));
    }
    if query.sent {
        key.push_str("|sent");
    }
    key
}

/// The first value of `name` in a form-encoded query.
fn form_value(raw: &str, name: &str) -> Option<String> {
    raw.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| {
            let spaced = value.replace('+', " ");
            percent_encoding::percent_decode_str(&spaced)
                .decode_utf8_lossy()
                .into_owned()
        })
    })
}

/// `/__live?v=N`: answers with the guides' change number as soon as it is
/// not `N` (or after 25 seconds), so a page in watch mode knows to reload.
pub(crate) async fn live(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let mut changes = state.changes().ok_or(AppError::NotFound)?;
    let seen: u64 = form_value(raw.as_deref().unwrap_or(""), "v")
        .and_then(|v| v.parse().ok())
        .unwrap_or(u64::MAX);
    if *changes.borrow() == seen {
        let _ = tokio::time::timeout(std::time::Duration::from_secs(25), changes.changed()).await;
    }
    let version = *changes.borrow();
    Ok(([(header::CACHE_CONTROL, "no-store")], version.to_string()).into_response())
}
