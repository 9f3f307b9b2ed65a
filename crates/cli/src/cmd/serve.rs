//! `unstuck serve`: the guides on the web.

mod listen;
mod lists;

use crate::Outcome;
use crate::library;
use crate::output::plural;
use anyhow::Context;
use clap::builder::TypedValueParser;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;
use unstuck_store::Store;
use unstuck_web::delivery::{Destinations, Retries, Smtp, Webhook};
use unstuck_web::server::{Limits, MIN_HEADER_BYTES};
use unstuck_web::{AdminToken, AppState, Config, Library, SiteOrigin};

/// Serve the guides as web pages that work without JavaScript, with a JSON API.
///
/// With no flags: the guides bundled in this binary, on 127.0.0.1:8080, with
/// feedback stored in `unstuck.db` (SQLite, created on first start). Pages
/// work even when the database does not; only feedback then asks to try
/// again. Stops cleanly on Ctrl-C or SIGTERM.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The address to listen on, IP:PORT: 127.0.0.1:PORT (or
    /// localhost:PORT) for this machine only, 0.0.0.0:PORT for every
    /// interface; an IPv6 address in brackets, like `[::1]:PORT`.
    #[arg(long, env = "UNSTUCK_ADDR", default_value = "127.0.0.1:8080",
          value_parser = listen::parse_address)]
    addr: SocketAddr,
    /// Serve the guides in this folder instead of the bundled ones (a
    /// `guides` folder here is served only when named: `--guides guides`).
    #[arg(long, env = "UNSTUCK_GUIDES")]
    guides: Option<PathBuf>,
    /// Where feedback is stored: sqlite://FILE?mode=rwc or postgres://…
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://unstuck.db?mode=rwc"
    )]
    database: String,
    /// Feedback forms one client may send per minute.
    #[arg(long, default_value_t = NonZeroU32::new(10).unwrap_or(NonZeroU32::MIN))]
    feedback_per_minute: NonZeroU32,
    /// Visits (pages, beacons) of one client recorded per minute; more are
    /// served but not recorded, and counted as refused.
    #[arg(long, env = "UNSTUCK_EVENTS_PER_MINUTE", default_value_t = Config::default().events_per_minute)]
    events_per_minute: NonZeroU32,
    /// Analytics sessions one client (address) may start in a day; more
    /// are not recorded, and counted as refused.
    #[arg(long, env = "UNSTUCK_SESSIONS_PER_DAY", default_value_t = Config::default().sessions_per_day)]
    sessions_per_day: NonZeroU32,
    /// The token that opens /admin (give it as the password, or as
    /// `Authorization: Bearer TOKEN`); without one the admin pages are off.
    /// At least 32 random characters: `openssl rand -hex 32` makes one.
    #[arg(long, env = "UNSTUCK_ADMIN_TOKEN", hide_env_values = true)]
    admin_token: Option<String>,
    /// /metrics needs the admin token too (it tells how many admin logins
    /// failed); without this flag it is open to anyone who can reach it.
    #[arg(long, env = "UNSTUCK_PROTECT_METRICS")]
    protect_metrics: bool,
    /// Seeds the anonymous session ids; give every server that shares a
    /// database the same one. Random per process when absent.
    #[arg(long, env = "UNSTUCK_ANALYTICS_SECRET", hide_env_values = true)]
    analytics_secret: Option<String>,
    /// Record no events (pages and feedback work as usual).
    #[arg(long)]
    no_events: bool,
    /// Reload the guides when their files change (with --guides, or the
    /// `guides` folder); open pages refresh themselves, and a guide with
    /// errors shows its diagnostics in the page. For authors.
    #[arg(long)]
    watch: bool,
    /// Connections open at once, at most; one more is closed at once (and
    /// counted in /metrics as `unstuck_connections_refused_total`).
    #[arg(long, env = "UNSTUCK_MAX_CONNECTIONS", default_value_t = Limits::default().max_connections,
          value_parser = clap::value_parser!(u32).range(1..).map(|n| n as usize))]
    max_connections: usize,
    /// Seconds a request header may take to arrive, from the connection's
    /// start or the previous response: also how long an idle keep-alive
    /// connection stays open.
    #[arg(long, env = "UNSTUCK_HEADER_TIMEOUT", default_value_t = Limits::default().header_timeout.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
    /// The most bytes a request header may have (at least 8192); bigger
    /// ones are answered with 431.
    #[arg(long, env = "UNSTUCK_MAX_HEADER_BYTES", default_value_t = Limits::default().max_header_bytes,
          value_parser = clap::value_parser!(u32).range(MIN_HEADER_BYTES as i64..=1_048_576).map(|n| n as usize))]
    max_header_bytes: usize,
    /// Send hand-offs to the support desk to this URL: JSON, signed with
    /// --handoff-secret. For several, repeat the flag or separate them by
    /// commas, in the flag as in the variable (write a comma inside a URL
    /// as %2C).
    #[arg(
        long = "handoff-webhook",
        value_name = "URL",
        env = "UNSTUCK_HANDOFF_WEBHOOK",
        hide_env_values = true,
        value_delimiter = ',',
        value_parser = lists::entry(lists::text)
    )]
    handoff_webhooks: Vec<Option<String>>,
    /// The secret that signs hand-off webhooks (HMAC-SHA256 of the body in
    /// `Unstuck-Signature: sha256=<hex>`); at least 16 characters.
    #[arg(long, env = "UNSTUCK_HANDOFF_SECRET", hide_env_values = true)]
    handoff_secret: Option<String>,
    /// The mail server hand-off emails go through:
    /// smtps://USER:PASSWORD@HOST:465 (TLS) or smtp://USER:PASSWORD@HOST:587
    /// (STARTTLS required; `?tls=opportunistic`, or `?tls=none` for a relay
    /// on this machine).
    #[arg(long, value_name = "URL", env = "UNSTUCK_SMTP", hide_env_values = true)]
    smtp: Option<String>,
    /// Send hand-offs by email to this address, e.g. the help desk's ticket
    /// address. For several, repeat the flag or separate them by commas, in
    /// the flag as in the variable.
    #[arg(
        long = "handoff-email",
        value_name = "ADDRESS",
        env = "UNSTUCK_HANDOFF_EMAIL",
        value_delimiter = ',',
        value_parser = lists::entry(lists::text)
    )]
    handoff_emails: Vec<Option<String>>,
    /// The sender of hand-off emails (default: the --smtp user, when it is
    /// an email address).
    #[arg(long, value_name = "ADDRESS", env = "UNSTUCK_HANDOFF_EMAIL_FROM")]
    handoff_email_from: Option<String>,
    /// Seconds before a failed hand-off delivery is tried again; each
    /// next wait is twice as long, at most an hour.
    #[arg(long, env = "UNSTUCK_HANDOFF_RETRY_SECONDS", default_value_t = Retries::default().first.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    handoff_retry_seconds: u64,
    /// Attempts at delivering a hand-off before it is given up on (it
    /// stays stored; retry it from /admin/handoffs).
    #[arg(long, env = "UNSTUCK_HANDOFF_ATTEMPTS", default_value_t = Retries::default().attempts,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    handoff_attempts: u32,
    /// Seconds one delivery attempt may take (connecting, sending, the answer).
    #[arg(long, env = "UNSTUCK_HANDOFF_TIMEOUT", default_value_t = Retries::default().timeout.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=300))]
    handoff_timeout: u64,
    /// Let this site show the guides in a frame (CSP `frame-ancestors`),
    /// e.g. a help center: `https://help.example.com`. For several, repeat
    /// the flag or separate them by commas, in the flag as in the variable.
    /// See docs/web.md.
    #[arg(long = "embed-origin", value_name = "URL", env = "UNSTUCK_EMBED_ORIGIN", value_delimiter = ',',
          value_parser = lists::entry(SiteOrigin::parse))]
    embed_origins: Vec<Option<SiteOrigin>>,
    /// Accept feedback posted from this site's pages, e.g. a static site
    /// built with `unstuck build --server`: `https://help.example.com`;
    /// feedback sent from there goes back to the page it came from. For
    /// several, repeat the flag or separate them by commas, in the flag as
    /// in the variable. See docs/deploy.md.
    #[arg(long = "allow-origin", value_name = "ORIGIN", env = "UNSTUCK_ALLOW_ORIGIN", value_delimiter = ',',
          value_parser = lists::entry(SiteOrigin::parse))]
    allowed_origins: Vec<Option<SiteOrigin>>,
    /// How logs are written to stderr.
    #[arg(long, env = "UNSTUCK_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human)]
    log_format: LogFormat,
}

