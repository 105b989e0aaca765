//! Verifying that a request comes from Pipedrive (`shared/spec/auth-and-install.md` §1,
//! `shared/spec/json-modals.md` §6): the JWT in the `token` query parameter (every surface) and HTTP Basic
//! credentials (JSON panels).
//!
//! After verification a handler sees only a [`PipedriveUser`], which nothing but this module can build: the
//! query parameters `userId`/`companyId` are unsigned, so identity always comes from a verified credential.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};
use std::fmt;
use std::sync::Arc;
use subtle::ConstantTimeEq;

use crate::context::{ContextError, QueryParams, Surface};

/// Seconds of clock skew allowed when checking `exp`.
///
/// [INFERRED, `auth-and-install.md` §1: "check `exp` when present"; the leeway itself is ours]: 30 seconds
/// covers ordinary clock drift between Pipedrive and the app without keeping a 5-minute SDK token alive for long.
pub const EXP_LEEWAY_SECS: u64 = 30;

/// The only signature algorithm accepted: HS256 (`json-modals.md` §6.1, a Pipedrive employee's sample).
pub const TOKEN_ALGORITHM: &str = "HS256";

/// The JWT claims `jsonwebtoken` must find in every token: none.
///
/// [INFERRED, `auth-and-install.md` §1]: Pipedrive does not document whether its tokens carry `exp` (SDK tokens
/// last 5 minutes, panel and modal tokens may carry only `iat`). `jsonwebtoken` requires `exp` by default, which
/// would refuse tokens Pipedrive may legitimately send, so no claim is required; `exp` is still checked whenever
/// it is present.
pub const REQUIRED_SPEC_CLAIMS: [&str; 0] = [];

/// A JWT secret: an extension's own "JWT secret" from Developer Hub, or the app's OAuth client secret.
///
/// `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct JwtSecret(Arc<str>);

impl JwtSecret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Arc::from(secret.into()))
    }

    /// The secret's bytes (the HMAC key).
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether the secret is empty (an empty secret verifies nothing and is refused by the manifest checks).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JwtSecret(<redacted>)")
    }
}

impl From<&str> for JwtSecret {
    fn from(s: &str) -> Self {
        Self::new(s)
    }
}

impl From<String> for JwtSecret {
    fn from(s: String) -> Self {
        Self::new(s)
    }
}

/// The HTTP Basic username and password entered for a JSON panel in Developer Hub. `Debug` hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    username: String,
    password: String,
}

impl BasicCredentials {
    /// Credentials to expect.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
        }
    }

    /// The username (not secret: shown in the Developer Hub summary).
    pub fn username(&self) -> &str {
        &self.username
    }

    /// Checks an `Authorization` header value, comparing username and password in constant time.
    ///
    /// Both comparisons always run (no short-circuit), so timing does not tell which one failed. A length
    /// difference is still visible in timing, as with any `subtle` slice comparison.
    pub fn check_header(&self, headers: &HeaderMap) -> Result<(), AuthError> {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Err(AuthError::MissingCredentials);
        };
        let value = value.to_str().map_err(|_| AuthError::MalformedBasic)?;
        let (scheme, encoded) = value
            .trim()
            .split_once(' ')
            .ok_or(AuthError::MalformedBasic)?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return Err(AuthError::MalformedBasic);
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| AuthError::MalformedBasic)?;
        let split = decoded
            .iter()
            .position(|b| *b == b':')
            .ok_or(AuthError::MalformedBasic)?;
        let (user, password) = (&decoded[..split], &decoded[split + 1..]);
        let ok = user.ct_eq(self.username.as_bytes()) & password.ct_eq(self.password.as_bytes());
        if bool::from(ok) {
            Ok(())
        } else {
            Err(AuthError::BadBasic)
        }
    }

    /// The `Authorization` header value that carries these credentials.
    pub fn header_value(&self) -> String {
        let raw = format!("{}:{}", self.username, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }
}

impl fmt::Debug for BasicCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicCredentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// Which credential proved that a request comes from Pipedrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifiedBy {
    /// The `token` JWT: its signed `userId`/`companyId` matched the query.
    Jwt,
    /// The panel's HTTP Basic credentials (no token was sent): the query's `userId`/`companyId` are taken as
    /// Pipedrive's, since only Pipedrive knows the credentials.
    Basic,
}

/// The Pipedrive user and company a request was verified for. Built only by this module's verification.
///
/// Ids are kept as strings, as they are compared: their JSON type in the token is not documented
/// (`json-modals.md` §6.1).
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
    /// A claim the check needs (`userId`, `companyId`) is absent or neither a string nor a number.
    MissingClaim(&'static str),
    /// A signed claim differs from the query parameter of the same name.
    ClaimMismatch(&'static str),
    /// The `Authorization` header is not valid HTTP Basic.
    MalformedBasic,
    /// Wrong Basic username or password.
    BadBasic,
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
            AuthError::MissingClaim(c) => write!(f, "`token` has no `{c}` claim"),
            AuthError::ClaimMismatch(c) => {
                write!(
                    f,
                    "`token` claim `{c}` does not match the `{c}` query parameter"
                )
            }
            AuthError::MalformedBasic => f.write_str("`Authorization` header is not HTTP Basic"),
            AuthError::BadBasic => f.write_str("wrong HTTP Basic username or password"),
        }
    }
}

impl std::error::Error for AuthError {}

