//! Requests as Pipedrive sends them to an app's extensions: signed tokens with chosen claims, algorithm and
//! expiry, Basic auth, context parameters, modal submits and refetches, sent to a router without a network.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, header};
use base64::Engine as _;
use serde_json::{Map, Value, json};
use std::fmt::Display;
use tower::ServiceExt as _;

use super::TestResponse;
use crate::auth::hs256::{self, TokenMac};
use crate::auth::{DEFAULT_TOKEN_LIFETIME, encode_hs256, unix_now};
use crate::credentials::BasicCredentials;

/// `userId` the kit sends unless told otherwise.
pub const DEFAULT_USER_ID: u64 = 1001;
/// `companyId` the kit sends unless told otherwise.
pub const DEFAULT_COMPANY_ID: u64 = 2002;

/// The algorithm written in a test token's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenAlg {
    /// HS256: what Pipedrive uses.
    Hs256,
    /// HS512 (must be refused).
    Hs512,
    /// `alg: none`, no signature (must be refused).
    None,
    /// A header claiming RS256 over an HMAC signature (must be refused).
    Rs256,
}

/// A token to sign: secret, algorithm, claims. `userId`/`companyId` default to the request's query values.
#[derive(Debug, Clone)]
pub struct Token {
    secret: String,
    alg: TokenAlg,
    claims: Map<String, Value>,
    removed: Vec<String>,
}

impl Token {
    /// An HS256 token signed with `secret`, with `iat` now and `exp` in the
    /// [`DEFAULT_TOKEN_LIFETIME`].
    pub fn new(secret: impl Into<String>) -> Self {
        let iat = unix_now();
        let mut claims = Map::new();
        claims.insert("iat".into(), json!(iat));
        claims.insert("exp".into(), json!(iat + DEFAULT_TOKEN_LIFETIME.as_secs()));
        Self {
            secret: secret.into(),
            alg: TokenAlg::Hs256,
            claims,
            removed: Vec::new(),
        }
    }

    /// Signs with another algorithm.
    pub fn alg(mut self, alg: TokenAlg) -> Self {
        self.alg = alg;
        self
    }

    /// Sets the `userId` claim (a number or a string).
    pub fn user(self, user_id: impl Into<Value>) -> Self {
        self.claim("userId", user_id)
    }

    /// Sets the `companyId` claim (a number or a string).
    pub fn company(self, company_id: impl Into<Value>) -> Self {
        self.claim("companyId", company_id)
    }

    /// Sets any claim.
    pub fn claim(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.removed.retain(|r| r != name);
        self.claims.insert(name.to_owned(), value.into());
        self
    }

    /// Leaves a claim out (including `userId`/`companyId`, which are otherwise filled from the query).
    pub fn without(mut self, name: &str) -> Self {
        self.claims.remove(name);
        self.removed.push(name.to_owned());
        self
    }

    /// Sets `exp` to a Unix time.
    pub fn exp_at(self, unix_seconds: u64) -> Self {
        self.claim("exp", unix_seconds)
    }

    /// Sets `exp` to `seconds_ago` seconds in the past.
    pub fn expired(self, seconds_ago: u64) -> Self {
        self.exp_at(unix_now().saturating_sub(seconds_ago))
    }

    /// Signs it; `userId`/`companyId` claims not set explicitly take the given values.
    pub fn sign(&self, user_id: Option<&str>, company_id: Option<&str>) -> String {
        let mut claims = Map::new();
        for (name, value) in [("userId", user_id), ("companyId", company_id)] {
            if let Some(v) = value
                && !self.removed.iter().any(|r| r == name)
            {
                claims.insert(name.to_owned(), json!(v));
            }
        }
        for (k, v) in &self.claims {
            claims.insert(k.clone(), v.clone());
        }
        sign_claims(&self.secret, self.alg, &Value::Object(claims))
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn sign_claims(secret: &str, alg: TokenAlg, claims: &Value) -> String {
    let key = secret.as_bytes();
    match alg {
        TokenAlg::Hs256 => encode_hs256(&secret.into(), claims),
        TokenAlg::Hs512 => hs256::encode_raw(
            r#"{"alg":"HS512","typ":"JWT"}"#,
            claims,
            key,
            TokenMac::Sha512,
        ),
        TokenAlg::None => {
            let payload = serde_json::to_vec(claims).unwrap_or_default();
            format!(
                "{}.{}.",
                b64(br#"{"alg":"none","typ":"JWT"}"#),
                b64(&payload)
            )
        }
        TokenAlg::Rs256 => hs256::encode_raw(
            r#"{"alg":"RS256","typ":"JWT"}"#,
            claims,
            key,
            TokenMac::Sha256,
        ),
    }
}

#[derive(Debug, Clone)]
enum TokenSpec {
    Absent,
    Raw(String),
    Sign(Token),
}

/// A request as Pipedrive would send it. Starts with `userId`/`companyId` ([`DEFAULT_USER_ID`],
/// [`DEFAULT_COMPANY_ID`]) and no credentials.
#[derive(Debug, Clone)]
pub struct PipedriveRequest {
    method: Method,
    path: String,
    params: Vec<(String, String)>,
    token: TokenSpec,
    headers: Vec<(String, String)>,
    body: Option<(Vec<u8>, Option<String>)>,
}

impl PipedriveRequest {
    /// A request with any method.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            params: vec![
                ("userId".into(), DEFAULT_USER_ID.to_string()),
                ("companyId".into(), DEFAULT_COMPANY_ID.to_string()),
            ],
            token: TokenSpec::Absent,
            headers: Vec::new(),
            body: None,
        }
    }

