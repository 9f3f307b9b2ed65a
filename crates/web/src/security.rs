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
    pub(crate) fn new(embedders: &[EmbedOrigin]) -> Self {
        let frame_ancestors = if embedders.is_empty() {
            "'none'".to_owned()
        } else {
            let origins: Vec<&str> = embedders.iter().map(EmbedOrigin::as_str).collect();
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

/// A site allowed to show the pages in a frame: `https://help.example.com`
/// (a scheme, a host and maybe a port; nothing else).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedOrigin(String);

/// An `--embed-origin` that is not an origin.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "`{0}` is not a site's origin: give the scheme and host (and port) only, like https://help.example.com"
)]
pub struct NotAnOrigin(String);

impl EmbedOrigin {
    /// Reads an origin as the flag gives it (a trailing `/` is allowed).
    pub fn parse(text: &str) -> Result<Self, NotAnOrigin> {
        let refused = || NotAnOrigin(text.to_owned());
        let trimmed = text.strip_suffix('/').unwrap_or(text);
        let (scheme, host) = trimmed.split_once("://").ok_or_else(refused)?;
        let host_fits = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
        if matches!(scheme, "http" | "https") && host_fits {
            Ok(Self(trimmed.to_ascii_lowercase()))
        } else {
            Err(refused())
        }
    }

    /// The origin, as written in the CSP.
    pub fn as_str(&self) -> &str {
        &self.0
    }
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

/// Around the routes that take a form: cross-site protection, a body size
/// limit and a time limit (they wait on the database).
pub(crate) fn form_layers<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .route_layer(CsrfLayer::new().with_rejection_response(CrossSite))
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
    fn an_embedding_site_is_an_origin_and_nothing_more() {
        assert_eq!(
            EmbedOrigin::parse("https://Help.example.com/").map(|o| o.0),
            Ok("https://help.example.com".to_owned())
        );
        assert!(EmbedOrigin::parse("http://127.0.0.1:8081").is_ok());
        for bad in [
            "help.example.com",
            "https://help.example.com/guides",
            "https://help.example.com; script-src *",
            "javascript://x",
            "https://",
        ] {
            assert_eq!(
                EmbedOrigin::parse(bad),
                Err(NotAnOrigin(bad.to_owned())),
                "{bad}"
            );
        }
    }
}
