//! Errors a page request can end in, each answered with a page in the
//! normal look that says what went wrong and where to go next. Details of
//! internal failures are logged, never shown.

use crate::render::words::Words;
use crate::render::{errors, guide_url, with_query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::html;
use unstuck_core::engine::query::QueryError;
use unstuck_locale::Arg;

/// Why a page could not be shown.
#[derive(Debug)]
pub(crate) enum AppError {
    /// No guide has this id (in this language, `None`: the guides as written).
    NoGuide {
        /// The id asked for.
        id: String,
        /// The language of the address (`/de/guides/…`).
        lang: Option<String>,
    },
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
    guide_url: String,
    guide_title: String,
    words: Words,
    error: QueryError,
}

impl AppError {
    pub(crate) fn bad_query(guide: &unstuck_core::Guide, error: QueryError) -> Self {
        AppError::BadQuery(Box::new(BadQuery {
            guide_url: guide_url(guide),
            guide_title: guide.title.plain(),
            words: Words::of(guide),
            error,
        }))
    }
}

/// What is wrong with an address, in the reader's words; and, for a name
/// the guide does not have, which names it has (ids, in English: for the
/// guide's team rather than the reader).
fn problem(words: Words, error: &QueryError) -> (String, Option<String>) {
    match error {
        QueryError::TooLong { .. } => (words.get("problem-too-long"), None),
        QueryError::Malformed { part, .. } => (
            words.with("problem-damaged", &[("part", Arg::Text(part))]),
            None,
        ),
        QueryError::Unknown { error, .. } => (
            words.get("problem-unknown"),
            Some(quoted(&error.to_string())),
        ),
        QueryError::Repeated { question, .. } => (
            words.with("problem-repeated", &[("question", Arg::Text(question))]),
            None,
        ),
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let english = Words::english();
        let (status, page) = match self {
            AppError::NoGuide { id, lang } => {
                let words = lang.as_deref().map_or(english, Words::of_lang);
                let home = lang.map_or("/".to_owned(), |lang| format!("/{lang}/"));
                (
                    StatusCode::NOT_FOUND,
                    errors::page(
                        words,
                        &words.get("error-no-guide-title"),
                        html! {
                            p { (words.with("error-no-guide", &[("id", Arg::Text(&id))])) }
                            p { a.btn href=(home) { (words.get("see-all-guides")) } }
                        },
                    ),
                )
            }
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                errors::page(
                    english,
                    &english.get("error-not-found-title"),
                    html! {
                        p { (english.get("error-not-found")) }
                        p { a.btn href="/" { (english.get("see-all-guides")) } }
                    },
                ),
            ),
            AppError::BadQuery(bad) => {
                let BadQuery {
                    guide_url,
                    guide_title,
                    words,
                    error,
                } = *bad;
                let status = match error {
                    QueryError::TooLong { .. } => StatusCode::URI_TOO_LONG,
                    _ => StatusCode::BAD_REQUEST,
                };
                let good = with_query(&guide_url, error.good_query());
                let (problem, detail) = problem(words, &error);
                let explanation = words.with(
                    "error-bad-link",
                    &[
                        ("guide", Arg::Text(&guide_title)),
                        ("problem", Arg::Text(&problem)),
                    ],
                );
                let page = errors::page(
                    words,
                    &words.get("error-bad-link-title"),
                    html! {
                        p { (explanation) }
                        @if let Some(detail) = detail {
                            details {
                                summary { (words.get("problem-details")) }
                                p lang="en" dir="ltr" { (detail) }
                            }
                        }
                        p { (words.get("error-answers-kept")) }
                        p { a.btn href=(good) { (words.get("error-last-good-step")) } }
                        p.links { a href=(guide_url) { (words.get("error-start-again")) } " · " a href="/" { (words.get("all-guides")) } }
                    },
                );
                (status, page)
            }
            AppError::BadForm(why) => (
                StatusCode::BAD_REQUEST,
                errors::page(
                    english,
                    &english.get("error-bad-form-title"),
                    html! {
                        p { (why) }
                        p { a.btn href="/" { (english.get("see-all-guides")) } }
                    },
                ),
            ),
            // For the author at `serve --watch`: in English, and the page
            // reloads itself once the guides compile again.
            AppError::GuideErrors(problems) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                errors::page(
                    english,
                    "A guide has errors",
                    html! {
                        p { "Fix them and save: this page reloads by itself." }
                        pre.diagnostics { (problems) }
                    },
                )
                .live(true),
            ),
            // The admin pages' own words stay English.
            AppError::DatabaseUnavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                errors::page(
                    english,
                    "The figures are unavailable",
                    html! {
                        p { "The database does not answer right now. The guides still work; try again in a moment." }
                    },
                ),
            ),
        };
        let body = page.render();
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
