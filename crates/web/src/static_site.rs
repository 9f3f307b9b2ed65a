//! The guides as a static site: the pages `unstuck serve` shows, as files
//! that work from any static host and straight from disk.
//!
//! Each state a person can reach (`engine::reachable`) is one file, named
//! by its session (`token::file_name`), whose answers are links to the
//! files of the next states; going back to a step is a link to the file of
//! that step, and the browser's back button works as on any site. Every
//! address is relative. Rendering is pure and deterministic: the same
//! guides give the same bytes, so builds are reproducible and a build tool
//! can skip the guides that did not change. Writing the files is the
//! caller's job.

use crate::assets::{ASSETS, MANIFEST, SERVICE_WORKER};
use crate::render::flow::Flow;
use crate::render::parts::FeedbackState;
use crate::render::{Site, catalog, full, summary};
use thiserror::Error;
use unstuck_core::Guide;
use unstuck_core::engine;
use unstuck_core::engine::query::FlowQuery;

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Where it goes, relative to the site's root, with `/` separators.
    pub path: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

impl SiteFile {
    fn new(path: String, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path,
            bytes: bytes.into(),
        }
    }
}

/// Why a guide cannot be a static site.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StaticSiteError {
    /// More states than one guide may have files for.
    #[error(
        "the guide `{guide}` has more than {limit} states (ways through its questions); \
         a static site needs one page per state. Split the guide, or serve it with `unstuck serve`, \
         which needs no page per state"
    )]
    TooManyStates {
        /// The guide's id.
        guide: String,
        /// The most states allowed.
        limit: usize,
    },
}

/// The most states one guide of a static site may have.
pub const MAX_STATES: usize = 20_000;

/// The files every guide's pages use: the stylesheet, the optional script,
/// the service worker and the web app manifest.
pub fn shared_files() -> Vec<SiteFile> {
    vec![
        SiteFile::new(ASSETS.style_path().to_owned(), ASSETS.style()),
        SiteFile::new(ASSETS.script_path().to_owned(), ASSETS.script_source()),
        SiteFile::new("sw.js".to_owned(), SERVICE_WORKER),
        SiteFile::new("manifest.webmanifest".to_owned(), MANIFEST),
    ]
}

/// The catalog, `index.html`: every guide, by title as when served.
pub fn catalog<'a>(guides: impl IntoIterator<Item = &'a Guide>) -> SiteFile {
    let mut guides: Vec<&Guide> = guides.into_iter().collect();
    guides.sort_by_cached_key(|guide| crate::library::catalog_order(guide));
    SiteFile::new("index.html".to_owned(), catalog::static_page(guides))
}

/// Every file of one guide, under `guides/ID/`: a page per state, the full
/// guide, the decision-tree picture, a support summary page per "get help"
/// outcome, and `offline.json`, the list the service worker
/// fetches to keep the whole guide for offline use.
pub fn guide_files(guide: &Guide) -> Result<Vec<SiteFile>, StaticSiteError> {
    // Each state once per model, and once with no model chosen.
    let models = 1 + guide.variants.as_ref().map_or(0, |v| v.entries.len());
    let states = engine::reachable(guide, MAX_STATES / models + 1);
    if states.len() * models > MAX_STATES {
        return Err(StaticSiteError::TooManyStates {
            guide: guide.id.to_string(),
            limit: MAX_STATES,
        });
    }
    let folder = format!("guides/{}", guide.id);
    let at = |name: String| format!("{folder}/{name}");
    let site = Site::Static;
    let mut files = Vec::with_capacity(states.len() * models + 4);
    let mut pages = Vec::with_capacity(states.len() * models + 4);
    let variants = std::iter::once(None).chain((0..models - 1).map(Some));
    let states = states.into_iter().flat_map(|session| {
        variants.clone().map(move |variant| {
            let mut session = session.clone();
            session.set_variant(variant);
            session
        })
    });
    for session in states {
        let name = site.state(guide, &session);
        let query = FlowQuery {
            session,
            ..FlowQuery::default()
        };
        let flow = Flow::new(guide, &query, site);
        files.push(SiteFile::new(
            at(name.clone()),
            flow.render(&FeedbackState::Ask),
        ));
        pages.push(name);
        if flow.has_summary_page() {
            let session = &query.session;
            files.push(SiteFile::new(
                at(site.summary(guide, session)),
                summary::static_page(guide, session),
            ));
            pages.push(site.summary(guide, session));
        }
    }
    files.push(SiteFile::new(
        at(site.full(guide)),
        full::page(guide, site, &FeedbackState::Ask),
    ));
    pages.push(site.full(guide));
    files.push(SiteFile::new(
        at(site.graph(guide)),
        unstuck_core::graph::svg(guide),
    ));
    files.push(SiteFile::new(
        at("offline.json".to_owned()),
        offline_list(guide, pages),
    ));
    Ok(files)
}

