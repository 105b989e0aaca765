//! The receiver of webhook deliveries: one `POST` route that authenticates each delivery by its installation's
//! Basic credentials (before reading the body), answers at once, and runs the matching handlers afterwards,
//! once per event even when Pipedrive redelivers it.

use super::declared::DeclaredWebhook;
use super::event::{EventMeta, WebhookEvent};
use super::subscription::{EventAction, EventObject};
use crate::auth::PipedriveUser;
use crate::credentials::{BasicCredentials, BasicError};
use crate::install::Installations;
use crate::server::Untrusted;
use crate::store::now_secs;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, State};
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, post};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt as _;

/// How long a delivery is remembered so that its redeliveries reach no handler: a day. Pipedrive retries 3
/// times within minutes ("after 3, 30 and 150 seconds"), so a day covers every retry with a wide margin.
pub const DEDUP_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// The longest delivery identity (webhook id, event id, timestamp) recorded; longer ones are refused (400):
/// Pipedrive's are under 100 bytes.
const MAX_DELIVERY_KEY_BYTES: usize = 512;

/// The username of an installation's delivery credentials: `pdx.{company_id}.{user_id}`. It names the
/// installation, so that the receiver finds whose password to check without reading the body.
pub fn credentials_username(company_id: &str, user_id: &str) -> String {
    format!("pdx.{company_id}.{user_id}")
}

/// The installation a credentials username names.
fn installation_of(username: &str) -> Option<(&str, &str)> {
    let (company, user) = username.strip_prefix("pdx.")?.split_once('.')?;
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (numeric(company) && numeric(user)).then_some((company, user))
}

/// The Basic credentials a delivery must carry: those of the installation its webhook was made for
/// (`pdx.{company}.{user}` and a random password). Extract it in a handler to see which installation a
/// delivery came for; [`PipedriveUser`] gives the same company and user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryCredentials {
    company_id: String,
    user_id: String,
}

/// The app's webhook receiver and the webhooks it declares: each `(action, object)` with its handler.
///
/// Handlers are ordinary axum handlers. They may extract the event ([`WebhookEvent<T>`], `data` read as `T`),
/// the installation's API client ([`PipedriveApi`](crate::api::PipedriveApi)), [`PipedriveUser`] (the
/// installation's company and user) and `State<S>`. A handler runs after the delivery is answered: what it
/// answers is logged when it is not 2xx, and a panic is logged, never sent to Pipedrive.
///
/// ```
/// use pdx::webhooks::{DealEvent, EventAction, EventObject, WebhookEvent, Webhooks};
/// async fn on_deal_change(event: WebhookEvent<DealEvent>) {
///     let stage = event.data.and_then(|deal| deal.stage_id);
///     println!("deal {} is in stage {stage:?}", event.meta.entity_id);
/// }
/// let webhooks: Webhooks = Webhooks::at("/pipedrive/webhooks")
///     .on(EventAction::Change, EventObject::Deal, on_deal_change);
/// assert_eq!(webhooks.declared().len(), 1);
/// ```
pub struct Webhooks<S = ()> {
    path: String,
    handlers: Vec<(DeclaredWebhook, MethodRouter<S>)>,
}

impl<S> std::fmt::Debug for Webhooks<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Webhooks")
            .field("path", &self.path)
            .field("declared", &self.declared())
            .finish()
    }
}

impl<S: Clone + Send + Sync + 'static> Webhooks<S> {
    /// A receiver at `path` (joined to the app's public URL for the webhooks' `subscription_url`).
    pub fn at(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            handlers: Vec::new(),
        }
    }

    /// Declares a webhook for `action` on `object` (either may be `*`) and the handler of its events.
    pub fn on<H, T>(mut self, action: EventAction, object: EventObject, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.handlers
            .push((DeclaredWebhook::new(action, object), post(handler)));
        self
    }
}

impl<S> Webhooks<S> {
    /// The receiver's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The webhooks declared, in order.
    pub fn declared(&self) -> Vec<DeclaredWebhook> {
        self.handlers.iter().map(|(d, _)| d.clone()).collect()
    }
}

