//! The routes: one module per resource.

mod admin;
mod admin_handoffs;
mod api;
mod feedback;
mod files;
mod handoff;
mod pages;

pub(crate) use files::Files;

use crate::error::AppError;
use crate::security;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub(crate) fn router(state: &AppState) -> Router<AppState> {
    let forms = Router::new()
        .route("/guides/{id}/feedback", post(feedback::send))
        .route("/guides/{id}/events", post(feedback::beacon))
        .route("/{lang}/guides/{id}/feedback", post(feedback::send))
        .route("/{lang}/guides/{id}/events", post(feedback::beacon))
        .route("/guides/{id}/handoff", post(handoff::send))
        .route("/{lang}/guides/{id}/handoff", post(handoff::send));
    let api = Router::new()
        .route("/api/guides", get(api::guides))
        .route("/api/guides/{id}", get(api::guide))
        .route("/api/guides/{id}/walk", get(api::walk))
        .route("/healthz", get(api::health))
        .route("/readyz", get(api::ready))
        .route("/__live", get(pages::live))
        .route("/guides/{id}/offline.json", get(pages::offline))
        .route("/{lang}/guides/{id}/offline.json", get(pages::offline));
    let admin = Router::new()
        .route("/admin", get(admin::overview))
        .route("/admin/guides/{id}", get(admin::guide))
        .route("/admin/guides/{id}/advice", get(admin::advice))
        .route("/admin/guides/{id}/events.csv", get(admin::events_csv))
        .route("/admin/handoffs", get(admin_handoffs::list))
        .merge(security::form_layers(
            Router::new().route(
                "/admin/handoffs/{reference}/retry",
                post(admin_handoffs::retry),
            ),
            &[],
        ));
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
    let mut pages = Router::new()
        .route("/", get(pages::catalog))
        .route("/{lang}/", get(pages::catalog));
    // Pages that may hold what a person typed: never cached, so compressed
    // on each answer (a page from the cache is compressed already).
    let mut personal = Router::new();
    // A guide's pages as written, and (under `/LANG`) translated.
    for prefix in ["", "/{lang}"] {
        pages = pages
            .route(&format!("{prefix}/guides/{{id}}"), get(pages::flow))
            .route(&format!("{prefix}/guides/{{id}}/full"), get(pages::full))
            .route(
                &format!("{prefix}/guides/{{id}}/summary.txt"),
                get(pages::summary_text),
            )
            .route(
                &format!("{prefix}/guides/{{id}}/graph.svg"),
                get(pages::graph),
            );
        personal = personal
            .route(
                &format!("{prefix}/guides/{{id}}/summary"),
                get(pages::summary),
            )
            .route(
                &format!("{prefix}/guides/{{id}}/contact"),
                get(handoff::form),
            );
    }
    pages
        .route("/assets/{file}", get(files::script))
        .route("/sw.js", get(files::service_worker))
        .route("/manifest.webmanifest", get(files::manifest))
        .merge(security::compressed(personal))
        .merge(security::compressed(security::form_layers(
            forms,
            state.allowed_origins(),
        )))
        .merge(security::compressed(api))
        .merge(security::compressed(admin))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::observe::observe,
        ))
        .fallback(|| async { AppError::NotFound })
}

/// The guide a page's address names: its id, and the language of a
/// translation (`/de/guides/ID`; none for the guide as written).
#[derive(Debug, Clone)]
pub(crate) struct GuideAddress {
    /// The language, from a `/{lang}/…` address.
    pub(crate) lang: Option<String>,
    /// The guide's id.
    pub(crate) id: String,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for GuideAddress {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(params) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|_| AppError::NotFound)?;
        let param = |name: &str| {
            params
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        };
        Ok(GuideAddress {
            lang: param("lang"),
            id: param("id").ok_or(AppError::NotFound)?,
        })
    }
}

/// A page with what one person typed or may see: never kept by a cache.
pub(crate) fn personal(status: axum::http::StatusCode, body: String) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
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
        Ok(Visitor::of(client_of(&parts.extensions), &parts.headers))
    }
}
