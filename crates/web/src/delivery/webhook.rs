//! A webhook destination: the hand-off's JSON posted to a URL, signed with
//! HMAC-SHA256 of the body under the shared secret
//! (`Unstuck-Signature: sha256=<hex>`), with an `Idempotency-Key` header.
//! The receiver's status decides: 2xx is delivered; 408, 425, 429 and 5xx
//! (and timeouts, refused connections) are tried again later; any other
//! answer is given up on, as sending the same request again would get the
//! same answer.
//!
//! HTTP goes through hyper (already the server's HTTP stack) with
//! hyper-util's client and rustls, so there is one HTTP implementation in
//! the binary; redirects are not followed (an answer of 3xx says the URL
//! should be changed).

use super::Sent;
use axum::body::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use http_body_util::Full;
use hyper::http::{Method, Request, StatusCode, Uri, header};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;
use thiserror::Error;

/// The header carrying the body's signature.
pub(crate) const SIGNATURE_HEADER: &str = "unstuck-signature";

/// The fewest characters a webhook secret may have.
const MIN_SECRET_CHARS: usize = 16;

/// A webhook URL or secret that cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum WebhookError {
    /// The URL is not an absolute http(s) URL.
    #[error(
        "`{0}` is not a webhook URL: give an absolute http:// or https:// address, like https://desk.example.com/hooks/unstuck"
    )]
    BadUrl(String),
    /// HTTPS cannot be set up (the TLS library refused its settings).
    #[error("HTTPS cannot be set up for webhooks: {0}")]
    Tls(String),
    /// The secret is missing or too short to sign with.
    #[error(
        "the hand-off secret (--handoff-secret or UNSTUCK_HANDOFF_SECRET) must have at least {MIN_SECRET_CHARS} characters to sign webhooks; `openssl rand -hex 32` makes one"
    )]
    WeakSecret,
}

/// A URL hand-offs are posted to, and the secret that signs them.
#[derive(Clone)]
pub struct Webhook {
    url: String,
    uri: Uri,
    secret: Arc<[u8]>,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhook")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Webhook {
    /// A webhook at `url` signed with `secret`.
    pub fn new(url: &str, secret: &str) -> Result<Self, WebhookError> {
        if secret.chars().count() < MIN_SECRET_CHARS {
            return Err(WebhookError::WeakSecret);
        }
        let bad = || WebhookError::BadUrl(url.to_owned());
        let uri: Uri = url.parse().map_err(|_| bad())?;
        let scheme_fits = matches!(uri.scheme_str(), Some("http" | "https"));
        if !scheme_fits || uri.host().is_none_or(str::is_empty) {
            return Err(bad());
        }
        Ok(Self {
            url: url.to_owned(),
            uri,
            secret: Arc::from(secret.as_bytes()),
        })
    }

    /// The URL, as configured.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether hand-offs would cross a network unencrypted: a plain
    /// `http://` URL whose host is not this machine's loopback.
    pub(crate) fn sends_in_clear(&self) -> bool {
        if self.uri.scheme_str() != Some("http") {
            return false;
        }
        let host = self.uri.host().unwrap_or_default();
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let loopback = host
            .parse::<std::net::IpAddr>()
            .map_or_else(|_| is_localhost(host), |ip| ip.is_loopback());
        !loopback
    }

    /// Where it is, without user part, path or query (which may hold a
    /// token): for logs.
    pub(crate) fn origin(&self) -> String {
        super::shown(&format!("webhook {}", self.uri))
            .trim_start_matches("webhook ")
            .to_owned()
    }
}

