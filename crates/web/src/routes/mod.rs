//! The routes: one module per resource.

mod admin;
mod api;
mod feedback;
mod pages;

use crate::assets::ASSETS;
use crate::error::AppError;
use crate::security;
use crate::state::AppState;
use axum::Router;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub(crate) fn router(state: &AppState) -> Router<AppState> {
    let forms = Router::new()
        .route("/guides/{id}/feedback", post(feedback::send))
        .route("/guides/{id}/events", post(feedback::beacon));
    let api = Router::new()
        .route("/api/guides", get(api::guides))
        .route("/api/guides/{id}", get(api::guide))
        .route("/api/guides/{id}/walk", get(api::walk))
        .route("/healthz", get(api::health))
        .route("/readyz", get(api::ready))
        .route("/assets/{file}", get(script))
        .route("/sw.js", get(service_worker))
        .route("/manifest.webmanifest", get(manifest))
        .route("/__live", get(pages::live))
        .route("/guides/{id}/offline.json", get(pages::offline));
    let admin = Router::new()
        .route("/admin", get(admin::overview))
        .route("/admin/guides/{id}", get(admin::guide))
        .route("/admin/guides/{id}/advice", get(admin::advice))
        .route("/admin/guides/{id}/events.csv", get(admin::events_csv));
    // `/metrics` is open, or behind the admin token.
    let metrics = get(crate::observe::metrics);
    let (api, admin) = if state.protects_metrics() {
        (api, admin.route("/metrics", metrics))
    } else {
        (api.route("/metrics", metrics), admin)
    };
    let admin = admin.route_layer(axum::middleware::from_fn_with_state(
        state.clone(),
        admin::guard,
    ));
    Router::new()
        .route("/", get(pages::catalog))
        .route("/guides/{id}", get(pages::flow))
        .route("/guides/{id}/full", get(pages::full))
        .route("/guides/{id}/summary", get(pages::summary))
        .route("/guides/{id}/summary.txt", get(pages::summary_text))
        .route("/guides/{id}/graph.svg", get(pages::graph))
        .merge(security::form_layers(forms))
        .merge(security::compressed(api))
        .merge(security::compressed(admin))
        .route_layer(axum::middleware::from_fn(crate::observe::observe))
        .fallback(|| async { AppError::NotFound })
}

/// The service worker; browsers check it for updates on every visit.
async fn service_worker() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        crate::assets::SERVICE_WORKER,
    )
        .into_response()
}

async fn manifest() -> Response {
    (
        [(header::CONTENT_TYPE, "application/manifest+json")],
        crate::assets::MANIFEST,
    )
        .into_response()
}

/// The optional script, under its fingerprinted name: cached for a year.
async fn script(Path(file): Path<String>) -> Response {
    match ASSETS.script(&format!("assets/{file}")) {
        Some(script) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            script,
        )
            .into_response(),
        None => AppError::NotFound.into_response(),
    }
}

/// The client's address, from the connection (loopback when there is
/// none, as in tests).
pub(crate) fn client_of(extensions: &axum::http::Extensions) -> std::net::IpAddr {
    use axum::extract::connect_info::ConnectInfo;
    extensions
        .get::<ConnectInfo<std::net::SocketAddr>>()
        .map_or(
            std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            |ConnectInfo(addr)| addr.ip(),
        )
}

/// The client, as the anonymous session id needs it: its address (from the
/// connection) and browser. Never stored.
pub(crate) type Visitor = crate::events::Visitor;

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let ip = client_of(&parts.extensions);
        let user_agent = parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let prefetch = parts.headers.contains_key("x-unstuck-prefetch");
        Ok(Visitor {
            ip,
            user_agent,
            prefetch,
        })
    }
}
