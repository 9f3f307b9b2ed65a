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
pub(crate) mod words;

use layout::{Alternate, Root};
use markdown::Links;
use static_pages::StaticPage;
use unstuck_core::Guide;
use unstuck_core::engine::query;
use unstuck_core::model::{LinkEntry, Node};

/// Where a language's pages live on the server: at the root for the
/// guides as written (`""`), under `/de` for their German translations.
pub(crate) fn lang_prefix(guide: &Guide) -> String {
    match guide.translated_from {
        Some(_) => format!("/{}", guide.lang),
        None => String::new(),
    }
}

/// A static site's page of a guide, from the site's root:
/// `guides/ID.html`, or `de/guides/ID.html` for its German translation.
pub(crate) fn static_guide_file(guide: &Guide) -> String {
    match guide.translated_from {
        Some(_) => format!("{}/guides/{}.html", guide.lang, guide.id),
        None => format!("guides/{}.html", guide.id),
    }
}

/// Where a guide's own pages live on the server (`/guides/ID`, or
/// `/de/guides/ID` for a German translation).
pub(crate) fn guide_url(guide: &Guide) -> String {
    format!("{}/guides/{}", lang_prefix(guide), guide.id)
}

/// A guide page with a query (none when the query is empty).
pub(crate) fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// The served flow page of the state with the canonical `query`.
pub(crate) fn state_url(guide: &Guide, query: &str) -> String {
    with_query(&guide_url(guide), query)
}

/// The served support summary of the state with the canonical `query`.
pub(crate) fn summary_url(guide: &Guide, query: &str) -> String {
    with_query(&format!("{}/summary", guide_url(guide)), query)
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
            Site::Served => state_url(guide, &query::entry_query(guide, entry)),
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
            Site::Served => format!("{}/full", guide_url(guide)),
            Site::Static => format!("#{}", static_pages::FULL),
        }
    }

    /// The decision-tree picture, from a page of the same guide.
    pub(crate) fn graph(self, guide: &Guide) -> String {
        match self {
            Site::Served => format!("{}/graph.svg", guide_url(guide)),
            Site::Static => format!("#{}", static_pages::GRAPH),
        }
    }

    /// A guide's first page, from a catalog standing `root` below the
    /// site's root (`""`, or `"../"` for a language's catalog).
    pub(crate) fn guide_from_catalog(self, guide: &Guide, root: &str) -> String {
        match self {
            Site::Served => guide_url(guide),
            Site::Static => format!("{root}{}", static_guide_file(guide)),
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

    /// Where a guide's pages stand in the site (a static site's
    /// translations one folder deeper: `de/guides/ID.html`).
    pub(crate) fn guide_root(self, guide: &Guide) -> Root {
        match (self, &guide.translated_from) {
            (Site::Served, _) => Root::Served,
            (Site::Static, None) => Root::Static("../"),
            (Site::Static, Some(_)) => Root::Static("../../"),
        }
    }

    /// The same page of each edition of a guide (as written and each
    /// translation, `editions`), for the language switcher: served, with
    /// the same state (`query`); on a static site, the guide's page (the
    /// optional script carries the step and path along).
    pub(crate) fn alternates(
        self,
        guide: &Guide,
        editions: &[&Guide],
        page: &str,
        query: &str,
    ) -> Vec<Alternate> {
        let root = match self.guide_root(guide) {
            Root::Served => "",
            Root::Static(root) => root,
        };
        editions
            .iter()
            .map(|edition| {
                let href = match self {
                    Site::Served => with_query(&format!("{}{page}", guide_url(edition)), query),
                    Site::Static => format!("{root}{}", static_guide_file(edition)),
                };
                Alternate {
                    lang: edition.lang.clone(),
                    name: unstuck_locale::language_name(&edition.lang).to_owned(),
                    href,
                    current: edition.lang == guide.lang,
                }
            })
            .collect()
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
