//! Serving the app on a socket, with limits a slow or hostile client cannot
//! get around: at most so many open connections (one over the cap is
//! closed at once, and counted), a request header must arrive in time (this
//! also ends keep-alive connections left idle), and a header may only be so
//! big. On shutdown, requests in flight finish and idle connections close.
//!
//! HTTP/1.1 straight on hyper: one service per connection that answers a
//! page it has answered before at once (the fast path, `hot.rs`), and hands
//! every other request to the router with the client's address
//! (`ConnectInfo`).

use crate::state::AppState;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// The smallest header bound hyper can work with.
pub const MIN_HEADER_BYTES: usize = 8 * 1024;

/// How long the accept loop pauses after an error such as "too many open
/// files", before it accepts again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// What one client, or many, may hold of the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections open at once, at most (0 refuses every one); one more
    /// is closed at once.
    pub max_connections: usize,
    /// How long a request header may take to arrive, from the connection's
    /// start or the previous response: so also how long a keep-alive
    /// connection may sit idle.
    pub header_timeout: Duration,
    /// The most bytes a request header may have (at least
    /// [`MIN_HEADER_BYTES`]; smaller values count as that). A bigger one is
    /// answered with 431 and the connection closed.
    pub max_header_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            max_header_bytes: 16 * 1024,
        }
    }
}

/// Serves the app of `state` on `listener` within `limits` until
/// `shutdown` resolves, then waits for the requests in flight. Errors of
/// single connections are not errors of the server: they are logged and
/// counted.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) {
    let app = crate::app(state.clone());
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(MIN_HEADER_BYTES));
    let graceful = GracefulShutdown::new();
    let metrics = state.metrics();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, client) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    if !is_connection_error(&error) {
                        tracing::warn!(%error, "cannot accept a connection; pausing");
                        tokio::time::sleep(ACCEPT_PAUSE).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            metrics.connections_refused.increment(1);
            tracing::debug!(%client, "connection refused: too many open");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = app.clone();
        let state = state.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            let routed = match state.hot().answer(&state, &request, client.ip()) {
                Some(answer) => Err(answer),
                None => {
                    request.extensions_mut().insert(ConnectInfo(client));
                    Ok(router.clone().oneshot(request))
                }
            };
            async move {
                match routed {
                    Err(answer) => Ok(answer),
                    Ok(routing) => routing.await,
                }
            }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        let open = metrics.connections_open.clone();
        let timed_out = metrics.connections_timed_out.clone();
        tokio::spawn(async move {
            open.increment(1.0);
            if let Err(error) = connection.await {
                if error.is_timeout() {
                    timed_out.increment(1);
                }
                tracing::debug!(%error, %client, "connection ended with an error");
            }
            open.decrement(1.0);
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Errors of one connection that came and went before it was accepted.
fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}
