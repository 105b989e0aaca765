//! What Pipedrive's OAuth server hands out ("OAuth authorization"): authorization codes (single use, 5 minutes),
//! access tokens (bound to one user, one company and the granted scopes; 60 minutes), refresh tokens (the same
//! one comes back on every refresh), and users' personal API tokens (no scopes; exchangeable once for OAuth
//! tokens).
//!
//! Outstanding codes are at most [`MAX_CODES`] (the oldest dropped first), and expired access tokens are
//! dropped as new ones are issued: calls to `/oauth/authorize` cannot grow the fake without bound.

use super::random::random_token;
use crate::scope::ScopeSet;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

/// The most authorization codes outstanding at once.
pub const MAX_CODES: usize = 1_000;
/// How long an authorization code is accepted (Pipedrive: 5 minutes).
pub const CODE_LIFETIME: Duration = Duration::from_secs(5 * 60);
/// `expires_in` of access tokens unless a test changes it (Pipedrive: 60 minutes).
pub const ACCESS_TOKEN_SECONDS: u64 = 3600;

/// Who a token or code acts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Principal {
    pub(super) company: u64,
    pub(super) user: u64,
}

#[derive(Debug, Clone)]
struct Code {
    principal: Principal,
    redirect_uri: String,
    issued: Instant,
    serial: u64,
}

/// An access token's grant.
#[derive(Debug, Clone)]
pub(super) struct Access {
    pub(super) principal: Principal,
    pub(super) expires_at: Instant,
    pub(super) scopes: ScopeSet,
}

#[derive(Debug, Clone)]
struct Refresh {
    principal: Principal,
    scope: String,
}

/// How a call authenticated.
#[derive(Debug, Clone)]
pub(super) enum Credential {
    /// An OAuth access token with its scopes.
    OAuth(ScopeSet),
    /// A personal API token (no scopes apply).
    ApiToken,
}

/// Tokens issued by one grant: what the token endpoint answers.
#[derive(Debug, Clone)]
pub(super) struct Issued {
    pub(super) access_token: String,
    pub(super) refresh_token: String,
    pub(super) scope: String,
    pub(super) expires_in: u64,
    pub(super) principal: Principal,
    /// When it was issued, in seconds since the Unix epoch.
    pub(super) issued_at: i64,
}

/// Why a code exchange was refused (the message of Pipedrive's "OAuth status codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CodeRefusal {
    Invalid,
    Expired,
    RedirectUri,
}

/// Every code and token the fake issued.
#[derive(Debug, Default)]
pub(super) struct Grants {
    codes: HashMap<String, Code>,
    code_serial: u64,
    access: HashMap<String, Access>,
    refresh: HashMap<String, Refresh>,
    /// The refresh token of each installation (company, user), while installed.
    installed: HashMap<Principal, String>,
    /// The last tokens issued to each installation.
    latest: HashMap<Principal, Issued>,
    api_tokens: HashMap<String, Principal>,
    exchanged_api_tokens: HashSet<String>,
    /// Installations whose refreshes are refused, as if their refresh token was unused for 60 days.
    pub(super) refuse_refresh: HashSet<Principal>,
    pub(super) refuse_all_refreshes: bool,
}

impl Grants {
    /// A new authorization code for `principal`, bound to `redirect_uri`.
    pub(super) fn new_code(&mut self, principal: Principal, redirect_uri: &str) -> String {
        if self.codes.len() >= MAX_CODES
            && let Some(oldest) = self
                .codes
                .iter()
                .min_by_key(|(_, c)| c.serial)
                .map(|(k, _)| k.clone())
        {
            self.codes.remove(&oldest);
        }
        self.code_serial += 1;
        let code = random_token("");
        self.codes.insert(
            code.clone(),
            Code {
                principal,
                redirect_uri: redirect_uri.to_owned(),
                issued: Instant::now(),
                serial: self.code_serial,
            },
        );
        code
    }

    /// Uses a code up: whom it was issued for, or why not.
    pub(super) fn take_code(
        &mut self,
        code: &str,
        redirect_uri: Option<&str>,
        lifetime: Duration,
    ) -> Result<Principal, CodeRefusal> {
        let found = self.codes.remove(code).ok_or(CodeRefusal::Invalid)?;
        if found.issued.elapsed() >= lifetime {
            return Err(CodeRefusal::Expired);
        }
        if redirect_uri != Some(found.redirect_uri.as_str()) {
            return Err(CodeRefusal::RedirectUri);
        }
        Ok(found.principal)
    }

    /// Makes every outstanding code expired.
    pub(super) fn expire_codes(&mut self, lifetime: Duration) {
        let past = Instant::now()
            .checked_sub(lifetime)
            .unwrap_or_else(Instant::now);
        for code in self.codes.values_mut() {
            code.issued = past;
        }
    }

