//! `/admin`: the operator's pages, behind a token. With no token
//! configured they do not exist (404); a missing or wrong token is refused
//! (401) after a constant-time comparison. The browser asks for it as a
//! password (any user name); scripts send `Authorization: Bearer TOKEN`.
//! Wrong tokens are logged and counted; a client that sends too many in a
//! minute is refused (429) until the minute is over, right token or not.

use super::pages::find;
use crate::error::AppError;
use crate::render::admin::{self, PERIODS};
use crate::render::errors;
use crate::render::words::Words;
use crate::security::SecurityHeaders;
use crate::state::AppState;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use maud::html;
use serde::Deserialize;
use std::fmt::Write;
use unstuck_store::now_unix;

/// The period asked for.
#[derive(Debug, Deserialize)]
pub(crate) struct Period {
    days: Option<i64>,
}

impl Period {
    fn days(&self) -> Result<i64, AppError> {
        match self.days {
            None => Ok(30),
            Some(days) if PERIODS.contains(&days) => Ok(days),
            Some(days) => Err(AppError::BadForm(format!(
                "{days} days is not a period the dashboard offers."
            ))),
        }
    }
}

pub(crate) async fn overview(
    State(state): State<AppState>,
    Query(period): Query<Period>,
) -> Result<Response, AppError> {
    let days = period.days()?;
    let library = state.library();
    let since = now_unix() - days * 86_400;
    let mut rows = Vec::new();
    for guide in library.guides() {
        let stats = match state.store() {
            Some(store) => store.stats(guide.id.as_str(), since).await.ok(),
            None => None,
        };
        rows.push((&**guide, stats));
    }
    let refused = state.event_counters().refused.get();
    Ok(private(admin::overview(&rows, days, refused)))
}

pub(crate) async fn guide(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(period): Query<Period>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &id, &period)?;
    let mut stats = scope
        .store
        .stats(scope.guide.id.as_str(), scope.since)
        .await
        .map_err(|_| AppError::DatabaseUnavailable)?;
    crate::figures::in_guide_order(&scope.guide, &mut stats);
    Ok(private(admin::guide(&scope.guide, &stats, scope.days)))
}

/// Where the Advice view takes question times from: `?times=authored` for
/// the guide's `Time:` alone, else measured where enough sessions were timed.
#[derive(Debug, Deserialize)]
pub(crate) struct Times {
    times: Option<String>,
}

/// The Advice view: expected times, time per step, a cheaper order.
pub(crate) async fn advice(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(period): Query<Period>,
    Query(times): Query<Times>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &id, &period)?;
    let counts = scope
        .store
        .advice_counts(scope.guide.id.as_str(), scope.since)
        .await
        .map_err(|_| AppError::DatabaseUnavailable)?;
    let authored = match times.times.as_deref() {
        None | Some("measured") => false,
        Some("authored") => true,
        Some(other) => {
            return Err(AppError::BadForm(format!(
                "`{other}` is not a source of times: use measured or authored."
            )));
        }
    };
    let observed = unstuck_core::advise::Observations {
        authored_times_only: authored,
        ..(&counts).into()
    };
    let advice = unstuck_core::advise::advise(&scope.guide, &observed);
    Ok(private(admin::advice(
        &scope.guide,
        &advice,
        scope.days,
        authored,
    )))
}

/// The events of a guide in the period, as CSV.
pub(crate) async fn events_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(period): Query<Period>,
) -> Result<Response, AppError> {
    let Scope {
        guide,
        days,
        since,
        store,
    } = Scope::of(&state, &id, &period)?;
    let events = store
        .events(guide.id.as_str(), since)
        .await
        .map_err(|_| AppError::DatabaseUnavailable)?;
    let mut csv = String::from(
        "at_unix,guide,guide_version,session,kind,question,answer,outcome,outcome_kind,depth,lang\n",
    );
    for e in &events {
        let field = |value: &Option<String>| csv_field(value.as_deref().unwrap_or(""));
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{},{},{},{},{}",
            e.at,
            csv_field(&e.guide),
            csv_field(&e.guide_version),
            csv_field(&e.session),
            e.kind.as_str(),
            field(&e.question),
            field(&e.answer),
            field(&e.outcome),
            field(&e.outcome_kind),
            e.depth,
            field(&e.lang)
        );
    }
    let disposition = format!("attachment; filename=\"{}-events-{days}d.csv\"", guide.id);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv,
    )
        .into_response())
}

