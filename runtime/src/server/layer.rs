//! [`ExtensionLayer`]: what every extension endpoint runs in. Before the handler: decode the query (400 when a
//! known parameter is given twice), verify the credentials (401), parse the context (400), and put the verified
//! [`PipedriveUser`] and [`RequestContext`] in the request for the extractors. Around it: the deadline, and a
//! panic answered with the surface's error body. After it: the response check ([`ResponseChecks`]). Every refused
//! request is logged with its reason, never with a secret.

use super::respond::{CheckedBody, error_response};
use super::settings::{ResponseChecks, deadline_status};
use super::untrusted::Untrusted;
use crate::auth::{AuthConfig, PipedriveUser, Rejection};
use crate::context::{ContextError, RequestContext, Surface};
use crate::credentials::{BasicCredentials, JwtSecret};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use futures_util::FutureExt as _;
use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tower::{Layer, Service};

/// One endpoint's verification and serving settings.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub(crate) name: String,
    pub(crate) auth: AuthConfig,
    /// `false` only for a link action built with `insecure_skip_token_verification`.
    pub(crate) verify_token: bool,
    /// Where a link action sends a browser whose request cannot be verified, instead of an error page.
    pub(crate) login_url: Option<String>,
    pub(crate) checks: ResponseChecks,
    pub(crate) deadline: Duration,
}

/// The tower layer every extension endpoint runs in (see the module docs). [`App`](super::App) adds it to each
/// extension route; add it to a route of your own to verify Pipedrive's requests there too:
///
/// ```
/// use pdx::auth::PipedriveUser;
/// use pdx::context::Surface;
/// use pdx::server::ExtensionLayer;
/// use axum::{Router, routing::get};
///
/// async fn page(user: PipedriveUser) -> String {
///     format!("hello user {} of company {}", user.user_id(), user.company_id())
/// }
/// let router: Router = Router::new()
///     .route("/custom/page", get(page))
///     .route_layer(ExtensionLayer::new(Surface::CustomUi, "the-jwt-secret"));
/// ```
#[derive(Debug, Clone)]
pub struct ExtensionLayer {
    endpoint: Arc<Endpoint>,
}

impl ExtensionLayer {
    /// Verifies tokens signed with `jwt_secret` and answers errors in `surface`'s shape, with the default
    /// deadline and enforced response checks.
    pub fn new(surface: Surface, jwt_secret: impl Into<JwtSecret>) -> Self {
        Self::from_endpoint(Endpoint {
            name: String::from("(own route)"),
            auth: AuthConfig {
                surface,
                jwt_secret: jwt_secret.into(),
                basic: None,
            },
            verify_token: true,
            login_url: None,
            checks: ResponseChecks::default(),
            deadline: super::DEFAULT_DEADLINE,
        })
    }

    pub(crate) fn from_endpoint(endpoint: Endpoint) -> Self {
        Self {
            endpoint: Arc::new(endpoint),
        }
    }

    /// Also accepts these HTTP Basic credentials (JSON panels).
    pub fn basic(mut self, credentials: BasicCredentials) -> Self {
        Arc::make_mut(&mut self.endpoint).auth.basic = Some(credentials);
        self
    }

    /// How long the handler may run.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        Arc::make_mut(&mut self.endpoint).deadline = deadline;
        self
    }

    /// The name logged with this route's events.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.endpoint).name = name.into();
        self
    }
}

impl<I> Layer<I> for ExtensionLayer {
    type Service = ExtensionService<I>;

    fn layer(&self, inner: I) -> Self::Service {
        ExtensionService {
            inner,
            endpoint: self.endpoint.clone(),
        }
    }
}

/// The service [`ExtensionLayer`] wraps a route in.
#[derive(Debug, Clone)]
pub struct ExtensionService<I> {
    inner: I,
    endpoint: Arc<Endpoint>,
}