impl<S: Clone + Send + Sync + 'static> Webhooks<S> {
    /// The receiver's route.
    pub(crate) fn into_route(self, installations: Installations) -> MethodRouter<S> {
        let receiver = Arc::new(Receiver {
            path: self.path,
            handlers: self.handlers,
            installations,
        });
        post(
            move |State(state): State<S>, headers: HeaderMap, body: Bytes| {
                let receiver = receiver.clone();
                async move { receiver.receive(state, &headers, body).await }
            },
        )
    }
}

struct Receiver<S> {
    path: String,
    handlers: Vec<(DeclaredWebhook, MethodRouter<S>)>,
    installations: Installations,
}

/// An answer to Pipedrive with a short plain-text reason.
fn answer(status: StatusCode, reason: &'static str) -> Response {
    (status, reason).into_response()
}

impl<S: Clone + Send + Sync + 'static> Receiver<S> {
    async fn receive(&self, state: S, headers: &HeaderMap, body: Bytes) -> Response {
        let (company_id, user_id) = match self.authenticate(headers).await {
            Ok(installation) => installation,
            Err(refused) => return refused,
        };
        let event: WebhookEvent<Value> = match serde_json::from_slice(&body) {
            Ok(event) => event,
            Err(e) => {
                tracing::warn!(company_id = %Untrusted(&company_id), "webhook delivery is not an event: {}", Untrusted(&e));
                return answer(StatusCode::BAD_REQUEST, "not a webhooks v2 event");
            }
        };
        if !event.meta.company_id.is_empty() && event.meta.company_id != company_id {
            tracing::warn!(
                company_id = %Untrusted(&company_id),
                event_company_id = %Untrusted(&event.meta.company_id),
                "webhook delivery for another company than its credentials' installation"
            );
            return answer(StatusCode::BAD_REQUEST, "the event is for another company");
        }
        let Some(key) = delivery_key(&event.meta) else {
            return answer(StatusCode::BAD_REQUEST, "the event's identity is too long");
        };
        let expires_at = now_secs().saturating_add(DEDUP_WINDOW.as_secs() as i64);
        match self
            .installations
            .store()
            .record_delivery(&key, expires_at)
            .await
        {
            Ok(true) => {}
            Ok(false) => return answer(StatusCode::OK, "already delivered"),
            Err(e) => {
                tracing::error!("cannot record a webhook delivery: {}", Untrusted(&e));
                // Not 2xx: Pipedrive retries, and the retry is handled once the store answers.
                return answer(StatusCode::SERVICE_UNAVAILABLE, "try again");
            }
        }
        self.dispatch(state, &company_id, &user_id, Arc::new(event));
        answer(StatusCode::OK, "ok")
    }

    /// The installation whose credentials the delivery carries, checked in constant time before the body is
    /// read; 401 (nothing stored, nothing run) otherwise.
    async fn authenticate(&self, headers: &HeaderMap) -> Result<(String, String), Response> {
        let unauthorized = || answer(StatusCode::UNAUTHORIZED, "wrong or missing credentials");
        let authorization = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let username =
            BasicCredentials::claimed_username(authorization).map_err(|_| unauthorized())?;
        let Some((company_id, user_id)) = installation_of(&username) else {
            return Err(unauthorized());
        };
        let stored = self
            .installations
            .webhook_credentials(company_id, user_id)
            .await
            .map_err(|e| {
                tracing::error!("cannot read webhook credentials: {}", Untrusted(&e));
                answer(StatusCode::SERVICE_UNAVAILABLE, "try again")
            })?;
        match stored.map(|c| c.check(authorization)) {
            Some(Ok(())) => Ok((company_id.to_owned(), user_id.to_owned())),
            Some(Err(BasicError::Wrong)) | Some(Err(_)) | None => {
                tracing::warn!(
                    username = %Untrusted(&username),
                    "webhook delivery refused: wrong credentials or no such installation"
                );
                Err(unauthorized())
            }
        }
    }

    /// Runs every handler whose subscription covers the event, each in its own task, after the answer.
    fn dispatch(&self, state: S, company_id: &str, user_id: &str, event: Arc<WebhookEvent<Value>>) {
        let matching = self.handlers.iter().filter(|(declared, _)| {
            declared.action.covers(&event.meta.action) && declared.object.covers(&event.meta.entity)
        });
        for (declared, handler) in matching {
            let handler: MethodRouter<()> = handler.clone().with_state(state.clone());
            let mut request = Request::post(&self.path)
                .body(Body::empty())
                .unwrap_or_default();
            let extensions = request.extensions_mut();
            extensions.insert(event.clone());
            extensions.insert(PipedriveUser::of_installation(company_id, user_id));
            extensions.insert(DeliveryCredentials {
                company_id: company_id.to_owned(),
                user_id: user_id.to_owned(),
            });
            extensions.insert(self.installations.clone());
            let subscription = declared.event();
            let event_name = format!("{}.{}", event.meta.action, event.meta.entity);
            let work = tokio::spawn(async move { handler.oneshot(request).await });
            tokio::spawn(async move {
                match work.await {
                    Ok(Ok(response)) if response.status().is_success() => {}
                    Ok(Ok(response)) => tracing::warn!(
                        subscription = %subscription,
                        event = %Untrusted(&event_name),
                        status = response.status().as_u16(),
                        "webhook handler answered an error"
                    ),
                    Ok(Err(never)) => match never {},
                    Err(e) => tracing::error!(
                        subscription = %subscription,
                        event = %Untrusted(&event_name),
                        "webhook handler panicked: {}",
                        Untrusted(&e)
                    ),
                }
            });
        }
    }
}

