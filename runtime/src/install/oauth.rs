//! The calls pdx makes to Pipedrive's OAuth server ("OAuth authorization"): code exchange, refresh, revoke, all
//! form-encoded POSTs with `Authorization: Basic base64(client_id:client_secret)`; and `GET /api/v1/users/me`
//! with a new token to learn who installed ("Getting user data").

use crate::store::{RefreshFuture, Refresher, TokenGrant};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

/// Pipedrive refused an OAuth request, or could not be reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthError {
    /// Pipedrive answered with an error status; `error` is its OAuth error code (e.g. `invalid_grant`).
    Refused {
        /// HTTP status.
        status: u16,
        /// `error` (or `message`) of the answer, when it had one.
        error: String,
    },
    /// No answer (connection, timeout).
    Unreachable(String),
    /// An answer that is not what the endpoint documents.
    BadAnswer(String),
}

impl fmt::Display for OAuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OAuthError::Refused { status, error } => {
                write!(f, "Pipedrive refused the request (HTTP {status}: {error})")
            }
            OAuthError::Unreachable(m) => write!(f, "Pipedrive could not be reached: {m}"),
            OAuthError::BadAnswer(m) => write!(f, "unexpected answer from Pipedrive: {m}"),
        }
    }
}

impl std::error::Error for OAuthError {}

impl OAuthError {
    /// Whether Pipedrive refused the grant itself (`invalid_grant`: a code used before or expired, a refresh
    /// token revoked or unused for 60 days), as opposed to a failure of Pipedrive or of the app's credentials.
    pub fn is_invalid_grant(&self) -> bool {
        matches!(self, OAuthError::Refused { error, .. }
            if error == "invalid_grant" || error.starts_with("invalid_grant:"))
    }
}

/// Who installed: the `data` of `/users/me` that pdx needs. Unknown fields are ignored.
#[derive(Debug, Clone, Deserialize)]
pub struct Me {
    /// User id.
    pub id: u64,
    /// Company id.
    pub company_id: u64,
    /// The user's name.
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Deserialize)]
struct MeEnvelope {
    data: Me,
}

/// An OAuth client of the app: its credentials and Pipedrive's OAuth server.
#[derive(Clone)]
pub(crate) struct OAuthClient {
    pub(crate) http: reqwest::Client,
    pub(crate) oauth_url: String,
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    pub(crate) redirect_uri: String,
}

impl OAuthClient {
    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.oauth_url.trim_end_matches('/'))
    }

    /// A form-encoded POST to Pipedrive's OAuth server with the app's Basic credentials.
    fn oauth_post(&self, path: &str, form: &[(&str, &str)]) -> reqwest::RequestBuilder {
        self.http
            .post(self.endpoint(path))
            .basic_auth(&self.client_id, Some(&self.client_secret))
            .form(form)
    }

    async fn token(&self, form: &[(&str, &str)]) -> Result<TokenGrant, OAuthError> {
        let body = send(self.oauth_post("/oauth/token", form)).await?;
        serde_json::from_slice(&body)
            .map_err(|e| OAuthError::BadAnswer(format!("token answer: {e}")))
    }

    /// Exchanges an authorization code (valid 5 minutes, single use).
    pub(crate) async fn exchange_code(&self, code: &str) -> Result<TokenGrant, OAuthError> {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", &self.redirect_uri),
        ])
        .await
    }

    /// Gets a new access token with the refresh token.
    pub(crate) async fn refresh_tokens(
        &self,
        refresh_token: &str,
    ) -> Result<TokenGrant, OAuthError> {
        self.token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await
    }

    /// Revokes the refresh token, which uninstalls the app for its user.
    pub(crate) async fn revoke(&self, refresh_token: &str) -> Result<(), OAuthError> {
        let form = [
            ("token", refresh_token),
            ("token_type_hint", "refresh_token"),
        ];
        send(self.oauth_post("/oauth/revoke", &form))
            .await
            .map(drop)
    }

    /// `GET {api_domain}/api/v1/users/me` with a fresh access token.
    pub(crate) async fn me(&self, api_domain: &str, access_token: &str) -> Result<Me, OAuthError> {
        let url = format!("{}/api/v1/users/me", api_domain.trim_end_matches('/'));
        let body = send(self.http.get(url).bearer_auth(access_token)).await?;
        serde_json::from_slice::<MeEnvelope>(&body)
            .map(|m| m.data)
            .map_err(|e| OAuthError::BadAnswer(format!("/users/me answer: {e}")))
    }
}

impl Refresher for OAuthClient {
    fn refresh<'a>(&'a self, refresh_token: &'a str) -> RefreshFuture<'a> {
        Box::pin(async move {
            self.refresh_tokens(refresh_token)
                .await
                .map_err(|e| e.to_string())
        })
    }
}

/// Sends a request: the body of a 2xx answer, else why not.
async fn send(request: reqwest::RequestBuilder) -> Result<Vec<u8>, OAuthError> {
    let unreachable = |e: reqwest::Error| OAuthError::Unreachable(e.without_url().to_string());
    let response = request.send().await.map_err(unreachable)?;
    let status = response.status();
    let body = response.bytes().await.map_err(unreachable)?.to_vec();
    if status.is_success() {
        Ok(body)
    } else {
        Err(OAuthError::Refused {
            status: status.as_u16(),
            error: error_code(&body),
        })
    }
}

/// The error code of an OAuth error answer: `error` (RFC 6749), else Pipedrive's `message`, else the status.
fn error_code(body: &[u8]) -> String {
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let text = |k: &str| value.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut code = text("error")
        .or_else(|| text("message"))
        .unwrap_or_else(|| "no error code".to_owned());
    if let Some(d) = text("error_description") {
        code = format!("{code}: {d}");
    }
    code.chars().take(200).collect()
}
