//! The customer's API budget: [`RateLimitInfo`] read from every answer's headers, and the limiter that keeps
//! each token under its burst limit and each company within its daily budget *before* Pipedrive answers 429
//! (Pipedrive's docs, *Rate limiting*: <https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting>).
//!
//! Per token (one per installation, or the API token): a rolling 2-second window of the sends it made and
//! scheduled, its limit (the lowest plan's until Pipedrive's `x-ratelimit-limit` says), Pipedrive's last
//! `x-ratelimit-remaining`/`reset`, and a block after a 429. Search calls have a window of their own too.
//! Per company: the last known daily budget (`x-daily-ratelimit-token-remaining`, less the cost of the calls
//! sent since), and when it is spent.

use pdx_format::api::{
    BURST_WINDOW_MILLIS, HEADER_DAILY_REQUESTS_LEFT, HEADER_DAILY_TOKEN_LIMIT,
    HEADER_DAILY_TOKEN_REMAINING, HEADER_LIMIT, HEADER_REMAINING, HEADER_RESET,
};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// What one answer said about the rate limits; every field is optional (Pipedrive does not send them all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimitInfo {
    /// `x-ratelimit-limit`: requests per 2-second window for this token.
    pub limit: Option<u32>,
    /// `x-ratelimit-remaining`: requests left in the window.
    pub remaining: Option<u32>,
    /// `x-ratelimit-reset`: until the window resets (read as seconds; fractions kept).
    pub reset: Option<Duration>,
    /// `x-daily-ratelimit-token-limit`: the company's daily token budget.
    pub daily_token_limit: Option<u64>,
    /// `x-daily-ratelimit-token-remaining`: tokens left of it today.
    pub daily_token_remaining: Option<u64>,
    /// `x-daily-requests-left`: POST/PUT requests left today (API tokens).
    pub daily_requests_left: Option<u64>,
    /// `Retry-After` in seconds (an HTTP date is not read).
    pub retry_after: Option<Duration>,
}

impl RateLimitInfo {
    /// Reads the headers of an answer; a missing or unreadable header is `None`.
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        let int = |name: &str| text(name).and_then(|t| t.parse::<u64>().ok());
        let seconds = |name: &str| {
            text(name)
                .and_then(|t| t.parse::<f64>().ok())
                .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 86_400.0)
                .map(Duration::from_secs_f64)
        };
        Self {
            limit: int(HEADER_LIMIT).and_then(|v| u32::try_from(v).ok()),
            remaining: int(HEADER_REMAINING).and_then(|v| u32::try_from(v).ok()),
            reset: seconds(HEADER_RESET),
            daily_token_limit: int(HEADER_DAILY_TOKEN_LIMIT),
            daily_token_remaining: int(HEADER_DAILY_TOKEN_REMAINING),
            daily_requests_left: int(HEADER_DAILY_REQUESTS_LEFT),
            retry_after: seconds(RETRY_AFTER.as_str()),
        }
    }

    /// Whether the answer says the company's daily budget is spent.
    pub fn daily_budget_spent(&self) -> bool {
        self.daily_token_remaining == Some(0)
    }
}

/// The burst window as the client counts it: Pipedrive's 2 seconds and 250 ms, because a request reaches
/// Pipedrive later than it leaves (connection, load): counted from its leaving, a send would free its room
/// before Pipedrive's window lets it go.
const WINDOW: Duration = Duration::from_millis(BURST_WINDOW_MILLIS + 250);

/// How long a spent daily budget refuses calls before one call checks again. Pipedrive resets the budget at
/// midnight in its server's time zone and sends no header saying when: pdx checks once a minute.
pub(crate) const BUDGET_RECHECK: Duration = Duration::from_secs(60);

/// How long a known daily budget is trusted without a fresh answer (it may have been reset meanwhile).
const BUDGET_TRUSTED: Duration = Duration::from_secs(60);

/// Above this many tokens or companies, those idle for a window are forgotten (what a request can make the
/// limiter hold is bounded by the installations, and this keeps idle ones from piling up).
const PRUNE_AT: usize = 4096;

