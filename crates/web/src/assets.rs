//! The stylesheet (inlined into every page, allowed by its CSP hash) and
//! the optional script (served under a fingerprinted name, cached forever).

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

const STYLE: &str = include_str!("../assets/style.css");
const SCRIPT: &str = include_str!("../assets/app.js");
/// The service worker: served at `/sw.js` so that it may serve every page.
pub(crate) const SERVICE_WORKER: &str = include_str!("../assets/sw.js");
/// The web app manifest.
pub(crate) const MANIFEST: &str = r##"{"name":"Unstuck: troubleshooting guides","short_name":"Unstuck","start_url":"./","scope":"./","display":"standalone","background_color":"#ffffff","theme_color":"#0b57d0"}"##;

/// The assets, hashed once.
pub(crate) static ASSETS: std::sync::LazyLock<Assets> = std::sync::LazyLock::new(Assets::new);

/// The assets, with the names and hashes pages refer to them by.
pub(crate) struct Assets {
    style_hash: String,
    picture_style_hash: String,
    style_path: String,
    script_path: String,
}

impl Assets {
    fn new() -> Self {
        let csp_hash = |text: &str| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(text)));
        let style_hash = csp_hash(STYLE);
        let fingerprint = |text: &str| URL_SAFE_NO_PAD.encode(&Sha256::digest(text)[..9]);
        Self {
            style_hash,
            picture_style_hash: csp_hash(unstuck_core::graph::DARK_STYLE),
            style_path: format!("assets/style.{}.css", fingerprint(STYLE)),
            script_path: format!("assets/app.{}.js", fingerprint(SCRIPT)),
        }
    }

    /// The stylesheet, to inline in a `<style>` element.
    pub(crate) fn style(&self) -> &'static str {
        STYLE
    }

    /// Where a static site keeps the stylesheet, relative to its root: the
    /// name carries a hash of the content.
    pub(crate) fn style_path(&self) -> &str {
        &self.style_path
    }

    /// The CSP source that allows exactly the inline stylesheet.
    pub(crate) fn style_hash(&self) -> &str {
        &self.style_hash
    }

    /// The CSP source that allows exactly the decision-tree picture's own
    /// stylesheet (its dark mode), inline in a page or as a file.
    pub(crate) fn picture_style_hash(&self) -> &str {
        &self.picture_style_hash
    }

    /// Where the script is, relative to the site's root (served at `/` and
    /// this path): its name carries a hash of its content.
    pub(crate) fn script_path(&self) -> &str {
        &self.script_path
    }

    /// The script itself.
    pub(crate) fn script_source(&self) -> &'static str {
        SCRIPT
    }

    /// The script, if `path` (relative to the root) is its current
    /// fingerprinted path.
    pub(crate) fn script(&self, path: &str) -> Option<&'static str> {
        (path == self.script_path).then_some(SCRIPT)
    }
}
