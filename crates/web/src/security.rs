//! The layers around every response: security headers (a strict CSP that
//! allows exactly the inline stylesheet), cross-site form protection, size
//! and time limits, compression of what the page cache did not compress.

use crate::assets::ASSETS;
use crate::render::errors;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Response, StatusCode, header};
use maud::html;
use std::sync::Arc;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::{CsrfLayer, ProtectionError, ResponseForProtectionError};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// The largest request body accepted (the feedback and contact forms, and
/// an operator's retry).
const MAX_BODY_BYTES: usize = 16 * 1024;

/// How long a request may take before it is answered with 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// The security headers every response of one app carries: a strict CSP
/// (whose `frame-ancestors` names the sites that may frame the pages,
/// `--embed-origin`), and the headers that go with it.
#[derive(Debug)]
pub(crate) struct SecurityHeaders(Vec<(HeaderName, HeaderValue)>);

impl SecurityHeaders {
    /// The headers of an app the `embedders` may show in a frame (none:
    /// no site may).
    pub(crate) fn new(embedders: &[SiteOrigin]) -> Self {
        let frame_ancestors = if embedders.is_empty() {
            "'none'".to_owned()
        } else {
            let origins: Vec<&str> = embedders.iter().map(SiteOrigin::as_str).collect();
            format!("'self' {}", origins.join(" "))
        };
        let csp = format!(
            "default-src 'none'; style-src {}; script-src 'self'; img-src 'self' data:; \
             form-action 'self'; frame-ancestors {frame_ancestors}; base-uri 'none'; connect-src 'self'; manifest-src 'self'",
            ASSETS.style_hash()
        );
        let mut headers = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&csp)
                    .unwrap_or(HeaderValue::from_static("default-src 'none'")),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ];
        // X-Frame-Options has no list of sites: only the CSP says who may frame.
        if embedders.is_empty() {
            headers.push((header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")));
        }
        Self(headers)
    }

    /// Each header with its value.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &(HeaderName, HeaderValue)> {
        self.0.iter()
    }
}

impl Default for SecurityHeaders {
    fn default() -> Self {
        Self::new(&[])
    }
}

/// A site's origin: `https://help.example.com` (a scheme, a host and maybe
/// a port; nothing else), as a browser sends it in `Origin`. Names the
/// sites that may frame the pages (`--embed-origin`) and those whose pages
/// may post the forms (`--allow-origin`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteOrigin(String);

/// An `--embed-origin` or `--allow-origin` that is not an origin.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "`{0}` is not a site's origin: give the scheme and host (and port) only, like https://help.example.com"
)]
pub struct NotAnOrigin(String);

impl SiteOrigin {
    /// Reads an origin as a flag gives it (a trailing `/` is allowed; a
    /// default port is dropped, as browsers drop it).
    pub fn parse(text: &str) -> Result<Self, NotAnOrigin> {
        let trimmed = text.strip_suffix('/').unwrap_or(text);
        Self::of_parts(trimmed).ok_or_else(|| NotAnOrigin(text.to_owned()))
    }

    /// The origin of an absolute `http(s)` address, if it has a plain one
    /// (no user name, no backslash, no space or control character).
    pub(crate) fn of_address(address: &str) -> Option<Self> {
        if !address.bytes().all(|b| b.is_ascii_graphic()) || address.contains('\\') {
            return None;
        }
        let (scheme, rest) = address.split_once("://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        Self::of_parts(&format!("{scheme}://{}", &rest[..end]))
    }

    /// `scheme://host[:port]`, checked and made as a browser writes it.
    fn of_parts(text: &str) -> Option<Self> {
        let (scheme, host) = text.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let host = host.to_ascii_lowercase();
        let host_fits = !host.is_empty()
            && !host.starts_with(':')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        let default_port = match scheme.as_str() {
            "http" => ":80",
            "https" => ":443",
            _ => return None,
        };
        let host = host.strip_suffix(default_port).unwrap_or(&host);
        host_fits.then(|| Self(format!("{scheme}://{host}")))
    }

    /// The origin, as written in the CSP and sent in `Origin`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `back` if it is an absolute address on one of the `allowed` sites: where
/// a form posted from there may send the person back to (never anywhere
/// else: no open redirect).
pub(crate) fn back_to<'a>(allowed: &[SiteOrigin], back: &'a str) -> Option<&'a str> {
    let origin = SiteOrigin::of_address(back)?;
    allowed.contains(&origin).then_some(back)
}

