//! Errors a page request can end in, each answered with a page in the
//! normal look that says what went wrong and where to go next. Details of
//! internal failures are logged, never shown.

use crate::render::{errors, guide_url, with_query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use unstuck_core::engine::query::QueryError;

/// Why a page could not be shown.
#[derive(Debug)]
pub(crate) enum AppError {
    /// No guide has this id.
    NoGuide(String),
    /// No page at this address.
    NotFound,
    /// The address names answers the guide does not have, or is damaged.
    BadQuery(Box<BadQuery>),
    /// A form that is not what the page sends.
    BadForm(String),
    /// The database is needed and does not answer.
    DatabaseUnavailable,
    /// The guides being watched do not compile: their diagnostics.
    GuideErrors(std::sync::Arc<str>),
}

/// A guide address whose query could not be read.
#[derive(Debug)]
pub(crate) struct BadQuery {
    guide_id: String,
    guide_title: String,
    error: QueryError,
}

impl AppError {
    pub(crate) fn bad_query(guide: &unstuck_core::Guide, error: QueryError) -> Self {
        AppError::BadQuery(Box::new(BadQuery {
            guide_id: guide.id.to_string(),
            guide_title: guide.title.plain(),
            error,
        }))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            AppError::NoGuide(id) => (
                StatusCode::NOT_FOUND,
                errors::page(
                    "No such guide",
                    html! {
                        p { "There is no guide called “" (id) "”. It may have moved or been renamed." }
                        p { a.btn href="/" { "See all guides" } }
                    },
                ),
            ),
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                errors::page(
                    "Page not found",
                    html! {
                        p { "There is nothing at this address." }
                        p { a.btn href="/" { "See all guides" } }
                    },
                ),
            ),
            AppError::BadQuery(bad) => {
                let BadQuery {
                    guide_id,
                    guide_title,
                    error,
                } = *bad;
                let status = match error {
                    QueryError::TooLong { .. } => StatusCode::URI_TOO_LONG,
                    _ => StatusCode::BAD_REQUEST,
                };
                let good = with_query(&guide_url(&guide_id), error.good_query());
                let body = errors::page(
                    "This link does not work",
                    html! {
                        p { "The address of this “" (guide_title) "” page has a problem: " (quoted(&error.to_string())) "." }
                        p { "Your earlier answers are kept in the link below." }
                        p { a.btn href=(good) { "Go back to the last good step" } }
                        p { a href=(guide_url(&guide_id)) { "Start the guide again" } " · " a href="/" { "All guides" } }
                    },
                );
                (status, body)
            }
            AppError::BadForm(why) => (
                StatusCode::BAD_REQUEST,
                errors::page(
                    "This form could not be read",
                    html! {
                        p { (why) }
                        p { a.btn href="/" { "See all guides" } }
                    },
                ),
            ),
            AppError::GuideErrors(problems) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                errors::page(
                    "A guide has errors",
                    html! {
                        p { "Fix them and save: this page reloads by itself." }
                        pre.diagnostics { (problems) }
                    },
                ),
            ),
            AppError::DatabaseUnavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                errors::page(
                    "The figures are unavailable",
                    html! {
                        p { "The database does not answer right now. The guides still work; try again in a moment." }
                    },
                ),
            ),
        };
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
}

/// Messages written for the terminal quote names in backticks; pages use
/// typographic quotes.
fn quoted(message: &str) -> String {
    let mut open = true;
    message
        .chars()
        .map(|c| match c {
            '`' => {
                open = !open;
                if open { '”' } else { '“' }
            }
            c => c,
        })
        .collect()
}
