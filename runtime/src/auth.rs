//! Verifying that a request comes from Pipedrive: the JWT in the `token` query parameter (every surface) and
//! HTTP Basic credentials (JSON panels); and signing tokens as Pipedrive does ([`sign_token`], [`signed_url`]),
//! to call an endpoint by hand (`pdx sign`) or from tests. Pipedrive's docs: *JSON panels* (<https://pipedrive.readme.io/docs/app-extensions-json-panels>),
//! *JSON modals* (<https://pipedrive.readme.io/docs/app-extensions-json-modals>), *Custom UI extensions*.
//!
//! After verification a handler sees only a [`PipedriveUser`], which nothing but this module can build: the
//! query parameters `userId`/`companyId` are unsigned, so identity always comes from a verified credential.
//!
//! Tokens: HS256 only (the header's `alg` is read before anything else), signature, `exp` and `nbf` when present
//! (with [`EXP_LEEWAY_SECS`]), no `crit` header, and the signed `userId`/`companyId` equal to the query's.

use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::context::{ContextError, QueryParams, Surface};
pub use crate::credentials::{BasicCredentials, BasicError, JwtSecret};

pub(crate) mod hs256;

/// Seconds of clock skew allowed when checking `exp` and `nbf`.
///
/// Pipedrive's docs don't give one; 30 seconds covers ordinary clock drift between Pipedrive and the app without
/// keeping a 5-minute SDK token alive for long.
pub const EXP_LEEWAY_SECS: u64 = 30;

/// The only signature algorithm accepted: HS256, the one Pipedrive signs with (its JWT samples and SDK docs).
pub const TOKEN_ALGORITHM: &str = "HS256";

/// The registered JWT claims a token must carry: none.
///
/// Pipedrive does not document whether its tokens carry `exp` (SDK tokens last 5 minutes, panel and modal tokens
/// may carry only `iat`). Requiring `exp`, as JWT libraries do by default, would refuse tokens Pipedrive may
/// legitimately send, so no claim is required; `exp` and `nbf` are still checked whenever present.
pub const REQUIRED_SPEC_CLAIMS: [&str; 0] = [];

/// Which credential proved that a request comes from Pipedrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifiedBy {
    /// The `token` JWT: its signed `userId`/`companyId` matched the query.
    Jwt,
    /// The panel's HTTP Basic credentials (no token was sent): the query's `userId`/`companyId` are taken as
    /// Pipedrive's, since only Pipedrive knows the credentials.
    Basic,
}

/// The Pipedrive user and company a request was verified for. Built only by this module's verification.
///
/// Ids are kept as strings, as they are compared: their JSON type in the token is not documented.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipedriveUser {
    user_id: String,
    company_id: String,
    verified_by: VerifiedBy,
}

impl PipedriveUser {
    /// The user's id (`userId`).
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// The company's id (`companyId`).
    pub fn company_id(&self) -> &str {
        &self.company_id
    }

    /// The installation a webhook delivery's Basic credentials identified (the credentials are the
    /// installation's own: only Pipedrive knows them).
    #[cfg(feature = "install")]
    pub(crate) fn of_installation(company_id: &str, user_id: &str) -> Self {
        Self {
            user_id: user_id.to_owned(),
            company_id: company_id.to_owned(),
            verified_by: VerifiedBy::Basic,
        }
    }

    /// The user's id as a number, when it is one (Pipedrive's ids are integers).
    pub fn user_id_u64(&self) -> Option<u64> {
        self.user_id.parse().ok()
    }

    /// The company's id as a number, when it is one.
    pub fn company_id_u64(&self) -> Option<u64> {
        self.company_id.parse().ok()
    }

    /// Which credential verified the request.
    pub fn verified_by(&self) -> VerifiedBy {
        self.verified_by
    }
}