impl<I> Service<Request> for ExtensionService<I>
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

    fn call(&mut self, req: Request) -> Self::Future {
        // The clone that was polled ready is the one that serves (tower's usual swap).
        let clone = self.inner.clone();
        let ready = std::mem::replace(&mut self.inner, clone);
        let endpoint = self.endpoint.clone();
        Box::pin(async move { Ok(endpoint.serve(req, ready).await) })
    }
}

impl Endpoint {
    async fn serve<I>(&self, mut req: Request, mut inner: I) -> Response
    where
        I: Service<Request, Response = Response, Error = Infallible>,
    {
        match self.verify(&req) {
            Ok((user, context)) => {
                if let Some(user) = user {
                    req.extensions_mut().insert(user);
                }
                req.extensions_mut().insert(context);
                // Extractors that refuse (e.g. the API client's) answer in this surface's shape.
                req.extensions_mut().insert(self.auth.surface);
            }
            Err(rejection) => return self.refuse(&req, rejection),
        }
        let handled = AssertUnwindSafe(inner.call(req)).catch_unwind();
        match tokio::time::timeout(self.deadline, handled).await {
            Ok(Ok(Ok(response))) => self.enforce(response),
            Ok(Ok(Err(never))) => match never {},
            Ok(Err(panic)) => self.panicked(&*panic),
            Err(_) => {
                tracing::error!(extension = %self.name, deadline = ?self.deadline, "handler missed its deadline");
                let surface = self.auth.surface;
                let message = "The app took too long to answer. Please try again.";
                error_response(surface, deadline_status(surface), message)
            }
        }
    }

    /// Decodes the query and verifies the credentials, then parses the context.
    fn verify(&self, req: &Request) -> Result<(Option<PipedriveUser>, RequestContext), Rejection> {
        let surface = self.auth.surface;
        let query = req.uri().query().unwrap_or_default();
        let (user, context) = self
            .auth
            .verify_request(query, req.headers(), self.verify_token)?;
        if surface == Surface::CustomUi && context.id.is_none() {
            let e = ContextError {
                parameter: "id",
                message: "required: the App Extensions SDK is initialized with it".into(),
            };
            return Err(Rejection::from((surface, e)));
        }
        Ok((user, context))
    }

    fn refuse(&self, req: &Request, rejection: Rejection) -> Response {
        tracing::warn!(
            extension = %self.name,
            path = %Untrusted(req.uri().path()),
            status = rejection.status().as_u16(),
            reason = %Untrusted(rejection.reason()),
            "request refused"
        );
        if rejection.status() == StatusCode::UNAUTHORIZED
            && let Some(login) = &self.login_url
        {
            return Redirect::to(login).into_response();
        }
        if self.auth.surface == Surface::Modal && super::modal_call::is_open_url_navigation(req) {
            // An `open-url` button's tab in the user's browser: a page, never JSON.
            return error_response(Surface::LinkAction, rejection.status(), rejection.message());
        }
        rejection.into_response()
    }

    fn panicked(&self, panic: &(dyn std::any::Any + Send)) -> Response {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_owned());
        tracing::error!(extension = %self.name, panic = %Untrusted(&message), "handler panicked");
        error_response(
            self.auth.surface,
            StatusCode::INTERNAL_SERVER_ERROR,
            "The app failed while answering. Please try again.",
        )
    }

    /// Applies the response check that travelled with the response.
    fn enforce(&self, response: Response) -> Response {
        let Some(checked) = response.extensions().get::<CheckedBody>() else {
            return response;
        };
        let problems = &checked.problems;
        if problems.has_errors() {
            match self.checks {
                ResponseChecks::Enforce => {
                    tracing::error!(extension = %self.name, problems = %Untrusted(problems), "response fails its check against the uploaded file; answering 500 instead");
                    return error_response(
                        self.auth.surface,
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "The app's answer does not match its uploaded file.",
                    );
                }
                ResponseChecks::Warn => {
                    tracing::warn!(extension = %self.name, problems = %Untrusted(problems), "response fails its check against the uploaded file; sent anyway");
                }
            }
        } else if !problems.is_empty() {
            tracing::warn!(extension = %self.name, problems = %Untrusted(problems), "response check warnings");
        }
        response
    }
}
