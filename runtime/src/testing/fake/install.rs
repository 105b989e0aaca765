//! Installs driven end to end: the app's install start, Pipedrive's consent screen, the app's callback, with
//! the `state` and the app's cookie carried as a browser carries them; the Marketplace's install (a code and no
//! state); and the uninstall notice Pipedrive sends to the callback URL.

use super::FakePipedrive;
use super::oauth::SESSION_COOKIE;
use super::tokens::Principal;
use crate::credentials::BasicCredentials;
use crate::install::{DEFAULT_INSTALL_PATH, InstallConfig};
use crate::store::{Installation, MEMORY_URL, TokenKey};
use crate::testing::TestResponse;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use serde_json::json;
use tower::ServiceExt as _;

/// The token key of [`FakePipedrive::install_config`]: fixed, for tests only.
const TEST_TOKEN_KEY: [u8; 32] = *b"pdx-fake-pipedrive-test-key-0001";

/// An install the fake drove to its end.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FakeInstall {
    /// What Pipedrive granted (and the app should have stored): company, user, `api_domain`, tokens, scope,
    /// expiry.
    pub installation: Installation,
    /// The app's answer to the callback (its install hook's page or redirect).
    pub callback: TestResponse,
}

/// Sends a request to a router in process and reads the whole answer.
async fn send(router: &Router, request: Request<Body>) -> TestResponse {
    let response = match router.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_else(|e| panic!("cannot read the answer's body: {e}"));
    TestResponse::new(parts.status.as_u16(), parts.headers, body)
}

fn get(path_and_query: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(path_and_query);
    if let Some(cookie) = cookie.filter(|c| !c.is_empty()) {
        request = request.header(header::COOKIE, cookie);
    }
    request
        .body(Body::empty())
        .unwrap_or_else(|e| panic!("`{path_and_query}` is not a request path: {e}"))
}

/// The `Location` of a redirect, or a panic naming `step` and what it answered instead.
fn location(response: &TestResponse, step: &str) -> String {
    match response.header("location") {
        Some(location) if (300..400).contains(&response.status()) => location.to_owned(),
        _ => panic!(
            "{step} answered {} instead of a redirect: {}",
            response.status(),
            response.text()
        ),
    }
}

