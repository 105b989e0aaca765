//! How the client spares the customer's API budget: retries, burst limits, coalescing and the read cache.

use pdx_format::api::{BURST_API_TOKEN, BURST_OAUTH, BURST_SEARCH};
use std::time::Duration;

/// How API calls wait out Pipedrive's rate limit and transient failures ("Rate limiting": a 429 means back off
/// and retry).
///
/// A 429 means Pipedrive did not process the call, so it is retried whatever the method. A network error or a
/// 5xx is retried only for `GET`, `PUT`, `PATCH` and `DELETE`, which set rather than add: a `POST` might
/// have created something already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after a 429, a network error or a 5xx (0: none).
    pub max_retries: u32,
    /// Longest single wait honoured, for a 429 or before sending (the burst window): a longer one fails at once
    /// with [`ApiError::RateLimited`](super::ApiError::RateLimited), since Pipedrive waits only a few seconds for
    /// an extension's answer.
    pub max_wait: Duration,
    /// Wait after a 429 that says neither `Retry-After` nor `x-ratelimit-reset`, and after a 5xx or a network
    /// error; up to half of it again is added at random, so callers refused together do not retry together.
    pub default_wait: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, each waiting at most 2 seconds (1 to 1.5 seconds when Pipedrive does not say).
    fn default() -> Self {
        Self {
            max_retries: 2,
            max_wait: Duration::from_secs(2),
            default_wait: Duration::from_secs(1),
        }
    }
}

/// Requests per 2-second burst window the client allows itself per token, before Pipedrive's
/// `x-ratelimit-limit` says what the company's plan allows (from then on, that number).
///
/// The defaults are the lowest plan's ("Rate limiting": Lite): a client never sends faster than the company's
/// plan allows, whichever it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BurstLimits {
    /// An OAuth app's token (one per installation: user and company).
    pub oauth: u32,
    /// A personal API token.
    pub api_token: u32,
    /// Search calls, whatever the authentication (a window of their own, counted in the token's window too).
    pub search: u32,
}

impl Default for BurstLimits {
    fn default() -> Self {
        Self {
            oauth: BURST_OAUTH[0],
            api_token: BURST_API_TOKEN[0],
            search: BURST_SEARCH,
        }
    }
}

/// Whose identical reads share one API call (in flight, and in the [`ReadCache`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadSharing {
    /// Reads are shared between calls of the same installation (one user of one company) only: the default,
    /// because what a user may see in Pipedrive depends on the user (visibility groups, permission sets).
    #[default]
    PerUser,
    /// Reads are shared between all users of a company. Only for apps whose users all see the same data (e.g.
    /// every installing user is an admin, or the app reads only what everyone sees): otherwise one user's
    /// answer, with objects they may see, is given to another user who may not.
    Company,
}

/// A bounded cache of API answers to `GET` calls, per company: off unless set with
/// [`ApiSettings::read_cache`]. An answer is kept until its `ttl` passes or the client writes (`POST`, `PUT`,
/// `PATCH`, `DELETE`) the same object; the oldest answers are dropped first when the cache holds
/// `max_entries` answers or `max_bytes` bytes. Writes made elsewhere (another app, the web app) are seen after
/// `ttl` at the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadCache {
    /// How long an answer is served from the cache.
    pub ttl: Duration,
    /// Most answers kept, over all companies.
    pub max_entries: usize,
    /// Most bytes of answers kept, over all companies (an answer larger than this is never kept).
    pub max_bytes: usize,
}

impl ReadCache {
    /// Answers kept for `ttl`, at most 1,000 of them and 8 MiB.
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            max_entries: 1_000,
            max_bytes: 8 << 20,
        }
    }

    /// Sets the most answers kept.
    pub fn max_entries(mut self, max_entries: usize) -> Self {
        self.max_entries = max_entries;
        self
    }

    /// Sets the most bytes kept.
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }
}

/// Everything that tunes the API client: [`Installations::with_api_settings`](crate::install::Installations::with_api_settings)
/// for the clients of an app's installations, [`Client::from_api_token_with`](super::Client::from_api_token_with)
/// for an API-token client.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ApiSettings {
    pub(crate) retry: RetryPolicy,
    pub(crate) burst: BurstLimits,
    pub(crate) read_cache: Option<ReadCache>,
    pub(crate) read_sharing: ReadSharing,
}

impl ApiSettings {
    /// The defaults: [`RetryPolicy::default`], [`BurstLimits::default`], no read cache, reads shared per user.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets how calls wait out 429s and retry failures.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the burst limits assumed before Pipedrive states them.
    pub fn burst_limits(mut self, burst: BurstLimits) -> Self {
        self.burst = burst;
        self
    }

    /// Keeps answers to `GET` calls in a bounded cache (see [`ReadCache`]).
    pub fn read_cache(mut self, cache: ReadCache) -> Self {
        self.read_cache = Some(cache);
        self
    }

    /// Sets whose identical reads share one call (see [`ReadSharing`]; default per user).
    pub fn read_sharing(mut self, sharing: ReadSharing) -> Self {
        self.read_sharing = sharing;
        self
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }
}
