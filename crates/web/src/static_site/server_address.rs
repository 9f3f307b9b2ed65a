//! Where a static site's forms post: the address of a running `unstuck
//! serve` (`unstuck build --server URL`).

use crate::security::SiteOrigin;

/// The address of the Unstuck server a static site's forms post to:
/// `https://guides.example.com`, maybe with a path it is served under
/// (`https://example.com/help`); no query, no fragment, no user name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    origin: SiteOrigin,
    /// The origin and the path, without a trailing `/`.
    base: String,
}

/// A `--server` that is not an http(s) address a form can post to.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "`{0}` is not the address of an Unstuck server: give its http(s) address with no query or fragment, like https://guides.example.com"
)]
pub struct NotAServerAddress(String);

impl ServerAddress {
    /// Reads the address as the flag gives it (a trailing `/` is allowed).
    pub fn parse(text: &str) -> Result<Self, NotAServerAddress> {
        let refused = || NotAServerAddress(text.to_owned());
        let trimmed = text.trim_end_matches('/');
        let origin = SiteOrigin::of_address(trimmed).ok_or_else(refused)?;
        let path = trimmed
            .split_once("://")
            .and_then(|(_, rest)| rest.find('/').map(|slash| &rest[slash..]))
            .unwrap_or("");
        let path_fits = path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_' | '~'));
        if !path_fits || path.contains("//") {
            return Err(refused());
        }
        let base = format!("{}{path}", origin.as_str());
        Ok(Self { origin, base })
    }

    /// The server's origin: what a page's `form-action` allows.
    pub fn origin(&self) -> &SiteOrigin {
        &self.origin
    }

    /// The address as given, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// The server's address of `path` (which starts with `/`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_is_an_http_address_without_query_or_fragment() {
        for (text, base) in [
            ("https://Guides.example.com/", "https://guides.example.com"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("https://example.com:443/help/", "https://example.com/help"),
        ] {
            let server = ServerAddress::parse(text).expect("an address");
            assert_eq!(server.url("/guides/x"), format!("{base}/guides/x"));
        }
        for bad in [
            "guides.example.com",
            "ftp://guides.example.com",
            "https://guides.example.com/?x=1",
            "https://guides.example.com/#x",
            "https://user@guides.example.com",
            "https://guides.example.com/a b",
            "https://guides.example.com/\"><script>",
            "https://guides.example.com//evil.example",
            "javascript:alert(1)",
            "https://",
        ] {
            assert_eq!(
                ServerAddress::parse(bad),
                Err(NotAServerAddress(bad.to_owned())),
                "{bad}"
            );
        }
    }
}
