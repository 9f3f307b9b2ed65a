//! The guides as a static site: the pages `unstuck serve` shows, as files
//! that work from any static host and straight from disk.
//!
//! A guide is one page, `guides/ID.html`, with a section per
//! question, caution and outcome (once per model, `StaticPage`), the
//! support summaries, the full guide and the decision-tree picture. The
//! address's fragment says which section shows (CSS `:target`), so a
//! guide's size grows with its steps, never with the number of ways
//! through it, and a site has one file per guide. Answers
//! are links to the next step's section, so the flow needs no script and
//! the browser's back button works as on any site. A step cannot know the
//! path that led to it; the optional script carries the path in the query
//! of the links it follows and shows it (`script_data` gives it the
//! guide's questions). Every address is relative. Rendering is pure and
//! deterministic: the same guides give the same bytes, so builds are
//! reproducible and a build tool can skip the guides that did not change.
//! Writing the files is the caller's job.

mod script_data;
mod server_address;

pub use server_address::{NotAServerAddress, ServerAddress};

use crate::assets::{ASSETS, MANIFEST, SERVICE_WORKER};
use crate::library::Library;
use crate::render::flow::Flow;
use crate::render::layout::Page;
use crate::render::markdown::{self, Links};
use crate::render::parts::FeedbackState;
use crate::render::static_pages::{FULL, GRAPH, StaticPage};
use crate::render::words::Words;
use crate::render::{Site, catalog, full, jsonld, summary};
use maud::{Markup, PreEscaped, html};
use unstuck_core::Guide;
use unstuck_core::engine::query::{FlowQuery, Walked};

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

/// The catalogs: `index.html` with every guide as written, by title as
/// when served, and one per language guides are translated into,
/// `LANG/index.html`, each guide in that language where it can be.
pub fn catalogs<'a>(guides: impl IntoIterator<Item = &'a Guide>) -> Vec<SiteFile> {
    let library = Library::new(guides.into_iter().cloned().collect());
    let languages: Vec<&str> = std::iter::once(library.written_lang())
        .chain(library.languages())
        .collect();
    let href = |root: &str, lang: Option<&str>| match lang {
        Some(lang) => format!("{root}{lang}/index.html"),
        None => format!("{root}index.html"),
    };
    (languages.iter().enumerate())
        .map(|(n, &tag)| {
            let lang = (n > 0).then_some(tag);
            let root = if lang.is_some() { "../" } else { "" };
            let alternates = catalog::alternates(&languages, tag, |other| href(root, other));
            let path = href("", lang);
            SiteFile::new(path, catalog::static_page(&library, lang, root, alternates))
        })
        .collect()
}

/// Every file of one guide: its page, `guides/ID.html` (a translation's
/// `LANG/guides/ID.html`). `editions` are the guide as written and its
/// translations, for the language switcher (the guide among them). With a
/// `server`, its outcomes' forms post there.
pub fn guide_files(
    guide: &Guide,
    editions: &[&Guide],
    server: Option<&ServerAddress>,
) -> Vec<SiteFile> {
    vec![SiteFile::new(
        crate::render::static_guide_file(guide),
        guide_page(guide, editions, server),
    )]
}

/// The guide's page: a section per step, the first one shown when the
/// address names none, then the full guide and the picture.
fn guide_page(guide: &Guide, editions: &[&Guide], server: Option<&ServerAddress>) -> String {
    let site = Site::Static;
    let words = Words::of(guide);
    let models = guide.variants.as_ref().map_or(0, |v| v.entries.len());
    let mut steps: Vec<(StaticPage, Option<usize>)> = StaticPage::all(guide)
        .flat_map(|page| {
            // Each step once with no model chosen, and once per model.
            let per_model = !matches!(page, StaticPage::Summary(_));
            let models = (0..models).filter(move |_| per_model).map(Some);
            std::iter::once(None)
                .chain(models)
                .map(move |model| (page, model))
        })
        .collect();
    steps.sort_by_key(|&(page, model)| !page.is_first(guide, model));
    let main = html! {
        h1.guide-title { (markdown::inline(&guide.title, Links::InPage)) }
        div.steps {
            @for &(page, model) in &steps {
                section.step-page id=(page.anchor(guide, model)) { (step(guide, page, model, server)) }
            }
            section.step-page id=(FULL) { (full::content(guide, site)) }
            section.step-page id=(GRAPH) {
                h2 { (words.get("picture-title")) }
                (PreEscaped(unstuck_core::graph::svg(guide)))
                p.links { a href=(site.full(guide)) { (words.get("back-to-full-guide")) } }
            }
        }
        script type="application/json" #guide-data { (PreEscaped(script_data::json(guide))) }
    };
    let alternates = match editions.len() {
        0 | 1 => Vec::new(),
        _ => site.alternates(guide, editions, "", ""),
    };
    Page {
        structured_data: jsonld::faq(guide),
        forms_to: server.map(|server| server.origin().clone()),
        ..Page::of_guide(guide, guide.title.plain(), main)
            .at(site.guide_root(guide))
            .in_languages(alternates)
    }
    .render()
}