/// How logs are written.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LogFormat {
    /// Readable lines.
    Human,
    /// One JSON object per line, for log collectors.
    Json,
}

pub(crate) fn run(mut args: Args) -> anyhow::Result<Outcome> {
    let admin_token = args
        .admin_token
        .take()
        .map(AdminToken::new)
        .transpose()
        .context("the admin token (--admin-token or UNSTUCK_ADMIN_TOKEN) is too weak")?;
    anyhow::ensure!(
        admin_token.is_some() || !args.protect_metrics,
        "--protect-metrics needs an admin token: set --admin-token or UNSTUCK_ADMIN_TOKEN"
    );
    let (destinations, retries) = destinations(&args)?;
    init_logging(args.log_format);
    if args.watch && args.guides.is_none() {
        args.guides = Some(PathBuf::from(library::DEFAULT_GUIDES));
    }
    let sets = library::load_all_translated(args.guides.as_deref())?;
    for set in &sets {
        let languages: Vec<&str> = (set.translations.iter())
            .map(|(lang, _)| lang.as_str())
            .collect();
        tracing::info!(guide = %set.guide.id, ?languages, "translations");
    }
    let served = Served::of(&sets, args.guides.as_deref());
    let guides = sets
        .into_iter()
        .flat_map(library::GuideSet::into_guides)
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(
        args,
        admin_token,
        guides,
        served,
        destinations,
        retries,
    ))?;
    Ok(Outcome::Success)
}

