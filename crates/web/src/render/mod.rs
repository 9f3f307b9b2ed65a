//! HTML pages, built with maud: every text escaped, no inline script, one
//! `h1`, headings in order. Each module renders one kind of page; `layout`
//! is the shell they share; [`Site`] says how pages address each other.

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

use layout::Root;
use unstuck_core::Guide;
use unstuck_core::engine::{Session, query, token};
use unstuck_core::model::LinkEntry;

/// Where a guide's own pages live on the server.
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

/// How pages address each other: the server's routes, or the files of a
/// static site. Guide pages of a static site all live in `guides/ID/`, so
/// links between them are bare file names, and every address is relative:
/// the site works from any folder of any host, and from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// Served by `unstuck serve`: state in the query, forms, feedback.
    Served,
    /// Written by `unstuck build`: one file per state, links only.
    Static,
}

impl Site {
    /// The flow page of a session, from a page of the same guide.
    pub(crate) fn state(self, guide: &Guide, session: &Session) -> String {
        match self {
            Site::Served => with_query(
                &guide_url(guide.id.as_str()),
                &query::to_query(guide, session),
            ),
            Site::Static if *session == Session::new() => "index.html".to_owned(),
            Site::Static => format!("{}.html", token::file_name(guide, session)),
        }
    }

    /// The guide's first page, from a page of the same guide.
    pub(crate) fn start(self, guide: &Guide) -> String {
        self.state(guide, &Session::new())
    }

    /// The full guide, from a page of the same guide.
    pub(crate) fn full(self, guide: &Guide) -> String {
        match self {
            Site::Served => format!("{}/full", guide_url(guide.id.as_str())),
            Site::Static => "full.html".to_owned(),
        }
    }

    /// The decision-tree picture, from a page of the same guide.
    pub(crate) fn graph(self, guide: &Guide) -> String {
        match self {
            Site::Served => format!("{}/graph.svg", guide_url(guide.id.as_str())),
            Site::Static => "graph.svg".to_owned(),
        }
    }

    /// The support summary of a session, from a page of the same guide.
    pub(crate) fn summary(self, guide: &Guide, session: &Session) -> String {
        match self {
            Site::Served => with_query(
                &format!("{}/summary", guide_url(guide.id.as_str())),
                &query::to_query(guide, session),
            ),
            Site::Static => format!("{}-summary.html", token::file_name(guide, session)),
        }
    }

    /// A guide's first page, from the catalog.
    pub(crate) fn guide_from_catalog(self, id: &str) -> String {
        match self {
            Site::Served => guide_url(id),
            Site::Static => format!("guides/{id}/index.html"),
        }
    }

    /// Where a guide's pages stand in the site.
    pub(crate) fn guide_root(self) -> Root {
        match self {
            Site::Served => Root::Served,
            Site::Static => Root::Static("../../"),
        }
    }
}

/// Where a triage entry starts the flow, from a page of the same guide.
pub(crate) fn triage_link(site: Site, guide: &Guide, entry: &LinkEntry) -> String {
    let mut session = Session::new();
    session.set_entry(guide.node(entry.target.as_str()));
    format!("{}#step", site.state(guide, &session))
}
