//! Observability: a request id on every response and log line, a span per
//! request, and Prometheus metrics (requests by route and status, latency,
//! the event pipeline, the page caches, database errors; the server and the
//! admin guard add their own) served at `/metrics`.
//!
//! Each app has its own [`Metrics`]: a Prometheus registry that nothing
//! else in the process writes to (no global recorder), so two apps in one
//! process, as in tests, count apart. Handles are registered once and kept
//! where they are used; recording through one is an atomic add.

use crate::cache::CacheCounters;
use crate::events::EventCounters;
use crate::state::AppState;
use crate::tally::{Durations, Tally};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics::{Counter, Gauge, Key, Label, Level, Metadata, Recorder};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Instant;
use tracing::Instrument;

/// Latency buckets, in seconds: most pages answer in well under a millisecond.
const BUCKETS: [f64; 12] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5,
];

/// Where handles are registered from (the Prometheus recorder ignores it).
const METADATA: Metadata<'static> = Metadata::new(module_path!(), Level::INFO, None);

/// Requests by route and status.
const REQUESTS: &str = "http_requests_total";
/// Latency by route.
const DURATION: &str = "http_request_duration_seconds";

/// The metrics of one app: its own registry, and the handles the server,
/// the admin guard and the feedback form count with.
pub(crate) struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    /// Request metrics by route pattern, registered on a route's first
    /// request.
    routes: RwLock<HashMap<Box<str>, Arc<RouteMetrics>>>,
    /// Connections open now (`server.rs`).
    pub(crate) connections_open: Gauge,
    /// Connections closed at once: too many were open.
    pub(crate) connections_refused: Counter,
    /// Connections whose request header did not arrive in time.
    pub(crate) connections_timed_out: Counter,
    /// Feedback the database did not take.
    pub(crate) feedback_database_errors: Counter,
    /// Wrong admin tokens.
    pub(crate) admin_failed_logins: Counter,
    /// Admin attempts from an address shut out for sending wrong tokens.
    pub(crate) admin_logins_refused: Counter,
    /// Hand-offs stored in the outbox.
    pub(crate) handoffs_queued: Counter,
    /// Hand-offs the database did not take.
    pub(crate) handoff_database_errors: Counter,
    /// What the delivery worker counts.
    pub(crate) deliveries: DeliveryCounters,
}

/// The delivery worker's counts of hand-off deliveries.
#[derive(Clone)]
pub(crate) struct DeliveryCounters {
    /// Delivered to a destination.
    pub(crate) delivered: Counter,
    /// Failed for now, tried again later.
    pub(crate) retried: Counter,
    /// Given up on until an operator retries.
    pub(crate) failed: Counter,
}

