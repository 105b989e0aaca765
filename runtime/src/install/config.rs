//! What an install needs to know: the app's OAuth credentials from Developer Hub, its callback URL, where the
//! token store is and its key, and Pipedrive's OAuth server.

use crate::store::TokenKey;
use std::fmt;
use std::time::Duration;

/// Default token store: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://pdx-demo.db";
/// Pipedrive's OAuth server.
pub const DEFAULT_OAUTH_URL: &str = "https://oauth.pipedrive.com";
/// Default path of the install start.
pub const DEFAULT_INSTALL_PATH: &str = "/oauth/install";
/// Default callback URL: the demo served locally (Pipedrive requires https for a real app).
pub const DEFAULT_CALLBACK_URL: &str = "http://localhost:3000/oauth/callback";
/// How long an OAuth `state` the app issued is accepted: Pipedrive's authorization code itself lives 5 minutes
/// ("OAuth authorization"), and the user may read the consent screen first.
pub const STATE_TTL: Duration = Duration::from_secs(10 * 60);

/// The demo's token key, used when `PDX_TOKEN_KEY` is not set. Public, so it protects nothing: never use it for
/// a real app.
pub const DEMO_TOKEN_KEY: &str = "cGR4LWRlbW8ta2V5LW5vdC1zZWNyZXQtMDEyMzQ1Njc=";

/// The app's OAuth configuration.
#[derive(Clone)]
pub struct InstallConfig {
    /// Client ID from Developer Hub ("OAuth & access scopes").
    pub client_id: String,
    /// Client secret from Developer Hub. Never logged. [`App::with_installations`](crate::server::App::with_installations)
    /// verifies with it the tokens of every extension without its own JWT secret.
    pub client_secret: String,
    /// The callback URL exactly as registered in Developer Hub; its path is where pdx serves the callback and
    /// the uninstall `DELETE`.
    pub callback_url: String,
    /// Path of the install start (a link to it starts an install from outside the Marketplace).
    pub install_path: String,
    /// Token store URL: `sqlite://file.db`, `sqlite:///absolute/path.db`, `postgres://...` or `memory:` (see
    /// [`store::connect`](crate::store::connect)).
    pub database_url: String,
    /// Key tokens are encrypted with; it also seals the `state` of the installs the app starts.
    pub token_key: TokenKey,
    /// `true` when [`token_key`](Self::token_key) is the public [`DEMO_TOKEN_KEY`].
    pub token_key_is_demo: bool,
    /// Pipedrive's OAuth server (tests point it at a local fake).
    pub oauth_url: String,
    /// How long the `state` of an install the app starts is accepted (default [`STATE_TTL`]).
    pub state_ttl: Duration,
}

/// A configuration value that is missing or wrong, naming the environment variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The variable, e.g. `PDX_CLIENT_ID`.
    pub variable: &'static str,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.variable, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl fmt::Debug for InstallConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InstallConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("callback_url", &self.callback_url)
            .field("install_path", &self.install_path)
            .field(
                "database_url",
                &crate::store::redact_url(&self.database_url),
            )
            .field("token_key_is_demo", &self.token_key_is_demo)
            .field("oauth_url", &self.oauth_url)
            .field("state_ttl", &self.state_ttl)
            .finish_non_exhaustive()
    }
}

impl InstallConfig {
    /// A configuration with the defaults for everything but the credentials and the callback URL.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        callback_url: impl Into<String>,
    ) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            callback_url: callback_url.into(),
            install_path: DEFAULT_INSTALL_PATH.to_owned(),
            database_url: DEFAULT_DATABASE_URL.to_owned(),
            token_key: demo_key(),
            token_key_is_demo: true,
            oauth_url: DEFAULT_OAUTH_URL.to_owned(),
            state_ttl: STATE_TTL,
        }
    }

    /// Reads the configuration from the environment:
    ///
    /// | variable | meaning | default |
    /// | --- | --- | --- |
    /// | `PDX_CLIENT_ID` | client ID from Developer Hub | required |
    /// | `PDX_CLIENT_SECRET` | client secret from Developer Hub | required |
    /// | `PDX_CALLBACK_URL` | the callback URL registered in Developer Hub | `http://localhost:3000/oauth/callback` |
    /// | `PDX_INSTALL_PATH` | path of the install start | `/oauth/install` |
    /// | `PDX_DATABASE_URL` | token store | `sqlite://pdx-demo.db` |
    /// | `PDX_TOKEN_KEY` | 32 bytes, standard base64 | a public demo key, with a warning |
    /// | `PDX_OAUTH_URL` | Pipedrive's OAuth server | `https://oauth.pipedrive.com` |
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) reading variables through `lookup` (for tests and other sources).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let required = |name: &'static str| {
            get(name).ok_or_else(|| ConfigError {
                variable: name,
                message: "is not set: copy it from Developer Hub, your app's \"OAuth & access scopes\" page"
                    .to_owned(),
            })
        };
        let mut config = Self::new(
            required("PDX_CLIENT_ID")?,
            required("PDX_CLIENT_SECRET")?,
            get("PDX_CALLBACK_URL").unwrap_or_else(|| DEFAULT_CALLBACK_URL.to_owned()),
        );
        if let Some(path) = get("PDX_INSTALL_PATH") {
            config.install_path = path;
        }
        if let Some(url) = get("PDX_DATABASE_URL") {
            config.database_url = url;
        }
        if let Some(url) = get("PDX_OAUTH_URL") {
            config.oauth_url = url;
        }
        match get("PDX_TOKEN_KEY") {
            Some(key) => {
                config.token_key = TokenKey::from_base64(&key).map_err(|e| ConfigError {
                    variable: "PDX_TOKEN_KEY",
                    message: format!("{e}; make one with `head -c 32 /dev/urandom | base64`"),
                })?;
                config.token_key_is_demo = false;
            }
            None => tracing::warn!("{}", DEMO_KEY_WARNING),
        }
        config.check()?;
        Ok(config)
    }

    /// Checks the URLs and paths: the callback URL is absolute http(s), the install path starts with `/` and
    /// differs from the callback's, the OAuth URL is absolute http(s).
    pub fn check(&self) -> Result<(), ConfigError> {
        let callback_path = path_of(&self.callback_url).ok_or_else(|| ConfigError {
            variable: "PDX_CALLBACK_URL",
            message: format!(
                "`{}` is not an absolute http(s) URL with a path, e.g. https://app.example.com/oauth/callback",
                self.callback_url
            ),
        })?;
        if !self.install_path.starts_with('/') || self.install_path == callback_path {
            return Err(ConfigError {
                variable: "PDX_INSTALL_PATH",
                message: format!(
                    "`{}` must be a path starting with `/`, other than the callback's `{callback_path}`",
                    self.install_path
                ),
            });
        }
        if path_of(&format!("{}/", self.oauth_url.trim_end_matches('/'))).is_none() {
            return Err(ConfigError {
                variable: "PDX_OAUTH_URL",
                message: format!("`{}` is not an absolute http(s) URL", self.oauth_url),
            });
        }
        Ok(())
    }

    /// The path of the callback URL (where the callback and the uninstall `DELETE` are served).
    pub fn callback_path(&self) -> String {
        path_of(&self.callback_url).unwrap_or_else(|| "/oauth/callback".to_owned())
    }

    /// The warning to print when the demo key is in use, if it is.
    pub fn demo_key_warning(&self) -> Option<&'static str> {
        self.token_key_is_demo.then_some(DEMO_KEY_WARNING)
    }
}

