//! Custom UI's signed calls: the page in Pipedrive's iframe asks the SDK for a signed token
//! (`GET_SIGNED_TOKEN`) and calls the app's backend with it. [`CustomUiCallLayer`] verifies that token the way
//! extension requests are verified ([`crate::auth::verify_token`]: HS256 only, the signature with the extension's
//! secret, `exp`), and since an SDK token lives 5 minutes, one without `exp` expires 5 minutes after its `iat`
//! (Pipedrive's docs, *Custom UI extensions*: <https://pipedrive.readme.io/docs/custom-ui-extensions>).
//!
//! The page sends the token as `Authorization: Bearer <token>` (the page's own code chooses how it sends it;
//! pdx takes this one). A call that cannot be verified gets 401 with `{"error":{"message":…}}` and never reaches
//! the handler; the reason is logged, never the token. A verified call's handler extracts
//! [`PipedriveUser`](crate::auth::PipedriveUser) (and, with installations,
//! [`PipedriveApi`](crate::api::PipedriveApi)).
//!
//! ```
//! use axum::{Json, Router, routing::get};
//! use pdx::auth::PipedriveUser;
//! use pdx::hub::{CustomUiExtension, CustomUiKind, PanelLocation};
//! use pdx::server::App;
//!
//! async fn page() -> &'static str { "<html>…the page that loads the SDK…</html>" }
//! async fn invoices(user: PipedriveUser) -> Json<Vec<String>> {
//!     Json(vec![format!("invoices of user {}", user.user_id())])
//! }
//!
//! let calls: Router = Router::new().route("/ui/api/invoices", get(invoices));
//! let app = App::new("client-secret")
//!     .custom_ui(
//!         CustomUiExtension::new("Invoices", "/ui/panel", CustomUiKind::Panel(PanelLocation::DealDetails))
//!             .jwt_secret("panel-secret")
//!             .height(420),
//!         page,
//!     )
//!     // Verified with the extension's own secret, `panel-secret`.
//!     .custom_ui_calls("Invoices", calls);
//! let router = app.into_router().expect("a valid app");
//! ```

use crate::auth::{AuthError, EXP_LEEWAY_SECS, PipedriveUser, UNVERIFIED_MESSAGE, verify_token};
use crate::context::Surface;
use crate::credentials::JwtSecret;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use pdx_format::hub::SDK_TOKEN_LIFETIME_SECS;
use serde_json::{Value, json};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{SystemTime, UNIX_EPOCH};
use tower::{Layer, Service};

/// Verifies the SDK's signed token on every call of the routes it wraps (see the module docs). [`App`] builds
/// one per [`App::custom_ui_calls`](super::App::custom_ui_calls) with the extension's secret; build one yourself
/// with [`CustomUiCallLayer::new`] for routes outside an [`App`].
///
/// [`App`]: super::App
#[derive(Debug, Clone)]
pub struct CustomUiCallLayer {
    inner: Arc<CallAuth>,
}

#[derive(Debug)]
struct CallAuth {
    /// The extension's name, for the log.
    name: String,
    secret: JwtSecret,
}

impl CustomUiCallLayer {
    /// Verifies tokens signed with `secret`: the custom UI extension's own JWT secret, or the app's client
    /// secret when it has none.
    pub fn new(secret: impl Into<JwtSecret>) -> Self {
        Self::named("(own route)", secret.into())
    }

    pub(crate) fn named(name: &str, secret: JwtSecret) -> Self {
        Self {
            inner: Arc::new(CallAuth {
                name: name.to_owned(),
                secret,
            }),
        }
    }
}

impl<I> Layer<I> for CustomUiCallLayer {
    type Service = CustomUiCallService<I>;

    fn layer(&self, inner: I) -> Self::Service {
        CustomUiCallService {
            inner,
            auth: self.inner.clone(),
        }
    }
}

/// The service [`CustomUiCallLayer`] wraps a route in.
#[derive(Debug, Clone)]
pub struct CustomUiCallService<I> {
    inner: I,
    auth: Arc<CallAuth>,
}

