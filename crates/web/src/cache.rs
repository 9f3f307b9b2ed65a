//! Rendered pages, compressed once and kept: a page depends only on the
//! guide's version and the URL, so the same state is never rendered or
//! compressed twice. Responses negotiate brotli, gzip or none, carry a weak
//! ETag, and answer `If-None-Match` with 304. Each cache counts its hits
//! and misses, for `/metrics`. Pages asked for again and again (guide
//! states) are compressed hard; pages rarely asked twice (searches) are
//! compressed cheaply and kept apart, and so are the other spellings of an
//! address: neither can push guide pages out. Every header a page is
//! answered with (security headers included) is built once, with the page:
//! answering is a clone and a body handle.

use crate::events::PageEvent;
use crate::security::SecurityHeaders;
use crate::tally::Tally;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::Arc;

/// How long browsers and proxies may keep a page without asking again.
pub(crate) const PAGE_CACHE_CONTROL: &str = "public, max-age=300";

/// A rendered page in each encoding, with the headers of each answer.
#[derive(Debug)]
pub(crate) struct CachedPage {
    /// What showing this page means, for analytics.
    pub(crate) events: Vec<PageEvent>,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
    etag: HeaderValue,
    /// `(content type, cache control)`, to prepare its headers again.
    kind: (&'static str, &'static str),
    headers: Prepared,
}

/// The headers of every answer a page can give, built once.
#[derive(Debug)]
struct Prepared {
    not_modified: HeaderMap,
    identity: HeaderMap,
    gzip: HeaderMap,
    brotli: HeaderMap,
}

impl Prepared {
    fn new(
        etag: &HeaderValue,
        (content_type, cache_control): (&'static str, &'static str),
        security: &SecurityHeaders,
    ) -> Self {
        let mut not_modified = HeaderMap::new();
        for (name, value) in security.iter() {
            not_modified.insert(name, value.clone());
        }
        not_modified.insert(header::ETAG, etag.clone());
        not_modified.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        not_modified.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        let mut identity = not_modified.clone();
        identity.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        let encoded = |encoding: &'static str| {
            let mut headers = identity.clone();
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            headers
        };
        Self {
            gzip: encoded("gzip"),
            brotli: encoded("br"),
            not_modified,
            identity,
        }
    }
}

#[derive(Clone)]
struct BytesWeighter;

impl Weighter<String, Arc<CachedPage>> for BytesWeighter {
    fn weight(&self, key: &String, page: &Arc<CachedPage>) -> u64 {
        key.len() as u64 + page.bytes()
    }
}

/// How often a page cache had the page asked for.
#[derive(Debug, Default)]
pub struct CacheCounters {
    /// Pages answered from the cache.
    pub hits: Tally,
    /// Pages the cache did not have (then rendered and compressed, or, for
    /// other spellings of an address, found under the canonical one).
    pub misses: Tally,
}

/// How hard a cache compresses the pages it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effort {
    /// Pages served many times: the smallest bodies (brotli 9, gzip 9;
    /// about 5 ms a page).
    Best,
    /// Pages rarely served twice: cheap to make (brotli 1, gzip 1).
    Fast,
}

/// Pages by cache key, bounded in bytes.
pub(crate) struct PageCache {
    pages: Cache<String, Arc<CachedPage>, BytesWeighter>,
    effort: Effort,
    /// The headers of the app the pages are answered by.
    security: Arc<SecurityHeaders>,
    counters: CacheCounters,
}

impl PageCache {
    /// A cache of at most `max_bytes`, compressing with `effort`, its pages
    /// answered with the `security` headers.
    pub(crate) fn new(max_bytes: u64, effort: Effort, security: Arc<SecurityHeaders>) -> Self {
        // quick_cache sizes its table by an estimate of the item count.
        let estimated_items = (max_bytes / 16_384).max(16) as usize;
        Self {
            pages: Cache::with_weighter(estimated_items, max_bytes, BytesWeighter),
            effort,
            security,
            counters: CacheCounters::default(),
        }
    }

    /// Its hits and misses.
    pub(crate) fn counters(&self) -> &CacheCounters {
        &self.counters
    }

    /// The page under `key`, if cached.
    pub(crate) fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        let page = self.pages.get(key);
        let counter = match page {
            Some(_) => &self.counters.hits,
            None => &self.counters.misses,
        };
        counter.add(1);
        page
    }

    /// Keeps `page`, rendered for another key (an equal state, or another
    /// cache), under `key` too.
    pub(crate) fn alias(&self, key: String, page: &Arc<CachedPage>) {
        self.pages.insert(key, Arc::clone(page));
    }

    /// The page under `key`, rendering and compressing it on first use.
    /// A render that fails is not cached.
    pub(crate) fn get_or_render<E>(
        &self,
        key: String,
        content_type: &'static str,
        render: impl FnOnce() -> Result<(String, Vec<PageEvent>), E>,
    ) -> Result<Arc<CachedPage>, E> {
        if let Some(page) = self.pages.get(&key) {
            self.counters.hits.add(1);
            return Ok(page);
        }
        self.counters.misses.add(1);
        let (body, events) = render()?;
        let page = Arc::new(CachedPage::new(
            body.into_bytes(),
            (content_type, PAGE_CACHE_CONTROL),
            events,
            self.effort,
            &self.security,
        ));
        self.pages.insert(key, Arc::clone(&page));
        Ok(page)
    }
}