    /// A GET (panel load, modal load or refetch, link action, iframe).
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A POST (modal submit).
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// Sets (or replaces) a query parameter.
    pub fn param(mut self, name: &str, value: impl Display) -> Self {
        let value = value.to_string();
        match self.params.iter_mut().find(|(k, _)| k == name) {
            Some(slot) => slot.1 = value,
            None => self.params.push((name.to_owned(), value)),
        }
        self
    }

    /// Adds a query parameter even if it is already there (to test duplicates).
    pub fn append_param(mut self, name: &str, value: impl Display) -> Self {
        self.params.push((name.to_owned(), value.to_string()));
        self
    }

    /// Removes a query parameter.
    pub fn without_param(mut self, name: &str) -> Self {
        self.params.retain(|(k, _)| k != name);
        self
    }

    /// `userId`.
    pub fn user(self, user_id: impl Display) -> Self {
        self.param("userId", user_id)
    }

    /// `companyId`.
    pub fn company(self, company_id: impl Display) -> Self {
        self.param("companyId", company_id)
    }

    /// A details view: `resource`, `view=details`, `selectedIds=<id>`.
    pub fn details(self, resource: &str, id: u64) -> Self {
        self.param("resource", resource)
            .param("view", "details")
            .param("selectedIds", id)
    }

    /// A list view with rows picked by hand.
    pub fn list(self, resource: &str, selected: &[u64]) -> Self {
        self.param("resource", resource)
            .param("view", "list")
            .param("selectedIds", join(selected))
    }

    /// A list view with select-all: empty `selectedIds`, a `filter`, and `excludedIds`.
    pub fn select_all(self, resource: &str, filter: Value, excluded: &[u64]) -> Self {
        self.param("resource", resource)
            .param("view", "list")
            .param("selectedIds", "")
            .param("excludedIds", join(excluded))
            .param("filter", filter)
    }

    /// `isShared`.
    pub fn shared(self, is_shared: bool) -> Self {
        self.param("isShared", is_shared)
    }

    /// A modal refetch: `form` (compact JSON) and `invoker`.
    pub fn refetch(self, invoker: &str, form: Value) -> Self {
        self.param("form", form).param("invoker", invoker)
    }

    /// Signs a valid HS256 token with `secret` for the request's `userId`/`companyId`.
    pub fn signed(self, secret: &str) -> Self {
        self.token(Token::new(secret))
    }

    /// Signs this token (claims default to the request's `userId`/`companyId` at send time).
    pub fn token(mut self, token: Token) -> Self {
        self.token = TokenSpec::Sign(token);
        self
    }

    /// Sends this exact `token` value.
    pub fn raw_token(mut self, token: impl Into<String>) -> Self {
        self.token = TokenSpec::Raw(token.into());
        self
    }

    /// HTTP Basic credentials.
    pub fn basic(self, username: &str, password: &str) -> Self {
        let value = BasicCredentials::new(username, password).header_value();
        self.header(header::AUTHORIZATION.as_str(), value)
    }

    /// A header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// A JSON body (modal submit).
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some((
            body.to_string().into_bytes(),
            Some("application/json".into()),
        ));
        self
    }

    /// A raw body, with an optional content type.
    pub fn body(mut self, bytes: impl Into<Vec<u8>>, content_type: Option<&str>) -> Self {
        self.body = Some((bytes.into(), content_type.map(str::to_owned)));
        self
    }

    /// The path and query string, token included.
    pub fn uri(&self) -> String {
        let mut params = self.params.clone();
        let get = |name: &str| {
            self.params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        match &self.token {
            TokenSpec::Absent => {}
            TokenSpec::Raw(t) => params.push(("token".into(), t.clone())),
            TokenSpec::Sign(t) => {
                params.push(("token".into(), t.sign(get("userId"), get("companyId"))))
            }
        }
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &params {
            query.append_pair(k, v);
        }
        format!("{}?{}", self.path, query.finish())
    }

    /// The `http::Request`.
    pub fn build(&self) -> Request<Body> {
        let mut builder = Request::builder()
            .method(self.method.clone())
            .uri(self.uri());
        for (k, v) in &self.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        let body = match &self.body {
            Some((bytes, content_type)) => {
                if let Some(ct) = content_type {
                    builder = builder.header(header::CONTENT_TYPE, ct.as_str());
                }
                Body::from(bytes.clone())
            }
            None => Body::empty(),
        };
        builder
            .body(body)
            .unwrap_or_else(|e| panic!("test request does not build: {e}"))
    }

    /// Sends it to `router` in process (`tower::ServiceExt::oneshot`) and reads the whole answer.
    pub async fn send(&self, router: &Router) -> TestResponse {
        let response = match router.clone().oneshot(self.build()).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap_or_else(|e| panic!("cannot read the response body: {e}"));
        TestResponse::new(status, headers, body)
    }
}

fn join(ids: &[u64]) -> String {
    ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",")
}
