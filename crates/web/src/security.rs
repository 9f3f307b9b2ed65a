//! The layers around every response: security headers (a strict CSP that
//! allows exactly the inline stylesheet), cross-site form protection, size
//! and time limits, compression of what the page cache did not compress.

use crate::assets::ASSETS;
use crate::render::errors;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Response, StatusCode, header};
use maud::html;
use std::sync::LazyLock;
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::csrf::{CsrfLayer, ProtectionError, ResponseForProtectionError};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// The largest request body accepted (the feedback form is the only one).
const MAX_BODY_BYTES: usize = 16 * 1024;

/// How long a request may take before it is answered with 408.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// The security headers every response carries.
static HEADERS: LazyLock<[(HeaderName, HeaderValue); 5]> = LazyLock::new(|| {
    let csp = format!(
        "default-src 'none'; style-src {}; script-src 'self'; img-src 'self' data:; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'; manifest-src 'self'",
        ASSETS.style_hash()
    );
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'none'")),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ]
});

/// The security headers every response carries, for responses built
/// ahead of time (cached pages) to carry them too.
pub(crate) fn headers() -> &'static [(HeaderName, HeaderValue)] {
    HEADERS.as_slice()
}

/// Security headers on every response.
pub(crate) fn layers(router: Router) -> Router {
    router.layer(axum::middleware::map_response(
        |mut response: axum::response::Response| async move {
            for (name, value) in headers() {
                response
                    .headers_mut()
                    .entry(name)
                    .or_insert_with(|| value.clone());
            }
            response
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
                p { "For your safety, feedback is only accepted from this site's own pages." }
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
