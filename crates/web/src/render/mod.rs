//! HTML pages, built with maud: every text escaped, no inline script, one
//! `h1`, headings in order. Each module renders one kind of page; `layout`
//! is the shell they share; [`Site`] says how pages address each other.

pub(crate) mod admin;
pub(crate) mod admin_handoffs;
pub(crate) mod catalog;
mod charts;
mod controls;
pub(crate) mod errors;
pub(crate) mod flow;
pub(crate) mod full;
pub(crate) mod handoff;
pub(crate) mod jsonld;
pub(crate) mod layout;
pub(crate) mod markdown;
pub(crate) mod parts;
pub(crate) mod static_pages;
pub(crate) mod summary;

use layout::Root;
use markdown::Links;
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
/// static site. A static site's guide is one page, `guides/ID.html`,
/// whose steps link to each other by their anchors, and every address is
/// relative: the site works from any folder of any host, and from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// Served by `unstuck serve`: state in the query, forms, feedback.
    Served,
    /// Written by `unstuck build`: one page per guide, a section per
    /// question, caution and outcome ([`StaticPage`]), links only.
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
            Site::Static => match entry {
                Some(node) => StaticPage::into_node(guide, node, None).href(guide, None),
                None => format!("{}.html", guide.id),
            },
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
            Site::Static => format!("#{}", static_pages::FULL),
        }
    }

    /// The decision-tree picture, from a page of the same guide.
    pub(crate) fn graph(self, guide: &Guide) -> String {
        match self {
            Site::Served => format!("{}/graph.svg", guide_url(guide.id.as_str())),
            Site::Static => format!("#{}", static_pages::GRAPH),
        }
    }

    /// A guide's first page, from the catalog.
    pub(crate) fn guide_from_catalog(self, id: &str) -> String {
        match self {
            Site::Served => guide_url(id),
            Site::Static => format!("guides/{id}.html"),
        }
    }

    /// How guide text's `#id` links reach the guide's parts from a flow
    /// page, given the full guide's address: on the full guide when
    /// served, in the page itself on a static site (which holds it).
    pub(crate) fn guide_links(self, full: &str) -> Links<'_> {
        match self {
            Site::Served => Links::On(full),
            Site::Static => Links::InPage,
        }
    }

    /// Where a guide's pages stand in the site.
    pub(crate) fn guide_root(self) -> Root {
        match self {
            Site::Served => Root::Served,
            Site::Static => Root::Static("../"),
        }
    }
}

/// Where a triage entry starts the flow, from a page of the same guide.
pub(crate) fn triage_link(site: Site, guide: &Guide, entry: &LinkEntry) -> String {
    let node = guide.node(entry.target.as_str());
    match site {
        Site::Served => format!("{}#step", site.entry(guide, node)),
        Site::Static => site.entry(guide, node),
    }
}