/// One rolling window of sends, sent or scheduled, oldest first.
#[derive(Debug)]
struct Window {
    limit: u32,
    sends: VecDeque<Instant>,
    /// No send before this (after a 429, or Pipedrive's `remaining: 0`).
    blocked_until: Option<Instant>,
    /// Pipedrive's last `remaining`, valid until its `reset`.
    server: Option<(u32, Instant)>,
}

impl Window {
    fn new(limit: u32) -> Self {
        Self {
            limit: limit.max(1),
            sends: VecDeque::new(),
            blocked_until: None,
            server: None,
        }
    }

    /// The earliest instant a new send fits.
    fn slot(&mut self, now: Instant) -> Instant {
        while self.sends.front().is_some_and(|t| *t + WINDOW <= now) {
            self.sends.pop_front();
        }
        let mut slot = now;
        let limit = self.limit as usize;
        if self.sends.len() >= limit {
            slot = slot.max(self.sends[self.sends.len() - limit] + WINDOW);
        }
        if let Some(until) = self.blocked_until {
            slot = slot.max(until);
        }
        if let Some((0, until)) = self.server {
            slot = slot.max(until);
        }
        slot
    }

    fn reserve(&mut self, slot: Instant) {
        let at = self.sends.partition_point(|t| *t <= slot);
        self.sends.insert(at, slot);
        if let Some((remaining, until)) = &mut self.server
            && slot < *until
        {
            *remaining = remaining.saturating_sub(1);
        }
    }

    fn observe(&mut self, info: &RateLimitInfo, now: Instant) {
        if let Some(limit) = info.limit.filter(|l| *l > 0) {
            self.limit = limit;
        }
        if let (Some(remaining), Some(reset)) = (info.remaining, info.reset) {
            self.server = Some((remaining, now + reset));
        }
    }

    fn block(&mut self, until: Instant) {
        self.blocked_until = Some(self.blocked_until.map_or(until, |b| b.max(until)));
    }
}

#[derive(Debug)]
struct TokenState {
    general: Window,
    search: Window,
    last: Option<RateLimitInfo>,
    touched: Instant,
}

#[derive(Debug, Default)]
struct Budget {
    /// Tokens left, as of the last answer less the costs sent since, and when that answer came.
    remaining: Option<(u64, Instant)>,
    /// Spent: no call before this (one call then checks again).
    spent_until: Option<Instant>,
    touched: Option<Instant>,
}

/// Why a call may not be sent now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The company's daily budget is spent; calls resume after this long.
    Budget(Option<Duration>),
    /// The token's window has no room within the longest affordable wait; room comes after this long.
    Burst(Duration),
}

/// Which token and company a call spends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Spender {
    pub(crate) company: String,
    pub(crate) token: String,
}

impl Spender {
    /// The token of an installation (one per company and user).
    pub(crate) fn installation(company_id: &str, user_id: &str) -> Self {
        Self {
            company: company_id.to_owned(),
            token: format!("{company_id}\n{user_id}"),
        }
    }
}

/// The rate limits of every token and company a set of clients calls for.
#[derive(Debug)]
pub(crate) struct Limiter {
    default_limit: u32,
    search_limit: u32,
    state: Mutex<LimiterState>,
}

#[derive(Debug, Default)]
struct LimiterState {
    tokens: HashMap<String, TokenState>,
    budgets: HashMap<String, Budget>,
}

