//! [`serve`]: run an app's router on a TCP listener with the limits an app facing the internet needs, which
//! `axum::serve` does not set: a client must send its request headers within [`HEADER_READ_TIMEOUT`] or its
//! connection is closed, so half-sent requests cannot hold connections open and starve Pipedrive's. Request
//! bodies are limited by the router ([`MAX_BODY_BYTES`](super::MAX_BODY_BYTES)), handlers by the deadline
//! ([`DEFAULT_DEADLINE`](super::DEFAULT_DEADLINE)). Hyper refuses a request line over 64 KiB (414) and headers
//! over its buffer before the router sees them.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client may take to send a request's headers: 10 seconds, as long as Pipedrive waits for an answer.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` on `listener`: HTTP/1.1 with keep-alive and a [`HEADER_READ_TIMEOUT`]. Await it (it runs until
/// the process ends), or set a graceful shutdown first.
///
/// ```no_run
/// # async fn run(router: axum::Router) -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
/// pdx::server::serve(listener, router).await
/// # }
/// ```
pub fn serve(listener: TcpListener, router: Router) -> Serve {
    Serve {
        listener,
        router,
        header_read_timeout: HEADER_READ_TIMEOUT,
        shutdown: Box::pin(std::future::pending()),
    }
}

/// A server being set up by [`serve`]; await it to run.
#[must_use = "a server does nothing until awaited"]
pub struct Serve {
    listener: TcpListener,
    router: Router,
    header_read_timeout: Duration,
    shutdown: Pin<Box<dyn Future<Output = ()> + Send>>,
}

impl std::fmt::Debug for Serve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Serve")
            .field("listener", &self.listener)
            .field("header_read_timeout", &self.header_read_timeout)
            .finish_non_exhaustive()
    }
}

impl Serve {
    /// How long a client may take to send its request headers (default [`HEADER_READ_TIMEOUT`]).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// Stops accepting connections when `signal` completes; connections being served finish on their own.
    pub fn with_graceful_shutdown(
        mut self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> Self {
        self.shutdown = Box::pin(signal);
        self
    }

    async fn run(self) -> std::io::Result<()> {
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(self.header_read_timeout)
            .keep_alive(true);
        let mut shutdown = self.shutdown;
        loop {
            let (stream, peer) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(connection) => connection,
                    // Too many open files and the like: the listener still works; try again shortly.
                    Err(e) => {
                        tracing::warn!(error = %super::Untrusted(&e), "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => return Ok(()),
            };
            let service = TowerToHyperService::new(self.router.clone());
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    tracing::debug!(%peer, error = %super::Untrusted(&e), "connection closed with an error");
                }
            });
        }
    }
}

impl IntoFuture for Serve {
    type Output = std::io::Result<()>;
    type IntoFuture = Pin<Box<dyn Future<Output = std::io::Result<()>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