/// One step's section content.
fn step(
    guide: &Guide,
    page: StaticPage,
    model: Option<usize>,
    server: Option<&ServerAddress>,
) -> Markup {
    if let StaticPage::Summary(outcome) = page {
        return summary::static_section(guide, outcome);
    }
    let query = FlowQuery {
        session: page.session(guide, model),
        ..FlowQuery::default()
    };
    let walked = Walked::new(guide, &query.session);
    Flow::new(guide, &query, &walked, Site::Static)
        .posting_to(server)
        .content(&FeedbackState::Ask)
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

    /// The guide's page.
    fn page_of(guide: &Guide) -> String {
        let files = guide_files(guide, &[guide], None);
        assert_eq!(files.len(), 1, "one page per guide");
        String::from_utf8(files[0].bytes.clone()).expect("UTF-8")
    }

    /// The step sections of a guide's page by anchor, and the first one's.
    fn steps_of(page: &str) -> (HashMap<String, String>, String) {
        const START: &str = "<section class=\"step-page\" id=\"";
        let mut steps = HashMap::new();
        let mut first = None;
        for part in page.split(START).skip(1) {
            let (anchor, html) = part.split_once('"').expect("an id");
            first.get_or_insert_with(|| anchor.to_owned());
            steps.insert(anchor.to_owned(), html.to_owned());
        }
        (steps, first.expect("a step"))
    }

    #[test]
    fn every_relative_link_of_every_page_names_a_file_or_a_part_of_its_page() {
        every_link_names_a_file(&smart_lock());
        every_link_names_a_file(&garage_door());
    }

    #[test]
    fn a_guide_is_one_page_whose_size_grows_with_its_steps_not_its_paths() {
        let sizes: Vec<usize> = [10, 20, 70]
            .into_iter()
            .map(|n| page_of(&braid(n)).len())
            .collect();
        // 2^70 ways through 70 questions: a section each, no more.
        let (steps, _) = steps_of(&page_of(&braid(70)));
        assert_eq!(
            steps.len(),
            70 + 1 + 2,
            "70 questions, the outcome, full guide, picture"
        );
        let per_question = (sizes[2] - sizes[1]) / 50;
        assert!(per_question < 4_000, "{per_question} bytes per question");
        assert!(
            sizes[1] - sizes[0] <= (sizes[2] - sizes[1]) / 5 + 10 * 200,
            "linear: {sizes:?}"
        );
        // The shipped guides stay within the served pages' budget, gzipped.
        for guide in [smart_lock(), garage_door()] {
            let page = page_of(&guide);
            assert!(page.len() < 100_000, "{}: {} bytes", guide.id, page.len());
        }
    }

    #[test]
    fn a_guide_whose_answers_all_lead_on_walks_by_links() {
        let guide = braid(70);
        every_link_names_a_file(&guide);
        every_answer_opens_its_next_step(&guide);
    }

    #[test]
    fn every_answer_of_every_model_opens_its_next_step() {
        every_answer_opens_its_next_step(&smart_lock());
        every_answer_opens_its_next_step(&garage_door());
    }

    /// Every path of the smart-lock guide, walked without a script: from
    /// the first step, following the answer links (and a caution's "I
    /// understand"), to the step of its outcome.
    #[test]
    fn every_path_walks_by_links_to_its_outcome() {
        let guide = smart_lock();
        let (steps, first) = steps_of(&page_of(&guide));
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
                    let mut at = first.clone();
                    for step in &answers {
                        at = follow(&steps, &at, "I understand — show the step").unwrap_or(at);
                        at = link_with(&steps, &at, &format!("data-step=\"{step}\""))
                            .unwrap_or_else(|| panic!("{at} has no answer {step}"));
                    }
                    let outcome = &guide.outcomes[o];
                    assert!(
                        steps[&at].contains(&format!("data-path=\"{}\"", outcome.id)),
                        "{answers:?} led to {at}, not to {}",
                        outcome.id
                    );
                    walked += 1;
                }
            }
        }
        assert_eq!(walked, 11, "the smart-lock guide has 11 paths");
    }

    /// For every answer of every step (each model's too), the step it
    /// links to shows the question or outcome the answer leads to (or its
    /// caution first, whose link shows the question).
    fn every_answer_opens_its_next_step(guide: &Guide) {
        let (steps, _) = steps_of(&page_of(guide));
        for at in steps.keys() {
            for question in &guide.questions {
                for answer in &question.answers {
                    let step = format!("data-step=\"{}={}\"", question.id, answer.id);
                    let Some(mut next) = link_with(&steps, at, &step) else {
                        continue;
                    };
                    next = follow(&steps, &next, "I understand — show the step").unwrap_or(next);
                    assert!(
                        steps[&next].contains(&format!("data-path=\"{}\"", answer.next)),
                        "{at}: {step} opens {next}"
                    );
                }
            }
        }
    }

    /// The step a link of step `at` whose attributes include `marker` opens.
    fn link_with(steps: &HashMap<String, String>, at: &str, marker: &str) -> Option<String> {
        let html = steps.get(at)?;
        let found = html.find(marker)?;
        let start = html[..found].rfind("href=\"#")? + "href=\"#".len();
        let href = &html[start..];
        Some(href[..href.find('"')?].to_owned())
    }

    /// The step the link saying `text` on step `at` opens, if it has one.
    fn follow(steps: &HashMap<String, String>, at: &str, text: &str) -> Option<String> {
        link_with(steps, at, &format!(">{text}</a>"))
    }

    /// Asserts that every relative link of `guide`'s page and of the
    /// catalog names a file of the site, or an element of the page.
    fn every_link_names_a_file(guide: &Guide) {
        let mut files = guide_files(guide, &[guide], None);
        files.extend(catalogs([guide]));
        files.extend(shared_files());
        let paths: std::collections::HashSet<&str> =
            files.iter().map(|f| f.path.as_str()).collect();
        for file in files.iter().filter(|f| f.path.ends_with(".html")) {
            let page = String::from_utf8_lossy(&file.bytes);
            let folder = file.path.rsplit_once('/').map_or("", |(folder, _)| folder);
            for (_, link) in unstuck_testkit::hostile::addresses(&page) {
                if let Some(anchor) = link.strip_prefix('#') {
                    assert!(
                        page.contains(&format!(" id=\"{anchor}\"")),
                        "{} links to {link}, which it does not have",
                        file.path
                    );
                    continue;
                }
                let target = link.split('#').next().unwrap_or_default();
                if target.starts_with("data:") || target.contains("://") {
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
    }

    #[test]
    fn with_a_server_outcomes_post_feedback_there_and_link_its_contact_page() {
        let guide = smart_lock();
        let server = ServerAddress::parse("https://guides.example.com/").expect("an address");
        let files = guide_files(&guide, &[&guide], Some(&server));
        let page = String::from_utf8(files[0].bytes.clone()).expect("UTF-8");
        assert!(
            page.contains("form-action 'self' https://guides.example.com; base-uri 'none'"),
            "the policy allows that server's forms alone"
        );
        let (steps, first) = steps_of(&page);
        for (anchor, html) in &steps {
            let forms = html.matches("<form ").count();
            let outcome = anchor.starts_with("o_");
            assert_eq!(forms, usize::from(outcome), "{anchor}: {forms} forms");
        }
        let fixed = &steps["o_unlocked"];
        for part in [
            r#"<form method="post" action="https://guides.example.com/guides/smart-lock/feedback" data-server>"#,
            r#"<input type="hidden" name="outcome" value="unlocked">"#,
            r#"<input type="hidden" name="back" value="">"#,
            r#"<textarea id="o_unlocked-comment" name="comment""#,
        ] {
            assert!(fixed.contains(part), "{part} in {fixed}");
        }
        assert!(!fixed.contains("/contact"), "{fixed}");
        let help = &steps["o_locksmith"];
        assert!(
            help.contains(
                r#"href="https://guides.example.com/guides/smart-lock/contact?from=locksmith" data-server-link>Send my answers to support</a>"#
            ),
            "{help}"
        );
        assert!(!steps[&first].contains("<form"));
        // Ids stay unique in the page of many forms.
        let mut ids = std::collections::HashSet::new();
        for part in page.split(" id=\"").skip(1) {
            let id = part.split('"').next().unwrap_or_default();
            assert!(ids.insert(id), "{id} twice");
        }
    }

    #[test]
    fn without_a_server_a_page_has_no_form_and_says_how_to_reach_support() {
        let page = page_of(&smart_lock());
        assert!(page.contains("form-action 'none'"));
        assert!(!page.contains("<form"));
        let (steps, _) = steps_of(&page);
        assert!(
            steps["o_locksmith"].contains("This page cannot send your answers to support."),
            "{}",
            steps["o_locksmith"]
        );
        assert!(!steps["o_unlocked"].contains("cannot send"));
    }

    #[test]
    fn the_same_guide_gives_the_same_bytes() {
        let guide = smart_lock();
        assert_eq!(
            guide_files(&guide, &[&guide], None),
            guide_files(&guide, &[&guide], None)
        );
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
