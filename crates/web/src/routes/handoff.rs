//! `GET /guides/{id}/contact` and `POST /guides/{id}/handoff`: an
//! escalation outcome handed to the support desk. The form page needs no
//! database; the post stores the hand-off (an outbox row per destination)
//! before answering with its reference, and the delivery worker sends it
//! afterwards. Same protection as feedback: same-origin posts only, a body
//! and time limit, and the per-client rate of feedback. A contact that is
//! not right comes back with a message next to each field and everything
//! typed kept; contact details are never logged or recorded as events.

use super::GuideAddress;
use super::pages::{find, read_query};
use crate::error::AppError;
use crate::handoff::contact::{Contact, Problem};
use crate::handoff::payload::Payload;
use crate::handoff::reference::new_reference;
use crate::handoff::{new_key, sent_key};
use crate::render::handoff::{ContactForm, contact_page, sent_page};
use crate::render::summary::summary;
use crate::state::AppState;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use unstuck_core::Guide;
use unstuck_core::engine::query::{FlowQuery, MAX_FACT_CHARS};
use unstuck_core::engine::{Position, Walk, walk};
use unstuck_core::model::OutcomeKind;
use unstuck_store::{NewHandoff, StoreError, Stored, now_unix};

/// Fresh references tried when one is taken, before giving up.
const REFERENCE_TRIES: usize = 5;

/// The contact form of the escalation outcome the query reaches.
pub(crate) async fn form(
    State(state): State<AppState>,
    address: GuideAddress,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let guide = find(&state, &address)?;
    let query = read_query(&guide, raw.as_deref())?;
    let (outcome, walk) = escalation(&guide, &query)?;
    let form = ContactForm {
        contact: &Contact::default(),
        problems: &[],
        failure: None,
        key: &new_key(),
    };
    let body = contact_page(
        &guide,
        &query,
        &summary(&guide, &query, &walk),
        outcome,
        &form,
    );
    Ok(super::personal(StatusCode::OK, body))
}

/// Stores a hand-off and answers with its reference.
pub(crate) async fn send(
    State(state): State<AppState>,
    visitor: super::Visitor,
    address: GuideAddress,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<Response, AppError> {
    let guide = find(&state, &address)?;
    let Form(fields) = form.map_err(|rejection| {
        AppError::BadForm(format!("The contact form was incomplete: {rejection}."))
    })?;
    let value = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.as_str())
    };
    let mut query = read_query(&guide, Some(value("state")))?;
    query.facts = fields
        .iter()
        .filter_map(|(key, value)| {
            let id = key.strip_prefix("fact-")?;
            Some((
                id.to_owned(),
                value.trim().chars().take(MAX_FACT_CHARS).collect(),
            ))
        })
        .collect();
    let (outcome, walk) = escalation(&guide, &query)?;
    let contact = Contact::typed(value("name"), value("email"), value("phone"), value("note"));
    let summary = summary(&guide, &query, &walk);
    let key = sent_key(value("key")).map_or_else(new_key, str::to_owned);
    let again = |status: StatusCode, problems: &[Problem], failure: Option<&str>| {
        let form = ContactForm {
            contact: &contact,
            problems,
            failure,
            key: &key,
        };
        super::personal(
            status,
            contact_page(&guide, &query, &summary, outcome, &form),
        )
    };
    let problems = contact.problems();
    if !problems.is_empty() {
        return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, &problems, None));
    }
    if !state.may_send_feedback(visitor.ip) {
        return Ok(again(
            StatusCode::TOO_MANY_REQUESTS,
            &[],
            Some("handoff-too-many"),
        ));
    }
    let Some(store) = state.store() else {
        return Ok(again(
            StatusCode::SERVICE_UNAVAILABLE,
            &[],
            Some("handoff-no-store"),
        ));
    };
    for _ in 0..REFERENCE_TRIES {
        let payload = Payload::new(
            &guide,
            (outcome, &summary),
            contact.clone(),
            (new_reference(), key.clone()),
            now_unix(),
        );
        let handoff = NewHandoff {
            reference: payload.reference.clone(),
            idempotency_key: key.clone(),
            guide: guide.id.to_string(),
            outcome: payload.outcome.clone(),
            payload: payload.to_json(),
            destinations: state.handoff_destinations().to_vec(),
        };
        match store.add_handoff(&handoff).await {
            Ok(Stored::Repeat(before)) => {
                // The same form sent again (a double click, a reload): the
                // hand-off it made, not a second one.
                if let Ok(before) = serde_json::from_str::<Payload>(&before.payload) {
                    return Ok(super::personal(
                        StatusCode::OK,
                        sent_page(&guide, &query, &before),
                    ));
                }
                break;
            }
            Ok(Stored::New(_)) => {
                state.metrics().handoffs_queued.increment(1);
                tracing::info!(reference = %payload.reference, guide = %guide.id, "hand-off stored");
                state.handoff_stored().notify_one();
                return Ok(super::personal(
                    StatusCode::OK,
                    sent_page(&guide, &query, &payload),
                ));
            }
            Err(StoreError::ReferenceTaken(_)) => {}
            Err(error) => {
                tracing::error!(%error, guide = %guide.id, "could not store a hand-off");
                state.metrics().handoff_database_errors.increment(1);
                break;
            }
        }
    }
    Ok(again(
        StatusCode::SERVICE_UNAVAILABLE,
        &[],
        Some("handoff-unavailable"),
    ))
}

/// The escalation outcome the query reaches, with the walk there, or why
/// there is nothing to hand off.
fn escalation(guide: &Guide, query: &FlowQuery) -> Result<(usize, Walk), AppError> {
    let walk = walk(guide, &query.session);
    match walk.position {
        Position::Outcome(index) if guide.outcomes[index].kind == OutcomeKind::Escalate => {
            Ok((index, walk))
        }
        _ => Err(AppError::BadForm(
            "These answers do not end in an outcome that calls for help, so there is nothing to \
             send to support yet. Go back to the guide and answer its questions first."
                .to_owned(),
        )),
    }
}