/// Why a request was refused as not coming from Pipedrive. Every variant answers 401.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthError {
    /// No `token` (nor, where accepted, Basic credentials).
    MissingCredentials,
    /// The token is not a JWT (three base64url parts with a JSON header).
    MalformedToken,
    /// The token is signed with another algorithm than HS256 (including `none`).
    WrongAlgorithm(String),
    /// The signature does not match the extension's secret.
    BadSignature,
    /// `exp` is in the past (beyond [`EXP_LEEWAY_SECS`]) or not a number.
    Expired,
    /// `nbf` is in the future (beyond [`EXP_LEEWAY_SECS`]) or not a number.
    NotYetValid,
    /// The token's header has a `crit` parameter: it demands extensions pdx does not implement.
    CriticalHeader,
    /// A claim the check needs (`userId`, `companyId`) is absent or neither a string nor a number.
    MissingClaim(&'static str),
    /// A signed claim differs from the query parameter of the same name.
    ClaimMismatch(&'static str),
    /// The `Authorization` header is not valid HTTP Basic, or the credentials are wrong.
    Basic(BasicError),
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::MissingCredentials => f.write_str("missing `token` query parameter"),
            AuthError::MalformedToken => f.write_str("`token` is not a well-formed JWT"),
            AuthError::WrongAlgorithm(alg) => {
                write!(
                    f,
                    "`token` is signed with `{alg}`; only {TOKEN_ALGORITHM} is accepted"
                )
            }
            AuthError::BadSignature => {
                f.write_str("`token` signature does not match the JWT secret")
            }
            AuthError::Expired => f.write_str("`token` has expired"),
            AuthError::NotYetValid => f.write_str("`token` is not valid yet (`nbf`)"),
            AuthError::CriticalHeader => {
                f.write_str("`token` header has `crit` extensions, which are not supported")
            }
            AuthError::MissingClaim(c) => write!(f, "`token` has no `{c}` claim"),
            AuthError::ClaimMismatch(c) => {
                write!(
                    f,
                    "`token` claim `{c}` does not match the `{c}` query parameter"
                )
            }
            AuthError::Basic(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AuthError {}

/// The claims pdx compares with the query (`exp` and `nbf` are checked by [`hs256::decode`]).
#[derive(Deserialize)]
struct Claims {
    #[serde(rename = "userId", default)]
    user_id: ClaimId,
    #[serde(rename = "companyId", default)]
    company_id: ClaimId,
}

/// An id claim as a string: strings as they are, numbers in decimal; `None` for anything else.
#[derive(Default)]
struct ClaimId(Option<String>);

impl<'de> Deserialize<'de> for ClaimId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(ClaimId(match value {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }))
    }
}

impl ClaimId {
    fn require(self, name: &'static str) -> Result<String, AuthError> {
        self.0.ok_or(AuthError::MissingClaim(name))
    }
}

/// Verifies a Pipedrive JWT: HS256 only, signed with `secret`, `exp` (when present) not past, and its
/// `userId`/`companyId` claims equal to the query's `user_id`/`company_id` (compared as strings).
pub fn verify_token(
    token: &str,
    secret: &JwtSecret,
    user_id: Option<&str>,
    company_id: Option<&str>,
) -> Result<PipedriveUser, AuthError> {
    if token.is_empty() {
        return Err(AuthError::MissingCredentials);
    }
    let claims = hs256::decode(token, secret.as_bytes(), unix_now())?;
    let claims =
        Claims::deserialize(Value::Object(claims)).map_err(|_| AuthError::MalformedToken)?;
    let claim_user = claims.user_id.require("userId")?;
    let claim_company = claims.company_id.require("companyId")?;
    if user_id != Some(claim_user.as_str()) {
        return Err(AuthError::ClaimMismatch("userId"));
    }
    if company_id != Some(claim_company.as_str()) {
        return Err(AuthError::ClaimMismatch("companyId"));
    }
    Ok(PipedriveUser {
        user_id: claim_user,
        company_id: claim_company,
        verified_by: VerifiedBy::Jwt,
    })
}

/// Lifetime of the tokens [`sign_token`] signs unless told otherwise: 5 minutes, like the tokens of Pipedrive's App
/// Extensions SDK.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(300);

/// Seconds since the Unix epoch (0 on a clock before it).
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// HS256 over `claims` with `secret`: the one place pdx signs a token.
pub(crate) fn encode_hs256(secret: &JwtSecret, claims: &Value) -> String {
    hs256::encode(claims, secret.as_bytes())
}

/// A token signed the way Pipedrive signs its calls, to call an endpoint by hand or from a test: HS256 with
/// `secret` over `{"userId", "companyId", "iat", "exp"}`, `exp` being now plus `lifetime` (no `exp` when
/// `lifetime` is `None`). Ids that are decimal integers are signed as JSON numbers, as in Pipedrive's samples;
/// [`verify_token`] accepts it for the same ids. `secret` is the extension's own JWT secret, or the app's client
/// secret for an extension that has none (a JSON panel always has one of its own, or HTTP Basic credentials).
pub fn sign_token(
    secret: impl Into<JwtSecret>,
    user_id: &str,
    company_id: &str,
    lifetime: Option<Duration>,
) -> String {
    let as_value = |s: &str| s.parse::<u64>().map_or_else(|_| json!(s), |n| json!(n));
    let iat = unix_now();
    let mut claims = Map::new();
    claims.insert("userId".into(), as_value(user_id));
    claims.insert("companyId".into(), as_value(company_id));
    claims.insert("iat".into(), json!(iat));
    if let Some(lifetime) = lifetime {
        claims.insert("exp".into(), json!(iat + lifetime.as_secs()));
    }
    encode_hs256(&secret.into(), &Value::Object(claims))
}

/// `url` as Pipedrive would call it: its `userId` and `companyId` query parameters set (replacing any already
/// there) and a `token` from [`sign_token`] appended; other parameters and the fragment are kept. What
/// `pdx sign` prints.
pub fn signed_url(
    url: &str,
    secret: impl Into<JwtSecret>,
    user_id: &str,
    company_id: &str,
    lifetime: Option<Duration>,
) -> String {
    let (without_fragment, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (url, None),
    };
    let (path, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if !matches!(k.as_ref(), "token" | "userId" | "companyId") {
            out.append_pair(&k, &v);
        }
    }
    out.append_pair("userId", user_id);
    out.append_pair("companyId", company_id);
    out.append_pair("token", &sign_token(secret, user_id, company_id, lifetime));
    let mut signed = format!("{path}?{}", out.finish());
    if let Some(f) = fragment {
        signed.push('#');
        signed.push_str(f);
    }
    signed
}

/// How one extension's requests are authenticated: the secret its tokens are signed with and, for panels,
/// HTTP Basic credentials.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// The surface, which decides the shape of error bodies.
    pub surface: Surface,
    /// The secret tokens are verified with (the extension's own, or the app's client secret).
    pub jwt_secret: JwtSecret,
    /// Panel Basic credentials, accepted in place of the token when set.
    pub basic: Option<BasicCredentials>,
}