/// `{"version": …, "urls": […]}`: the guide's pages, the catalog and the
/// shared files (a visit before the worker ran did not keep them), relative
/// to the list. The version changes with the guide and with the renderer's
/// release and script, which is when the worker fetches everything again.
fn offline_list(guide: &Guide, mut urls: Vec<String>) -> String {
    urls.push("../../index.html".to_owned());
    urls.push(format!("../../{}", ASSETS.style_path()));
    urls.push(format!("../../{}", ASSETS.script_path()));
    let script_hash = ASSETS.script_path().rsplit('.').nth(1).unwrap_or_default();
    let version = format!(
        "{}-{}-{script_hash}",
        guide.version,
        env!("CARGO_PKG_VERSION")
    );
    serde_json::json!({ "version": version, "urls": urls }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smart_lock() -> Guide {
        let text = include_str!("../../../guides/smart-lock.md");
        unstuck_core::compile(text)
            .guide
            .expect("the bundled guide compiles")
    }

    #[test]
    fn every_relative_link_of_every_page_names_a_file_of_the_site() {
        every_link_names_a_file(&smart_lock());
    }

    #[test]
    fn a_deep_guide_has_short_file_names_and_every_link_still_names_a_file() {
        let source = unstuck_testkit::Shape::chain(70).guide("deep", "A deep guide");
        let guide = unstuck_core::compile(&source)
            .guide
            .expect("a chain compiles");
        let files = guide_files(&guide).expect("a chain has few states");
        for file in &files {
            let name = file.path.rsplit('/').next().unwrap_or_default();
            assert!(name.len() <= 120, "{} is too long a file name", file.path);
        }
        every_link_names_a_file(&guide);
    }

    /// Asserts that every relative link of every page of `guide`'s site,
    /// and every entry of its offline list, names a file of the site.
    fn every_link_names_a_file(guide: &Guide) {
        let mut files = guide_files(guide).expect("a small guide");
        files.push(catalog([guide]));
        files.extend(shared_files());
        let paths: std::collections::HashSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        for file in files.iter().filter(|f| f.path.ends_with(".html")) {
            let page = String::from_utf8_lossy(&file.bytes);
            let folder = file.path.rsplit_once('/').map_or("", |(folder, _)| folder);
            for link in links_of(&page) {
                let target = link.split('#').next().unwrap_or_default();
                if target.is_empty() || target.starts_with("data:") || target.contains("://") {
                    continue;
                }
                let resolved = resolve(folder, target);
                assert!(
                    paths.contains(resolved.as_str()),
                    "{} links to {link} ({resolved}), which the site does not have",
                    file.path
                );
            }
        }
        let folder = format!("guides/{}", guide.id);
        assert!(paths.contains(format!("{folder}/index.html").as_str()));
        // The offline list names files of the site, every page of the guide among them.
        let list = files
            .iter()
            .find(|f| f.path.ends_with("offline.json"))
            .expect("a list");
        let list: serde_json::Value = serde_json::from_slice(&list.bytes).expect("JSON");
        let urls = list["urls"].as_array().expect("urls");
        for url in urls.iter().filter_map(|u| u.as_str()) {
            let resolved = resolve(&folder, url);
            assert!(
                paths.contains(resolved.as_str()),
                "offline.json names {url}"
            );
        }
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        assert_eq!(
            urls.len(),
            pages + 2,
            "every page, the stylesheet and the script"
        );
    }

    #[test]
    fn the_same_guide_gives_the_same_bytes() {
        let guide = smart_lock();
        assert_eq!(guide_files(&guide), guide_files(&guide));
    }

    /// The values of every `href` and `src` attribute of a page.
    fn links_of(page: &str) -> Vec<String> {
        let mut links = Vec::new();
        for attribute in ["href=\"", "src=\""] {
            let mut rest = page;
            while let Some(start) = rest.find(attribute) {
                rest = &rest[start + attribute.len()..];
                let end = rest.find('"').unwrap_or(rest.len());
                links.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
        links
    }

    /// `folder/../x` made plain.
    fn resolve(folder: &str, target: &str) -> String {
        let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        for part in target.split('/') {
            match part {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                part => parts.push(part),
            }
        }
        parts.join("/")
    }
}
