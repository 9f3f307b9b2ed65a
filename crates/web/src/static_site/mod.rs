//! The guides as a static site: the pages `unstuck serve` shows, as files
//! that work from any static host and straight from disk.
//!
//! Each question, caution and outcome of a guide is one page, once per
//! model ([`StaticPage`]), so a guide's files grow with its size, never
//! with the number of ways through it. Answers are links to the page of
//! the next question, so the flow needs no script and the browser's back
//! button works as on any site. A page cannot know the path that led to
//! it; the optional script carries the path in the query of the links it
//! follows and shows it (`guide.js`, [`script_data`], gives it the
//! guide's questions). Every address is relative. Rendering is pure and
//! deterministic: the same guides give the same bytes, so builds are
//! reproducible and a build tool can skip the guides that did not change.
//! Writing the files is the caller's job.

mod script_data;

use crate::assets::{ASSETS, MANIFEST, SERVICE_WORKER};
use crate::render::flow::Flow;
use crate::render::parts::FeedbackState;
use crate::render::static_pages::StaticPage;
use crate::render::{GUIDE_SCRIPT, Site, catalog, full, summary};
use unstuck_core::Guide;
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

/// Every file of one guide, under `guides/ID/`: a page per question,
/// caution and outcome for each model (and for none), a support summary
/// page per "get help" outcome, the full guide, the decision-tree picture,
/// the guide's script for the optional one, and `offline.json`, the list
/// the service worker fetches to keep the whole guide for offline use.
pub fn guide_files(guide: &Guide) -> Vec<SiteFile> {
    let models = guide.variants.as_ref().map_or(0, |v| v.entries.len());
    let folder = format!("guides/{}", guide.id);
    let at = |name: &str| format!("{folder}/{name}");
    let site = Site::Static;
    let mut files = Vec::new();
    let mut pages = Vec::new();
    let mut add = |name: String, bytes: String| {
        files.push(SiteFile::new(at(&name), bytes));
        pages.push(name);
    };
    for page in StaticPage::all(guide) {
        if let StaticPage::Summary(outcome) = page {
            add(
                page.file_name(guide, None),
                summary::static_page(guide, outcome),
            );
            continue;
        }
        // Each page once with no model chosen, and once per model.
        for model in std::iter::once(None).chain((0..models).map(Some)) {
            let query = FlowQuery {
                session: page.session(guide, model),
                ..FlowQuery::default()
            };
            let html = Flow::new(guide, &query, site).render(&FeedbackState::Ask);
            add(page.file_name(guide, model), html);
        }
    }
    add(
        site.full(guide),
        full::page(guide, site, &FeedbackState::Ask),
    );
    files.push(SiteFile::new(
        at(&site.graph(guide)),
        unstuck_core::graph::svg(guide),
    ));
    files.push(SiteFile::new(at(GUIDE_SCRIPT), script_data::script(guide)));
    pages.push(GUIDE_SCRIPT.to_owned());
    files.push(SiteFile::new(
        at("offline.json"),
        offline_list(guide, pages),
    ));
    files
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
    use std::collections::HashMap;
    use unstuck_core::model::Node;
    use unstuck_testkit::Shape;

    fn compiled(text: &str) -> Guide {
        unstuck_core::compile(text)
            .guide
            .expect("the guide compiles")
    }

    fn smart_lock() -> Guide {
        compiled(include_str!("../../../../guides/smart-lock.md"))
    }

    fn garage_door() -> Guide {
        compiled(include_str!("../../../../guides/garage-door.md"))
    }

    /// A guide of `n` questions whose answers all lead on: 2^n ways through.
    fn braid(n: usize) -> Guide {
        compiled(&Shape::braid(n).guide("braid", "Every answer leads on"))
    }

    /// A guide's files by name in its folder.
    fn by_name(guide: &Guide) -> HashMap<String, String> {
        let folder = format!("guides/{}/", guide.id);
        guide_files(guide)
            .into_iter()
            .map(|file| {
                let name = file
                    .path
                    .strip_prefix(&folder)
                    .expect("in the folder")
                    .to_owned();
                (name, String::from_utf8(file.bytes).expect("UTF-8"))
            })
            .collect()
    }

    #[test]
    fn every_relative_link_of_every_page_names_a_file_of_the_site() {
        every_link_names_a_file(&smart_lock());
        every_link_names_a_file(&garage_door());
    }

    #[test]
    fn a_guide_has_a_page_per_question_and_outcome_not_per_path() {
        // Smart lock: 7 questions, 1 caution, 2 outcomes, 1 summary, and
        // the full guide, the picture, the guide's script, the offline list.
        assert_eq!(guide_files(&smart_lock()).len(), 15);
        // Garage door: 7 questions, 1 caution, 2 outcomes, each for no
        // model and for each of its 2 models, 1 summary, and the 4.
        assert_eq!(guide_files(&garage_door()).len(), 10 * 3 + 1 + 4);
        // 2^70 ways through 70 questions: still a page each.
        let files = guide_files(&braid(70));
        assert_eq!(files.len(), 70 + 1 + 4);
        for file in &files {
            let name = file.path.rsplit('/').next().unwrap_or_default();
            assert!(name.len() <= 120, "{} is too long a file name", file.path);
        }
    }

    #[test]
    fn a_guide_whose_answers_all_lead_on_walks_by_links() {
        let guide = braid(70);
        every_link_names_a_file(&guide);
        every_answer_opens_its_next_step(&guide);
    }

    /// Every path of the smart-lock guide, walked without a script: from
    /// the first page, following the answer links (and a caution's "I
    /// understand"), to the page of its outcome.
    #[test]
    fn every_path_walks_by_links_to_its_outcome() {
        let guide = smart_lock();
        let pages = by_name(&guide);
        let mut paths = vec![(guide.start_node(), Vec::new())];
        let mut walked = 0;
        while let Some((node, answers)) = paths.pop() {
            match node {
                Node::Question(q) => {
                    for answer in &guide.questions[q].answers {
                        let step = format!("{}={}", guide.questions[q].id, answer.id);
                        let mut longer: Vec<String> = answers.clone();
                        longer.push(step);
                        paths.push((guide.next_node(answer), longer));
                    }
                }
                Node::Outcome(o) => {
                    let mut page = "index.html".to_owned();
                    for step in &answers {
                        page =
                            follow(&pages, &page, "I understand — show the step").unwrap_or(page);
                        page = link_with(&pages, &page, &format!("data-step=\"{step}\""))
                            .unwrap_or_else(|| panic!("{page} has no answer {step}"));
                    }
                    let outcome = &guide.outcomes[o];
                    assert!(
                        pages[&page].contains(&format!("data-path=\"{}\"", outcome.id)),
                        "{answers:?} led to {page}, not to {}",
                        outcome.id
                    );
                    walked += 1;
                }
            }
        }
        assert_eq!(walked, 11, "the smart-lock guide has 11 paths");
    }

    /// For every answer of every question page (each model's too), the
    /// page it links to shows the question or outcome the answer leads to
    /// (or its caution first, whose link shows the question).
    fn every_answer_opens_its_next_step(guide: &Guide) {
        let pages = by_name(guide);
        for name in pages.keys().filter(|n| n.ends_with(".html")) {
            for question in &guide.questions {
                for answer in &question.answers {
                    let step = format!("data-step=\"{}={}\"", question.id, answer.id);
                    let Some(mut next) = link_with(&pages, name, &step) else {
                        continue;
                    };
                    next = follow(&pages, &next, "I understand — show the step").unwrap_or(next);
                    assert!(
                        pages[&next].contains(&format!("data-path=\"{}\"", answer.next)),
                        "{name}: {step} opens {next}"
                    );
                }
            }
        }
    }

    /// The file a link of `page` whose attributes include `marker` opens.
    fn link_with(pages: &HashMap<String, String>, page: &str, marker: &str) -> Option<String> {
        let html = pages.get(page)?;
        let at = html.find(marker)?;
        let start = html[..at].rfind("href=\"")? + "href=\"".len();
        let href = &html[start..];
        Some(href[..href.find(['#', '"'])?].to_owned())
    }

    /// The file the link saying `text` on `page` opens, if it has one.
    fn follow(pages: &HashMap<String, String>, page: &str, text: &str) -> Option<String> {
        let html = pages.get(page)?;
        let at = html.find(&format!(">{text}</a>"))?;
        let start = html[..at].rfind("href=\"")? + "href=\"".len();
        let href = &html[start..];
        Some(href[..href.find(['#', '"'])?].to_owned())
    }

    /// Asserts that every relative link of every page of `guide`'s site,
    /// and every entry of its offline list, names a file of the site.
    fn every_link_names_a_file(guide: &Guide) {
        let mut files = guide_files(guide);
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
            pages + 3,
            "every page, the guide's script, the stylesheet and the script"
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