/// What the start log says of the guides served: counted as `/healthz`
/// counts them, and where they come from.
struct Served {
    guides: usize,
    translations: usize,
    /// The folder they were read from (`guides/`); `None`: bundled.
    folder: Option<String>,
}

impl Served {
    /// The guides of `sets`, read from `folder` (or bundled: then a warning
    /// if `./guides` holds guides, which are not the ones served).
    fn of(sets: &[library::GuideSet], folder: Option<&Path>) -> Served {
        let local = Path::new(library::DEFAULT_GUIDES);
        if folder.is_none()
            && local.is_dir()
            && library::guide_files_in(local).is_ok_and(|files| !files.is_empty())
        {
            tracing::warn!(
                "./guides is not served: these are the guides bundled in the binary; \
                 pass --guides guides to serve that folder"
            );
        }
        Served {
            guides: sets.len(),
            translations: sets.iter().map(|set| set.translations.len()).sum(),
            folder: folder.map(|f| format!("{}/", f.display().to_string().trim_end_matches('/'))),
        }
    }

    /// Where the guides come from, for the log's field.
    fn origin(&self) -> &str {
        self.folder.as_deref().unwrap_or("bundled")
    }
}

/// `2 guides (bundled; 3 translations)`, `1 guide (from guides/; 0 translations)`.
impl std::fmt::Display for Served {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let guides = plural(self.guides, "guide");
        let translations = plural(self.translations, "translation");
        match &self.folder {
            Some(folder) => write!(f, "{guides} (from {folder}; {translations})"),
            None => write!(f, "{guides} (bundled; {translations})"),
        }
    }
}

async fn serve(
    args: Args,
    admin_token: Option<AdminToken>,
    guides: Vec<unstuck_core::Guide>,
    served: Served,
    destinations: Destinations,
    retries: Retries,
) -> anyhow::Result<()> {
    let store = Store::open(&args.database)
        .await
        .with_context(|| format!("cannot use the database `{}`", args.database))?;
    let defaults = Config::default();
    let config = Config {
        feedback_per_minute: args.feedback_per_minute,
        events_per_minute: args.events_per_minute,
        sessions_per_day: args.sessions_per_day,
        event_queue: if args.no_events {
            0
        } else {
            defaults.event_queue
        },
        analytics_secret: args.analytics_secret,
        admin_token,
        protect_metrics: args.protect_metrics,
        live_reload: args.watch,
        handoff_destinations: destinations.names(),
        embed_origins: args.embed_origins.into_iter().flatten().collect(),
        allowed_origins: args.allowed_origins.into_iter().flatten().collect(),
        ..defaults
    };
    let state = AppState::new(Library::new(guides), Some(store.clone()), config);
    let delivery = unstuck_web::delivery::spawn(store.clone(), destinations, retries, &state)?;
    let janitor = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            janitor.forget_idle_clients();
        }
    });
    // Kept alive for as long as the server runs.
    let _watcher = match (&args.guides, args.watch) {
        (Some(folder), true) => Some(watch(folder.clone(), state.clone())?),
        _ => None,
    };
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .map_err(|error| {
            let message = listen::cannot_listen(args.addr, &error);
            anyhow::Error::new(error).context(message)
        })?;
    // The port the system chose, for --addr 127.0.0.1:0.
    let addr = listener.local_addr().unwrap_or(args.addr);
    tracing::info!(
        %addr,
        guides = served.guides,
        translations = served.translations,
        from = served.origin(),
        "serving {served}; open http://{addr}/"
    );
    let limits = Limits {
        max_connections: args.max_connections,
        header_timeout: Duration::from_secs(args.header_timeout),
        max_header_bytes: args.max_header_bytes,
    };
    unstuck_web::server::serve(listener, state.clone(), &limits, shutdown()).await;
    delivery.stop().await;
    state.shutdown().await;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Where hand-offs go, from the flags; refused with a message saying what
