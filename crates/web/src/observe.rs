//! Observability: a request id on every response and log line, a span per
//! request, and Prometheus metrics (requests by route and status, latency,
//! the event pipeline, the page caches, database errors; the server and the
//! admin guard add their own) served at `/metrics`.

use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tracing::Instrument;

/// Latency buckets, in seconds: most pages answer in well under a millisecond.
const BUCKETS: [f64; 12] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5,
];

/// The process-wide metrics recorder, installed on first use.
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new()
            .set_buckets(&BUCKETS)
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be installed (tests build many apps):
        // then this handle still renders what this crate records into it.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// Installs the recorder early, so the first requests are counted too.
pub(crate) fn install() {
    let _ = handle();
}

/// Folds the latency samples taken since into their histograms: until
/// then (or a scrape of `/metrics`) each one is kept in memory.
pub(crate) fn upkeep() {
    handle().run_upkeep();
}

/// Gives the request an id, runs it in a span, and records its metrics.
pub(crate) async fn observe(
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let id = next_request_id();
    let route = matched.map_or("unmatched", |m| intern(m.as_str()));
    let span = tracing::info_span!("request", id, method = %request.method(), route);
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let elapsed = started.elapsed().as_secs_f64();
    let status = response.status().as_u16();
    span.in_scope(|| tracing::debug!(status, seconds = elapsed, "answered"));
    metrics::counter!("http_requests_total", "route" => route, "status" => status_label(status))
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route).record(elapsed);
    response
        .headers_mut()
        .insert("x-request-id", HeaderValue::from(id));
    response
}

/// A new request id: one sequence for the router and the fast path.
pub(crate) fn next_request_id() -> u64 {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// The request metrics of one route, registered once: recording through
/// them is an atomic add, with no lookup by label.
pub(crate) struct RouteMetrics {
    ok: metrics::Counter,
    not_modified: metrics::Counter,
    duration: metrics::Histogram,
}

impl RouteMetrics {
    /// The metrics of `route` (a pattern as the router names it), for
    /// answers with 200 or 304.
    pub(crate) fn new(route: &'static str) -> Self {
        Self {
            ok: metrics::counter!("http_requests_total", "route" => route, "status" => "200"),
            not_modified: metrics::counter!("http_requests_total", "route" => route, "status" => "304"),
            duration: metrics::histogram!("http_request_duration_seconds", "route" => route),
        }
    }

    /// Counts `response`, answered `started` ago, and gives it a request id.
    pub(crate) fn finish(&self, response: &mut Response, started: Instant) {
        let counter = if response.status() == axum::http::StatusCode::NOT_MODIFIED {
            &self.not_modified
        } else {
            &self.ok
        };
        counter.increment(1);
        self.duration.record(started.elapsed().as_secs_f64());
        response
            .headers_mut()
            .insert("x-request-id", HeaderValue::from(next_request_id()));
    }
}

/// A route pattern as a `'static` label: routes are a fixed, small set, so
/// each is leaked once and shared by every later request.
fn intern(route: &str) -> &'static str {
    static ROUTES: OnceLock<std::sync::RwLock<std::collections::HashSet<&'static str>>> =
        OnceLock::new();
    let routes = ROUTES.get_or_init(Default::default);
    if let Some(known) = routes.read().ok().and_then(|set| set.get(route).copied()) {
        return known;
    }
    let mut set = match routes.write() {
        Ok(set) => set,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(known) = set.get(route) {
        return known;
    }
    let leaked: &'static str = Box::leak(route.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// The status as a label, without formatting for the common ones.
fn status_label(status: u16) -> metrics::SharedString {
    match status {
        200 => "200".into(),
        303 => "303".into(),
        304 => "304".into(),
        400 => "400".into(),
        404 => "404".into(),
        other => other.to_string().into(),
    }
}

/// `/metrics`: everything above in Prometheus text format.
pub(crate) async fn metrics(State(state): State<AppState>) -> Response {
    let counters = state.event_counters();
    let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
    metrics::counter!("unstuck_events_queued_total").absolute(read(&counters.queued));
    metrics::counter!("unstuck_events_written_total").absolute(read(&counters.written));
    metrics::counter!("unstuck_events_dropped_total").absolute(read(&counters.dropped));
    metrics::counter!("unstuck_events_refused_total").absolute(read(&counters.refused));
    metrics::counter!("unstuck_event_batches_failed_total")
        .absolute(read(&counters.database_errors));
    let caches = [
        ("pages", state.page_cache_counters()),
        ("searches", state.search_cache_counters()),
        ("addresses", state.spelling_cache_counters()),
        ("fast", state.fast_path_counters()),
    ];
    for (cache, counters) in caches {
        metrics::counter!("unstuck_page_cache_hits_total", "cache" => cache)
            .absolute(read(&counters.hits));
        metrics::counter!("unstuck_page_cache_misses_total", "cache" => cache)
            .absolute(read(&counters.misses));
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response()
}
