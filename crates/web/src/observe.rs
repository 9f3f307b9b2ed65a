//! Observability: a request id on every response and log line, a span per
//! request, and Prometheus metrics (requests by route and status, latency,
//! the event pipeline, database errors) served at `/metrics`.

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

/// Gives the request an id, runs it in a span, and records its metrics.
pub(crate) async fn observe(
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    let id = format!(
        "{:x}-{:x}",
        std::process::id(),
        NEXT_ID.fetch_add(1, Ordering::Relaxed)
    );
    let route = matched.map_or_else(|| "unmatched".to_owned(), |m| m.as_str().to_owned());
    let span = tracing::info_span!("request", id = %id, method = %request.method(), route = %route);
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let elapsed = started.elapsed().as_secs_f64();
    let status = response.status().as_u16().to_string();
    span.in_scope(|| tracing::debug!(status = %status, seconds = elapsed, "answered"));
    metrics::counter!("http_requests_total", "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "route" => route).record(elapsed);
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// `/metrics`: everything above in Prometheus text format.
pub(crate) async fn metrics(State(state): State<AppState>) -> Response {
    let counters = state.event_counters();
    let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
    metrics::counter!("unstuck_events_queued_total").absolute(read(&counters.queued));
    metrics::counter!("unstuck_events_written_total").absolute(read(&counters.written));
    metrics::counter!("unstuck_events_dropped_total").absolute(read(&counters.dropped));
    metrics::counter!("unstuck_event_batches_failed_total")
        .absolute(read(&counters.database_errors));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response()
}
