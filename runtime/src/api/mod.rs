//! Calling Pipedrive's API for the request's company and user: [`Client`] (from
//! [`Installations::client`](crate::install::Installations::client)) and the [`PipedriveApi`] extractor.
//!
//! The client refreshes the access token before it expires and once after a 401 (one refresh per installation at
//! a time, across instances), calls the company's `api_domain`, waits out a 429 per `Retry-After` within a
//! [`RetryPolicy`], and maps failures to [`ApiError`], which converts into a panel error state or a modal's
//! global error so `?` works in handlers.

mod client;
mod error;
mod extract;
mod types;

pub use client::Client;
pub use error::ApiError;
pub use extract::PipedriveApi;
pub(crate) use extract::needs_installations;
/// The HTTP method of a raw call ([`Client::request`]).
pub use reqwest::Method;
pub use types::{Deal, Organization, Person, User};

use std::time::Duration;

/// An access token expiring within this many seconds is refreshed before use.
pub const REFRESH_MARGIN_SECS: i64 = 60;

/// How API calls wait out Pipedrive's rate limit ("Rate limiting": a 429 means back off and retry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after a 429 (0: none).
    pub max_retries: u32,
    /// Longest wait honoured; a longer `Retry-After` fails at once with [`ApiError::RateLimited`], since
    /// Pipedrive waits only a few seconds for an extension's answer.
    pub max_wait: Duration,
    /// Wait when a 429 has no (readable) `Retry-After`.
    pub default_wait: Duration,
}

impl Default for RetryPolicy {
    /// Two retries, each waiting at most 2 seconds (1 second without `Retry-After`).
    fn default() -> Self {
        Self {
            max_retries: 2,
            max_wait: Duration::from_secs(2),
            default_wait: Duration::from_secs(1),
        }
    }
}
