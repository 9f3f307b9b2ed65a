//! The page shell: head (inline stylesheet, optional deferred script,
//! structured data), a small header, the main content and a footer.

use crate::assets::ASSETS;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether pages ask to be reloaded when the guides change (watch mode,
/// for authors; a server either watches or not, for its whole life).
static LIVE_RELOAD: AtomicBool = AtomicBool::new(false);

/// Turns live reload on for every page rendered from now on.
pub(crate) fn set_live_reload(on: bool) {
    if on {
        LIVE_RELOAD.store(true, Ordering::Relaxed);
    }
}
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The content security policy of a static site's pages: its own files
/// only (and the decision-tree picture's own stylesheet), no inline script,
/// no form, no outside image.
static STATIC_POLICY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "default-src 'none'; style-src 'self' {}; script-src 'self'; \
         img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
         form-action 'none'; base-uri 'none'",
        ASSETS.picture_style_hash()
    )
});

/// What a page puts in the shell.
pub(crate) struct Page {
    /// The document title: what the tab and a screen reader announce first.
    pub(crate) title: String,
    /// The language of the content.
    pub(crate) lang: String,
    /// The meta description.
    pub(crate) description: Option<String>,
    /// JSON-LD structured data, already serialised.
    pub(crate) structured_data: Option<String>,
    /// The content of `<main>`.
    pub(crate) main: Markup,
    /// Where the page stands, which says how it refers to the shared files.
    pub(crate) root: Root,
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
    /// A page with just a title and content, in English.
    pub(crate) fn new(title: impl Into<String>, main: Markup) -> Self {
        Self {
            title: title.into(),
            lang: "en".to_owned(),
            description: None,
            structured_data: None,
            main,
            root: Root::Served,
        }
    }

    /// The same page, standing at `root`.
    pub(crate) fn at(self, root: Root) -> Self {
        Self { root, ..self }
    }

    /// Renders the whole document.
    pub(crate) fn render(self) -> String {
        let (root, home) = match self.root {
            Root::Served => ("/", "/".to_owned()),
            Root::Static(root) => (root, format!("{root}index.html")),
        };
        let script = format!("{root}{}", ASSETS.script_path());
        html! {
            (DOCTYPE)
            html lang=(self.lang) data-live-reload[LIVE_RELOAD.load(Ordering::Relaxed)] {
                head {
                    meta charset="utf-8";
                    @if let Root::Static(_) = self.root {
                        // No server sends headers for a static site: the page
                        // carries its own policy, a wall behind the renderer's.
                        meta http-equiv="Content-Security-Policy" content=(STATIC_POLICY.as_str());
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
                    @if let Some(data) = &self.structured_data {
                        script type="application/ld+json" { (PreEscaped(data)) }
                    }
                }
                body {
                    @if self.root == Root::Served {
                        // A static guide page shows the step its address's
                        // fragment names: a jump to `#main` would lose it.
                        a.skip href="#main" { "Skip to content" }
                    }
                    header.site {
                        div.wrap {
                            a href=(home) { "Unstuck" }
                            span.muted { "Troubleshooting guides" }
                        }
                    }
                    main id="main" class="wrap" { (self.main) }
                    footer.site {
                        div.wrap {
                            p { "Unstuck sets no cookies and keeps your answers only in the page address." }
                        }
                    }
                }
            }
        }
        .into_string()
    }
}
