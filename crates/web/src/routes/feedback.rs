//! `POST /guides/{id}/feedback`: "Was this helpful?" with an optional
//! comment. Stored with the guide, its version, the outcome and the path;
//! never with an address or anything personal. A client may send a few per
//! minute. When the database cannot take it, the page comes back with the
//! comment still in the box and a "try again". Sent from a page of a site
//! allowed to post here (`--allow-origin`), it goes back to that page.

use super::GuideAddress;
use super::pages::{find, read_query};
use crate::error::AppError;
use crate::events::PageEvent;
use crate::render::flow::Flow;
use crate::render::parts::FeedbackState;
use crate::render::words::Words;
use crate::render::{Site, full, guide_url, with_query};
use crate::security;
use crate::state::AppState;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use unstuck_core::Guide;
use unstuck_core::engine::Walk;
use unstuck_core::engine::query::{Walked, join};
use unstuck_locale::Arg;
use unstuck_store::{EventKind, NewFeedback};

/// The longest comment kept, in characters.
pub(crate) const MAX_COMMENT_CHARS: usize = 1000;

/// The feedback form as the pages send it.
#[derive(Debug, Deserialize)]
pub(crate) struct FeedbackForm {
    helpful: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    outcome: Option<String>,
    #[serde(default)]
    page: Option<String>,
    /// The page to go back to, on a site allowed to post here (a static
    /// site built with `--server`): an absolute address.
    #[serde(default)]
    back: String,
}

pub(crate) async fn send(
    State(state): State<AppState>,
    visitor: super::Visitor,
    address: GuideAddress,
    form: Result<Form<FeedbackForm>, FormRejection>,
) -> Result<Response, AppError> {
    let guide = find(&state, &address)?;
    let words = Words::of(&guide);
    let Form(form) = form.map_err(|rejection| {
        AppError::BadForm(format!("The feedback form was incomplete: {rejection}."))
    })?;
    let helpful = match form.helpful.as_str() {
        "yes" => true,
        "no" => false,
        other => {
            return Err(AppError::BadForm(format!(
                "“{other}” is not an answer to “Was this helpful?”."
            )));
        }
    };
    let query = read_query(&guide, Some(&form.state))?;
    let walked = Walked::new(&guide, &query.session);
    let outcome = match form.outcome.as_deref().filter(|o| !o.is_empty()) {
        Some(outcome) if guide.outcomes.iter().any(|o| o.id.as_str() == outcome) => {
            Some(outcome.to_owned())
        }
        Some(outcome) => {
            return Err(AppError::BadForm(format!(
                "“{outcome}” is not an outcome of this guide."
            )));
        }
        None => None,
    };
    let on_full = form.page.as_deref() == Some("full");
    let comment = form.comment.trim();
    let retry = |status: StatusCode, reason: &str| {
        let shown = FeedbackState::Failed { comment, reason };
        let body = if on_full {
            full::page(&guide, Site::Served, &shown)
        } else {
            Flow::new(&guide, &query, &walked, Site::Served).page(&shown)
        };
        super::personal(status, body.live(state.live_reload()).render())
    };
    if comment.chars().count() > MAX_COMMENT_CHARS {
        let max = Arg::Number(MAX_COMMENT_CHARS as u64);
        let reason = words.with("rate-comment-too-long", &[("max", max)]);
        return Ok(retry(StatusCode::UNPROCESSABLE_ENTITY, &reason));
    }
    if !state.may_send_feedback(visitor.ip) {
        return Ok(retry(
            StatusCode::TOO_MANY_REQUESTS,
            &words.get("rate-too-many"),
        ));
    }
    let feedback = NewFeedback {
        guide: guide.id.to_string(),
        guide_version: guide.version.clone(),
        outcome,
        path: path_of(&guide, &walked.walk),
        helpful,
        comment: (!comment.is_empty()).then(|| comment.to_owned()),
        lang: guide.translated_from.as_ref().map(|_| guide.lang.clone()),
    };
    let Some(store) = state.store() else {
        return Ok(retry(
            StatusCode::SERVICE_UNAVAILABLE,
            &words.get("rate-no-store"),
        ));
    };
    if let Err(error) = store.add_feedback(&feedback).await {
        tracing::error!(%error, guide = %guide.id, "could not save feedback");
        state.metrics().feedback_database_errors.increment(1);
        return Ok(retry(
            StatusCode::SERVICE_UNAVAILABLE,
            &words.get("rate-unavailable"),
        ));
    }
    state
        .events()
        .record(&guide, &[PageEvent::plain(EventKind::Feedback)], &visitor);
    if let Some(back) = security::back_to(state.allowed_origins(), &form.back) {
        return Ok(Redirect::to(back).into_response());
    }
    let back = if on_full {
        format!("{}/full?sent=1#rate", guide_url(&guide))
    } else {
        format!(
            "{}#rate",
            with_query(&guide_url(&guide), &join_sent(&walked.query))
        )
    };
    Ok(Redirect::to(&back).into_response())
}

/// The answers on the path of `walk`, as `question=answer&…`.
fn path_of(guide: &Guide, walk: &Walk) -> String {
    let pairs: Vec<(&str, &str)> = walk
        .path
        .iter()
        .map(|step| {
            let question = &guide.questions[step.question];
            (
                question.id.as_str(),
                question.answers[step.answer].id.as_str(),
            )
        })
        .collect();
    join(&pairs)
}

fn join_sent(state: &str) -> String {
    if state.is_empty() {
        "sent=1".to_owned()
    } else {
        format!("{state}&sent=1")
    }
}

/// What the optional script reports.
#[derive(Debug, Deserialize)]
pub(crate) struct BeaconForm {
    kind: String,
}

/// `POST /guides/{id}/events`: an event only the browser sees (the support
/// summary copied). Only that kind is accepted; a client over its limits
/// gets 429.
pub(crate) async fn beacon(
    State(state): State<AppState>,
    visitor: super::Visitor,
    address: GuideAddress,
    form: Result<Form<BeaconForm>, FormRejection>,
) -> Result<StatusCode, AppError> {
    let guide = find(&state, &address)?;
    match form {
        Ok(Form(BeaconForm { kind })) if kind == EventKind::SummaryCopied.as_str() => {
            let recorded = state.events().record(
                &guide,
                &[PageEvent::plain(EventKind::SummaryCopied)],
                &visitor,
            );
            Ok(if recorded {
                StatusCode::NO_CONTENT
            } else {
                StatusCode::TOO_MANY_REQUESTS
            })
        }
        _ => Err(AppError::BadForm(
            "Only “summary-copied” events are accepted.".to_owned(),
        )),
    }
}