impl<I> Service<Request> for CustomUiCallService<I>
where
    I: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    I::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request) -> Self::Future {
        let clone = self.inner.clone();
        let mut ready = std::mem::replace(&mut self.inner, clone);
        let verified =
            bearer(&req).and_then(|token| verify_sdk_token(token, &self.auth.secret, now()));
        match verified {
            Ok(user) => {
                req.extensions_mut().insert(user);
                // Extractors that refuse (e.g. the API client's) answer `{"error":{"message"}}`, as here.
                req.extensions_mut().insert(Surface::Modal);
                Box::pin(ready.call(req))
            }
            Err(reason) => {
                tracing::warn!(
                    extension = %self.auth.name,
                    path = %req.uri().path(),
                    status = 401,
                    reason = %reason,
                    "custom UI call refused"
                );
                Box::pin(async { Ok(unauthorized()) })
            }
        }
    }
}

fn unauthorized() -> Response {
    let body = json!({"error": {"message": UNVERIFIED_MESSAGE}});
    let mut response = (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The token of `Authorization: Bearer <token>`.
fn bearer(req: &Request) -> Result<&str, AuthError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or(AuthError::MissingCredentials)?;
    let value = value.to_str().map_err(|_| AuthError::MalformedToken)?;
    let (scheme, token) = value.split_once(' ').ok_or(AuthError::MalformedToken)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(AuthError::MalformedToken);
    }
    Ok(token.trim())
}

/// The claims of a token's payload before verification: only to name the ids `verify_token` must find signed,
/// and, once it has verified the signature, to read `iat`.
#[derive(Default)]
struct Payload {
    user_id: Option<String>,
    company_id: Option<String>,
    iat: Option<u64>,
    exp: bool,
}

fn payload(token: &str) -> Payload {
    let part = token.split('.').nth(1).unwrap_or_default();
    let Ok(bytes) =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part.trim_end_matches('='))
    else {
        return Payload::default();
    };
    let Ok(Value::Object(claims)) = serde_json::from_slice::<Value>(&bytes) else {
        return Payload::default();
    };
    let id = |name: &str| match claims.get(name) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Payload {
        user_id: id("userId"),
        company_id: id("companyId"),
        iat: claims.get("iat").and_then(Value::as_u64),
        exp: claims.contains_key("exp"),
    }
}

/// Verifies an SDK token at `now` (Unix seconds): [`verify_token`] checks the algorithm, the signature, `exp`
/// and `nbf`, and that `userId` and `companyId` are signed; then a token without `exp` must have an `iat` within
/// the last [`SDK_TOKEN_LIFETIME_SECS`], and no token may be issued in the future (both with
/// [`EXP_LEEWAY_SECS`]).
pub fn verify_sdk_token(
    token: &str,
    secret: &JwtSecret,
    now: u64,
) -> Result<PipedriveUser, AuthError> {
    let claims = payload(token);
    // The ids compared are the token's own: an SDK call has no unsigned ids to bind, so what matters is that
    // `verify_token` finds them signed.
    let user = verify_token(
        token,
        secret,
        claims.user_id.as_deref(),
        claims.company_id.as_deref(),
    )?;
    match (claims.iat, claims.exp) {
        (Some(iat), _) if iat > now + EXP_LEEWAY_SECS => Err(AuthError::NotYetValid),
        (_, true) => Ok(user),
        (Some(iat), false) if now <= iat + SDK_TOKEN_LIFETIME_SECS + EXP_LEEWAY_SECS => Ok(user),
        (Some(_), false) => Err(AuthError::Expired),
        (None, false) => Err(AuthError::MissingClaim("exp")),
    }
}

/// The custom UI extension named `name`: `Some(its own JWT secret, if any)`, `None` when the app has no custom
/// UI extension of that name.
pub(crate) fn custom_ui_secret(
    extensions: &crate::hub::AppExtensions,
    name: &str,
) -> Option<Option<JwtSecret>> {
    extensions.entries.iter().find_map(|e| match e {
        crate::hub::Extension::CustomUi(c) if c.name == name => Some(c.jwt_secret.clone()),
        _ => None,
    })
}

/// A problem for each call router whose extension name is not a custom UI extension of the app.
pub(crate) fn check_call_names<'a>(
    extensions: &crate::hub::AppExtensions,
    names: impl Iterator<Item = &'a str>,
) -> crate::problem::Problems {
    let mut p = crate::problem::Problems::new();
    for (i, name) in names.enumerate() {
        if custom_ui_secret(extensions, name).is_none() {
            p.error(
                format!("/custom_ui_calls/{i}"),
                format!("`{name}` is not a custom UI extension of this app: its calls are verified with that extension's secret"),
            );
        }
    }
    p
}