/// What identifies a delivery across retries: webhook id, event id and timestamp as received (the event id
/// alone is not unique for `user` events). `None` when longer than [`MAX_DELIVERY_KEY_BYTES`].
fn delivery_key(meta: &EventMeta) -> Option<String> {
    let key = format!(
        "{}\n{}\n{}",
        meta.webhook_id,
        meta.id,
        meta.timestamp.as_received()
    );
    (key.len() <= MAX_DELIVERY_KEY_BYTES).then_some(key)
}

/// Why a handler's [`WebhookEvent`] or [`DeliveryCredentials`] could not be extracted: logged (the handler's
/// answer goes nowhere, Pipedrive was answered already).
#[derive(Debug)]
pub struct WebhookRejection(String);

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        tracing::warn!("webhook handler not run: {}", Untrusted(&self.0));
        (StatusCode::UNPROCESSABLE_ENTITY, self.0).into_response()
    }
}

fn outside_receiver(what: &str) -> WebhookRejection {
    WebhookRejection(format!(
        "`{what}` is extracted outside pdx's webhook receiver: register the handler with `Webhooks::on`"
    ))
}

/// The event of the delivery, `data` read as `T`.
impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for WebhookEvent<T> {
    type Rejection = WebhookRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let event = parts
            .extensions
            .get::<Arc<WebhookEvent<Value>>>()
            .ok_or_else(|| outside_receiver("WebhookEvent"))?;
        WebhookEvent::<Value>::clone(event)
            .into_typed()
            .map_err(|e| {
                WebhookRejection(format!(
                    "the `{}.{}` event's data does not read as {}: {e}",
                    event.meta.action,
                    event.meta.entity,
                    std::any::type_name::<T>()
                ))
            })
    }
}

impl DeliveryCredentials {
    /// The installation's company.
    pub fn company_id(&self) -> &str {
        &self.company_id
    }

    /// The installation's user.
    pub fn user_id(&self) -> &str {
        &self.user_id
    }
}

/// The installation the delivery's credentials named.
impl<S: Send + Sync> FromRequestParts<S> for DeliveryCredentials {
    type Rejection = WebhookRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<DeliveryCredentials>()
            .cloned()
            .ok_or_else(|| outside_receiver("DeliveryCredentials"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_username_names_the_installation_and_nothing_else_passes() {
        assert_eq!(
            installation_of(&credentials_username("7", "12")),
            Some(("7", "12"))
        );
        assert_eq!(installation_of("pdx.7"), None);
        assert_eq!(installation_of("pdx.7.12.3"), None);
        assert_eq!(installation_of("pdx.a.b"), None);
        assert_eq!(installation_of("7.12"), None);
    }
}
