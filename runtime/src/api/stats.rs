//! What the client did to spare the API budget, counted: for tests, benchmarks and monitoring.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Counts of the calls of a set of clients (an app's [`Installations`](crate::install::Installations), or one
/// API-token client and its clones) since it was built. Read with
/// [`Installations::api_stats`](crate::install::Installations::api_stats) or [`Client::stats`](super::Client::stats).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiStats {
    /// Calls asked of the client (typed or raw), each counted once however it was answered.
    pub calls: u64,
    /// Requests sent to Pipedrive (retries included).
    pub requests: u64,
    /// Tokens of the daily budget those requests cost, by Pipedrive's table.
    pub tokens_spent: u64,
    /// Requests that waited for room in their token's burst window before being sent.
    pub throttled: u64,
    /// Total time those requests waited.
    pub throttle_wait: Duration,
    /// Reads answered by a request already in flight for the same URL (no request of their own).
    pub coalesced: u64,
    /// Reads answered from the read cache.
    pub cache_hits: u64,
    /// Answers 429 received.
    pub rate_limited: u64,
    /// Requests sent again (after a 429, a 5xx or a network error).
    pub retries: u64,
    /// Calls refused without a request: the burst wait was too long, or the daily budget spent.
    pub failed_fast: u64,
    /// Calls refused without a request because the installation lacks their scope.
    pub missing_scope: u64,
}

/// The counters behind [`ApiStats`].
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) calls: AtomicU64,
    pub(crate) requests: AtomicU64,
    pub(crate) tokens_spent: AtomicU64,
    pub(crate) throttled: AtomicU64,
    pub(crate) throttle_wait_micros: AtomicU64,
    pub(crate) coalesced: AtomicU64,
    pub(crate) cache_hits: AtomicU64,
    pub(crate) rate_limited: AtomicU64,
    pub(crate) retries: AtomicU64,
    pub(crate) failed_fast: AtomicU64,
    pub(crate) missing_scope: AtomicU64,
}

/// Adds one.
pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl Counters {
    pub(crate) fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self) -> ApiStats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        ApiStats {
            calls: get(&self.calls),
            requests: get(&self.requests),
            tokens_spent: get(&self.tokens_spent),
            throttled: get(&self.throttled),
            throttle_wait: Duration::from_micros(get(&self.throttle_wait_micros)),
            coalesced: get(&self.coalesced),
            cache_hits: get(&self.cache_hits),
            rate_limited: get(&self.rate_limited),
            retries: get(&self.retries),
            failed_fast: get(&self.failed_fast),
            missing_scope: get(&self.missing_scope),
        }
    }
}