/// `localhost` and its subdomains, which resolve to the loopback (RFC 6761).
fn is_localhost(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

/// `sha256=<hex>`: HMAC-SHA256 of `body` under `secret`.
pub(crate) fn signature(secret: &[u8], body: &[u8]) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Posts hand-offs to webhooks; one connection pool for all of them.
#[derive(Clone)]
pub(crate) struct Poster {
    client: HyperClient<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

impl Poster {
    /// A poster that gives up connecting after `timeout`, trusting the
    /// Mozilla roots for HTTPS.
    pub(crate) fn new(timeout: Duration) -> Result<Self, WebhookError> {
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(timeout));
        let https = HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|error| WebhookError::Tls(error.to_string()))?
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        Ok(Self {
            client: HyperClient::builder(TokioExecutor::new()).build(https),
        })
    }

    /// Posts `body` (the hand-off's JSON, whose idempotency key is `key`) to `webhook`.
    pub(super) async fn post(&self, webhook: &Webhook, key: &str, body: &str) -> Sent {
        let request = Request::builder()
            .method(Method::POST)
            .uri(webhook.uri.clone())
            .header(header::CONTENT_TYPE, "application/json")
            .header(
                header::USER_AGENT,
                concat!("unstuck/", env!("CARGO_PKG_VERSION")),
            )
            .header(
                SIGNATURE_HEADER,
                signature(&webhook.secret, body.as_bytes()),
            )
            .header("idempotency-key", key)
            .body(Full::new(Bytes::from(body.to_owned())));
        let request = match request {
            Ok(request) => request,
            Err(error) => return Sent::Permanent(format!("cannot build the request: {error}")),
        };
        // The worker bounds the whole attempt by the timeout.
        match self.client.request(request).await {
            Err(error) => Sent::Transient(format!("cannot reach it: {error}")),
            Ok(response) => by_status(response.status()),
        }
    }
}

/// What the receiver's status means for the hand-off.
fn by_status(status: StatusCode) -> Sent {
    let said = format!("answered {status}");
    if status.is_success() {
        Sent::Delivered
    } else if status.is_server_error() || matches!(status.as_u16(), 408 | 425 | 429) {
        Sent::Transient(said)
    } else if status.is_redirection() {
        Sent::Permanent(format!(
            "{said}: redirects are not followed; give the final URL"
        ))
    } else {
        Sent::Permanent(said)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_the_body_in_hex() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn the_status_decides_between_done_later_and_never() {
        assert_eq!(by_status(StatusCode::NO_CONTENT), Sent::Delivered);
        for status in [500, 502, 503, 408, 429] {
            let status = StatusCode::from_u16(status).expect("a status");
            assert!(matches!(by_status(status), Sent::Transient(_)), "{status}");
        }
        for status in [400, 401, 404, 410, 301] {
            let status = StatusCode::from_u16(status).expect("a status");
            assert!(matches!(by_status(status), Sent::Permanent(_)), "{status}");
        }
    }

    #[test]
    fn only_plain_http_off_this_machine_sends_in_clear() {
        let secret = "0123456789abcdef0123";
        let in_clear = |url: &str| Webhook::new(url, secret).map(|w| w.sends_in_clear());
        for url in [
            "http://desk.example.com/hook",
            "http://10.0.0.7:8080/hook",
            "http://localhost.example.com/",
        ] {
            assert_eq!(in_clear(url), Ok(true), "{url}");
        }
        for url in [
            "https://desk.example.com/hook",
            "http://127.0.0.1:9000/hook",
            "http://[::1]:9000/hook",
            "http://LocalHost:9000/hook",
            "http://desk.localhost/hook",
        ] {
            assert_eq!(in_clear(url), Ok(false), "{url}");
        }
    }

    #[test]
    fn a_webhook_needs_an_http_url_and_a_real_secret() {
        let secret = "0123456789abcdef0123";
        assert!(Webhook::new("https://desk.example.com/hook?token=x", secret).is_ok());
        assert_eq!(
            Webhook::new("https://desk.example.com/hook?token=x", secret)
                .map(|w| w.origin())
                .ok()
                .as_deref(),
            Some("https://desk.example.com"),
            "logs never show the path or query"
        );
        for url in [
            "desk.example.com",
            "ftp://desk.example.com/",
            "/hook",
            "https://",
        ] {
            assert_eq!(
                Webhook::new(url, secret).err(),
                Some(WebhookError::BadUrl(url.to_owned())),
                "{url}"
            );
        }
        assert_eq!(
            Webhook::new("https://desk.example.com/", "short").err(),
            Some(WebhookError::WeakSecret)
        );
    }
}
