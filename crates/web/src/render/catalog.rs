//! The catalog: every guide with its summary, and (when served) a search
//! box.

use super::Site;
use super::layout::{Page, Root};
use crate::library::Library;
use maud::{Markup, html};
use unstuck_core::Guide;

/// The catalog of a static site: every guide. There is no server to
/// search; the optional script shows a box that filters the list.
pub(crate) fn static_page<'a>(guides: impl IntoIterator<Item = &'a Guide>) -> String {
    let main = html! {
        h1 { "What needs fixing?" }
        div hidden data-filter="guides" {
            label.field for="q" { "Filter guides by problem or symptom" }
            input type="search" id="q" maxlength="200";
        }
        ul.guides #guides { @for guide in guides { (entry(guide, Site::Static, None)) } }
    };
    Page::new("Unstuck — troubleshooting guides", main)
        .at(Root::Static(""))
        .render()
}

fn entry(guide: &Guide, site: Site, matched: Option<&(&str, String)>) -> Markup {
    html! {
        li {
            a href=(site.guide_from_catalog(guide.id.as_str())) { (guide.title.plain()) }
            p { (guide.summary.plain()) }
            @if let Some((label, text)) = matched {
                p.match { (label) ": " (text) }
            }
        }
    }
}

/// The catalog, filtered by `query` when there is one.
pub(crate) fn page(library: &Library, query: Option<&str>) -> String {
    let query = query.map(str::trim).filter(|q| !q.is_empty());
    let hits = query.map(|q| library.search(q));
    let main = html! {
        h1 { "What needs fixing?" }
        form role="search" method="get" action="/" {
            label.field for="q" { "Search guides by problem or symptom" }
            input type="search" id="q" name="q" value=(query.unwrap_or("")) maxlength="200";
            div.row { button type="submit" { "Search" } }
        }
        @match (&hits, query) {
            (Some(hits), Some(query)) if hits.is_empty() => {
                p role="status" { "No guide matches “" (query) "”. Here are all the guides:" }
            }
            (Some(hits), Some(query)) => {
                p role="status" { (hits.len()) " guide" @if hits.len() != 1 { "s" } " match “" (query) "”" }
            }
            _ => {}
        }
        ul.guides {
            @match &hits {
                Some(hits) if !hits.is_empty() => {
                    @for hit in hits { (entry(hit.guide, Site::Served, hit.matched.as_ref())) }
                }
                _ => {
                    @for guide in library.guides() { (entry(guide, Site::Served, None)) }
                }
            }
        }
    };
    let title = match query {
        Some(query) => format!("“{query}” · Unstuck"),
        None => "Unstuck — troubleshooting guides".to_owned(),
    };
    Page::new(title, main).render()
}
