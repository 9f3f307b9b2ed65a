//! `/admin/handoffs`: the hand-offs, one found by its reference, and the
//! retry of deliveries given up on. Behind the admin token like every
//! `/admin` page; the retry is a form post, so it also takes the
//! same-origin check of forms.

use super::admin::private;
use crate::error::AppError;
use crate::handoff::reference::normalize;
use crate::render::admin_handoffs;
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The hand-offs listed at most.
const LISTED: i64 = 100;

/// The reference searched for.
#[derive(Debug, Deserialize)]
pub(crate) struct Search {
    reference: Option<String>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    Query(search): Query<Search>,
) -> Result<Response, AppError> {
    let store = state.store().ok_or(AppError::DatabaseUnavailable)?;
    let typed = search.reference.as_deref().map(str::trim).unwrap_or("");
    let searched = if typed.is_empty() {
        None
    } else {
        match normalize(typed) {
            Some(reference) => match store.handoff(&reference).await {
                Ok(Some(handoff)) => return Ok(private(admin_handoffs::detail(&handoff))),
                Ok(None) => Some(format!(
                    "No hand-off has the reference {reference}. Check it with the person: it is three letters or digits, a dash, and three more."
                )),
                Err(_) => return Err(AppError::DatabaseUnavailable),
            },
            None => Some(format!(
                "“{typed}” is not a reference: a reference is six letters and digits, like K7Q-4M2 (there is no 0, O, 1, I, L, U, V, 8 or B in one)."
            )),
        }
    };
    let handoffs = store
        .handoffs(LISTED)
        .await
        .map_err(|_| AppError::DatabaseUnavailable)?;
    let searched = searched.as_deref().map(|message| (typed, message));
    Ok(private(admin_handoffs::list(&handoffs, searched)))
}

pub(crate) async fn retry(
    State(state): State<AppState>,
    Path(reference): Path<String>,
) -> Result<Response, AppError> {
    let store = state.store().ok_or(AppError::DatabaseUnavailable)?;
    let reference = normalize(&reference).ok_or(AppError::NotFound)?;
    let retried = store
        .retry_handoff(&reference)
        .await
        .map_err(|_| AppError::DatabaseUnavailable)?;
    tracing::info!(%reference, deliveries = retried, "hand-off retried by an operator");
    state.handoff_stored().notify_one();
    Ok(Redirect::to(&format!("/admin/handoffs?reference={reference}")).into_response())
}
