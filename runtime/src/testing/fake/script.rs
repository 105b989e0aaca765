//! What a test scripts: answers to give instead of the fake's own ([`Answer`], the next N calls of a path) and
//! answer latency (for every API call, or per path).
//!
//! A path pattern is a path (`/api/v2/deals/7`) or a route (`/api/v2/deals/{id}`), optionally after a method
//! (`PATCH /api/v2/deals/{id}`); it matches a call to that path, or to any path of that route.

use super::answer::{
    CLOUDFLARE_PAGE, OVER_LIMIT, SCOPE_MISMATCH, UNAUTHORIZED, error_body, invalid_body,
};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::time::Duration;

/// An answer a test scripts for the next calls of a path ([`FakePipedrive::answer_next`]): a status, a body,
/// headers. Scripted answers replace the whole answer (no rate-limit headers unless given), spend no tokens, and
/// are recorded like any call.
///
/// [`FakePipedrive::answer_next`]: super::FakePipedrive::answer_next
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Body,
}

#[derive(Debug, Clone, PartialEq)]
enum Body {
    Json(Value),
    Html(String),
    Empty,
}

impl Answer {
    /// An answer with `status` and Pipedrive's error body (`success: false`, a message naming the status).
    pub fn status(status: u16) -> Self {
        let reason = StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("Error");
        Self::json(status, error_body(status, reason))
    }

    /// An answer with `status` and this JSON body.
    pub fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Body::Json(body),
        }
    }

    /// An answer with `status` and no body.
    pub fn empty(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl ToString) -> Self {
        self.headers.push((name.to_owned(), value.to_string()));
        self
    }

    /// 401 `unauthorized access`, as for an expired or revoked token.
    pub fn unauthorized() -> Self {
        Self::json(401, error_body(401, UNAUTHORIZED))
    }

    /// 403 `Scope and URL mismatch`.
    pub fn scope_mismatch() -> Self {
        Self::json(403, error_body(403, SCOPE_MISMATCH))
    }

    /// 403 for the user's own permissions or a plan limit, with Pipedrive's `code`
    /// (e.g. `feature_capping_deals_limit`).
    pub fn forbidden(message: &str, code: &str) -> Self {
        let mut body = error_body(403, message);
        body["code"] = json!(code);
        Self::json(403, body)
    }

    /// 403 with Cloudflare's HTML page instead of JSON, as Pipedrive blocks integrations that keep calling
    /// after 429s.
    pub fn cloudflare_block() -> Self {
        Self {
            status: 403,
            headers: Vec::new(),
            body: Body::Html(CLOUDFLARE_PAGE.to_owned()),
        }
    }

    /// 429 `Request over limit`, with `Retry-After` when given and `x-ratelimit-remaining: 0`.
    pub fn over_limit(retry_after_secs: Option<u64>) -> Self {
        let answer =
            Self::json(429, error_body(429, OVER_LIMIT)).header("x-ratelimit-remaining", 0);
        match retry_after_secs {
            Some(secs) => answer.header("retry-after", secs),
            None => answer,
        }
    }

    /// 429 of a spent daily budget: `x-daily-ratelimit-token-remaining: 0`.
    pub fn daily_budget_spent() -> Self {
        Self::over_limit(None).header("x-daily-ratelimit-token-remaining", 0)
    }

    /// 400 with an `errors` map naming `parameter`.
    pub fn invalid(parameter: &str, message: &str) -> Self {
        Self::json(400, invalid_body(parameter, message))
    }

    /// The status.
    pub fn status_code(&self) -> u16 {
        self.status
    }

    pub(super) fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = match self.body {
            Body::Json(body) => (status, axum::Json(body)).into_response(),
            Body::Html(page) => (
                status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                page,
            )
                .into_response(),
            Body::Empty => status.into_response(),
        };
        for (name, value) in self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::from_str(&value),
            ) {
                response.headers_mut().insert(name, value);
            }
        }
        response
    }
}

/// A path pattern, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Pattern {
    method: Option<Method>,
    path: String,
}

impl Pattern {
    pub(super) fn parse(pattern: &str) -> Self {
        let pattern = pattern.trim();
        match pattern.split_once(' ') {
            Some((method, path)) if !method.starts_with('/') => Self {
                method: Method::from_bytes(method.trim().as_bytes()).ok(),
                path: path.trim().to_owned(),
            },
            _ => Self {
                method: None,
                path: pattern.to_owned(),
            },
        }
    }

    /// Whether a call (its method, path and matched route, if any) matches.
    pub(super) fn matches(&self, method: &Method, path: &str, route: Option<&str>) -> bool {
        self.method.as_ref().is_none_or(|m| m == method)
            && (self.path == path || route.is_some_and(|r| r == self.path))
    }
}

/// The scripted answers and latencies.
#[derive(Debug, Default)]
pub(super) struct Scripts {
    answers: Vec<(Pattern, u32, Answer)>,
    pub(super) api_latency: Duration,
    latencies: Vec<(Pattern, Duration)>,
}

impl Scripts {
    pub(super) fn push(&mut self, pattern: &str, times: u32, answer: Answer) {
        if times > 0 {
            self.answers.push((Pattern::parse(pattern), times, answer));
        }
    }

    pub(super) fn set_latency(&mut self, pattern: &str, latency: Duration) {
        let pattern = Pattern::parse(pattern);
        self.latencies.retain(|(p, _)| *p != pattern);
        self.latencies.push((pattern, latency));
    }

    /// The next scripted answer for a call, used up by this call.
    pub(super) fn take(
        &mut self,
        method: &Method,
        path: &str,
        route: Option<&str>,
    ) -> Option<Answer> {
        let index = self
            .answers
            .iter()
            .position(|(p, _, _)| p.matches(method, path, route))?;
        let entry = &mut self.answers[index];
        entry.1 -= 1;
        let answer = entry.2.clone();
        if entry.1 == 0 {
            self.answers.remove(index);
        }
        Some(answer)
    }

    /// The latency of a call: its path's, else the API's (for API calls).
    pub(super) fn latency(
        &self,
        method: &Method,
        path: &str,
        route: Option<&str>,
        api: bool,
    ) -> Duration {
        self.latencies
            .iter()
            .rev()
            .find(|(p, _)| p.matches(method, path, route))
            .map(|(_, d)| *d)
            .unwrap_or(if api {
                self.api_latency
            } else {
                Duration::ZERO
            })
    }
}
