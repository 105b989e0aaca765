//! Webhook deliveries as Pipedrive makes them ("Guide for Webhooks v2"): a `POST` of a JSON body with `meta`,
//! `data` and `previous` to each matching webhook's `subscription_url`, with its Basic credentials, waiting at
//! most 10 seconds for the answer; a retry is the same body with a higher `meta.attempt`.
//!
//! Only `version: "2.0"` webhooks get deliveries from the fake. Events are not filtered by the webhook user's
//! permissions (every user of a fake company sees everything).

use super::entity::Entity;
use super::random::uuid_v4;
use super::webhook::FakeWebhook;
use super::world::{CompanyData, Shared};
use crate::credentials::BasicCredentials;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Map, Value, json};
use std::time::Duration;
use tower::ServiceExt as _;

/// How long a delivery waits for the app's answer (Pipedrive: 10 seconds, then it is a failure).
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// An event to deliver: what happened to which object, the object now (`data`) and what changed
/// (`previous`). Build one from a seeded object with [`FakeCompany::created_event`],
/// [`FakeCompany::update`] or [`FakeCompany::delete`], or by hand with [`FakeEvent::new`].
///
/// [`FakeCompany::created_event`]: super::FakeCompany::created_event
/// [`FakeCompany::update`]: super::FakeCompany::update
/// [`FakeCompany::delete`]: super::FakeCompany::delete
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FakeEvent {
    /// `create`, `change` or `delete`.
    pub action: String,
    /// `deal`, `person`, ...
    pub object: String,
    /// The object's id, as `meta.entity_id` carries it (a string).
    pub entity_id: String,
    /// The object now (`null` for `delete`).
    pub data: Option<Value>,
    /// Only the changed fields' old values (`change`), the last state (`delete`), or `null` (`create`).
    pub previous: Option<Value>,
    /// The user who made the change (defaults to the webhook's owner).
    pub user_id: Option<u64>,
    /// `app` (the web app) or `api`.
    pub change_source: String,
    /// Whether it came from a bulk edit in a list view.
    pub is_bulk_edit: bool,
}

impl FakeEvent {
    /// An event with these parts, made through the API by the webhook's owner.
    pub fn new(
        action: &str,
        object: &str,
        entity_id: impl ToString,
        data: Option<Value>,
        previous: Option<Value>,
    ) -> Self {
        Self {
            action: action.to_owned(),
            object: object.to_owned(),
            entity_id: entity_id.to_string(),
            data,
            previous,
            user_id: None,
            change_source: "api".to_owned(),
            is_bulk_edit: false,
        }
    }

    /// Made by this user.
    pub fn by_user(mut self, user_id: u64) -> Self {
        self.user_id = Some(user_id);
        self
    }

    /// Made in the web app (`change_source: "app"`).
    pub fn from_web_app(mut self) -> Self {
        self.change_source = "app".to_owned();
        self
    }

    fn matches(&self, webhook: &FakeWebhook) -> bool {
        webhook.version == "2.0"
            && webhook.remove_time.is_none()
            && (webhook.event_action == "*" || webhook.event_action == self.action)
            && (webhook.event_object == "*" || webhook.event_object == self.object)
    }
}

/// One delivery: to which webhook and URL, the body sent, and the app's answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery {
    /// The webhook delivered for.
    pub webhook_id: u64,
    /// Its `subscription_url`.
    pub url: String,
    /// The body sent (`meta`, `data`, `previous`).
    pub body: Value,
    /// The app's status (`None`: no answer within [`DELIVERY_TIMEOUT`], or the URL was unreachable).
    pub status: Option<u16>,
    credentials: Option<(String, String)>,
}

impl Delivery {
    /// `meta.attempt` of this delivery.
    pub fn attempt(&self) -> u64 {
        self.body["meta"]["attempt"].as_u64().unwrap_or(1)
    }