/// What an admin page about one guide needs: the guide, the period, the database.
struct Scope {
    guide: std::sync::Arc<unstuck_core::Guide>,
    days: i64,
    since: i64,
    store: unstuck_store::Store,
}

impl Scope {
    fn of(state: &AppState, id: &str, period: &Period) -> Result<Scope, AppError> {
        let guide = find(
            state,
            &super::GuideAddress {
                lang: None,
                id: id.to_owned(),
            },
        )?;
        let days = period.days()?;
        let store = state
            .store()
            .cloned()
            .ok_or(AppError::DatabaseUnavailable)?;
        Ok(Scope {
            guide,
            days,
            since: now_unix() - days * 86_400,
            store,
        })
    }
}

/// Lets only requests with the admin token through to the admin pages
/// (and to `/metrics`, when it is protected).
pub(crate) async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = admit(&state, request, next).await;
    // No site may frame the admin pages, whatever `--embed-origin` lets
    // frame the guides: a framed "Retry" button could be clicked for you.
    for (name, value) in SecurityHeaders::default().iter() {
        response.headers_mut().insert(name, value.clone());
    }
    response
}

/// The admin page, for the right token only.
async fn admit(state: &AppState, request: Request, next: Next) -> Response {
    let Some(expected) = state.admin_token() else {
        return AppError::NotFound.into_response();
    };
    let client = super::client_of(request.extensions());
    let logins = state.failed_logins();
    if logins.shuts_out(client) {
        // Not logged one by one: a guesser would flood the log.
        state.metrics().admin_logins_refused.increment(1);
        return refused(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong tokens from your address. Please wait a minute and try again.",
        );
    }
    match given_token(request.headers()) {
        Some(given) if expected.matches(&given) => next.run(request).await,
        Some(_) => {
            let failures = logins.fail(client);
            state.metrics().admin_failed_logins.increment(1);
            tracing::warn!(%client, failures, path = request.uri().path(), "wrong admin token");
            if logins.shuts_out(client) {
                tracing::warn!(%client, failures, "address shut out of the admin pages for a minute");
            }
            refused(StatusCode::UNAUTHORIZED, SIGN_IN)
        }
        None => refused(StatusCode::UNAUTHORIZED, SIGN_IN),
    }
}

/// What the admin pages say to a request without the right token.
const SIGN_IN: &str =
    "These pages are for the people who run this site. Use the admin token as the password.";

/// The token a request carries: `Bearer TOKEN`, or the password of
/// `Basic` credentials (any user name).
fn given_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    if let Some(token) = value.strip_prefix("Bearer ") {
        return Some(token.trim().to_owned());
    }
    let decoded = STANDARD.decode(value.strip_prefix("Basic ")?.trim()).ok()?;
    let credentials = String::from_utf8(decoded).ok()?;
    Some(credentials.split_once(':')?.1.to_owned())
}

/// The page for a request the admin pages refuse, asking for the token.
fn refused(status: StatusCode, why: &str) -> Response {
    let body = errors::page(
        Words::english(),
        "Sign in to see the figures",
        html! { p { (why) } },
    )
    .render();
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    if status == StatusCode::TOO_MANY_REQUESTS {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    } else {
        headers.insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"Unstuck admin\", charset=\"UTF-8\""),
        );
    }
    response
}

/// An admin page: never cached, never indexed.
pub(super) fn private(body: String) -> Response {
    let mut response = super::personal(StatusCode::OK, body);
    response.headers_mut().insert(
        header::HeaderName::from_static("x-robots-tag"),
        header::HeaderValue::from_static("noindex"),
    );
    response
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}
