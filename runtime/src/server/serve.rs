//! [`serve`]: run an app's router on a TCP listener with the limits an app facing the internet needs, which
//! `axum::serve` does not set: a client must send its request headers within [`HEADER_READ_TIMEOUT`] or its
//! connection is closed, so half-sent requests cannot hold connections open and starve Pipedrive's. Request
//! bodies are limited by the router ([`MAX_BODY_BYTES`](super::MAX_BODY_BYTES)), handlers by the deadline
//! ([`DEFAULT_DEADLINE`](super::DEFAULT_DEADLINE)). Hyper refuses request lines and headers over its buffer
//! (64 KiB for the URI) before the router sees them.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client may take to send a request's headers: 10 seconds, as long as Pipedrive waits for an answer.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until the process ends: HTTP/1.1 with keep-alive and a [`HEADER_READ_TIMEOUT`].
///
/// ```no_run
/// # async fn run(router: axum::Router) -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
/// pdx_runtime::server::serve(listener, router).await
/// # }
/// ```
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    serve_with_shutdown(listener, router, std::future::pending()).await
}

/// [`serve`] until `shutdown` completes: the listener stops accepting, and connections being served finish.
pub async fn serve_with_shutdown(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                // Too many open files and the like: the listener still works; try again shortly.
                Err(e) => {
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(%peer, error = %e, "connection closed with an error");
            }
        });
    }
}
