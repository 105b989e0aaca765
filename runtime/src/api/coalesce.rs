//! Concurrent identical reads make one API call: a `GET` of a URL already in flight for the same sharer (one
//! installation, or one company with [`ReadSharing::Company`](super::ReadSharing::Company)) waits for that
//! request's answer instead of sending its own.

use super::ApiError;
use super::cache::Body;
use futures_util::future::{BoxFuture, FutureExt, Shared, WeakShared};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// A read in flight: its answer, shared by every caller awaiting it.
type Request = BoxFuture<'static, Result<Body, ApiError>>;
type Flight = Shared<Request>;
type Flights = HashMap<String, WeakShared<Request>>;

/// Above this many entries, those whose request nobody awaits any more are dropped.
const PRUNE_AT: usize = 1024;

/// The reads in flight, by key (sharer and URL). Entries are weak: a request nobody awaits any more is gone.
#[derive(Default)]
pub(crate) struct InFlight {
    flights: Mutex<Flights>,
}

impl InFlight {
    fn lock(&self) -> std::sync::MutexGuard<'_, Flights> {
        self.flights.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The answer of the read in flight under `key`, or of `start()` sent now; and whether it joined a read
    /// already in flight.
    pub(crate) async fn run(
        &self,
        key: &str,
        start: impl FnOnce() -> Request,
    ) -> (Result<Body, ApiError>, bool) {
        let (flight, joined) = {
            let mut flights = self.lock();
            match flights.get(key).and_then(WeakShared::upgrade) {
                Some(flight) => (flight, true),
                None => {
                    if flights.len() > PRUNE_AT {
                        flights.retain(|_, weak| weak.upgrade().is_some());
                    }
                    let flight: Flight = start().shared();
                    if let Some(weak) = flight.downgrade() {
                        flights.insert(key.to_owned(), weak);
                    }
                    (flight, false)
                }
            }
        };
        let answer = flight.clone().await;
        // Whoever finishes first removes the entry, so a later read sends a request of its own.
        let mut flights = self.lock();
        if flights
            .get(key)
            .and_then(WeakShared::upgrade)
            .is_some_and(|f| f.ptr_eq(&flight))
        {
            flights.remove(key);
        }
        (answer, joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn concurrent_runs_of_a_key_share_one_start() {
        let inflight = Arc::new(InFlight::default());
        let started = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..5 {
            let (inflight, started) = (inflight.clone(), started.clone());
            tasks.push(tokio::spawn(async move {
                inflight
                    .run("k", || {
                        started.fetch_add(1, Ordering::SeqCst);
                        async {
                            tokio::time::sleep(Duration::from_millis(100)).await;
                            Ok(Body::from(&b"answer"[..]))
                        }
                        .boxed()
                    })
                    .await
            }));
        }
        let mut joined = 0;
        for task in tasks {
            let (answer, j) = task.await.expect("task");
            assert_eq!(&*answer.expect("ok"), b"answer");
            joined += usize::from(j);
        }
        assert_eq!((started.load(Ordering::SeqCst), joined), (1, 4));
        assert!(inflight.lock().is_empty(), "finished reads are removed");
        let (_, joined) = inflight
            .run("k", || async { Ok(Body::from(&b"again"[..])) }.boxed())
            .await;
        assert!(!joined, "a later read sends its own request");
    }
}
