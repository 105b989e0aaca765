//! The install start and the callback (`GET`), and the router that serves them with the uninstall `DELETE`.

use super::Installations;
use super::hook::{InstallOrigin, Installed, is_local_path, redirect};
use super::page::page;
use super::state::IssuedState;
use crate::store::{Installation, TokenGrant, now_secs};
use axum::Router;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use subtle::ConstantTimeEq;

/// The cookie that binds an install the app started to the browser that started it: the state's nonce.
const STATE_COOKIE: &str = "pdx_oauth_state";

/// A page answered instead of going on.
type Refusal = Box<Response>;

impl Installations {
    /// The install start (`GET`), the callback (`GET`) and the uninstall (`DELETE` on the callback path), to
    /// `.merge()` into the app's router.
    ///
    /// The install start stores nothing: it answers a redirect to Pipedrive's consent screen with a `state`
    /// sealed with the token key (a random nonce, its expiry after [`InstallConfig::state_ttl`](super::InstallConfig::state_ttl),
    /// the resume path) and sets a cookie holding the nonce. So unauthenticated requests cannot grow the store:
    /// it holds one record per install the app started that *finished* (Pipedrive issued a code and pdx
    /// exchanged it) within the state's lifetime, so that the state is not used twice; records of expired
    /// states are dropped at the next install. Install starts, and callbacks that fail, write nothing.
    pub fn routes<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        let (start, callback, uninstall) = (self.clone(), self.clone(), self.clone());
        Router::new()
            .route(
                self.install_path(),
                get(move |query: RawQuery| async move { start.start(query.0.as_deref()) }),
            )
            .route(
                self.callback_path(),
                get(move |headers: HeaderMap, query: RawQuery| async move {
                    callback.callback(headers, query.0.as_deref()).await
                })
                .delete(
                    move |headers: HeaderMap, body: axum::body::Bytes| async move {
                        uninstall.uninstall(&headers, &body).await
                    },
                ),
            )
    }

    /// Redirects to Pipedrive's authorize URL with a new sealed `state` and binds it to this browser with a
    /// cookie. Writes nothing.
    fn start(&self, query: Option<&str>) -> Response {
        let params = parse_query(query);
        let resume_url = params
            .iter()
            .find(|(k, _)| k == "resume")
            .map(|(_, v)| v.clone());
        if let Some(resume) = &resume_url
            && !is_local_path(resume)
        {
            return page(
                StatusCode::BAD_REQUEST,
                "Cannot start the installation",
                "The `resume` parameter must be a path on this app, starting with `/`.",
                None,
            );
        }
        let config = &self.inner.config;
        let state = IssuedState::new(resume_url, config.state_ttl);
        let authorize = format!(
            "{}/oauth/authorize?{}",
            config.oauth_url.trim_end_matches('/'),
            form_urlencoded::Serializer::new(String::new())
                .append_pair("client_id", &config.client_id)
                .append_pair("redirect_uri", &config.callback_url)
                .append_pair("state", &state.seal(&config.token_key))
                .finish()
        );
        let mut response = redirect(&authorize);
        let max_age = config.state_ttl.as_secs();
        self.set_state_cookie(&mut response, &state.nonce, max_age);
        response
    }

    /// Sets (or with an empty value and no age, clears) the state cookie, scoped to the callback path.
    fn set_state_cookie(&self, response: &mut Response, value: &str, max_age: u64) {
        let secure = if self.inner.config.callback_url.starts_with("https://") {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{STATE_COOKIE}={value}; Path={}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
            self.callback_path(),
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }

    /// Pipedrive's redirect after the consent screen: checks the state (when there is one), exchanges the code,
    /// records the state as used, learns the user and company from `/users/me`, stores the tokens and hands
    /// over to the hook.
    async fn callback(&self, headers: HeaderMap, query: Option<&str>) -> Response {
        let params = parse_query(query);
        let param = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let state = match param("state") {
            Some(sealed) => match self.check_state(sealed, &headers).await {
                Ok(state) => Some(state),
                Err(refusal) => return *refusal,
            },
            None => None,
        };
        if let Some(error) = param("error") {
            return declined(error, &self.install_url(None));
        }
        let Some(code) = param("code").filter(|c| !c.is_empty()) else {
            return page(
                StatusCode::BAD_REQUEST,
                "Installation failed",
                "Pipedrive's redirect carried neither a `code` nor an `error` parameter.",
                Some((&self.install_url(None), "Start the installation again")),
            );
        };
        let (installation, user_name) = match self.finish(code, state.as_ref()).await {
            Ok(done) => done,
            Err(refusal) => return *refusal,
        };
        let origin = if state.is_some() {
            InstallOrigin::StartedByApp
        } else {
            InstallOrigin::Marketplace
        };
        let installed = Installed {
            installation,
            user_name,
            resume_url: state.and_then(|s| s.resume_url),
            origin,
            headers,
        };
        let mut response = self.inner.hook.installed(installed).await;
        if origin == InstallOrigin::StartedByApp {
            self.set_state_cookie(&mut response, "", 0);
        }
        response
    }

    /// Opens the state and checks it is fresh, unused and this browser's.
    async fn check_state(&self, sealed: &str, headers: &HeaderMap) -> Result<IssuedState, Refusal> {
        let opened = IssuedState::open(sealed, &self.inner.config.token_key)
            .filter(|state| !state.is_expired());
        let Some(state) = opened else {
            return Err(self.no_longer_valid());
        };
        let cookie = state_cookie(headers).unwrap_or_default();
        if !bool::from(cookie.as_bytes().ct_eq(state.nonce.as_bytes())) {
            return Err(Box::new(page(
                StatusCode::BAD_REQUEST,
                "Installation started in another browser",
                "Finish the installation in the browser where you started it, or start it again here.",
                Some((&self.install_url(None), "Start the installation again")),
            )));
        }
        let used = self.inner.store.is_state_used(&state.nonce).await;
        match used {
            Ok(false) => Ok(state),
            Ok(true) => Err(self.no_longer_valid()),
            Err(e) => {
                tracing::error!(
                    "cannot read the used OAuth states: {}",
                    crate::server::Untrusted(&e)
                );
                Err(Box::new(unavailable()))
            }
        }
    }

    /// The page of a state that is expired, used, or not the app's.
    fn no_longer_valid(&self) -> Refusal {
        Box::new(page(
            StatusCode::BAD_REQUEST,
            "This installation link is no longer valid",
            "It has expired, was already used, or was not issued by this app. Start the installation again.",
            Some((&self.install_url(None), "Start the installation again")),
        ))
    }

    /// Exchanges the code, records the state as used, asks `/users/me` who installed, and stores the
    /// installation.
    async fn finish(
        &self,
        code: &str,
        state: Option<&IssuedState>,
    ) -> Result<(Installation, Option<String>), Refusal> {
        let grant = self.exchange(code).await?;
        if let Some(state) = state {
            match self
                .inner
                .store
                .record_used_state(&state.nonce, state.expires_at)
                .await
            {
                Ok(true) => {}
                Ok(false) => return Err(self.no_longer_valid()),
                Err(e) => {
                    tracing::error!(
                        "cannot record the used OAuth state: {}",
                        crate::server::Untrusted(&e)
                    );
                    return Err(Box::new(unavailable()));
                }
            }
        }
        let (installation, user_name) = self.installation_of(&grant).await?;
        self.inner
            .store
            .put_installation(&installation)
            .await
            .map_err(|e| {
                tracing::error!(
                    "cannot store the installation: {}",
                    crate::server::Untrusted(&e)
                );
                Box::new(unavailable())
            })?;
        self.webhooks_after_install(&installation.company_id, &installation.user_id)
            .await;
        Ok((installation, user_name))
    }

    /// Exchanges the authorization code. A code Pipedrive refuses as `invalid_grant` (used, or older than its 5
    /// minutes) is the user's stale link: 400 with a way to start again. Anything else is Pipedrive's or the
    /// app's failure: 502.
    async fn exchange(&self, code: &str) -> Result<TokenGrant, Refusal> {
        let restart = self.install_url(None);
        self.inner.oauth.exchange_code(code).await.map_err(|e| {
            tracing::warn!("authorization code exchange failed: {}", crate::server::Untrusted(&e));
            let page = if e.is_invalid_grant() {
                page(
                    StatusCode::BAD_REQUEST,
                    "This installation link was already used or has expired",
                    &format!(
                        "Pipedrive did not accept the authorization code ({e}): each code works once, within 5 \
                         minutes. Start the installation again."
                    ),
                    Some((&restart, "Start the installation again")),
                )
            } else {
                installation_failed(&format!("Pipedrive did not accept the authorization code ({e})."), &restart)
            };
            Box::new(page)
        })
    }

    /// The installation a token grant gives: who installed (from `/users/me`) and its tokens.
    async fn installation_of(
        &self,
        grant: &TokenGrant,
    ) -> Result<(Installation, Option<String>), Refusal> {
        let restart = self.install_url(None);
        let Some(api_domain) = grant.api_domain.clone().filter(|d| d.starts_with("http")) else {
            return Err(Box::new(installation_failed(
                "Pipedrive's token answer has no `api_domain`.",
                &restart,
            )));
        };
        let me = self
            .inner
            .oauth
            .me(&api_domain, &grant.access_token)
            .await
            .map_err(|e| {
                tracing::warn!(
                    "/users/me after install failed: {}",
                    crate::server::Untrusted(&e)
                );
                let why = format!("Pipedrive did not say which user installed the app ({e}).");
                Box::new(installation_failed(&why, &restart))
            })?;
        self.count_api_request(&me.company_id.to_string(), &me.id.to_string());
        let installation = Installation {
            company_id: me.company_id.to_string(),
            user_id: me.id.to_string(),
            api_domain,
            access_token: String::new(),
            refresh_token: String::new(),
            scope: String::new(),
            expires_at: 0,
        }
        .with_grant(grant, now_secs());
        if installation.refresh_token.is_empty() {
            return Err(Box::new(installation_failed(
                "Pipedrive's token answer has no `refresh_token`.",
                &restart,
            )));
        }
        Ok((installation, me.name))
    }
}

/// 502: Pipedrive (or the app's configuration) failed; the user can start again.
fn installation_failed(why: &str, restart: &str) -> Response {
    page(
        StatusCode::BAD_GATEWAY,
        "Installation failed",
        why,
        Some((restart, "Start the installation again")),
    )
}

/// The page of a declined install (`error=user_denied`) or another OAuth error.
fn declined(error: &str, restart: &str) -> Response {
    if error == "user_denied" {
        return page(
            StatusCode::OK,
            "Installation cancelled",
            "You did not allow the app to access your Pipedrive data, so it was not installed. You can install it \
             again at any time.",
            Some((restart, "Install the app")),
        );
    }
    page(
        StatusCode::BAD_REQUEST,
        "Installation failed",
        &format!("Pipedrive reported an error: {error}."),
        Some((restart, "Start the installation again")),
    )
}

fn unavailable() -> Response {
    page(
        StatusCode::SERVICE_UNAVAILABLE,
        "Installation unavailable",
        "The app cannot store installations right now. Try again in a moment.",
        None,
    )
    .into_response()
}

fn parse_query(query: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn state_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == STATE_COOKIE)
        .map(|(_, value)| value.to_owned())
}
