//! The catalog: every guide with its summary, in the reader's language
//! where a translation exists, and (when served) a search box.

use super::Site;
use super::layout::{Alternate, Page, Root};
use super::words::Words;
use crate::library::Library;
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_locale::Arg;

/// The catalog of a static site in one language (`None`: the guides as
/// written), at `root`. There is no server to search; the optional script
/// shows a box that filters the list.
pub(crate) fn static_page(
    library: &Library,
    lang: Option<&str>,
    root: &'static str,
    alternates: Vec<Alternate>,
) -> String {
    let words = words(library, lang);
    let main = html! {
        h1 { (words.get("catalog-heading")) }
        div hidden data-filter="guides" {
            label.field for="q" { (words.get("catalog-filter-label")) }
            input type="search" id="q" maxlength="200";
        }
        ul.guides #guides { @for guide in library.catalog(lang) { (entry(guide, (Site::Static, root), None, words)) } }
    };
    Page::new(words, words.get("catalog-title"), main)
        .at(Root::Static(root))
        .in_languages(alternates)
        .render()
}

/// The words of a catalog in `lang` (`None`: the guides as written).
fn words(library: &Library, lang: Option<&str>) -> Words {
    Words::of_lang(lang.unwrap_or(library.written_lang()))
}

/// A guide in a catalog standing `root` below the site's root: a guide in
/// another language than the catalog's says so.
fn entry(
    guide: &Guide,
    (site, root): (Site, &str),
    matched: Option<&(&str, String)>,
    words: Words,
) -> Markup {
    let primary = |tag: &str| tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    let other_language =
        (primary(&guide.lang) != words.tag()).then(|| unstuck_locale::language_name(&guide.lang));
    html! {
        li {
            a href=(site.guide_from_catalog(guide, root)) hreflang=(guide.lang) { (guide.title.plain()) }
            @if let Some(language) = other_language { " " span.muted lang=(guide.lang) { "(" (language) ")" } }
            p lang=(guide.lang) { (guide.summary.plain()) }
            @if let Some((label, text)) = matched {
                p.match { (words.get(label)) ": " (text) }
            }
        }
    }
}

/// The served catalog in `lang` (`None`: the guides as written), filtered
/// by `query` when there is one.
pub(crate) fn page(
    library: &Library,
    lang: Option<&str>,
    query: Option<&str>,
    alternates: Vec<Alternate>,
) -> Page {
    let words = words(library, lang);
    let query = query.map(str::trim).filter(|q| !q.is_empty());
    let hits = query.map(|q| library.search(lang, q));
    let action = lang.map_or("/".to_owned(), |lang| format!("/{lang}/"));
    let main = html! {
        h1 { (words.get("catalog-heading")) }
        form role="search" method="get" action=(action) {
            label.field for="q" { (words.get("catalog-search-label")) }
            input type="search" id="q" name="q" value=(query.unwrap_or("")) maxlength="200";
            div.row { button type="submit" { (words.get("catalog-search-button")) } }
        }
        @match (&hits, query) {
            (Some(hits), Some(query)) if hits.is_empty() => {
                p role="status" { (words.with("catalog-no-match", &[("query", Arg::Text(query))])) }
            }
            (Some(hits), Some(query)) => {
                p role="status" { (words.with("catalog-matches", &[("count", Arg::Number(hits.len() as u64)), ("query", Arg::Text(query))])) }
            }
            _ => {}
        }
        ul.guides {
            @match &hits {
                Some(hits) if !hits.is_empty() => {
                    @for hit in hits { (entry(hit.guide, (Site::Served, "/"), hit.matched.as_ref(), words)) }
                }
                _ => {
                    @for guide in library.catalog(lang) { (entry(guide, (Site::Served, "/"), None, words)) }
                }
            }
        }
    };
    let title = match query {
        Some(query) => words.with("catalog-search-title", &[("query", Arg::Text(query))]),
        None => words.get("catalog-title"),
    };
    Page::new(words, title, main).in_languages(alternates)
}

/// The catalog in each of `languages` (tags, the guides' written language
/// first), for the language switcher: `href` gives the address of each
/// language's catalog (`None`: the written guides'); `current` is shown.
pub(crate) fn alternates(
    languages: &[&str],
    current: &str,
    href: impl Fn(Option<&str>) -> String,
) -> Vec<Alternate> {
    if languages.len() < 2 {
        return Vec::new();
    }
    (languages.iter().enumerate())
        .map(|(n, &lang)| Alternate {
            lang: lang.to_owned(),
            name: unstuck_locale::language_name(lang).to_owned(),
            href: href((n > 0).then_some(lang)),
            current: lang == current,
        })
        .collect()
}
