//! The install start and the callback (`GET`), and the router that serves them with the uninstall `DELETE`.

use super::hook::{Installed, is_local_path, redirect};
use super::page::page;
use super::{Installations, STATE_TTL};
use crate::store::{Installation, OAuthState, now_secs};
use axum::Router;
use axum::extract::RawQuery;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use chacha20poly1305::aead::OsRng;
use chacha20poly1305::aead::rand_core::RngCore;
use subtle::ConstantTimeEq;

/// The cookie that binds an install the app started to the browser that started it.
const STATE_COOKIE: &str = "pdx_oauth_state";

impl Installations {
    /// The install start (`GET`), the callback (`GET`) and the uninstall (`DELETE` on the callback path), to
    /// `.merge()` into the app's router.
    pub fn routes<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        let (start, callback, uninstall) = (self.clone(), self.clone(), self.clone());
        Router::new()
            .route(
                self.install_path(),
                get(move |query: RawQuery| async move { start.start(query.0.as_deref()).await }),
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

    /// Redirects to Pipedrive's authorize URL with a new single-use `state`, kept in the store (any instance can
    /// finish the install) and in a cookie of this browser.
    async fn start(&self, query: Option<&str>) -> Response {
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
        let state = new_state();
        let record = OAuthState {
            state: state.clone(),
            resume_url,
            expires_at: now_secs().saturating_add(STATE_TTL.as_secs().try_into().unwrap_or(600)),
        };
        if let Err(e) = self.inner.store.put_state(&record).await {
            tracing::error!(
                "cannot store the OAuth state: {}",
                crate::server::Untrusted(&e)
            );
            return unavailable();
        }
        let config = &self.inner.config;
        let authorize = format!(
            "{}/oauth/authorize?{}",
            config.oauth_url.trim_end_matches('/'),
            form_urlencoded::Serializer::new(String::new())
                .append_pair("client_id", &config.client_id)
                .append_pair("redirect_uri", &config.callback_url)
                .append_pair("state", &state)
                .finish()
        );
        let secure = if config.callback_url.starts_with("https://") {
            "; Secure"
        } else {
            ""
        };
        let cookie = format!(
            "{STATE_COOKIE}={state}; Path={}; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
            self.callback_path(),
            STATE_TTL.as_secs()
        );
        let mut response = redirect(&authorize);
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
        response
    }

    /// Pipedrive's redirect after the consent screen: checks the state (when the app issued one), exchanges the
    /// code, learns the user and company from `/users/me`, stores the tokens and hands over to the hook.
    async fn callback(&self, headers: HeaderMap, query: Option<&str>) -> Response {
        let params = parse_query(query);
        let param = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let mut resume_url = None;
        let started_by_app = param("state").is_some();
        if let Some(state) = param("state") {
            match self.check_state(state, &headers).await {
                Ok(r) => resume_url = r,
                Err(response) => return *response,
            }
        }
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
        let installation = match self.finish(code).await {
            Ok(i) => i,
            Err(response) => return *response,
        };
        let (installation, user_name) = installation;
        let mut response = self
            .inner
            .hook
            .installed(Installed {
                installation,
                user_name,
                resume_url,
                started_by_app,
                headers,
            })
            .await;
        if started_by_app {
            let clear = format!(
                "{STATE_COOKIE}=; Path={}; Max-Age=0; HttpOnly; SameSite=Lax",
                self.callback_path()
            );
            if let Ok(value) = HeaderValue::from_str(&clear) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
        response
    }

    /// Takes the state (single use) and checks it is fresh and this browser's. Returns its resume URL.
    async fn check_state(
        &self,
        state: &str,
        headers: &HeaderMap,
    ) -> Result<Option<String>, Box<Response>> {
        let restart = self.install_url(None);
        let taken = self.inner.store.take_state(state).await.map_err(|e| {
            tracing::error!(
                "cannot read the OAuth state: {}",
                crate::server::Untrusted(&e)
            );
            Box::new(unavailable())
        })?;
        let Some(record) = taken.filter(|r| r.expires_at >= now_secs()) else {
            return Err(Box::new(page(
                StatusCode::BAD_REQUEST,
                "This installation link is no longer valid",
                "It has expired, was already used, or was not issued by this app. Start the installation again.",
                Some((&restart, "Start the installation again")),
            )));
        };
        let cookie = state_cookie(headers).unwrap_or_default();
        if !bool::from(cookie.as_bytes().ct_eq(record.state.as_bytes())) {
            return Err(Box::new(page(
                StatusCode::BAD_REQUEST,
                "Installation started in another browser",
                "Finish the installation in the browser where you started it, or start it again here.",
                Some((&restart, "Start the installation again")),
            )));
        }
        Ok(record.resume_url)
    }

    /// Exchanges the code, asks `/users/me` who installed, and stores the installation.
    async fn finish(&self, code: &str) -> Result<(Installation, Option<String>), Box<Response>> {
        let restart = self.install_url(None);
        let oauth = &self.inner.oauth;
        let grant = oauth.exchange_code(code).await.map_err(|e| {
            tracing::warn!("authorization code exchange failed: {}", crate::server::Untrusted(&e));
            Box::new(page(
                StatusCode::BAD_GATEWAY,
                "Installation failed",
                &format!(
                    "Pipedrive did not accept the authorization code ({e}). Codes are valid for 5 minutes and \
                     only once: start the installation again."
                ),
                Some((&restart, "Start the installation again")),
            ))
        })?;
        let Some(api_domain) = grant.api_domain.clone().filter(|d| d.starts_with("http")) else {
            return Err(Box::new(page(
                StatusCode::BAD_GATEWAY,
                "Installation failed",
                "Pipedrive's token answer has no `api_domain`.",
                Some((&restart, "Start the installation again")),
            )));
        };
        let me = oauth
            .me(&api_domain, &grant.access_token)
            .await
            .map_err(|e| {
                tracing::warn!(
                    "/users/me after install failed: {}",
                    crate::server::Untrusted(&e)
                );
                page(
                    StatusCode::BAD_GATEWAY,
                    "Installation failed",
                    &format!("Pipedrive did not say which user installed the app ({e})."),
                    Some((&restart, "Start the installation again")),
                )
            })?;
        let installation = Installation {
            company_id: me.company_id.to_string(),
            user_id: me.id.to_string(),
            api_domain: api_domain.clone(),
            access_token: String::new(),
            refresh_token: String::new(),
            scope: String::new(),
            expires_at: 0,
        }
        .with_grant(&grant, now_secs());
        if installation.refresh_token.is_empty() {
            return Err(Box::new(page(
                StatusCode::BAD_GATEWAY,
                "Installation failed",
                "Pipedrive's token answer has no `refresh_token`.",
                Some((&restart, "Start the installation again")),
            )));
        }
        self.inner
            .store
            .put_installation(&installation)
            .await
            .map_err(|e| {
                tracing::error!(
                    "cannot store the installation: {}",
                    crate::server::Untrusted(&e)
                );
                unavailable()
            })?;
        Ok((installation, me.name))
    }
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

/// 32 random bytes, base64url: the OAuth `state`.
fn new_state() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
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