/// The `name=value` pairs a browser sends back for an answer's `Set-Cookie` headers.
fn cookies(response: &TestResponse) -> String {
    response
        .set_cookies()
        .iter()
        .filter_map(|c| c.split(';').next())
        .map(str::trim)
        .filter(|pair| pair.split_once('=').is_some_and(|(_, v)| !v.is_empty()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The path and query of a URL.
fn path_and_query(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/').map_or("/", |i| &rest[i..])
}

impl FakePipedrive {
    /// An [`InstallConfig`] for an app talking to this fake: its client ID, secret and callback URL, its
    /// OAuth server, the in-memory token store and a fixed test token key.
    pub fn install_config(&self) -> InstallConfig {
        let app = self.app();
        let mut config = InstallConfig::new(app.client_id, app.client_secret, app.callback_url);
        config.oauth_url = self.oauth_url();
        config.database_url = MEMORY_URL.to_owned();
        config.token_key = TokenKey::from_array(TEST_TOKEN_KEY);
        config.token_key_is_demo = false;
        config
    }

    /// Installs the app as a user who starts at the app: `GET /oauth/install` on `router`, Pipedrive's consent
    /// as `user` of `company` (both made if missing), then the app's callback with the `code`, the `state` and
    /// the app's cookie. Panics, naming the step and its answer, when a step fails.
    pub async fn install(&self, router: &Router, company: u64, user: u64) -> FakeInstall {
        self.install_from(router, DEFAULT_INSTALL_PATH, company, user)
            .await
    }

    /// [`install`](Self::install) from an install start at another path.
    pub async fn install_from(
        &self,
        router: &Router,
        install_path: &str,
        company: u64,
        user: u64,
    ) -> FakeInstall {
        self.ensure_user(company, user);
        let before = self.installation(company, user);
        let start = send(router, get(install_path, None)).await;
        let authorize = location(&start, "the app's install start");
        let Some(authorize_path) = authorize
            .strip_prefix(&self.oauth_url())
            .filter(|p| p.starts_with("/oauth/authorize?"))
        else {
            panic!(
                "the app's install start redirects to `{authorize}`, not to this fake's `/oauth/authorize` at {}: \
                 build the app's installations from `fake.install_config()`",
                self.oauth_url()
            );
        };
        let session = format!("{SESSION_COOKIE}={company}:{user}");
        let consent = send(&self.oauth, get(authorize_path, Some(&session))).await;
        let back = location(&consent, "Pipedrive's consent screen");
        let callback = send(router, get(path_and_query(&back), Some(&cookies(&start)))).await;
        self.finished(company, user, before, callback)
    }

    /// An authorization code as Pipedrive sends it to the callback once `user` of `company` (made if missing)
    /// consents: single use, bound to the app's callback URL, valid for the code lifetime. For tests that call
    /// the app's callback themselves.
    pub fn authorization_code(&self, company: u64, user: u64) -> String {
        self.ensure_user(company, user);
        self.shared.with(|w| {
            let callback = w.app.callback_url.clone();
            w.grants.new_code(Principal { company, user }, &callback)
        })
    }

    /// Installs the app as the Marketplace does: Pipedrive sends the browser to the callback with a `code` and
    /// no `state` of the app's.
    pub async fn install_marketplace(
        &self,
        router: &Router,
        company: u64,
        user: u64,
    ) -> FakeInstall {
        let code = self.authorization_code(company, user);
        let before = self.installation(company, user);
        let callback_url = self.app().callback_url;
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("code", &code)
            .finish();
        let path = path_and_query(&callback_url)
            .split('?')
            .next()
            .unwrap_or("/");
        let callback = send(router, get(&format!("{path}?{query}"), None)).await;
        self.finished(company, user, before, callback)
    }

    /// The install's result, or a panic when the app did not exchange the code.
    fn finished(
        &self,
        company: u64,
        user: u64,
        before: Option<Installation>,
        callback: TestResponse,
    ) -> FakeInstall {
        match self.installation(company, user) {
            Some(installation) if Some(&installation) != before.as_ref() => FakeInstall {
                installation,
                callback,
            },
            _ => panic!(
                "the app did not exchange the authorization code: its callback answered {}: {}",
                callback.status(),
                callback.text()
            ),
        }
    }

    /// What Pipedrive last granted to the app for this user (while installed): the installation the app should
    /// hold.
    pub fn installation(&self, company: u64, user: u64) -> Option<Installation> {
        self.shared.with(|w| {
            let issued = w.grants.latest(Principal { company, user })?.clone();
            let api_domain = w.companies.get(&company)?.api_domain.clone();
            Some(Installation {
                company_id: company.to_string(),
                user_id: user.to_string(),
                api_domain,
                access_token: issued.access_token,
                refresh_token: issued.refresh_token,
                scope: issued.scope,
                expires_at: issued.issued_at + i64::try_from(issued.expires_in).unwrap_or(i64::MAX),
            })
        })
    }

    /// Whether the app is installed for this user (a refresh token not revoked).
    pub fn is_installed(&self, company: u64, user: u64) -> bool {
        self.shared
            .with(|w| w.grants.is_installed(Principal { company, user }))
    }

    /// The user uninstalls the app in Pipedrive: its tokens stop working, the webhooks the app made for the
    /// user are removed, and Pipedrive sends the uninstall notice to the app's callback URL (`DELETE` with the
    /// app's Basic credentials and `client_id`, `company_id`, `user_id`, `timestamp`). The app's answer.
    pub async fn uninstall(&self, router: &Router, company: u64, user: u64) -> TestResponse {
        let app = self.app();
        self.shared.with(|w| {
            let principal = Principal { company, user };
            w.grants.uninstall(principal);
            w.uninstalled(principal);
        });
        let body = json!({
            "client_id": app.client_id,
            "company_id": company,
            "user_id": user,
            "timestamp": chrono::Utc::now().to_rfc3339(),
        });
        let path = path_and_query(&app.callback_url)
            .split('?')
            .next()
            .unwrap_or("/");
        let request = Request::delete(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header(
                header::AUTHORIZATION,
                BasicCredentials::new(&app.client_id, &app.client_secret).header_value(),
            )
            .body(Body::from(body.to_string()))
            .unwrap_or_else(|e| panic!("the callback URL has no usable path: {e}"));
        send(router, request).await
    }
}