impl AuthConfig {
    /// Verifies the request: a `token`, when present, must be valid; Basic credentials, when configured and
    /// sent, must be valid; at least one of them must be present.
    pub fn verify(
        &self,
        headers: &HeaderMap,
        query: &QueryParams,
    ) -> Result<PipedriveUser, AuthError> {
        let token = query.get("token").filter(|t| !t.is_empty());
        let basic_sent = headers.contains_key(header::AUTHORIZATION);
        let mut basic_ok = false;
        if let Some(basic) = &self.basic
            && basic_sent
        {
            let value = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok());
            basic.check(value).map_err(AuthError::Basic)?;
            basic_ok = true;
        }
        if let Some(token) = token {
            return verify_token(
                token,
                &self.jwt_secret,
                query.get("userId"),
                query.get("companyId"),
            );
        }
        if basic_ok {
            let user_id = query.get("userId").unwrap_or_default().to_owned();
            let company_id = query.get("companyId").unwrap_or_default().to_owned();
            return Ok(PipedriveUser {
                user_id,
                company_id,
                verified_by: VerifiedBy::Basic,
            });
        }
        Err(AuthError::MissingCredentials)
    }
}

impl AuthConfig {
    /// Verifies a request from its query string and headers: decodes the query (400 when a known parameter is
    /// given twice), verifies the credentials (401) unless `verify_token` is false, then parses the context
    /// (400). The one sequence the extension layer and [`crate::link::verify_signed_query`] both run.
    pub fn verify_request(
        &self,
        query: &str,
        headers: &HeaderMap,
        verify_token: bool,
    ) -> Result<(Option<PipedriveUser>, crate::context::RequestContext), Rejection> {
        let surface = self.surface;
        let params = QueryParams::parse(query).map_err(|e| Rejection::from((surface, e)))?;
        let user = if verify_token {
            let user = self
                .verify(headers, &params)
                .map_err(|e| Rejection::unauthorized(surface, &e))?;
            Some(user)
        } else {
            None
        };
        let context = crate::context::RequestContext::from_params(&params)
            .map_err(|e| Rejection::from((surface, e)))?;
        Ok((user, context))
    }
}

