//! Pipedrive's rate limits ("Rate limiting": <https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting>):
//! a daily token budget per company, shared by all its users and apps, and a burst limit per token over a
//! rolling 2-second window (10 for search calls, whatever the plan). Every answer to an authenticated call
//! carries the `x-ratelimit-*` and `x-daily-ratelimit-token-*` headers.
//!
//! Choices where the docs are silent, made here only: a call is counted in its burst window once its token is
//! accepted; it spends its endpoint's cost from the budget once it passes its scope check and the budget can
//! pay for it (whatever the endpoint then answers); a call the budget cannot pay for answers 429 with
//! `x-daily-ratelimit-token-remaining: 0`; `x-ratelimit-reset` is the whole seconds until the window's oldest
//! call leaves it; the budget resets only when a test says so ([`FakeCompany::reset_daily_budget`]).
//!
//! [`FakeCompany::reset_daily_budget`]: super::FakeCompany::reset_daily_budget

use axum::http::{HeaderMap, HeaderName, HeaderValue};
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// The daily token budget per seat, before the plan's multiplier.
pub const DAILY_TOKENS_PER_SEAT: u64 = 30_000;
/// The burst window.
pub const BURST_WINDOW: Duration = Duration::from_secs(2);
/// The burst limit of search calls, on every plan.
pub const SEARCH_BURST_LIMIT: u32 = 10;

/// A company's Pipedrive plan: its budget multiplier and burst limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Plan {
    /// Lite: multiplier 1; burst 20 (API token) / 80 (OAuth) per 2 s.
    Lite,
    /// Growth (the fake's default): multiplier 2; burst 40 / 160.
    #[default]
    Growth,
    /// Premium: multiplier 5; burst 100 / 400.
    Premium,
    /// Ultimate: multiplier 7; burst 120 / 480.
    Ultimate,
}

impl Plan {
    /// The daily budget multiplier.
    pub fn multiplier(self) -> u64 {
        match self {
            Plan::Lite => 1,
            Plan::Growth => 2,
            Plan::Premium => 5,
            Plan::Ultimate => 7,
        }
    }

    /// The burst limit per 2 seconds of one token: an API token's, or an OAuth app's.
    pub fn burst_limit(self, api_token: bool) -> u32 {
        let (api, oauth) = match self {
            Plan::Lite => (20, 80),
            Plan::Growth => (40, 160),
            Plan::Premium => (100, 400),
            Plan::Ultimate => (120, 480),
        };
        if api_token { api } else { oauth }
    }
}

/// Where a call stands in its burst window and the company's budget: the headers' values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct RateStatus {
    pub(super) limit: u32,
    pub(super) remaining: u32,
    pub(super) reset_secs: u64,
    pub(super) daily_limit: u64,
    pub(super) daily_remaining: u64,
}

impl RateStatus {
    /// Writes the rate-limit headers of every answer.
    pub(super) fn write(&self, headers: &mut HeaderMap) {
        let pairs = [
            ("x-ratelimit-limit", self.limit.to_string()),
            ("x-ratelimit-remaining", self.remaining.to_string()),
            ("x-ratelimit-reset", self.reset_secs.to_string()),
            (
                "x-daily-ratelimit-token-limit",
                self.daily_limit.to_string(),
            ),
            (
                "x-daily-ratelimit-token-remaining",
                self.daily_remaining.to_string(),
            ),
        ];
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(HeaderName::from_static(name), value);
            }
        }
    }
}

/// One token's rolling window: the instants of its calls in the last 2 seconds (at most its limit).
#[derive(Debug, Default)]
struct Window(VecDeque<Instant>);

impl Window {
    /// Counts a call if the window has room: `Ok` with the calls left, else `Err`; and the reset in seconds.
    fn admit(&mut self, now: Instant, limit: u32) -> (Result<u32, ()>, u64) {
        while self
            .0
            .front()
            .is_some_and(|t| now.duration_since(*t) >= BURST_WINDOW)
        {
            self.0.pop_front();
        }
        let used = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
        let admitted = if used < limit {
            self.0.push_back(now);
            Ok(limit - used - 1)
        } else {
            Err(())
        };
        let reset = self.0.front().map_or(0, |oldest| {
            let left = BURST_WINDOW.saturating_sub(now.duration_since(*oldest));
            left.as_millis().div_ceil(1000) as u64
        });
        (admitted, reset)
    }
}

/// A company's rate-limit state.
#[derive(Debug, Default)]
pub(super) struct CompanyRate {
    pub(super) plan: Plan,
    pub(super) seats: u64,
    pub(super) budget_override: Option<u64>,
    pub(super) burst_override: Option<u32>,
    pub(super) spent: u64,
    windows: HashMap<(String, bool), Window>,
}

impl CompanyRate {
    pub(super) fn new() -> Self {
        Self {
            seats: 1,
            ..Self::default()
        }
    }

    /// The daily budget: a test's, else `30,000 × plan multiplier × seats`.
    pub(super) fn budget(&self) -> u64 {
        self.budget_override
            .unwrap_or(DAILY_TOKENS_PER_SEAT * self.plan.multiplier() * self.seats.max(1))
    }

    /// Counts a call of `token` in its window (the search window for a search call): the status for the
    /// headers, and whether the window had room.
    pub(super) fn admit(
        &mut self,
        token: &str,
        api_token: bool,
        search: bool,
    ) -> (RateStatus, bool) {
        let limit = if search {
            SEARCH_BURST_LIMIT
        } else {
            self.burst_override
                .unwrap_or_else(|| self.plan.burst_limit(api_token))
        };
        let now = Instant::now();
        if self.windows.len() > 10_000 {
            self.windows.retain(|_, w| {
                w.0.back()
                    .is_some_and(|t| now.duration_since(*t) < BURST_WINDOW)
            });
        }
        let window = self.windows.entry((token.to_owned(), search)).or_default();
        let (admitted, reset_secs) = window.admit(now, limit);
        let status = RateStatus {
            limit,
            remaining: admitted.unwrap_or(0),
            reset_secs,
            daily_limit: self.budget(),
            daily_remaining: self.budget().saturating_sub(self.spent),
        };
        (status, admitted.is_ok())
    }

    /// Spends `cost` tokens if the budget can pay for them.
    pub(super) fn spend(&mut self, cost: u64, status: &mut RateStatus) -> bool {
        if self.budget().saturating_sub(self.spent) < cost {
            status.daily_remaining = 0;
            return false;
        }
        self.spent += cost;
        status.daily_remaining = self.budget().saturating_sub(self.spent);
        true
    }
}
