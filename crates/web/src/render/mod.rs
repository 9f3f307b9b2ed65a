//! HTML pages, built with maud: every text escaped, no inline script, one
//! `h1`, headings in order. Each module renders one kind of page; `layout`
//! is the shell they share; [`Site`] says how pages address each other.

pub(crate) mod admin;
pub(crate) mod catalog;
mod charts;
mod controls;
pub(crate) mod errors;
pub(crate) mod flow;
pub(crate) mod full;
mod jsonld;
pub(crate) mod layout;
mod markdown;
pub(crate) mod parts;
pub(crate) mod static_pages;
pub(crate) mod summary;

use layout::Root;
use static_pages::StaticPage;
use unstuck_core::Guide;
use unstuck_core::engine::{Session, query};
use unstuck_core::model::{LinkEntry, Node};

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

/// The served flow page of a session.
pub(crate) fn state_url(guide: &Guide, session: &Session) -> String {
    with_query(
        &guide_url(guide.id.as_str()),
        &query::to_query(guide, session),
    )
}

/// The served support summary of a session.
pub(crate) fn summary_url(guide: &Guide, session: &Session) -> String {
    with_query(
        &format!("{}/summary", guide_url(guide.id.as_str())),
        &query::to_query(guide, session),
    )
}

/// How pages address each other: the server's routes, or the files of a
/// static site. Guide pages of a static site all live in `guides/ID/`, so
/// links between them are bare file names, and every address is relative:
/// the site works from any folder of any host, and from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// Served by `unstuck serve`: state in the query, forms, feedback.
    Served,
    /// Written by `unstuck build`: one file per question, caution and
    /// outcome ([`StaticPage`]), links only.
    Static,
}

impl Site {
    /// Where the flow starts at `entry` (none: the guide's start), from
    /// a page of the same guide.
    pub(crate) fn entry(self, guide: &Guide, entry: Option<Node>) -> String {
        match self {
            Site::Served => {
                let mut session = Session::new();
                session.set_entry(entry);
                state_url(guide, &session)
            }
            Site::Static => {
                let node = entry.unwrap_or_else(|| guide.start_node());
                StaticPage::into_node(guide, node, None).file_name(guide, None)
            }
        }
    }

    /// The guide's first page, from a page of the same guide.
    pub(crate) fn start(self, guide: &Guide) -> String {
        self.entry(guide, None)
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

    /// A guide's first page, from the catalog.
    pub(crate) fn guide_from_catalog(self, id: &str) -> String {
        match self {
            Site::Served => guide_url(id),
            Site::Static => format!("guides/{id}/index.html"),
        }
    }

    /// The guide's own script, loaded before the site's by its flow and
    /// summary pages: what the optional script needs to show the path
    /// on a static site's pages.
    pub(crate) fn guide_script(self) -> Option<&'static str> {
        match self {
            Site::Served => None,
            Site::Static => Some(GUIDE_SCRIPT),
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

/// The file name of a static guide's script (see [`Site::guide_script`]).
pub(crate) const GUIDE_SCRIPT: &str = "guide.js";

/// Where a triage entry starts the flow, from a page of the same guide.
pub(crate) fn triage_link(site: Site, guide: &Guide, entry: &LinkEntry) -> String {
    let node = guide.node(entry.target.as_str());
    format!("{}#step", site.entry(guide, node))
}