impl Limiter {
    pub(crate) fn new(default_limit: u32, search_limit: u32) -> Self {
        Self {
            default_limit,
            search_limit,
            state: Mutex::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LimiterState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reserves a send of a call costing `cost` tokens: how long to wait before sending, or why not to send.
    pub(crate) fn admit(
        &self,
        who: &Spender,
        cost: u32,
        search: bool,
        max_wait: Duration,
    ) -> Result<Duration, Refusal> {
        let now = Instant::now();
        let mut state = self.lock();
        state.prune(now);
        check_budget(
            state.budgets.entry(who.company.clone()).or_default(),
            cost,
            now,
        )?;
        let token = state.token(&who.token, self.default_limit, self.search_limit, now);
        let mut slot = token.general.slot(now);
        if search {
            slot = slot.max(token.search.slot(now));
        }
        let wait = slot - now;
        if wait > max_wait {
            return Err(Refusal::Burst(wait));
        }
        token.general.reserve(slot);
        if search {
            token.search.reserve(slot);
        }
        Ok(wait)
    }

    /// Counts a request made with the token outside the client (the install's `/users/me`): it fills the
    /// window as Pipedrive counts it.
    pub(crate) fn sent_elsewhere(&self, who: &Spender) {
        let now = Instant::now();
        let mut state = self.lock();
        let token = state.token(&who.token, self.default_limit, self.search_limit, now);
        token.general.reserve(now);
    }

    /// Takes in what an answer said.
    pub(crate) fn observe(&self, who: &Spender, info: &RateLimitInfo, search: bool) {
        let now = Instant::now();
        let mut state = self.lock();
        let token = state.token(&who.token, self.default_limit, self.search_limit, now);
        if search {
            token.search.observe(info, now);
        } else {
            token.general.observe(info, now);
        }
        token.last = Some(*info);
        let budget = state.budgets.entry(who.company.clone()).or_default();
        if let Some(remaining) = info.daily_token_remaining {
            budget.remaining = Some((remaining, now));
            if remaining > 0 {
                budget.spent_until = None;
            }
        }
    }

    /// A 429 for the burst window: no send on this token before `wait` has passed.
    pub(crate) fn block(&self, who: &Spender, wait: Duration, search: bool) {
        let now = Instant::now();
        let mut state = self.lock();
        let token = state.token(&who.token, self.default_limit, self.search_limit, now);
        if search {
            token.search.block(now + wait);
        } else {
            token.general.block(now + wait);
        }
    }

    /// A 429 that says the daily budget is spent: the company's calls fail at once for [`BUDGET_RECHECK`].
    pub(crate) fn budget_spent(&self, company: &str) -> Duration {
        let now = Instant::now();
        let mut state = self.lock();
        let budget = state.budgets.entry(company.to_owned()).or_default();
        budget.spent_until = Some(now + BUDGET_RECHECK);
        budget.remaining = Some((0, now));
        BUDGET_RECHECK
    }

    /// The last rate-limit headers the token's answers carried.
    pub(crate) fn last_info(&self, token: &str) -> Option<RateLimitInfo> {
        self.lock().tokens.get(token).and_then(|t| t.last)
    }
}

impl LimiterState {
    fn token(&mut self, key: &str, limit: u32, search: u32, now: Instant) -> &mut TokenState {
        let token = self
            .tokens
            .entry(key.to_owned())
            .or_insert_with(|| TokenState {
                general: Window::new(limit),
                search: Window::new(search),
                last: None,
                touched: now,
            });
        token.touched = now;
        token
    }

    fn prune(&mut self, now: Instant) {
        let idle = |touched: Instant| touched + WINDOW.max(BUDGET_RECHECK) < now;
        if self.tokens.len() > PRUNE_AT {
            self.tokens.retain(|_, t| !idle(t.touched));
        }
        if self.budgets.len() > PRUNE_AT {
            self.budgets.retain(|_, b| {
                !b.touched.is_none_or(idle) || b.spent_until.is_some_and(|u| u > now)
            });
        }
    }
}

/// Refuses when the company's budget is spent (letting one call through once [`BUDGET_RECHECK`] has passed)
/// or known to be below `cost`; else counts `cost` off it.
fn check_budget(budget: &mut Budget, cost: u32, now: Instant) -> Result<(), Refusal> {
    budget.touched = Some(now);
    if let Some(until) = budget.spent_until {
        if now < until {
            return Err(Refusal::Budget(Some(until - now)));
        }
        // This call checks again; the others keep failing at once until its answer.
        budget.spent_until = Some(now + BUDGET_RECHECK);
        return Ok(());
    }
    if let Some((remaining, seen)) = &mut budget.remaining
        && now < *seen + BUDGET_TRUSTED
    {
        if *remaining < u64::from(cost) {
            budget.spent_until = Some(now + BUDGET_RECHECK);
            return Err(Refusal::Budget(Some(BUDGET_RECHECK)));
        }
        *remaining -= u64::from(cost);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn who() -> Spender {
        Spender {
            company: "c".into(),
            token: "t".into(),
        }
    }

    #[test]
    fn headers_are_read_and_bad_ones_ignored() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("x-ratelimit-limit", "80"),
            ("x-ratelimit-remaining", "3"),
            ("x-ratelimit-reset", "1.5"),
            ("x-daily-ratelimit-token-remaining", "0"),
            ("x-daily-requests-left", "nope"),
            ("retry-after", "-4"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        let info = RateLimitInfo::from_headers(&h);
        assert_eq!(info.limit, Some(80));
        assert_eq!(info.remaining, Some(3));
        assert_eq!(info.reset, Some(Duration::from_millis(1500)));
        assert!(info.daily_budget_spent());
        assert_eq!(info.daily_requests_left, None);
        assert_eq!(info.retry_after, None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_window_schedules_the_next_send_when_the_oldest_leaves_it() {
        let limiter = Limiter::new(3, 10);
        let long = Duration::from_secs(10);
        for _ in 0..3 {
            assert_eq!(limiter.admit(&who(), 1, false, long), Ok(Duration::ZERO));
        }
        assert_eq!(limiter.admit(&who(), 1, false, long), Ok(WINDOW));
        // Scheduled sends count: the fifth waits for the second window's room too.
        assert_eq!(limiter.admit(&who(), 1, false, long), Ok(WINDOW));
        assert_eq!(
            limiter.admit(&who(), 1, false, Duration::from_secs(1)),
            Err(Refusal::Burst(WINDOW))
        );
        tokio::time::advance(WINDOW).await;
        assert_eq!(limiter.admit(&who(), 1, false, long), Ok(Duration::ZERO));
    }

    #[tokio::test(start_paused = true)]
    async fn pipedrives_headers_narrow_the_window() {
        let limiter = Limiter::new(80, 10);
        let long = Duration::from_secs(10);
        let mut info = RateLimitInfo {
            limit: Some(80),
            remaining: Some(0),
            reset: Some(Duration::from_secs(1)),
            ..RateLimitInfo::default()
        };
        limiter.observe(&who(), &info, false);
        assert_eq!(
            limiter.admit(&who(), 1, false, long),
            Ok(Duration::from_secs(1))
        );
        info.remaining = Some(1);
        info.limit = Some(2);
        limiter.observe(&who(), &info, false);
        let again = limiter.admit(&who(), 1, false, long).expect("room");
        assert!(again <= WINDOW, "{again:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn searches_have_their_own_window() {
        let limiter = Limiter::new(100, 2);
        let long = Duration::from_secs(10);
        assert_eq!(limiter.admit(&who(), 20, true, long), Ok(Duration::ZERO));
        assert_eq!(limiter.admit(&who(), 20, true, long), Ok(Duration::ZERO));
        assert_eq!(limiter.admit(&who(), 20, true, long), Ok(WINDOW));
        assert_eq!(limiter.admit(&who(), 1, false, long), Ok(Duration::ZERO));
    }

    #[tokio::test(start_paused = true)]
    async fn a_spent_budget_fails_fast_then_lets_one_call_check() {
        let limiter = Limiter::new(100, 10);
        let long = Duration::from_secs(10);
        let info = RateLimitInfo {
            daily_token_remaining: Some(12),
            ..RateLimitInfo::default()
        };
        limiter.observe(&who(), &info, false);
        assert_eq!(limiter.admit(&who(), 10, false, long), Ok(Duration::ZERO));
        assert!(matches!(
            limiter.admit(&who(), 10, false, long),
            Err(Refusal::Budget(Some(_)))
        ));
        tokio::time::advance(BUDGET_RECHECK).await;
        assert_eq!(limiter.admit(&who(), 10, false, long), Ok(Duration::ZERO));
        assert!(
            limiter.admit(&who(), 10, false, long).is_err(),
            "one check at a time"
        );
        limiter.observe(
            &who(),
            &RateLimitInfo {
                daily_token_remaining: Some(500),
                ..info
            },
            false,
        );
        assert_eq!(limiter.admit(&who(), 10, false, long), Ok(Duration::ZERO));
    }
}
