//! The one request path every call takes: scopes checked, reads served from the cache or joined to one in
//! flight, the budget and the burst window respected before sending, the answer's rate-limit headers read, a
//! 401 refreshed once, 429s and transient failures retried within the [`RetryPolicy`](super::RetryPolicy).

use super::ApiError;
use super::answer::error_of;
use super::cache::Body;
use super::call::{Needs, Prepared};
use super::client::{Caller, Client, Credential};
use super::rate::{RateLimitInfo, Refusal};
use super::settings::ReadSharing;
use super::stats::{Counters, bump};
use futures_util::FutureExt;
use pdx_format::api::HEADER_API_TOKEN;
use reqwest::{Method, StatusCode};
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// What one request came to.
enum Attempt {
    /// The answer, or an error that no retry mends.
    Done(Result<Body, ApiError>),
    /// 401: refresh the tokens, then send again.
    Refresh,
    /// 429: the burst window is full; send again after `wait` (unless longer than the policy allows).
    RateLimited { wait: Duration, error: ApiError },
    /// A 5xx or a network error: for a call that may be sent twice, send again after `wait`.
    Transient { wait: Duration, error: ApiError },
}

impl Client {
    /// Sends a prepared call and returns the answer's body.
    pub(crate) async fn execute(&self, call: Prepared) -> Result<Body, ApiError> {
        let counters = &self.state.counters;
        bump(&counters.calls);
        let caller = self.caller().await?;
        self.check_scopes(&call, &caller)?;
        if call.method != Method::GET {
            let company = caller.company.clone();
            let answer = self.send(call.clone(), caller).await;
            if let Some(cache) = &self.state.cache {
                // Even a failed write may have changed the object.
                cache.invalidate(&company, &call.path);
            }
            return answer;
        }
        let key = self.read_key(&call, &caller);
        if let Some(hit) = self.state.cache.as_ref().and_then(|c| c.get(&key)) {
            bump(&counters.cache_hits);
            return Ok(hit);
        }
        let (company, path) = (caller.company.clone(), call.path.clone());
        let client = self.clone();
        let (answer, joined) = self
            .state
            .inflight
            .run(&key, move || {
                async move { client.send(call, caller).await }.boxed()
            })
            .await;
        if joined {
            bump(&counters.coalesced);
        } else if let (Some(cache), Ok(body)) = (&self.state.cache, &answer) {
            cache.put(&key, &company, &path, body.clone());
        }
        answer
    }

    /// Records the call in the scope ledger and refuses it when the installation lacks every scope that
    /// allows it. API-token clients have no scopes.
    fn check_scopes(&self, call: &Prepared, caller: &Caller) -> Result<(), ApiError> {
        if !caller.is_oauth() {
            return Ok(());
        }
        let needed: &[_] = match &call.needs {
            Needs::AnyOf(scopes) => scopes,
            Needs::Unknown => &[],
        };
        self.state.ledger.record(&call.endpoint, needed);
        let Some(granted) = &caller.granted else {
            return Ok(());
        };
        if needed.is_empty() || granted.allows_any(needed) {
            return Ok(());
        }
        bump(&self.state.counters.missing_scope);
        Err(ApiError::MissingScope {
            call: call.name.clone(),
            needed: needed.to_vec(),
            granted: granted.clone(),
        })
    }

    /// The key identical reads share: the sharer (the installation, or its company) and the URL.
    fn read_key(&self, call: &Prepared, caller: &Caller) -> String {
        let user = match self.state.settings.read_sharing {
            ReadSharing::PerUser => caller.user.as_str(),
            ReadSharing::Company => "",
        };
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &call.query {
            query.append_pair(name, value);
        }
        format!(
            "{}\n{user}\n{}?{}",
            caller.company,
            call.path,
            query.finish()
        )
    }

    /// Sends until an answer, an error no retry mends, or the retries are spent.
    async fn send(&self, call: Prepared, mut caller: Caller) -> Result<Body, ApiError> {
        let policy = self.state.settings.retry;
        let (mut refreshed, mut retries) = (false, 0);
        loop {
            self.admit(&call, &caller).await?;
            let (wait, error) = match self.attempt(&call, &caller).await {
                Attempt::Done(answer) => return answer,
                Attempt::Refresh if refreshed || !caller.is_oauth() => {
                    return Err(ApiError::Unauthorized);
                }
                Attempt::Refresh => {
                    caller = self.refreshed(bearer(&caller)).await?;
                    refreshed = true;
                    continue;
                }
                Attempt::RateLimited { wait, error } => {
                    // No call of this token is sent before then (traffic that keeps going after 429s gets
                    // blocked): a retry's `admit` waits, other calls wait or fail at once.
                    self.state
                        .limiter
                        .block(&caller.spender(), wait, call.search);
                    (wait, error)
                }
                Attempt::Transient { wait, error } if call.is_idempotent() => {
                    if retries < policy.max_retries && wait <= policy.max_wait {
                        tokio::time::sleep(wait).await;
                    }
                    (wait, error)
                }
                Attempt::Transient { error, .. } => return Err(error),
            };
            if retries >= policy.max_retries || wait > policy.max_wait {
                return Err(error);
            }
            retries += 1;
            bump(&self.state.counters.retries);
        }
    }