fn validation() -> &'static Validation {
    static VALIDATION: std::sync::OnceLock<Validation> = std::sync::OnceLock::new();
    VALIDATION.get_or_init(|| {
        let mut v = Validation::new(Algorithm::HS256);
        v.set_required_spec_claims(&REQUIRED_SPEC_CLAIMS);
        v.validate_exp = true;
        v.leeway = EXP_LEEWAY_SECS;
        // Pipedrive documents no audience; a token carrying one must not be refused for it.
        v.validate_aud = false;
        v
    })
}

/// Reads the `alg` of a token's header without trusting anything else in it.
fn header_alg(token: &str) -> Result<String, AuthError> {
    let header_part = token.split('.').next().ok_or(AuthError::MalformedToken)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header_part.trim_end_matches('='))
        .map_err(|_| AuthError::MalformedToken)?;
    let header: Map<String, Value> =
        serde_json::from_slice(&bytes).map_err(|_| AuthError::MalformedToken)?;
    match header.get("alg") {
        Some(Value::String(alg)) => Ok(alg.clone()),
        _ => Err(AuthError::MalformedToken),
    }
}

/// A claim as a string: strings as they are, integers in decimal.
fn claim_string(claims: &Map<String, Value>, name: &'static str) -> Result<String, AuthError> {
    match claims.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        _ => Err(AuthError::MissingClaim(name)),
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
    if token.split('.').count() != 3 {
        return Err(AuthError::MalformedToken);
    }
    let alg = header_alg(token)?;
    if alg != TOKEN_ALGORITHM {
        return Err(AuthError::WrongAlgorithm(alg));
    }
    let key = DecodingKey::from_secret(secret.as_bytes());
    let data =
        jsonwebtoken::decode::<Map<String, Value>>(token, &key, validation()).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            match e.kind() {
                ErrorKind::InvalidSignature => AuthError::BadSignature,
                ErrorKind::ExpiredSignature => AuthError::Expired,
                ErrorKind::InvalidClaimFormat(c) if c == "exp" => AuthError::Expired,
                ErrorKind::InvalidAlgorithm => AuthError::WrongAlgorithm(alg.clone()),
                _ => AuthError::MalformedToken,
            }
        })?;
    let claims = data.claims;
    let claim_user = claim_string(&claims, "userId")?;
    let claim_company = claim_string(&claims, "companyId")?;
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

/// How one extension's requests are authenticated. The server layer puts it in each route's request extensions,
/// where the [`PipedriveUser`] extractor finds it.
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
            basic.check_header(headers)?;
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

/// A refused request: the surface's JSON error body with status 401 (or 400 for malformed parameters).
#[derive(Debug, Clone)]
pub struct Rejection {
    surface: Surface,
    status: StatusCode,
    message: String,
}

impl Rejection {
    /// A rejection with its status and message.
    pub fn new(surface: Surface, status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            surface,
            status,
            message: message.into(),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The message (also in the body).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 401 for an authentication failure.
    pub fn unauthorized(surface: Surface, error: &AuthError) -> Self {
        Self::new(surface, StatusCode::UNAUTHORIZED, error.to_string())
    }
}

impl From<(Surface, ContextError)> for Rejection {
    fn from((surface, e): (Surface, ContextError)) -> Self {
        Self::new(surface, StatusCode::BAD_REQUEST, e.to_string())
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        (
            self.status,
            axum::Json(self.surface.error_body(self.status, &self.message)),
        )
            .into_response()
    }
}

/// Extracts the verified user with the route's [`AuthConfig`] (from the request extensions).
impl<S: Send + Sync> FromRequestParts<S> for PipedriveUser {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(config) = parts.extensions.get::<AuthConfig>().cloned() else {
            tracing::error!(
                "no pdx AuthConfig in the request extensions: add it with axum's `Extension` layer"
            );
            return Err(Rejection::new(
                Surface::Modal,
                StatusCode::INTERNAL_SERVER_ERROR,
                "authentication is not configured for this endpoint",
            ));
        };
        let query = QueryParams::parse(parts.uri.query().unwrap_or_default())
            .map_err(|e| Rejection::from((config.surface, e)))?;
        config
            .verify(&parts.headers, &query)
            .map_err(|e| Rejection::unauthorized(config.surface, &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_passwords_are_not_printed() {
        assert_eq!(
            format!("{:?}", JwtSecret::new("s3cret")),
            "JwtSecret(<redacted>)"
        );
        let dbg = format!("{:?}", BasicCredentials::new("pd", "hunter2"));
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(dbg.contains("pd"));
    }

    #[test]
    fn basic_header_round_trips_and_rejects_bad_shapes() {
        let creds = BasicCredentials::new("pd", "pw:with:colons");
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            creds.header_value().parse().expect("ascii"),
        );
        assert_eq!(creds.check_header(&headers), Ok(()));
        headers.insert(header::AUTHORIZATION, "Bearer abc".parse().expect("ascii"));
        assert_eq!(creds.check_header(&headers), Err(AuthError::MalformedBasic));
        headers.insert(header::AUTHORIZATION, "Basic !!!".parse().expect("ascii"));
        assert_eq!(creds.check_header(&headers), Err(AuthError::MalformedBasic));
    }

    #[test]
    fn header_alg_reads_none() {
        let header = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#);
        assert_eq!(header_alg(&format!("{header}.e30.")), Ok("none".to_owned()));
        assert_eq!(
            verify_token(&format!("{header}.e30."), &"s".into(), Some("1"), Some("2")),
            Err(AuthError::WrongAlgorithm("none".into()))
        );
    }
}
