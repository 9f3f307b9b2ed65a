//! HTML pages, built with maud: every text escaped, no inline script, one
//! `h1`, headings in order. Each module renders one kind of page; `layout`
//! is the shell they share.

pub(crate) mod admin;
pub(crate) mod catalog;
mod charts;
pub(crate) mod errors;
pub(crate) mod flow;
pub(crate) mod full;
mod jsonld;
pub(crate) mod layout;
mod markdown;
pub(crate) mod parts;
pub(crate) mod summary;

/// Where a guide's own pages live.
pub(crate) fn guide_url(id: &str) -> String {
    format!("/guides/{id}")
}

/// A guide page with a query (none when the query is empty).
pub(crate) fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}