impl Metrics {
    /// A registry of its own, with every metric that does not depend on a
    /// route registered at zero.
    pub(crate) fn new() -> Self {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let counter = |name: &'static str, labels: &[(&'static str, &'static str)]| {
            recorder.register_counter(&key(name, labels), &METADATA)
        };
        let metrics = Self {
            connections_open: recorder
                .register_gauge(&key("unstuck_connections_open", &[]), &METADATA),
            connections_refused: counter("unstuck_connections_refused_total", &[]),
            connections_timed_out: counter("unstuck_connections_timed_out_total", &[]),
            feedback_database_errors: counter(
                "unstuck_database_errors_total",
                &[("operation", "feedback")],
            ),
            admin_failed_logins: counter("unstuck_admin_failed_logins_total", &[]),
            admin_logins_refused: counter("unstuck_admin_logins_refused_total", &[]),
            handoffs_queued: counter("unstuck_handoffs_queued_total", &[]),
            handoff_database_errors: counter(
                "unstuck_database_errors_total",
                &[("operation", "handoff")],
            ),
            deliveries: DeliveryCounters {
                delivered: counter("unstuck_handoffs_delivered_total", &[]),
                retried: counter("unstuck_handoff_retries_total", &[]),
                failed: counter("unstuck_handoffs_failed_total", &[]),
            },
            routes: RwLock::new(HashMap::new()),
            recorder,
            handle,
        };
        metrics.connections_open.set(0.0);
        metrics
    }

    /// The request metrics of `route` (a pattern as the router names it).
    pub(crate) fn route(&self, route: &str) -> Arc<RouteMetrics> {
        let known = match self.routes.read() {
            Ok(routes) => routes.get(route).cloned(),
            Err(poisoned) => poisoned.into_inner().get(route).cloned(),
        };
        if let Some(known) = known {
            return known;
        }
        let mut routes = match self.routes.write() {
            Ok(routes) => routes,
            Err(poisoned) => poisoned.into_inner(),
        };
        Arc::clone(
            routes
                .entry(route.into())
                .or_insert_with(|| Arc::new(RouteMetrics::default())),
        )
    }

    /// Everything in Prometheus text format, with the counters kept
    /// elsewhere (`events`, `caches`) as they are now.
    fn render(
        &self,
        events: &EventCounters,
        caches: [(&'static str, &CacheCounters); 4],
    ) -> String {
        let publish =
            |name: &'static str, labels: &[(&'static str, &'static str)], value: &Tally| {
                self.recorder
                    .register_counter(&key(name, labels), &METADATA)
                    .absolute(value.get());
            };
        publish("unstuck_events_queued_total", &[], &events.queued);
        publish("unstuck_events_written_total", &[], &events.written);
        publish("unstuck_events_dropped_total", &[], &events.dropped);
        publish("unstuck_events_refused_total", &[], &events.refused);
        publish(
            "unstuck_event_batches_failed_total",
            &[],
            &events.database_errors,
        );
        for (cache, counters) in caches {
            let labels = [("cache", cache)];
            publish("unstuck_page_cache_hits_total", &labels, &counters.hits);
            publish("unstuck_page_cache_misses_total", &labels, &counters.misses);
        }
        let routes = match self.routes.read() {
            Ok(routes) => routes,
            Err(poisoned) => poisoned.into_inner(),
        };
        for (route, metrics) in routes.iter() {
            for (status, tally) in [
                (StatusCode::OK, &metrics.ok),
                (StatusCode::NOT_MODIFIED, &metrics.not_modified),
            ] {
                self.recorder
                    .register_counter(&requests_key(route, status), &METADATA)
                    .absolute(tally.get());
            }
        }
        let mut text = self.handle.render();
        write_durations(&mut text, &routes);
        text
    }
}

/// A metric's name and labels as the registry keys it.
fn key(name: &'static str, labels: &[(&'static str, &'static str)]) -> Key {
    let labels: Vec<Label> = labels
        .iter()
        .map(|&(name, value)| Label::from_static_parts(name, value))
        .collect();
    Key::from_parts(name, labels)
}

/// Gives the request an id, runs it in a span, and records its metrics.
pub(crate) async fn observe(
    State(state): State<AppState>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let id = next_request_id();
    let route = matched.as_ref().map_or("unmatched", MatchedPath::as_str);
    let span = tracing::info_span!("request", id, method = %request.method(), route);
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let elapsed = started.elapsed();
    let status = response.status();
    span.in_scope(|| {
        let seconds = elapsed.as_secs_f64();
        tracing::debug!(status = status.as_u16(), seconds, "answered");
    });
    let metrics = state.metrics();
    let route_metrics = metrics.route(route);
    route_metrics.duration.record(elapsed);
    match route_metrics.requests(status) {
        Some(requests) => requests.add(1),
        None => metrics
            .recorder
            .register_counter(&requests_key(route, status), &METADATA)
            .increment(1),
    }
    response
        .headers_mut()
        .insert("x-request-id", HeaderValue::from(id));
    response
}