/// Printed when no `PDX_TOKEN_KEY` is configured.
pub const DEMO_KEY_WARNING: &str = "PDX_TOKEN_KEY is not set: tokens are encrypted with pdx's public demo key, \
     which protects nothing. Set PDX_TOKEN_KEY to 32 random bytes in base64 (`head -c 32 /dev/urandom | base64`) \
     before installing the app for real users.";

fn demo_key() -> TokenKey {
    // The constant is valid base64 of 32 bytes (checked by a test); never panic over it.
    TokenKey::from_base64(DEMO_TOKEN_KEY).unwrap_or_else(|_| TokenKey::from_array([0; 32]))
}

/// The path of an absolute http(s) URL (`/` when it has none), without query or fragment.
fn path_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    if host.is_empty() {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    Some(format!("/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn defaults_apply_and_the_demo_key_is_flagged() {
        let c = InstallConfig::from_lookup(lookup(&[
            ("PDX_CLIENT_ID", "id"),
            ("PDX_CLIENT_SECRET", "sec"),
        ]))
        .expect("config");
        assert_eq!(c.database_url, "sqlite://pdx-demo.db");
        assert_eq!(c.oauth_url, "https://oauth.pipedrive.com");
        assert_eq!(c.callback_path(), "/oauth/callback");
        assert_eq!(c.install_path, "/oauth/install");
        assert!(c.token_key_is_demo);
        assert!(
            c.demo_key_warning()
                .is_some_and(|w| w.contains("PDX_TOKEN_KEY"))
        );
        assert!(TokenKey::from_base64(DEMO_TOKEN_KEY).is_ok());
        assert!(!format!("{c:?}").contains("sec\""), "{c:?}");
    }

    #[test]
    fn errors_name_the_variable() {
        let e =
            InstallConfig::from_lookup(lookup(&[("PDX_CLIENT_SECRET", "s")])).expect_err("no id");
        assert_eq!(e.variable, "PDX_CLIENT_ID");
        let e =
            InstallConfig::from_lookup(lookup(&[("PDX_CLIENT_ID", "i")])).expect_err("no secret");
        assert_eq!(e.variable, "PDX_CLIENT_SECRET");
        let base = [("PDX_CLIENT_ID", "i"), ("PDX_CLIENT_SECRET", "s")];
        let with = |extra: (&'static str, &'static str)| {
            let mut v = base.to_vec();
            v.push(extra);
            InstallConfig::from_lookup(lookup(&v))
        };
        let e = with(("PDX_TOKEN_KEY", "short")).expect_err("bad key");
        assert_eq!(e.variable, "PDX_TOKEN_KEY");
        assert!(
            e.message.contains("base64") || e.message.contains("32 bytes"),
            "{e}"
        );
        let e = with(("PDX_CALLBACK_URL", "ftp://x/cb")).expect_err("bad callback");
        assert_eq!(e.variable, "PDX_CALLBACK_URL");
        let e = with(("PDX_OAUTH_URL", "oauth.pipedrive.com")).expect_err("bad oauth");
        assert_eq!(e.variable, "PDX_OAUTH_URL");
        let e = with(("PDX_INSTALL_PATH", "/oauth/callback")).expect_err("same path");
        assert_eq!(e.variable, "PDX_INSTALL_PATH");
        let ok = with(("PDX_CALLBACK_URL", "https://app.example.com/pd/cb?x=1")).expect("ok");
        assert_eq!(ok.callback_path(), "/pd/cb");
        let key = TokenKey::generate_base64();
        let mut v = base.to_vec();
        v.push(("PDX_TOKEN_KEY", key.as_str()));
        assert!(
            !InstallConfig::from_lookup(lookup(&v))
                .expect("ok")
                .token_key_is_demo
        );
    }
}
