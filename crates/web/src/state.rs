//! The state every handler shares: guides, the store, the page cache.

use crate::auth::AdminToken;
use crate::cache::{CacheCounters, Effort, PageCache};
use crate::events::{EventCounters, Recorder};
use crate::hot::HotPages;
use crate::library::Library;
use crate::limits::{FailedLogins, PerMinute};
use crate::observe::Metrics;
use crate::routes::Files;
use crate::security::{SecurityHeaders, SiteOrigin};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, RwLock};
use unstuck_store::Store;

/// Settings of the web application.
#[derive(Debug, Clone)]
pub struct Config {
    /// Feedback forms one client may send per minute (a burst of this many,
    /// refilled over the minute).
    pub feedback_per_minute: NonZeroU32,
    /// The most bytes the cache of guide pages holds; searches, and guide
    /// pages by the address as sent, have their own caches, each a
    /// sixteenth of this size; the fast path keeps pages (mostly the same
    /// ones) by exact address within a quarter of it.
    pub cache_bytes: u64,
    /// Events waiting to be written, at most (0: record no events).
    pub event_queue: usize,
    /// Visits (pages, beacons) of one client recorded per minute, at most
    /// (a burst of this many, refilled over the minute); more are refused.
    pub events_per_minute: NonZeroU32,
    /// Analytics sessions one client may start in a day; more are refused.
    pub sessions_per_day: NonZeroU32,
    /// Seeds the anonymous session ids; servers sharing a database should
    /// share it. Random per process when absent.
    pub analytics_secret: Option<String>,
    /// The token that opens `/admin`; without one, the admin pages are off.
    pub admin_token: Option<AdminToken>,
    /// Wrong admin tokens one client may send per minute; then every
    /// attempt from it is refused (429) until the minute is over.
    pub failed_logins_per_minute: NonZeroU32,
    /// `/metrics` needs the admin token too (it is open otherwise).
    pub protect_metrics: bool,
    /// Pages refresh themselves when the guides change (`serve --watch`).
    pub live_reload: bool,
    /// Where hand-offs to the support desk go, as the store names them
    /// ([`crate::delivery::Destinations::names`]): a delivery each. None:
    /// hand-offs are kept for operators to find in `/admin/handoffs`.
    pub handoff_destinations: Vec<String>,
    /// Sites that may show the guides' pages in a frame (`--embed-origin`);
    /// none: no site may. Never the admin pages.
    pub embed_origins: Vec<crate::security::SiteOrigin>,
    /// Sites whose pages may post the forms (`--allow-origin`): a static
    /// site built with `--server`; feedback sent from there may send the
    /// person back to a page of theirs.
    pub allowed_origins: Vec<crate::security::SiteOrigin>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            feedback_per_minute: NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN),
            cache_bytes: 64 * 1024 * 1024,
            event_queue: 10_000,
            events_per_minute: NonZeroU32::new(60).unwrap_or(NonZeroU32::MIN),
            sessions_per_day: NonZeroU32::new(100).unwrap_or(NonZeroU32::MIN),
            analytics_secret: None,
            admin_token: None,
            failed_logins_per_minute: NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN),
            protect_metrics: false,
            live_reload: false,
            handoff_destinations: Vec::new(),
            embed_origins: Vec::new(),
            allowed_origins: Vec::new(),
        }
    }
}

