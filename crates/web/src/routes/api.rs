//! The JSON API: the guides, a guide's compiled model, a walk (the same JSON
//! as `unstuck walk --json`), and health.

use super::pages::find;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use unstuck_core::engine::WalkReport;
use unstuck_core::engine::query::{self, QueryError};

/// `/api/guides`: id, language, title, summary and version of every guide
/// as written, and the languages it can be read in.
pub(crate) async fn guides(State(state): State<AppState>) -> Response {
    let library = state.library();
    let guides: Vec<_> = library
        .guides()
        .iter()
        .map(|guide| {
            let languages: Vec<&str> = (library.editions(guide.id.as_str()).into_iter())
                .map(|edition| edition.lang.as_str())
                .collect();
            json!({
                "id": guide.id,
                "lang": guide.lang,
                "title": guide.title.plain(),
                "summary": guide.summary.plain(),
                "version": guide.version,
                "url": crate::render::guide_url(guide),
                "languages": languages,
            })
        })
        .collect();
    Json(guides).into_response()
}

/// The language a JSON address asks for (`?lang=de`; none: as written).
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Language {
    lang: Option<String>,
}

/// `/api/guides/{id}?lang=…`: the compiled model (as `unstuck export`), as
/// written or translated.
pub(crate) async fn guide(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(Language { lang }): Query<Language>,
) -> Response {
    let address = super::GuideAddress {
        lang: lang.clone(),
        id: id.clone(),
    };
    match find(&state, &address) {
        Ok(guide) => Json(&*guide).into_response(),
        Err(_) => {
            let what = lang.map_or(String::new(), |lang| format!(" in `{lang}`"));
            error(
                StatusCode::NOT_FOUND,
                format!("no guide `{id}`{what}"),
                None,
            )
        }
    }
}

/// `/api/guides/{id}/walk?question=answer…`: the walk report.
pub(crate) async fn walk(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Ok(guide) = find(
        &state,
        &super::GuideAddress {
            lang: None,
            id: id.clone(),
        },
    ) else {
        return error(StatusCode::NOT_FOUND, format!("no guide `{id}`"), None);
    };
    match query::parse(&guide, raw.as_deref().unwrap_or("")) {
        Ok(query) => Json(WalkReport::new(&guide, &query.session)).into_response(),
        Err(problem) => {
            let status = match problem {
                QueryError::TooLong { .. } => StatusCode::URI_TOO_LONG,
                _ => StatusCode::BAD_REQUEST,
            };
            error(status, problem.to_string(), Some(problem.good_query()))
        }
    }
}

/// `/healthz`, for liveness: the server answers (always `"status":"ok"`),
/// with how its database is doing now.
pub(crate) async fn health(State(state): State<AppState>) -> Response {
    Json(json!({
        "status": "ok",
        "guides": state.library().guides().len(),
        "database": database_state(&state).await,
    }))
    .into_response()
}

/// `/readyz`, for load balancers: 200 while the server can do all of its
/// work, 503 while its database cannot be used (pages would still work,
/// but feedback would not be stored).
pub(crate) async fn ready(State(state): State<AppState>) -> Response {
    let database = database_state(&state).await;
    let status = match database {
        "unavailable" => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::OK,
    };
    let ready = if status == StatusCode::OK {
        "ready"
    } else {
        "not ready"
    };
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "status": ready, "database": database })),
    )
        .into_response()
}

/// `ok`, `unavailable` (asked just now), or `none` without a database.
async fn database_state(state: &AppState) -> &'static str {
    match state.store() {
        None => "none",
        Some(store) if store.is_ready().await => "ok",
        Some(_) => "unavailable",
    }
}

fn error(status: StatusCode, message: String, good_query: Option<&str>) -> Response {
    (
        status,
        Json(json!({ "error": message, "good_query": good_query })),
    )
        .into_response()
}
