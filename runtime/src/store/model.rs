//! What the store keeps: installations and the OAuth states already used, and its errors.

use serde::Deserialize;
use std::fmt;

/// The app installed for one Pipedrive user of one company: the OAuth tokens and where to call the API.
#[derive(Clone, PartialEq, Eq)]
pub struct Installation {
    /// Pipedrive company id.
    pub company_id: String,
    /// Pipedrive user id.
    pub user_id: String,
    /// The company's API base URL (`api_domain` of the token response), e.g. `https://acme.pipedrive.com`.
    pub api_domain: String,
    /// The access token (`Authorization: Bearer`), valid until [`expires_at`](Self::expires_at).
    pub access_token: String,
    /// The refresh token (valid 60 days unused; each refresh extends it).
    pub refresh_token: String,
    /// The scopes granted, as Pipedrive lists them.
    pub scope: String,
    /// When the access token expires, in seconds since the Unix epoch.
    pub expires_at: i64,
}

impl Installation {
    /// The installation after `grant` (an install or a refresh answer), expiring `grant.expires_in` seconds
    /// after `now`. A grant without a refresh token keeps the current one.
    pub fn with_grant(mut self, grant: &TokenGrant, now: i64) -> Self {
        self.access_token.clone_from(&grant.access_token);
        if let Some(refresh) = &grant.refresh_token {
            self.refresh_token.clone_from(refresh);
        }
        if let Some(domain) = &grant.api_domain {
            self.api_domain.clone_from(domain);
        }
        if let Some(scope) = &grant.scope {
            self.scope.clone_from(scope);
        }
        self.expires_at = now.saturating_add(grant.expires_in);
        self
    }
}

impl fmt::Debug for Installation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Installation")
            .field("company_id", &self.company_id)
            .field("user_id", &self.user_id)
            .field("api_domain", &self.api_domain)
            .field("access_token", &"<redacted>")
            .field("refresh_token", &"<redacted>")
            .field("scope", &self.scope)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// The answer of Pipedrive's `/oauth/token` (authorization code or refresh). Unknown fields are ignored.
#[derive(Clone, Deserialize)]
pub struct TokenGrant {
    /// The new access token.
    pub access_token: String,
    /// The refresh token (Pipedrive sends the same one back, its window extended).
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Seconds until the access token expires (Pipedrive: 3600).
    #[serde(default = "default_expires_in")]
    pub expires_in: i64,
    /// The company's API base URL.
    #[serde(default)]
    pub api_domain: Option<String>,
    /// Scopes granted.
    #[serde(default)]
    pub scope: Option<String>,
}

fn default_expires_in() -> i64 {
    3600
}

impl fmt::Debug for TokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenGrant")
            .field("expires_in", &self.expires_in)
            .field("api_domain", &self.api_domain)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

/// How much a store holds, for tests and monitoring (see [`TokenStore::counts`](super::TokenStore::counts)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreCounts {
    /// Installations (one per Pipedrive company and user that installed the app).
    pub installations: u64,
    /// Records of OAuth states already used, kept until the state expires so it cannot be replayed.
    pub used_states: u64,
}

/// What [`TokenStore::refresh`](super::TokenStore::refresh) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// This call refreshed the tokens: the saved installation.
    Refreshed(Installation),
    /// Another caller (or instance) had already refreshed: the installation as saved.
    AlreadyFresh(Installation),
    /// The app is not installed for this company and user (uninstalled meanwhile).
    NotInstalled,
    /// Pipedrive refused the refresh (e.g. the refresh token expired after 60 days unused): why.
    Refused(String),
}

/// A store failure. Messages never contain tokens, keys or database passwords.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The configuration is wrong (database URL, key).
    Config(String),
    /// The stored tokens cannot be decrypted with the configured key: it is not the key they were written with.
    WrongKey(String),
    /// The database failed or refused a statement.
    Database(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Config(m) => write!(f, "token store configuration: {m}"),
            StoreError::WrongKey(m) => write!(f, "token store key: {m}"),
            StoreError::Database(m) => write!(f, "token store database: {m}"),
        }
    }
}

impl std::error::Error for StoreError {}

#[cfg(any(feature = "sqlite", feature = "postgres"))]
impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(e.to_string())
    }
}

/// `url` with any password replaced by `***`, for error messages.
pub(crate) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            let slash = if rest.contains('/') { "/" } else { "" };
            format!("{scheme}://{user}:***@{host}{slash}{path}")
        }
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact_url("postgres://pdx:s3cret@127.0.0.1:5432/pdx"),
            "postgres://pdx:***@127.0.0.1:5432/pdx"
        );
        assert_eq!(redact_url("sqlite://pdx.db"), "sqlite://pdx.db");
    }

    #[test]
    fn tokens_are_not_printed() {
        let i = Installation {
            company_id: "1".into(),
            user_id: "2".into(),
            api_domain: "https://x".into(),
            access_token: "AT-secret".into(),
            refresh_token: "RT-secret".into(),
            scope: "base".into(),
            expires_at: 0,
        };
        let dbg = format!("{i:?}");
        assert!(!dbg.contains("secret"), "{dbg}");
    }
}