/// to fix when a flag is missing or wrong.
fn destinations(args: &Args) -> anyhow::Result<(Destinations, Retries)> {
    let retries = Retries {
        first: Duration::from_secs(args.handoff_retry_seconds),
        attempts: args.handoff_attempts,
        timeout: Duration::from_secs(args.handoff_timeout),
        ..Retries::default()
    };
    let mut destinations = Destinations::default();
    let webhooks: Vec<&String> = args.handoff_webhooks.iter().flatten().collect();
    if !webhooks.is_empty() {
        let secret = args.handoff_secret.as_deref().context(
            "--handoff-webhook needs a secret to sign with: set --handoff-secret or \
             UNSTUCK_HANDOFF_SECRET (`openssl rand -hex 32` makes one)",
        )?;
        let webhooks = webhooks
            .into_iter()
            .map(|url| Webhook::new(url, secret))
            .collect::<Result<Vec<_>, _>>()?;
        destinations = destinations.with_webhooks(webhooks);
    }
    let emails: Vec<String> = args.handoff_emails.iter().flatten().cloned().collect();
    match (&args.smtp, emails.is_empty()) {
        (Some(url), false) => {
            let smtp = Smtp::new(url, args.handoff_email_from.as_deref(), retries.timeout)?;
            destinations = destinations.with_email(smtp, emails)?;
        }
        (Some(_), true) => anyhow::bail!(
            "--smtp is set but no address to send hand-offs to: add --handoff-email ADDRESS"
        ),
        (None, false) => anyhow::bail!(
            "--handoff-email needs a mail server to send through: add --smtp smtps://USER:PASSWORD@HOST:465"
        ),
        (None, true) => {}
    }
    Ok((destinations, retries))
}

/// Watches `folder` and reloads the guides when a file in it changes.
fn watch(folder: PathBuf, state: AppState) -> anyhow::Result<notify::RecommendedWatcher> {
    use notify::Watcher;
    let (changed, changes) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = changed.send(());
        }
    })
    .context("cannot watch the guides folder")?;
    watcher
        .watch(&folder, notify::RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch `{}`", folder.display()))?;
    tracing::info!(folder = %folder.display(), "watching the guides");
    std::thread::spawn(move || {
        while changes.recv().is_ok() {
            // Editors save in several steps: wait for the burst to end.
            std::thread::sleep(Duration::from_millis(150));
            while changes.try_recv().is_ok() {}
            match library::load_folder(Some(&folder)) {
                Ok(loaded) if loaded.broken.is_empty() => {
                    tracing::info!(guides = loaded.guides.len(), "guides reloaded");
                    state.replace_library(Library::new(loaded.into_guides()));
                }
                Ok(loaded) => {
                    tracing::warn!(broken = ?loaded.broken, "guides have errors; pages show them");
                    state.set_problems(Some(loaded.report));
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot read the guides");
                    state.set_problems(Some(format!("{error:#}")));
                }
            }
        }
    });
    Ok(watcher)
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colours for a person at a terminal (unless NO_COLOR says otherwise);
    // plain text for files, journald and log collectors.
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Human => logs.try_init(),
        LogFormat::Json => logs.json().with_current_span(true).try_init(),
    };
}
