//! The calls the fake received, for a test's assertions: method, path, query, headers and body with every
//! secret redacted, the answer's status, and which company and user the call was authenticated as.
//!
//! The log keeps the last [`MAX_RECORDED`] calls, so a fake under load never grows without bound.

use axum::http::request::Parts;
use serde_json::{Map, Value};
use std::collections::VecDeque;

/// How many calls the log keeps (the oldest are dropped first).
pub const MAX_RECORDED: usize = 10_000;

/// What replaces a secret in the log.
pub const REDACTED: &str = "<redacted>";

/// Headers whose values are secrets.
const SECRET_HEADERS: [&str; 4] = ["authorization", "x-api-token", "cookie", "set-cookie"];
/// Query and form fields whose values are secrets.
const SECRET_FIELDS: [&str; 7] = [
    "api_token",
    "client_secret",
    "code",
    "refresh_token",
    "token",
    "http_auth_password",
    "access_token",
];

/// Which of the fake's servers got a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Server {
    /// The OAuth server (`/oauth/...`).
    OAuth,
    /// A company's API (`/api/...` at its `api_domain`).
    Api {
        /// The company whose `api_domain` was called.
        company: u64,
    },
}

/// One call the fake received.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// Which server got it.
    pub server: Server,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The route it matched (`/api/v2/deals/{id}`), if any.
    pub route: Option<String>,
    /// The query parameters in order (secrets redacted).
    pub query: Vec<(String, String)>,
    /// The headers (secrets redacted: `authorization`, `x-api-token`, cookies).
    pub headers: Vec<(String, String)>,
    /// The body: JSON as sent, a form as an object of strings, other text as a string; secrets redacted.
    pub body: Option<Value>,
    /// The status answered.
    pub status: u16,
    /// The company and user the call was authenticated as (API calls with an accepted token).
    pub caller: Option<(u64, u64)>,
}

impl RecordedRequest {
    pub(super) fn new(server: Server, parts: &Parts, route: Option<&str>, body: &[u8]) -> Self {
        let query = form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .map(|(k, v)| {
                let v = redact_field(&k, v.into_owned());
                (k.into_owned(), v)
            })
            .collect();
        let headers = parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = if SECRET_HEADERS.contains(&name.as_str()) {
                    REDACTED.to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str().to_owned(), value)
            })
            .collect();
        Self {
            server,
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            route: route.map(str::to_owned),
            query,
            headers,
            body: recorded_body(parts, body),
            status: 0,
            caller: None,
        }
    }

    /// A query parameter's (first) value.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A header's (first) value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A form or JSON body field, as text.
    pub fn body_field(&self, name: &str) -> Option<&str> {
        self.body.as_ref()?.get(name)?.as_str()
    }
}

fn redact_field(name: &str, value: String) -> String {
    if SECRET_FIELDS.contains(&name) {
        REDACTED.to_owned()
    } else {
        value
    }
}

fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if SECRET_FIELDS.contains(&k.as_str()) && !v.is_null() {
                    *v = Value::String(REDACTED.to_owned());
                } else {
                    redact_json(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

fn recorded_body(parts: &Parts, body: &[u8]) -> Option<Value> {
    if body.is_empty() {
        return None;
    }
    let content_type = parts
        .headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let form: Map<String, Value> = form_urlencoded::parse(body)
            .map(|(k, v)| {
                let v = redact_field(&k, v.into_owned());
                (k.into_owned(), Value::String(v))
            })
            .collect();
        return Some(Value::Object(form));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(mut json) => {
            redact_json(&mut json);
            Some(json)
        }
        Err(_) => Some(Value::String(String::from_utf8_lossy(body).into_owned())),
    }
}

/// The log.
#[derive(Debug, Default)]
pub(super) struct Records(VecDeque<RecordedRequest>);

impl Records {
    pub(super) fn push(&mut self, request: RecordedRequest) {
        if self.0.len() == MAX_RECORDED {
            self.0.pop_front();
        }
        self.0.push_back(request);
    }

    pub(super) fn all(&self) -> Vec<RecordedRequest> {
        self.0.iter().cloned().collect()
    }

    pub(super) fn clear(&mut self) {
        self.0.clear();
    }
}