    /// Waits for room in the token's burst window, or refuses at once (the company's budget is spent, or the
    /// wait is longer than the policy's `max_wait`).
    async fn admit(&self, call: &Prepared, caller: &Caller) -> Result<(), ApiError> {
        let counters = &self.state.counters;
        let max_wait = self.state.settings.retry.max_wait;
        match self
            .state
            .limiter
            .admit(&caller.spender(), call.cost, call.search, max_wait)
        {
            Ok(wait) => {
                if !wait.is_zero() {
                    bump(&counters.throttled);
                    let micros = u64::try_from(wait.as_micros()).unwrap_or(u64::MAX);
                    Counters::add(&counters.throttle_wait_micros, micros);
                    tokio::time::sleep(wait).await;
                }
                Ok(())
            }
            Err(refusal) => {
                bump(&counters.failed_fast);
                Err(match refusal {
                    Refusal::Budget(retry_after) => ApiError::DailyBudgetExhausted {
                        call: call.name.clone(),
                        retry_after,
                    },
                    Refusal::Burst(wait) => ApiError::RateLimited {
                        call: call.name.clone(),
                        retry_after: Some(wait),
                    },
                })
            }
        }
    }

    /// One request and what its answer means.
    async fn attempt(&self, call: &Prepared, caller: &Caller) -> Attempt {
        let counters = &self.state.counters;
        let url = format!("{}{}", caller.api_domain.trim_end_matches('/'), call.path);
        let mut request = self
            .state
            .http
            .request(call.method.clone(), url)
            .query(&call.query);
        request = match &caller.credential {
            Credential::Bearer(token) => request.bearer_auth(token),
            Credential::ApiToken(header) => request.header(HEADER_API_TOKEN, header.clone()),
        };
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        bump(&counters.requests);
        Counters::add(&counters.tokens_spent, u64::from(call.cost));
        let policy = self.state.settings.retry;
        let transient = |error: reqwest::Error| Attempt::Transient {
            wait: jittered(policy.default_wait, policy.max_wait),
            error: ApiError::Unreachable(error.without_url().to_string()),
        };
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => return transient(e),
        };
        let status = response.status();
        let info = RateLimitInfo::from_headers(response.headers());
        self.state
            .limiter
            .observe(&caller.spender(), &info, call.search);
        if status == StatusCode::UNAUTHORIZED {
            return Attempt::Refresh;
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            bump(&counters.rate_limited);
            return self.too_many(call, caller, &info);
        }
        let bytes = match response.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => return transient(e),
        };
        let error = || error_of(&call.name, status.as_u16(), &bytes, call.is_webhooks());
        match status {
            s if s.is_success() => Attempt::Done(Ok(Body::from(&bytes[..]))),
            s if s.is_server_error() => Attempt::Transient {
                wait: jittered(policy.default_wait, policy.max_wait),
                error: error(),
            },
            _ => Attempt::Done(Err(error())),
        }
    }

    /// A 429: the daily budget spent (no retry), or the burst window full (retry after what Pipedrive says:
    /// `Retry-After`, else `x-ratelimit-reset`, else the policy's default wait with jitter).
    fn too_many(&self, call: &Prepared, caller: &Caller, info: &RateLimitInfo) -> Attempt {
        if info.daily_budget_spent() {
            let retry_after = self.state.limiter.budget_spent(&caller.company);
            return Attempt::Done(Err(ApiError::DailyBudgetExhausted {
                call: call.name.clone(),
                retry_after: Some(retry_after),
            }));
        }
        let policy = self.state.settings.retry;
        let wait = info
            .retry_after
            .or(info.reset)
            .unwrap_or_else(|| jittered(policy.default_wait, policy.max_wait));
        Attempt::RateLimited {
            wait,
            error: ApiError::RateLimited {
                call: call.name.clone(),
                retry_after: Some(wait),
            },
        }
    }
}

fn bearer(caller: &Caller) -> &str {
    match &caller.credential {
        Credential::Bearer(token) => token,
        Credential::ApiToken(_) => "",
    }
}

/// `base` plus up to half of it again at random, so that callers refused together do not retry together; never
/// past `max` when `base` is within it.
pub(crate) fn jittered(base: Duration, max: Duration) -> Duration {
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let fraction = (random % 1_000) as f64 / 2_000.0;
    let wait = base + base.mul_f64(fraction);
    if base <= max { wait.min(max) } else { wait }
}

#[cfg(test)]
mod tests {
    use super::jittered;
    use std::time::Duration;

    #[test]
    fn jitter_stays_between_the_wait_and_half_again() {
        let base = Duration::from_secs(1);
        let waits: Vec<Duration> = (0..50)
            .map(|_| jittered(base, Duration::from_secs(2)))
            .collect();
        assert!(waits.iter().all(|w| *w >= base && *w <= base.mul_f64(1.5)));
        assert!(waits.iter().any(|w| *w != waits[0]), "not all the same");
        assert_eq!(
            jittered(base, base),
            base,
            "capped at the policy's longest wait"
        );
    }
}
