//! The fast path. A cached page (or file) the router has answered once is
//! kept here under the exact address it was asked at; the connection's
//! service answers a `GET` of that address itself, before the router: the
//! prepared response of the page (every header built with it), a request
//! id, the route's pre-registered counters, and the page's events handed to
//! the recorder. Anything else, and anything after the guides changed,
//! goes through the router, which may put the address here again.
//!
//! The router stays the reference: for the same request, both answer with
//! the same status, headers and body (a test holds this).

use crate::cache::{CacheCounters, CachedPage};
use crate::events::Visitor;
use crate::observe::RouteMetrics;
use crate::state::AppState;
use axum::http::{Method, Request, Uri};
use axum::response::Response;
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use unstuck_core::Guide;

/// Pages by the exact address (path and query) they were asked at,
/// bounded in bytes: an address has endless spellings, so the least asked
/// for make room.
pub(crate) struct HotPages {
    pages: Cache<String, Arc<HotPage>, BytesWeighter>,
    /// Bumped when the guides or their problems change: older entries are
    /// no longer answered.
    generation: AtomicU64,
    counters: CacheCounters,
}

/// A page at one address, and what answering it involves.
struct HotPage {
    page: Arc<CachedPage>,
    /// The guide the page's events belong to (none: no events).
    guide: Option<Arc<Guide>>,
    generation: u64,
    metrics: Arc<RouteMetrics>,
}

/// Weighs an address by its page's bytes: a page kept at several
/// addresses counts at each, so the bound is never exceeded.
#[derive(Clone)]
struct BytesWeighter;

impl Weighter<String, Arc<HotPage>> for BytesWeighter {
    fn weight(&self, address: &String, hot: &Arc<HotPage>) -> u64 {
        address.len() as u64 + hot.page.bytes()
    }
}

impl HotPages {
    /// An empty set of pages, holding at most `max_bytes` of them.
    pub(crate) fn new(max_bytes: u64) -> Self {
        // quick_cache sizes its table by an estimate of the item count.
        let estimated_items = (max_bytes / 16_384).max(16) as usize;
        Self {
            pages: Cache::with_weighter(estimated_items, max_bytes, BytesWeighter),
            generation: AtomicU64::new(0),
            counters: CacheCounters::default(),
        }
    }

    /// Requests answered here, and requests handed to the router.
    pub(crate) fn counters(&self) -> &CacheCounters {
        &self.counters
    }