/// Everything handlers need. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    library: RwLock<Arc<Library>>,
    store: Option<Store>,
    pages: PageCache,
    /// Search results, apart: a flood of searches cannot push guide pages out.
    searches: PageCache,
    /// Guide pages by the address as sent, apart for the same reason: an
    /// address has endless spellings.
    spellings: PageCache,
    /// Pages answered before the router, by exact address.
    hot: HotPages,
    /// This app's metrics, apart from any other app's.
    metrics: Metrics,
    /// The security headers of every response (who may frame the pages).
    security: Arc<SecurityHeaders>,
    /// The manifest, service worker and script, with those headers.
    files: Files,
    feedback_limit: PerMinute,
    events: Recorder,
    admin_token: Option<AdminToken>,
    failed_logins: FailedLogins,
    protect_metrics: bool,
    handoff_destinations: Vec<String>,
    /// Sites whose pages may post the forms.
    allowed_origins: Vec<SiteOrigin>,
    /// Notified when a hand-off is stored, so it is delivered at once.
    handoff_stored: Arc<tokio::sync::Notify>,
    /// Diagnostics of guides that do not compile (watch mode), shown
    /// instead of stale pages.
    problems: RwLock<Option<Arc<str>>>,
    /// Bumped whenever the guides or their problems change; `None` when
    /// pages do not reload themselves.
    changes: Option<tokio::sync::watch::Sender<u64>>,
}

impl AppState {
    /// State serving `library`, storing feedback and events in `store`
    /// (none: feedback is refused with a "try again" page, events are not
    /// recorded). Call from within a Tokio runtime: the event writer is a task.
    pub fn new(library: Library, store: Option<Store>, config: Config) -> Self {
        let security = Arc::new(SecurityHeaders::new(&config.embed_origins));
        Self {
            inner: Arc::new(Inner {
                library: RwLock::new(Arc::new(library)),
                store: store.clone(),
                pages: PageCache::new(config.cache_bytes, Effort::Best, Arc::clone(&security)),
                searches: PageCache::new(
                    config.cache_bytes / 16,
                    Effort::Fast,
                    Arc::clone(&security),
                ),
                // Only ever holds pages rendered for the page cache.
                spellings: PageCache::new(
                    config.cache_bytes / 16,
                    Effort::Fast,
                    Arc::clone(&security),
                ),
                files: Files::answered_with(&security),
                security,
                hot: HotPages::new(config.cache_bytes / 4),
                metrics: Metrics::new(),
                feedback_limit: PerMinute::new(config.feedback_per_minute),
                events: Recorder::new(store.clone(), &config),
                admin_token: config.admin_token,
                failed_logins: FailedLogins::new(config.failed_logins_per_minute),
                protect_metrics: config.protect_metrics,
                handoff_destinations: config.handoff_destinations,
                allowed_origins: config.allowed_origins,
                handoff_stored: Arc::new(tokio::sync::Notify::new()),
                problems: RwLock::new(None),
                changes: config
                    .live_reload
                    .then(|| tokio::sync::watch::Sender::new(0)),
            }),
        }
    }

