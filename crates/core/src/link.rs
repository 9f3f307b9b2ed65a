//! The one decision about where a link in guide text may point.
//!
//! Guide files are untrusted input, so the checker and every renderer ask
//! this module alone: a link is either to a part of the guide (`#id`) or
//! to a web page, an email address or a phone number. Anything else
//! (`javascript:`, `data:`, relative paths, a scheme in capitals) is not a
//! link: the checker reports it and renderers show its text without one.

/// The schemes a link may use, as the link must start.
pub const ALLOWED_SCHEMES: [&str; 4] = ["https://", "http://", "mailto:", "tel:"];

/// Where an allowed link points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkTarget<'a> {
    /// To the part of the guide with this id (written `#id`).
    InGuide(&'a str),
    /// To an address with one of the [`ALLOWED_SCHEMES`], as written.
    Outside(&'a str),
}

impl<'a> LinkTarget<'a> {
    /// What a link's destination is, or `None` when it may not be a link.
    pub fn of(dest: &'a str) -> Option<Self> {
        if let Some(id) = dest.strip_prefix('#') {
            return Some(Self::InGuide(id));
        }
        let allowed = ALLOWED_SCHEMES
            .iter()
            .any(|scheme| dest.len() > scheme.len() && dest.starts_with(scheme));
        // A control character or space could hide a scheme from a browser.
        let clean = !dest.chars().any(|c| c.is_control() || c.is_whitespace());
        (allowed && clean).then_some(Self::Outside(dest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guide_parts_and_web_addresses_are_links() {
        assert_eq!(LinkTarget::of("#check"), Some(LinkTarget::InGuide("check")));
        for dest in [
            "https://example.com/a?b=c",
            "http://example.com",
            "mailto:help@example.com",
            "tel:+4930123456",
        ] {
            assert_eq!(LinkTarget::of(dest), Some(LinkTarget::Outside(dest)));
        }
    }

    #[test]
    fn anything_else_is_not() {
        for dest in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "HTTPS://example.com",
            "//example.com",
            "/etc/passwd",
            "../x.html",
            "x.html",
            "",
            "https://",
            "https://exa mple.com",
            "https://example.com\u{0}",
        ] {
            assert_eq!(LinkTarget::of(dest), None, "{dest:?}");
        }
    }
}