impl CachedPage {
    /// Compresses `body` in both encodings, as hard as `effort` says; it is
    /// answered with `kind`, `(content type, cache control)`, and the
    /// `security` headers.
    pub(crate) fn new(
        body: Vec<u8>,
        kind: (&'static str, &'static str),
        events: Vec<PageEvent>,
        effort: Effort,
        security: &SecurityHeaders,
    ) -> Self {
        let digest = Sha256::digest(&body);
        let etag = format!("W/\"{}\"", URL_SAFE_NO_PAD.encode(&digest[..12]));
        let (gzip_level, brotli_quality) = match effort {
            Effort::Best => (9, 9),
            Effort::Fast => (1, 1),
        };
        let etag = HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("W/\"0\""));
        Self {
            events,
            gzip: Bytes::from(gzip(&body, gzip_level)),
            brotli: Bytes::from(brotli(&body, brotli_quality)),
            identity: Bytes::from(body),
            headers: Prepared::new(&etag, kind, security),
            kind,
            etag,
        }
    }

    /// The same page (the same bodies, not compressed again), answered
    /// with other `security` headers.
    pub(crate) fn with_security(&self, security: &SecurityHeaders) -> Self {
        Self {
            events: self.events.clone(),
            identity: self.identity.clone(),
            gzip: self.gzip.clone(),
            brotli: self.brotli.clone(),
            headers: Prepared::new(&self.etag, self.kind, security),
            kind: self.kind,
            etag: self.etag.clone(),
        }
    }

    /// The bytes of its bodies, in every encoding.
    pub(crate) fn bytes(&self) -> u64 {
        (self.identity.len() + self.gzip.len() + self.brotli.len()) as u64
    }

    /// The response for a request with these headers: every header but the
    /// request id.
    pub(crate) fn respond(&self, request: &HeaderMap) -> Response {
        let matches = request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|tag| tag.trim() == "*" || tag.trim() == self.etag);
        if matches {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            *response.headers_mut() = self.headers.not_modified.clone();
            return response;
        }
        let (body, headers) = match preferred_encoding(request) {
            Encoding::Brotli => (&self.brotli, &self.headers.brotli),
            Encoding::Gzip => (&self.gzip, &self.headers.gzip),
            Encoding::Identity => (&self.identity, &self.headers.identity),
        };
        let mut response = Response::new(Body::from(body.clone()));
        *response.headers_mut() = headers.clone();
        response
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The best encoding the client accepts: brotli, then gzip, then none.
fn preferred_encoding(request: &HeaderMap) -> Encoding {
    let mut brotli = false;
    let mut gzip = false;
    for value in request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
    {
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            match name.as_str() {
                "br" => brotli = !refused,
                "gzip" => gzip = !refused,
                _ => {}
            }
        }
    }
    if brotli {
        Encoding::Brotli
    } else if gzip {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn gzip(body: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}

fn brotli(body: &[u8], quality: i32) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).expect("a header"),
        );
        headers
    }

    #[test]
    fn encodings_are_negotiated() {
        assert_eq!(
            preferred_encoding(&accept("gzip, deflate, br")),
            Encoding::Brotli
        );
        assert_eq!(preferred_encoding(&accept("gzip")), Encoding::Gzip);
        assert_eq!(
            preferred_encoding(&accept("br;q=0, gzip;q=0.5")),
            Encoding::Gzip
        );
        assert_eq!(preferred_encoding(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn compressed_bodies_decompress_to_the_page() {
        let body = "<p>Hello, door.</p>".repeat(50).into_bytes();
        for effort in [Effort::Best, Effort::Fast] {
            let page = CachedPage::new(
                body.clone(),
                ("text/html", PAGE_CACHE_CONTROL),
                Vec::new(),
                effort,
                &SecurityHeaders::default(),
            );
            let mut decoded = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(&page.gzip[..]),
                &mut decoded,
            )
            .expect("gzip");
            assert_eq!(decoded, body);
            let mut decoded = Vec::new();
            brotli::BrotliDecompress(&mut &page.brotli[..], &mut decoded).expect("brotli");
            assert_eq!(decoded, body);
        }
    }
}