    /// Installs the app for `principal` (a new refresh token) and issues an access token.
    pub(super) fn install(&mut self, principal: Principal, scope: &str, expires_in: u64) -> Issued {
        if let Some(old) = self.installed.remove(&principal) {
            self.refresh.remove(&old);
        }
        self.refuse_refresh.remove(&principal);
        let refresh_token = random_token("");
        self.refresh.insert(
            refresh_token.clone(),
            Refresh {
                principal,
                scope: scope.to_owned(),
            },
        );
        self.installed.insert(principal, refresh_token.clone());
        self.issue(principal, scope, &refresh_token, expires_in)
    }

    /// Changes the scopes of `principal`'s installation, as when its user reauthorizes the app: the next refresh
    /// answers them. `false` when not installed.
    pub(super) fn regrant(&mut self, principal: Principal, scope: &str) -> bool {
        let Some(token) = self.installed.get(&principal) else {
            return false;
        };
        match self.refresh.get_mut(token) {
            Some(grant) => {
                grant.scope = scope.to_owned();
                true
            }
            None => false,
        }
    }

    /// A new access token for a refresh token (the same refresh token comes back), or `None` (invalid grant).
    pub(super) fn refresh(&mut self, refresh_token: &str, expires_in: u64) -> Option<Issued> {
        let grant = self.refresh.get(refresh_token)?.clone();
        if self.refuse_all_refreshes || self.refuse_refresh.contains(&grant.principal) {
            return None;
        }
        Some(self.issue(grant.principal, &grant.scope, refresh_token, expires_in))
    }

    fn issue(
        &mut self,
        principal: Principal,
        scope: &str,
        refresh_token: &str,
        expires_in: u64,
    ) -> Issued {
        let now = Instant::now();
        self.access.retain(|_, a| a.expires_at > now);
        let access_token = random_token("v1u:");
        self.access.insert(
            access_token.clone(),
            Access {
                principal,
                expires_at: now + Duration::from_secs(expires_in),
                scopes: ScopeSet::parse(scope),
            },
        );
        let issued = Issued {
            access_token,
            refresh_token: refresh_token.to_owned(),
            scope: scope.to_owned(),
            expires_in,
            principal,
            issued_at: crate::store::now_secs(),
        };
        self.latest.insert(principal, issued.clone());
        issued
    }

    /// The last tokens issued to an installation, while it is installed.
    pub(super) fn latest(&self, principal: Principal) -> Option<&Issued> {
        self.installed.get(&principal)?;
        self.latest.get(&principal)
    }

    /// Revokes a token (RFC 7009): a refresh token uninstalls the app for its user (every access token of that
    /// installation stops working); an access token stops working alone. The uninstalled principal, if any.
    pub(super) fn revoke(&mut self, token: &str) -> Option<Principal> {
        if self.access.remove(token).is_some() {
            return None;
        }
        let grant = self.refresh.remove(token)?;
        self.uninstall(grant.principal);
        Some(grant.principal)
    }

    /// Uninstalls the app for `principal`: its refresh token and access tokens stop working.
    pub(super) fn uninstall(&mut self, principal: Principal) {
        if let Some(refresh) = self.installed.remove(&principal) {
            self.refresh.remove(&refresh);
        }
        self.access.retain(|_, a| a.principal != principal);
    }

    /// Whether the app is installed for `principal`.
    pub(super) fn is_installed(&self, principal: Principal) -> bool {
        self.installed.contains_key(&principal)
    }

    /// Makes access tokens expired now: all of them, or those of one installation.
    pub(super) fn expire_access(&mut self, only: Option<Principal>) {
        let now = Instant::now();
        for access in self.access.values_mut() {
            if only.is_none_or(|p| p == access.principal) {
                access.expires_at = now;
            }
        }
    }

    /// A user's personal API token, made on first use.
    pub(super) fn api_token_of(&mut self, principal: Principal) -> String {
        if let Some((token, _)) = self.api_tokens.iter().find(|(_, p)| **p == principal) {
            return token.clone();
        }
        let token = super::random::random_hex(20);
        self.api_tokens.insert(token.clone(), principal);
        token
    }

    /// Exchanges an API token for OAuth tokens of the app, once per API token.
    pub(super) fn exchange_api_token(
        &mut self,
        api_token: &str,
        scope: &str,
        expires_in: u64,
    ) -> Option<Issued> {
        let principal = *self.api_tokens.get(api_token)?;
        if !self.exchanged_api_tokens.insert(api_token.to_owned()) {
            return None;
        }
        Some(self.install(principal, scope, expires_in))
    }

    /// Who a bearer token or API token authenticates, and how; `None` when unknown or expired.
    pub(super) fn authenticate(
        &self,
        bearer: Option<&str>,
        api_token: Option<&str>,
    ) -> Option<(Principal, Credential)> {
        if let Some(token) = bearer {
            let access = self.access.get(token)?;
            return (access.expires_at > Instant::now())
                .then(|| (access.principal, Credential::OAuth(access.scopes.clone())));
        }
        let principal = *self.api_tokens.get(api_token?)?;
        Some((principal, Credential::ApiToken))
    }
}