    /// Whether the app answered 2xx.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// The `custom_fields` of an object in the webhook shape (null values kept: "was empty").
fn webhook_shape(company: &CompanyData, entity: Option<Entity>, object: &Value) -> Value {
    let mut object = object.clone();
    let (Some(entity), Some(fields)) = (
        entity,
        object
            .get_mut("custom_fields")
            .and_then(Value::as_object_mut),
    ) else {
        return object;
    };
    for (key, value) in fields.iter_mut() {
        if let Some(field) = company.fields.by_key(entity, key) {
            *value = field.webhook_value(value);
        }
    }
    object
}

/// The body of a first delivery of `event` for `webhook`.
pub(super) fn body(company: &CompanyData, webhook: &FakeWebhook, event: &FakeEvent) -> Value {
    let entity = Entity::from_object(&event.object);
    let shape = |v: &Option<Value>| {
        v.as_ref()
            .map_or(Value::Null, |v| webhook_shape(company, entity, v))
    };
    let mut meta = Map::new();
    let user = event.user_id.unwrap_or(webhook.owner_id).to_string();
    let timestamp = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    for (key, value) in [
        ("action", json!(event.action)),
        ("entity", json!(event.object)),
        ("entity_id", json!(event.entity_id)),
        ("id", json!(uuid_v4())),
        ("company_id", json!(company.id.to_string())),
        ("user_id", json!(user)),
        ("webhook_id", json!(webhook.id.to_string())),
        ("webhook_owner_id", json!(webhook.owner_id.to_string())),
        ("correlation_id", json!(uuid_v4())),
        ("timestamp", json!(timestamp)),
        ("type", json!(webhook.kind)),
        ("version", json!("2.0")),
        ("change_source", json!(event.change_source)),
        ("is_bulk_edit", json!(event.is_bulk_edit)),
        ("attempt", json!(1)),
        ("host", json!(format!("{}.pipedrive.com", company.domain))),
    ] {
        meta.insert(key.to_owned(), value);
    }
    if event.object != "user" {
        let users: Vec<String> = company
            .objects
            .all(Entity::User)
            .filter_map(|u| u["id"].as_u64())
            .map(|id| id.to_string())
            .collect();
        meta.insert("permitted_user_ids".to_owned(), json!(users));
    }
    json!({"meta": meta, "data": shape(&event.data), "previous": shape(&event.previous)})
}

/// The deliveries `event` makes in `company`, not yet sent.
pub(super) fn prepare(shared: &Shared, company: u64, event: &FakeEvent) -> Vec<Delivery> {
    shared.with(|world| {
        let Some(company) = world.companies.get(&company) else {
            return Vec::new();
        };
        company
            .webhooks
            .iter()
            .filter(|w| event.matches(w))
            .map(|w| Delivery {
                webhook_id: w.id,
                url: w.subscription_url.clone(),
                body: body(company, w, event),
                status: None,
                credentials: w
                    .http_auth_user
                    .clone()
                    .map(|u| (u, w.http_auth_password.clone().unwrap_or_default())),
            })
            .collect()
    })
}

/// Sends a delivery over HTTP, or to `router` in process; records the status on its webhook.
pub(super) async fn send(
    shared: &Shared,
    mut delivery: Delivery,
    router: Option<&Router>,
) -> Delivery {
    let basic = delivery
        .credentials
        .as_ref()
        .map(|(u, p)| BasicCredentials::new(u, p).header_value());
    delivery.status = match router {
        Some(router) => in_process(router, &delivery, basic).await,
        None => {
            let mut request = shared
                .http()
                .post(&delivery.url)
                .timeout(DELIVERY_TIMEOUT)
                .json(&delivery.body);
            if let Some(basic) = basic {
                request = request.header(header::AUTHORIZATION, basic);
            }
            request.send().await.ok().map(|r| r.status().as_u16())
        }
    };
    let (company, id, status) = (
        delivery.body["meta"]["company_id"]
            .as_str()
            .and_then(|c| c.parse::<u64>().ok()),
        delivery.webhook_id,
        delivery.status,
    );
    shared.with(|world| {
        let webhook = company
            .and_then(|c| world.company(c))
            .and_then(|c| c.webhooks.iter_mut().find(|w| w.id == id));
        if let Some(webhook) = webhook {
            webhook.last_delivery_time = Some(super::entity::now_rfc3339());
            webhook.last_http_status = status;
        }
    });
    delivery
}

/// The delivery sent to `router` without a network: the subscription URL's path and query.
async fn in_process(router: &Router, delivery: &Delivery, basic: Option<String>) -> Option<u16> {
    let rest = delivery
        .url
        .split_once("://")
        .map_or(delivery.url.as_str(), |(_, rest)| rest);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    let mut request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
    if let Some(basic) = basic {
        request = request.header(header::AUTHORIZATION, basic);
    }
    let request = request.body(Body::from(delivery.body.to_string())).ok()?;
    let answer = tokio::time::timeout(DELIVERY_TIMEOUT, router.clone().oneshot(request)).await;
    match answer {
        Ok(Ok(response)) => Some(response.status().as_u16()),
        _ => None,
    }
}

/// The same delivery again, as Pipedrive retries it: `meta.attempt` one higher, not yet sent.
pub(super) fn retry_of(delivery: &Delivery) -> Delivery {
    let mut retry = delivery.clone();
    retry.body["meta"]["attempt"] = json!(delivery.attempt() + 1);
    retry.status = None;
    retry
}
