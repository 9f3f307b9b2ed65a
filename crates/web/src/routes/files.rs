//! The files served as they are: the web app manifest, the service worker
//! and the script. Compressed once, at start, and answered like pages
//! (ETag, 304, brotli or gzip), so also from the fast path.

use crate::assets::{ASSETS, MANIFEST, SERVICE_WORKER};
use crate::cache::{CachedPage, Effort};
use crate::error::AppError;
use crate::security::SecurityHeaders;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use std::sync::{Arc, LazyLock};

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";

/// The files, compressed, answered with an app's security headers.
pub(crate) struct Files {
    manifest: Arc<CachedPage>,
    service_worker: Arc<CachedPage>,
    script: Arc<CachedPage>,
}

impl Files {
    /// The files answered with `security`: compressed once for every app.
    pub(crate) fn answered_with(security: &SecurityHeaders) -> Self {
        let file = |compressed: &CachedPage| Arc::new(compressed.with_security(security));
        Files {
            manifest: file(&COMPRESSED.manifest),
            service_worker: file(&COMPRESSED.service_worker),
            script: file(&COMPRESSED.script),
        }
    }
}

static COMPRESSED: LazyLock<Files> = LazyLock::new(|| {
    let file = |text: &str, headers| {
        Arc::new(CachedPage::new(
            text.as_bytes().to_vec(),
            headers,
            Vec::new(),
            Effort::Best,
            &SecurityHeaders::default(),
        ))
    };
    Files {
        // Browsers check both for updates: they ask again every time.
        manifest: file(MANIFEST, ("application/manifest+json", "no-cache")),
        service_worker: file(SERVICE_WORKER, (JAVASCRIPT, "no-cache")),
        // Under its fingerprinted name: cached for a year.
        script: file(
            ASSETS.script_source(),
            (JAVASCRIPT, "public, max-age=31536000, immutable"),
        ),
    }
});

/// Answers with `file`, and with the fast path from now on.
fn serve(
    state: &AppState,
    uri: &Uri,
    route: &'static str,
    file: &Arc<CachedPage>,
    headers: &HeaderMap,
) -> Response {
    let generation = state.hot().generation();
    let metrics = state.metrics().route(route);
    state.hot().keep(uri, metrics, file, None, generation);
    file.respond(headers)
}

/// `/manifest.webmanifest`: the web app manifest.
pub(crate) async fn manifest(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    serve(
        &state,
        &uri,
        "/manifest.webmanifest",
        &state.files().manifest,
        &headers,
    )
}

/// `/sw.js`: the service worker; browsers check it for updates on every
/// visit.
pub(crate) async fn service_worker(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    serve(
        &state,
        &uri,
        "/sw.js",
        &state.files().service_worker,
        &headers,
    )
}

/// `/assets/{file}`: the optional script, under its fingerprinted name.
pub(crate) async fn script(
    State(state): State<AppState>,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    ASSETS
        .script(&format!("assets/{file}"))
        .ok_or(AppError::NotFound)?;
    Ok(serve(
        &state,
        &uri,
        "/assets/{file}",
        &state.files().script,
        &headers,
    ))
}
