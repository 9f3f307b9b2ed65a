//! The catalog: every guide with its summary, and a search box.

use super::guide_url;
use super::layout::Page;
use crate::library::Library;
use maud::html;

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
                    @for hit in hits {
                        li {
                            a href=(guide_url(hit.guide.id.as_str())) { (hit.guide.title.plain()) }
                            p { (hit.guide.summary.plain()) }
                            @if let Some((label, text)) = &hit.matched {
                                p.match { (label) ": " (text) }
                            }
                        }
                    }
                }
                _ => {
                    @for guide in library.guides() {
                        li {
                            a href=(guide_url(guide.id.as_str())) { (guide.title.plain()) }
                            p { (guide.summary.plain()) }
                        }
                    }
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
