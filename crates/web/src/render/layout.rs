//! The page shell: head (inline stylesheet, optional deferred script,
//! structured data), a small header, the main content and a footer.

use super::words::Words;
use crate::assets::ASSETS;
use crate::security::SiteOrigin;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use unstuck_core::Guide;

/// The content security policy of a static site's pages: its own files
/// only (and the decision-tree picture's own stylesheet), no inline script,
/// no outside image, and no form, or (built with `--server`) forms posting
/// to that server only (and `'self'`, where it sends the person back:
/// some browsers hold a redirect after a post to `form-action` too).
fn static_policy(forms_to: Option<&SiteOrigin>) -> String {
    let form_action = match forms_to {
        Some(server) => format!("'self' {}", server.as_str()),
        None => "'none'".to_owned(),
    };
    format!(
        "default-src 'none'; style-src 'self' {}; script-src 'self'; \
         img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
         form-action {form_action}; base-uri 'none'",
        ASSETS.picture_style_hash()
    )
}

/// What a page puts in the shell.
pub(crate) struct Page {
    /// The document title: what the tab and a screen reader announce first.
    pub(crate) title: String,
    /// The language of the content (a guide's may be one whose
    /// interface text Unstuck lacks: then `words` are English).
    pub(crate) lang: String,
    /// The interface text.
    pub(crate) words: Words,
    /// The language whose catalog the site's name links to, when it is
    /// not the site's own (`de` for `/de/`); `None`: the site's root.
    pub(crate) home_lang: Option<String>,
    /// The same page in other languages, for `hreflang` links and the
    /// language switcher (empty: there are none).
    pub(crate) alternates: Vec<Alternate>,
    /// The meta description.
    pub(crate) description: Option<String>,
    /// JSON-LD structured data, already serialised.
    pub(crate) structured_data: Option<String>,
    /// The content of `<main>`.
    pub(crate) main: Markup,
    /// Where the page stands, which says how it refers to the shared files.
    pub(crate) root: Root,
    /// Whether the page reloads itself when the guides change (a server
    /// run with `serve --watch`, for authors).
    pub(crate) live_reload: bool,
    /// The server a static page's forms post to (none: it has no form).
    pub(crate) forms_to: Option<SiteOrigin>,
}

/// The same page in another language.
#[derive(Debug, Clone)]
pub(crate) struct Alternate {
    /// The language's tag (`de`).
    pub(crate) lang: String,
    /// The language's name in itself (`Deutsch`).
    pub(crate) name: String,
    /// The page's address in that language.
    pub(crate) href: String,
    /// Whether this is the page itself.
    pub(crate) current: bool,
}

/// Where a page stands in the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Root {
    /// Served: shared files at absolute paths, the stylesheet inlined (one
    /// request for the first paint, allowed by the CSP's hash).
    Served,
    /// In a static site, this many folders below its root: every address
    /// relative, the stylesheet a file cached once for all the site's pages.
    Static(&'static str),
}

impl Page {
    /// A page with just a title and content, in the language of `words`.
    pub(crate) fn new(words: Words, title: impl Into<String>, main: Markup) -> Self {
        Self {
            title: title.into(),
            lang: words.tag().to_owned(),
            words,
            alternates: Vec::new(),
            home_lang: None,
            description: None,
            structured_data: None,
            main,
            root: Root::Served,
            live_reload: false,
            forms_to: None,
        }
    }

    /// A page of `guide`: in its language, the site's name leading to the
    /// catalog of that language.
    pub(crate) fn of_guide(guide: &Guide, title: impl Into<String>, main: Markup) -> Self {
        Self {
            lang: guide.lang.clone(),
            home_lang: guide.translated_from.is_some().then(|| guide.lang.clone()),
            description: Some(guide.summary.plain()),
            ..Self::new(Words::of(guide), title, main)
        }
    }

    /// The same page, standing at `root`.
    pub(crate) fn at(self, root: Root) -> Self {
        Self { root, ..self }
    }

    /// The same page, reloading itself when the guides change, or not.
    pub(crate) fn live(self, live_reload: bool) -> Self {
        Self {
            live_reload,
            ..self
        }
    }

    /// The same page, linking to itself in other languages.
    pub(crate) fn in_languages(self, alternates: Vec<Alternate>) -> Self {
        Self { alternates, ..self }
    }

    /// Renders the whole document.
    pub(crate) fn render(self) -> String {
        let language = self
            .home_lang
            .as_deref()
            .map_or(String::new(), |lang| format!("{lang}/"));
        let (root, home) = match self.root {
            Root::Served => ("/", format!("/{language}")),
            Root::Static(root) => (root, format!("{root}{language}index.html")),
        };
        let script = format!("{root}{}", ASSETS.script_path());
        let words = self.words;
        html! {
            (DOCTYPE)
            html lang=(self.lang) dir=(unstuck_locale::direction_of(&self.lang).as_str()) data-live-reload[self.live_reload] {
                head {
                    meta charset="utf-8";
                    @if let Root::Static(_) = self.root {
                        // No server sends headers for a static site: the page
                        // carries its own policy, a wall behind the renderer's.
                        meta http-equiv="Content-Security-Policy" content=(static_policy(self.forms_to.as_ref()));
                    }
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (self.title) }
                    @if let Some(description) = &self.description {
                        meta name="description" content=(description);
                    }
                    meta name="color-scheme" content="light dark";
                    link rel="icon" href="data:,";
                    link rel="manifest" href=(format!("{root}manifest.webmanifest"));
                    @match self.root {
                        Root::Served => { style { (PreEscaped(ASSETS.style())) } }
                        Root::Static(root) => { link rel="stylesheet" href=(format!("{root}{}", ASSETS.style_path())); }
                    }
                    script src=(script) defer {}
                    @for alternate in self.alternates.iter().filter(|a| !a.current) {
                        link rel="alternate" hreflang=(alternate.lang) href=(alternate.href);
                    }
                    @if let Some(data) = &self.structured_data {
                        script type="application/ld+json" { (PreEscaped(data)) }
                    }
                }
                body {
                    @if self.root == Root::Served {
                        // A static guide page shows the step its address's
                        // fragment names: a jump to `#main` would lose it.
                        a.skip href="#main" { (words.get("skip-to-content")) }
                    }
                    header.site {
                        div.wrap {
                            a href=(home) { "Unstuck" }
                            span.muted { (words.get("site-tagline")) }
                            @if self.alternates.len() > 1 {
                                (switcher(&self.alternates, words))
                            }
                        }
                    }
                    main id="main" class="wrap" { (self.main) }
                    footer.site {
                        div.wrap {
                            p { (words.get("site-privacy")) }
                        }
                    }
                }
            }
        }
        .into_string()
    }
}

/// Links to the page in each language it exists in, each named in its own
/// language; the current one marked for screen readers too. The others
/// carry the offer the optional script makes to a reader whose browser
/// prefers that language ("Diese Anleitung auf Deutsch lesen").
fn switcher(alternates: &[Alternate], words: Words) -> Markup {
    html! {
        nav.languages aria-label=(words.get("language-switcher")) {
            ul {
                @for alternate in alternates {
                    li {
                        @if alternate.current {
                            a href=(alternate.href) lang=(alternate.lang) hreflang=(alternate.lang) aria-current="page" { (alternate.name) }
                        } @else {
                            a href=(alternate.href) lang=(alternate.lang) hreflang=(alternate.lang)
                                data-offer=(Words::of_lang(&alternate.lang).get("read-in-language")) { (alternate.name) }
                        }
                    }
                }
            }
        }
    }
}