    /// The current generation of the guides: read it before looking a
    /// guide up, and hand it to [`HotPages::keep`].
    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Forgets every page: the guides, or their problems, changed.
    pub(crate) fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.pages.clear();
    }

    /// Answers `uri` with `page` from now on (counted in the metrics of its
    /// route), recording the page's events for `guide`; unless the guides
    /// changed since `generation`.
    pub(crate) fn keep(
        &self,
        uri: &Uri,
        metrics: Arc<RouteMetrics>,
        page: &Arc<CachedPage>,
        guide: Option<&Arc<Guide>>,
        generation: u64,
    ) {
        let Some(address) = uri.path_and_query() else {
            return;
        };
        if generation != self.generation() {
            return;
        }
        let hot = HotPage {
            page: Arc::clone(page),
            guide: guide.cloned(),
            generation,
            metrics,
        };
        self.pages
            .insert(address.as_str().to_owned(), Arc::new(hot));
    }

    /// The answer to `request` from `client`, if it asks for a page kept
    /// here; `None` sends it to the router.
    pub(crate) fn answer<B>(
        &self,
        state: &AppState,
        request: &Request<B>,
        client: IpAddr,
    ) -> Option<Response> {
        let started = Instant::now();
        let hot = (request.method() == Method::GET)
            .then(|| request.uri().path_and_query())
            .flatten()
            .and_then(|address| self.pages.get(address.as_str()))
            .filter(|hot| hot.generation == self.generation());
        let Some(hot) = hot else {
            self.counters.misses.add(1);
            return None;
        };
        self.counters.hits.add(1);
        let mut response = hot.page.respond(request.headers());
        if let Some(guide) = &hot.guide
            && !hot.page.events.is_empty()
        {
            let visitor = Visitor::of(client, request.headers());
            state.events().record(guide, &hot.page.events, &visitor);
        }
        hot.metrics.finish(&mut response, started);
        Some(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Library};
    use axum::body::Body;
    use axum::http::{HeaderName, StatusCode, header};
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    use unstuck_store::Store;

    const CLIENT: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
    const STATE_PAGE: &str = "/guides/smart-lock?keypad-lights=no&battery-fixed=no";

    fn smart_lock() -> Library {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../guides/smart-lock.md");
        let text = std::fs::read_to_string(path).expect("a shipped guide");
        let guide = unstuck_core::compile(&text).guide.expect("it compiles");
        Library::new(vec![guide])
    }

    /// A state whose events go nowhere: the database is never there.
    async fn state(config: Config) -> AppState {
        let store = Store::open("postgres://nobody@127.0.0.1:9/none")
            .await
            .expect("a lazy store");
        AppState::new(smart_lock(), Some(store), config)
    }

    fn request(target: &str, headers: &[(HeaderName, &str)]) -> Request<Body> {
        let mut request = Request::get(target);
        for (name, value) in headers {
            request = request.header(name, *value);
        }
        request.body(Body::empty()).expect("a request")
    }

    /// Status, headers but the request id and the length (axum sets it,
    /// hyper writes it from the body either way), and body.
    async fn parts(response: Response) -> (StatusCode, Vec<(String, String)>, Vec<u8>) {
        let status = response.status();
        let mut headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .filter(|(name, _)| !["x-request-id", "content-length"].contains(&name.as_str()))
            .map(|(name, value)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(value.as_bytes()).into(),
                )
            })
            .collect();
        headers.sort();
        assert!(response.headers().contains_key("x-request-id"));
        let body = response.into_body().collect().await.expect("a body");
        (status, headers, body.to_bytes().to_vec())
    }

    /// Events refused: counted as they are handed over (unlike dropped
    /// ones, which the writer also counts later).
    fn events_seen(state: &AppState) -> u64 {
        state.event_counters().refused.get()
    }

    #[tokio::test]
    async fn the_fast_path_answers_as_the_router_does() {
        // One visit a minute: every later one is refused, and counted so.
        let config = Config {
            events_per_minute: std::num::NonZeroU32::MIN,
            ..Config::default()
        };
        let state = state(config).await;
        let app = crate::app(state.clone());
        let script = format!("/{}", crate::assets::ASSETS.script_path());
        let targets = [
            STATE_PAGE,
            "/guides/smart-lock",
            "/guides/smart-lock/full",
            "/",
            "/manifest.webmanifest",
            "/sw.js",
            script.as_str(),
        ];
        for target in targets {
            let first = app.clone().oneshot(request(target, &[])).await;
            let first = first.expect("an answer");
            assert_eq!(first.status(), StatusCode::OK, "{target}");
            let etag = first.headers()[header::ETAG]
                .to_str()
                .expect("ascii")
                .to_owned();
            let variants: [&[(HeaderName, &str)]; 5] = [
                &[],
                &[(header::ACCEPT_ENCODING, "gzip")],
                &[(header::ACCEPT_ENCODING, "gzip, deflate, br")],
                &[(header::IF_NONE_MATCH, &etag)],
                &[
                    (header::USER_AGENT, "test"),
                    (HeaderName::from_static("x-unstuck-prefetch"), "1"),
                ],
            ];
            for headers in variants {
                let before = events_seen(&state);
                let fast = state
                    .hot()
                    .answer(&state, &request(target, headers), CLIENT)
                    .expect("answered by the fast path");
                let fast_events = events_seen(&state) - before;
                let routed = app.clone().oneshot(request(target, headers)).await;
                let routed_events = events_seen(&state) - fast_events - before;
                let routed = parts(routed.expect("an answer")).await;
                assert_eq!(parts(fast).await, routed, "{target} {headers:?}");
                assert_eq!(fast_events, routed_events, "{target} {headers:?}");
            }
        }
    }

    #[tokio::test]
    async fn only_a_get_of_an_address_answered_before_takes_the_fast_path() {
        let state = state(Config::default()).await;
        let app = crate::app(state.clone());
        let hot = state.hot();
        assert!(
            hot.answer(&state, &request(STATE_PAGE, &[]), CLIENT)
                .is_none()
        );
        let _ = app.clone().oneshot(request(STATE_PAGE, &[])).await;
        assert!(
            hot.answer(&state, &request(STATE_PAGE, &[]), CLIENT)
                .is_some()
        );
        let other_spelling = "/guides/smart-lock?battery-fixed=no&keypad-lights=no";
        assert!(
            hot.answer(&state, &request(other_spelling, &[]), CLIENT)
                .is_none()
        );
        let head = Request::head(STATE_PAGE)
            .body(Body::empty())
            .expect("a request");
        assert!(hot.answer(&state, &head, CLIENT).is_none());
        let _ = app.clone().oneshot(request("/guides/none", &[])).await;
        assert!(
            hot.answer(&state, &request("/guides/none", &[]), CLIENT)
                .is_none()
        );
        state.replace_library(smart_lock());
        assert!(
            hot.answer(&state, &request(STATE_PAGE, &[]), CLIENT)
                .is_none(),
            "new guides: the router again"
        );
    }

    #[tokio::test]
    async fn answers_of_the_fast_path_are_counted_with_the_routers_each_with_its_own_id() {
        let state = state(Config::default()).await;
        let app = crate::app(state.clone());
        let first = app.clone().oneshot(request(STATE_PAGE, &[])).await;
        let etag = first.expect("an answer").headers()[header::ETAG].clone();
        let etag = etag.to_str().expect("ascii");
        let mut ids = std::collections::HashSet::new();
        let fast_answers = (0..5)
            .map(|_| request(STATE_PAGE, &[]))
            .chain([request(STATE_PAGE, &[(header::IF_NONE_MATCH, etag)])]);
        for fast in fast_answers {
            let answer = state.hot().answer(&state, &fast, CLIENT);
            let answer = answer.expect("answered by the fast path");
            ids.insert(answer.headers()["x-request-id"].clone());
        }
        assert_eq!(ids.len(), 6, "{ids:?}");
        let metrics = app.oneshot(request("/metrics", &[])).await;
        let (_, _, body) = parts(metrics.expect("an answer")).await;
        let body = String::from_utf8(body).expect("text");
        let line = |status: &str| {
            format!(r#"http_requests_total{{route="/guides/{{id}}",status="{status}"}}"#)
        };
        assert!(body.contains(&format!("{} 6\n", line("200"))), "{body}");
        assert!(body.contains(&format!("{} 1\n", line("304"))), "{body}");
        let durations = r#"http_request_duration_seconds_count{route="/guides/{id}"} 7"#;
        assert!(body.contains(&format!("{durations}\n")), "{body}");
        let slowest = r#"http_request_duration_seconds_bucket{route="/guides/{id}",le="+Inf"} 7"#;
        assert!(body.contains(&format!("{slowest}\n")), "{body}");
    }

    #[tokio::test]
    async fn the_fast_path_keeps_no_more_bytes_than_it_may() {
        let config = Config {
            cache_bytes: 4 * 1024,
            ..Config::default()
        };
        let state = state(config).await;
        let app = crate::app(state.clone());
        let page = app.oneshot(request(STATE_PAGE, &[])).await;
        assert_eq!(page.expect("an answer").status(), StatusCode::OK);
        let hot = state.hot();
        assert!(
            hot.answer(&state, &request(STATE_PAGE, &[]), CLIENT)
                .is_none(),
            "a page over the fast path's bound is left to the router"
        );
    }

    #[tokio::test]
    async fn events_the_writer_cannot_take_are_dropped_and_the_page_still_served() {
        let limit = std::num::NonZeroU32::new(1_000).expect("non-zero");
        let config = Config {
            event_queue: 1,
            events_per_minute: limit,
            ..Config::default()
        };
        let state = state(config).await;
        let app = crate::app(state.clone());
        let _ = app.oneshot(request(STATE_PAGE, &[])).await;
        // The writer never runs meanwhile: the queue of one is full.
        for _ in 0..100 {
            let page = state
                .hot()
                .answer(&state, &request(STATE_PAGE, &[]), CLIENT);
            assert_eq!(page.expect("the fast path").status(), StatusCode::OK);
        }
        let counters = state.event_counters();
        let queued = counters.queued.get();
        let dropped = counters.dropped.get();
        assert!(queued <= 2, "the queue holds one, the writer maybe one");
        assert_eq!(queued + dropped, 2 * 101);
        assert_eq!(counters.refused.get(), 0);
    }
}
