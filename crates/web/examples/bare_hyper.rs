//! The floor under `unstuck serve`: hyper on Tokio's multi-threaded runtime,
//! as the server builds them, answering every request with the same
//! gzipped bytes and nothing behind them (no routing, no cache, no events).
//!
//! Benchmarked side by side with `unstuck serve` and nginx, it tells what a
//! figure owes to the HTTP stack and what to our code (docs/benchmarks.md):
//!
//! ```sh
//! cargo build --release --workspace --examples
//! gzip -9 -n -c page.html > page.html.gz
//! target/release/examples/bare_hyper 127.0.0.1:8090 page.html.gz
//! ../shared/bench/http-vs-nginx.sh -r 3 -d 4s -z -s 8090 / page.html
//! ```

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::net::SocketAddr;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(addr), Some(file), None) = (args.next(), args.next(), args.next()) else {
        return Err("usage: bare_hyper ADDR GZIPPED_FILE".into());
    };
    let addr: SocketAddr = addr.parse()?;
    let body = Bytes::from(std::fs::read(&file)?);
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(addr, body))
}

async fn serve(addr: SocketAddr, body: Bytes) -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        stream.set_nodelay(true)?;
        let body = body.clone();
        let service = hyper::service::service_fn(move |_request| {
            let response = hyper::Response::builder()
                .header("content-type", "text/html; charset=utf-8")
                .header("content-encoding", "gzip")
                .header("vary", "Accept-Encoding")
                .body(Full::new(body.clone()));
            async move { Ok::<_, Infallible>(response.expect("static headers are valid")) }
        });
        tokio::spawn(async move {
            // A client that goes away mid-request is not the benchmark's concern.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