/// A refused request. Its body is the surface's error body (JSON for panels and modals, an HTML page for
/// link actions and custom UI); for 401 the body says only that the request could not be verified, while the
/// reason is logged (never a secret).
#[derive(Debug, Clone)]
pub struct Rejection {
    surface: Surface,
    status: StatusCode,
    message: String,
    reason: String,
}

/// What an end user reads when a request could not be verified: not why (that is in the app's log).
pub const UNVERIFIED_MESSAGE: &str = "This request could not be verified as coming from Pipedrive.";

impl Rejection {
    /// A rejection with its status and message (shown to the user and logged).
    pub fn new(surface: Surface, status: StatusCode, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            surface,
            status,
            reason: message.clone(),
            message,
        }
    }

    /// 401 for an authentication failure: the body says only [`UNVERIFIED_MESSAGE`]; `error` is the logged reason.
    pub fn unauthorized(surface: Surface, error: &AuthError) -> Self {
        Self {
            surface,
            status: StatusCode::UNAUTHORIZED,
            message: UNVERIFIED_MESSAGE.to_owned(),
            reason: error.to_string(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message shown to the user (in the body).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Why the request was refused, for the log.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The surface whose error body answers it.
    pub fn surface(&self) -> Surface {
        self.surface
    }
}

impl From<(Surface, ContextError)> for Rejection {
    fn from((surface, e): (Surface, ContextError)) -> Self {
        Self::new(surface, StatusCode::BAD_REQUEST, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    #[test]
    fn a_crit_header_is_refused() {
        let header = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(r#"{"alg":"HS256","crit":["b64"],"b64":false}"#);
        assert_eq!(
            verify_token(
                &format!("{header}.e30.sig"),
                &"s".into(),
                Some("1"),
                Some("2")
            ),
            Err(AuthError::CriticalHeader)
        );
    }

    #[test]
    fn signed_url_keeps_other_params_and_replaces_identity() {
        let url = signed_url(
            "https://x.test/a?b=1&token=old&userId=9#frag",
            "s",
            "5",
            "6",
            None,
        );
        assert!(
            url.starts_with("https://x.test/a?b=1&userId=5&companyId=6&token="),
            "{url}"
        );
        assert!(url.ends_with("#frag"), "{url}");
        assert!(!url.contains("old"));
    }

    #[test]
    fn header_alg_reads_none() {
        let header = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#);
        assert_eq!(hs256::header_alg(&header), Ok("none".to_owned()));
        assert_eq!(
            verify_token(&format!("{header}.e30."), &"s".into(), Some("1"), Some("2")),
            Err(AuthError::WrongAlgorithm("none".into()))
        );
    }
}