    /// The guides being served.
    pub fn library(&self) -> Arc<Library> {
        match self.inner.library.read() {
            Ok(library) => Arc::clone(&library),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Serves `library` from now on, and clears any problems; cached pages
    /// of old guide versions are no longer found, as cache keys carry the
    /// guide's version.
    pub fn replace_library(&self, library: Library) {
        let library = Arc::new(library);
        match self.inner.library.write() {
            Ok(mut slot) => *slot = library,
            Err(poisoned) => *poisoned.into_inner() = library,
        }
        self.inner.hot.invalidate();
        self.set_problems(None);
    }

    /// Shows these diagnostics (as the terminal prints them) on every page
    /// until the guides compile again; `None` clears them.
    pub fn set_problems(&self, problems: Option<String>) {
        let problems = problems.map(Arc::from);
        match self.inner.problems.write() {
            Ok(mut slot) => *slot = problems,
            Err(poisoned) => *poisoned.into_inner() = problems,
        }
        self.inner.hot.invalidate();
        if let Some(changes) = &self.inner.changes {
            changes.send_modify(|version| *version += 1);
        }
    }

    /// The diagnostics pages show instead of guides, if any.
    pub(crate) fn problems(&self) -> Option<Arc<str>> {
        match self.inner.problems.read() {
            Ok(problems) => problems.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Changes of the guides, for pages that reload themselves.
    pub(crate) fn changes(&self) -> Option<tokio::sync::watch::Receiver<u64>> {
        self.inner
            .changes
            .as_ref()
            .map(tokio::sync::watch::Sender::subscribe)
    }

    /// The database, if one is configured.
    pub fn store(&self) -> Option<&Store> {
        self.inner.store.as_ref()
    }

    pub(crate) fn pages(&self) -> &PageCache {
        &self.inner.pages
    }

    /// The cache of search results.
    pub(crate) fn searches(&self) -> &PageCache {
        &self.inner.searches
    }

    /// Guide pages by the address as sent (the canonical page stays in
    /// [`AppState::pages`]).
    pub(crate) fn spellings(&self) -> &PageCache {
        &self.inner.spellings
    }

    /// Pages answered before the router.
    pub(crate) fn hot(&self) -> &HotPages {
        &self.inner.hot
    }

    /// This app's metrics.
    pub(crate) fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Requests the fast path answered (hits) or handed to the router
    /// (misses).
    pub fn fast_path_counters(&self) -> &CacheCounters {
        self.inner.hot.counters()
    }

    /// Hits and misses of the cache of guide pages.
    pub fn page_cache_counters(&self) -> &CacheCounters {
        self.inner.pages.counters()
    }

    /// Hits and misses of the cache of search results.
    pub fn search_cache_counters(&self) -> &CacheCounters {
        self.inner.searches.counters()
    }

    /// Hits and misses of the cache of guide pages by address as sent.
    pub fn spelling_cache_counters(&self) -> &CacheCounters {
        self.inner.spellings.counters()
    }

    /// Whether a client may send feedback (or a hand-off, which shares
    /// the limit) now.
    pub(crate) fn may_send_feedback(&self, client: IpAddr) -> bool {
        self.inner.feedback_limit.allows(client)
    }

    /// Where hand-offs go, as the store names them.
    pub(crate) fn handoff_destinations(&self) -> &[String] {
        &self.inner.handoff_destinations
    }

    /// Sites whose pages may post the forms, and be sent back to.
    pub(crate) fn allowed_origins(&self) -> &[SiteOrigin] {
        &self.inner.allowed_origins
    }

    /// Notified whenever this server stores a hand-off: give it to
    /// [`crate::delivery::spawn`].
    pub fn handoff_stored(&self) -> Arc<tokio::sync::Notify> {
        Arc::clone(&self.inner.handoff_stored)
    }

    pub(crate) fn events(&self) -> &Recorder {
        &self.inner.events
    }

    /// Counters of the event pipeline.
    pub fn event_counters(&self) -> &EventCounters {
        self.inner.events.counters()
    }

    /// The admin token, if the admin pages are on.
    pub(crate) fn admin_token(&self) -> Option<&AdminToken> {
        self.inner.admin_token.as_ref()
    }

    /// Wrong admin tokens by client.
    pub(crate) fn failed_logins(&self) -> &FailedLogins {
        &self.inner.failed_logins
    }

    /// The security headers of every response.
    pub(crate) fn security(&self) -> Arc<SecurityHeaders> {
        Arc::clone(&self.inner.security)
    }

    /// The manifest, service worker and script, ready to answer.
    pub(crate) fn files(&self) -> &Files {
        &self.inner.files
    }

    /// Whether pages reload themselves when the guides change (`serve --watch`).
    pub(crate) fn live_reload(&self) -> bool {
        self.inner.changes.is_some()
    }

    /// Whether `/metrics` needs the admin token.
    pub(crate) fn protects_metrics(&self) -> bool {
        self.inner.protect_metrics
    }

    /// Writes the events still queued; call once the server stopped.
    pub async fn shutdown(&self) {
        self.inner.events.stop().await;
    }

    /// Forgets rate-limit entries of clients not seen lately; call now and
    /// then.
    pub fn forget_idle_clients(&self) {
        self.inner.feedback_limit.forget_idle();
        self.inner.events.forget_idle_clients();
        self.inner.failed_logins.forget_idle();
    }
}