/// A new request id, unique in the process, for the router and the fast
/// path alike. Each thread takes ids from a block of its own, so that
/// requests on different cores do not write to one shared counter.
pub(crate) fn next_request_id() -> u64 {
    const BLOCK: u64 = 1 << 16;
    static NEXT_BLOCK: AtomicU64 = AtomicU64::new(0);
    thread_local! {
        /// The next id of this thread's block, and the end of the block.
        static IDS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
    }
    IDS.with(|ids| {
        let (mut next, mut end) = ids.get();
        if next == end {
            next = NEXT_BLOCK.fetch_add(BLOCK, Ordering::Relaxed) + 1;
            end = next + BLOCK;
        }
        ids.set((next + 1, end));
        next
    })
}

/// The request metrics of one route, made once and tallied per thread:
/// answers with 200 and 304 (published to the registry when `/metrics` is
/// read; other statuses are registered as they come), and latency.
pub(crate) struct RouteMetrics {
    ok: Tally,
    not_modified: Tally,
    duration: Durations,
}

impl Default for RouteMetrics {
    fn default() -> Self {
        Self {
            ok: Tally::default(),
            not_modified: Tally::default(),
            duration: Durations::new(&BUCKETS),
        }
    }
}

impl RouteMetrics {
    /// The tally of answers with `status`, if kept here.
    fn requests(&self, status: StatusCode) -> Option<&Tally> {
        match status {
            StatusCode::OK => Some(&self.ok),
            StatusCode::NOT_MODIFIED => Some(&self.not_modified),
            _ => None,
        }
    }

    /// Counts `response` (a cached page: 200 or 304), answered `started`
    /// ago, and gives it a request id.
    pub(crate) fn finish(&self, response: &mut Response, started: Instant) {
        self.requests(response.status()).unwrap_or(&self.ok).add(1);
        self.duration.record(started.elapsed());
        response
            .headers_mut()
            .insert("x-request-id", HeaderValue::from(next_request_id()));
    }
}

/// Appends the latency histogram of every route (`DURATION`), in the
/// Prometheus text format, routes in order.
fn write_durations(text: &mut String, routes: &HashMap<Box<str>, Arc<RouteMetrics>>) {
    use std::fmt::Write;
    if routes.is_empty() {
        return;
    }
    let mut routes: Vec<_> = routes.iter().collect();
    routes.sort_by(|a, b| a.0.cmp(b.0));
    if !text.is_empty() && !text.ends_with("\n\n") {
        text.push('\n');
    }
    let _ = writeln!(text, "# TYPE {DURATION} histogram");
    for (route, metrics) in routes {
        let route = label_value(route);
        let mut count = 0;
        for (bound, total) in metrics.duration.cumulative() {
            let le = bound.map_or_else(|| "+Inf".to_owned(), |bound| bound.to_string());
            let _ = writeln!(
                text,
                "{DURATION}_bucket{{route=\"{route}\",le=\"{le}\"}} {total}"
            );
            count = total;
        }
        let sum = metrics.duration.sum_seconds();
        let _ = writeln!(text, "{DURATION}_sum{{route=\"{route}\"}} {sum}");
        let _ = writeln!(text, "{DURATION}_count{{route=\"{route}\"}} {count}");
    }
}

/// A label value as the Prometheus text format writes it.
fn label_value(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The key of the requests to `route` answered with `status`.
fn requests_key(route: &str, status: StatusCode) -> Key {
    let labels = vec![
        Label::new("route", route.to_owned()),
        Label::new("status", status.as_str().to_owned()),
    ];
    Key::from_parts(REQUESTS, labels)
}

/// `/metrics`: everything above in Prometheus text format.
pub(crate) async fn metrics(State(state): State<AppState>) -> Response {
    let caches = [
        ("pages", state.page_cache_counters()),
        ("searches", state.search_cache_counters()),
        ("addresses", state.spelling_cache_counters()),
        ("fast", state.fast_path_counters()),
    ];
    let text = state.metrics().render(state.event_counters(), caches);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}
