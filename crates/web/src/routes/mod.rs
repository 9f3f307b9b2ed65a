//! The routes: one module per resource.

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

pub(crate) fn router() -> Router<AppState> {
    let forms = Router::new().route("/guides/{id}/feedback", post(feedback::send));
    let api = Router::new()
        .route("/api/guides", get(api::guides))
        .route("/api/guides/{id}", get(api::guide))
        .route("/api/guides/{id}/walk", get(api::walk))
        .route("/healthz", get(api::health))
        .route("/assets/{file}", get(script));
    Router::new()
        .route("/", get(pages::catalog))
        .route("/guides/{id}", get(pages::flow))
        .route("/guides/{id}/full", get(pages::full))
        .route("/guides/{id}/summary", get(pages::summary))
        .route("/guides/{id}/summary.txt", get(pages::summary_text))
        .merge(security::form_layers(forms))
        .merge(security::compressed(api))
        .fallback(|| async { AppError::NotFound })
}

/// The optional script, under its fingerprinted name: cached for a year.
async fn script(Path(file): Path<String>) -> Response {
    match ASSETS.script(&format!("/assets/{file}")) {
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