/// `headers` on every response (those it has not set itself).
pub(crate) fn layers(router: Router, headers: Arc<SecurityHeaders>) -> Router {
    router.layer(axum::middleware::map_response(
        move |mut response: axum::response::Response| {
            let headers = Arc::clone(&headers);
            async move {
                for (name, value) in headers.iter() {
                    response
                        .headers_mut()
                        .entry(name)
                        .or_insert_with(|| value.clone());
                }
                response
            }
        },
    ))
}

/// Around the routes that take a form: cross-site protection (posts from
/// the `trusted` sites' pages are accepted too), a body size limit and a
/// time limit (they wait on the database).
pub(crate) fn form_layers<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    trusted: &[SiteOrigin],
) -> Router<S> {
    let mut csrf = CsrfLayer::new();
    for origin in trusted {
        match csrf.clone().add_trusted_origin(origin.as_str()) {
            Ok(with) => csrf = with,
            Err(error) => tracing::warn!(%error, origin = origin.as_str(), "origin not trusted"),
        }
    }
    router
        .route_layer(csrf.with_rejection_response(CrossSite))
        .route_layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .route_layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
}

/// Around the JSON API and the script: compression (pages come
/// compressed from their cache).
pub(crate) fn compressed<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router.layer(CompressionLayer::new().br(true).gzip(true))
}

/// The answer to a form posted from another site.
#[derive(Debug, Clone, Copy)]
struct CrossSite;

impl ResponseForProtectionError<Body> for CrossSite {
    fn response_for_protection_error(&mut self, _error: ProtectionError) -> Response<Body> {
        let body = errors::page(
            crate::render::words::Words::english(),
            "This form was sent from another site",
            html! {
                p { "For your safety, forms are only accepted from this site's own pages." }
                p { a.btn href="/" { "See all guides" } }
            },
        )
        .render();
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = StatusCode::FORBIDDEN;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_is_an_origin_and_nothing_more() {
        assert_eq!(
            SiteOrigin::parse("https://Help.example.com/").map(|o| o.0),
            Ok("https://help.example.com".to_owned())
        );
        assert_eq!(
            SiteOrigin::parse("https://help.example.com:443").map(|o| o.0),
            Ok("https://help.example.com".to_owned())
        );
        assert!(SiteOrigin::parse("http://127.0.0.1:8081").is_ok());
        for bad in [
            "help.example.com",
            "https://help.example.com/guides",
            "https://help.example.com; script-src *",
            "javascript://x",
            "https://",
            "https://:443",
            "https://user@help.example.com",
        ] {
            assert_eq!(
                SiteOrigin::parse(bad),
                Err(NotAnOrigin(bad.to_owned())),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_form_sends_back_only_to_an_allowed_site() {
        let allowed = [
            SiteOrigin::parse("https://help.example.com").expect("an origin"),
            SiteOrigin::parse("http://127.0.0.1:8081").expect("an origin"),
        ];
        for good in [
            "https://help.example.com/guides/lock.html#outcome-x",
            "https://HELP.example.com:443/guides/lock.html?path=a%3Db",
            "http://127.0.0.1:8081/guides/lock.html",
            "https://help.example.com",
        ] {
            assert_eq!(back_to(&allowed, good), Some(good), "{good}");
        }
        for hostile in [
            "",
            "/guides/lock.html",
            "//evil.example/x",
            "https://evil.example/guides/lock.html",
            "https://help.example.com.evil.example/",
            "https://help.example.com@evil.example/",
            "https://evil.example\\@help.example.com/",
            "https://help.example.com\\@evil.example/",
            "https:/\\evil.example",
            "javascript://help.example.com/%0Aalert(1)",
            "javascript:alert(1)",
            "data:text/html,x",
            "http://help.example.com/",
            "https://help.example.com:444/",
            "http://127.0.0.1:8082/",
            "https://help.example.com/\r\nSet-Cookie:x",
            "https://help.example.com /x",
            " https://help.example.com/",
        ] {
            assert_eq!(back_to(&allowed, hostile), None, "{hostile}");
        }
    }
}
