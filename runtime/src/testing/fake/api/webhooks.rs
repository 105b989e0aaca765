//! Webhooks for apps ("Webhooks for apps", "Guide for Webhooks v2"): `GET/POST /api/v1/webhooks` and
//! `DELETE /api/v1/webhooks/{id}`, with the shapes of Pipedrive's OpenAPI examples.
//!
//! A webhook made with an app's OAuth token is `type: application` and only that app sees and deletes it; one
//! made with a personal API token is `general`. A user has at most [`MAX_WEBHOOKS_PER_USER`] webhooks: one more
//! answers 422. `version` is `2.0` unless `1.0` is asked for. The Basic credentials are kept for deliveries,
//! and the fake answers `http_auth_password: null` (Pipedrive's examples show no password coming back: an app
//! must not count on reading it).

use super::super::answer::{not_found, ok_list};
use super::super::entity::{Entity, now_rfc3339};
use super::super::webhook::{EVENT_ACTIONS, EVENT_OBJECTS, FakeWebhook, MAX_WEBHOOKS_PER_USER};
use super::super::world::Shared;
use super::entities::body_object;
use super::{ApiRoutes, Caller, Rule, costs};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

pub(super) fn routes(routes: ApiRoutes) -> ApiRoutes {
    routes
        .add(
            Method::GET,
            "/api/v1/webhooks",
            Rule::new(costs::webhooks_read(), costs::WEBHOOKS_LIST_OR_CREATE),
            list,
        )
        .add(
            Method::POST,
            "/api/v1/webhooks",
            Rule::new(costs::webhooks_full(), costs::WEBHOOKS_LIST_OR_CREATE),
            create,
        )
        .add(
            Method::DELETE,
            "/api/v1/webhooks/{id}",
            Rule::new(costs::webhooks_full(), costs::WEBHOOK_DELETE),
            delete,
        )
}

/// Whether the caller sees a webhook: an app sees its own (application) webhooks; an API token all.
fn visible(caller: &Caller, webhook: &FakeWebhook) -> bool {
    caller.is_api_token() || webhook.kind == "application"
}

/// The webhooks API's validation error: `{"status": "error", "success": false, "errors": {field: [message]}}`.
fn refused(status: StatusCode, field: &str, message: &str) -> Response {
    let body = json!({"status": "error", "success": false, "errors": {field: [message]}});
    (status, Json(body)).into_response()
}

async fn list(State(shared): State<Shared>, Extension(caller): Extension<Caller>) -> Response {
    shared.with(|world| {
        let webhooks: Vec<Value> = world
            .company(caller.company)
            .map(|c| {
                c.webhooks
                    .iter()
                    .filter(|w| visible(&caller, w))
                    .map(FakeWebhook::to_json)
                    .collect()
            })
            .unwrap_or_default();
        ok_list(json!(webhooks), json!(null))
    })
}

/// A text field of the body: `Ok(None)` when absent or null.
fn text(body: &Map<String, Value>, field: &str) -> Result<Option<String>, Response> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(refused(StatusCode::BAD_REQUEST, field, "must be a string")),
    }
}

/// An absolute http(s) URL with a host, not one of Pipedrive's own.
fn subscription_url_ok(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    !name.is_empty() && !name.ends_with("pipedrive.com") && !url.contains(char::is_whitespace)
}

/// The new webhook a create call describes, or the 400 naming the wrong field.
fn new_webhook(caller: &Caller, body: &Map<String, Value>) -> Result<FakeWebhook, Response> {
    let bad = |field: &str, message: &str| refused(StatusCode::BAD_REQUEST, field, message);
    let url = text(body, "subscription_url")?.unwrap_or_default();
    if !subscription_url_ok(&url) {
        return Err(bad("subscription_url", "invalid or non-reachable URL"));
    }
    let action = text(body, "event_action")?.unwrap_or_default();
    if !EVENT_ACTIONS.contains(&action.as_str()) {
        return Err(bad(
            "event_action",
            "must be one of create, change, delete, *",
        ));
    }
    let object = text(body, "event_object")?.unwrap_or_default();
    if !EVENT_OBJECTS.contains(&object.as_str()) {
        return Err(bad(
            "event_object",
            "is not an event object Pipedrive sends",
        ));
    }
    let name = text(body, "name")?.unwrap_or_default();
    if name.trim().is_empty() || name.chars().count() > 255 {
        return Err(bad("name", "is required, at most 255 characters"));
    }
    let version = text(body, "version")?.unwrap_or_else(|| "2.0".to_owned());
    if version != "1.0" && version != "2.0" {
        return Err(bad("version", "must be 1.0 or 2.0"));
    }
    let user_id = match body.get("user_id") {
        None | Some(Value::Null) => caller.user,
        Some(v) => v
            .as_u64()
            .ok_or_else(|| bad("user_id", "must be an integer"))?,
    };
    Ok(FakeWebhook {
        id: 0,
        company_id: caller.company,
        owner_id: caller.user,
        user_id,
        event_action: action,
        event_object: object,
        subscription_url: url,
        version,
        kind: if caller.is_api_token() {
            "general"
        } else {
            "application"
        }
        .to_owned(),
        name,
        http_auth_user: text(body, "http_auth_user")?,
        http_auth_password: text(body, "http_auth_password")?,
        add_time: now_rfc3339(),
        remove_reason: None,
        remove_time: None,
        last_delivery_time: None,
        last_http_status: None,
    })
}

async fn create(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
    let mut webhook = match body_object(&body).and_then(|body| new_webhook(&caller, &body)) {
        Ok(webhook) => webhook,
        Err(refusal) => return refusal,
    };
    shared.with(|world| {
        world.next_webhook_id += 1;
        let id = world.next_webhook_id;
        let Some(company) = world.company(caller.company) else {
            return not_found("Company");
        };
        if company
            .objects
            .get(Entity::User, &webhook.user_id.to_string())
            .is_none()
        {
            return refused(
                StatusCode::BAD_REQUEST,
                "user_id",
                "is not a user of this company",
            );
        }
        let same_kind = |w: &&FakeWebhook| w.user_id == webhook.user_id && w.kind == webhook.kind;
        if company.webhooks.iter().filter(same_kind).count() >= MAX_WEBHOOKS_PER_USER {
            let message = format!(
                "Webhooks limit reached: a user can have at most {MAX_WEBHOOKS_PER_USER} webhooks"
            );
            return super::super::answer::error(StatusCode::UNPROCESSABLE_ENTITY, &message);
        }
        webhook.id = id;
        let answer = webhook.to_json();
        company.webhooks.push(webhook);
        super::super::answer::created(answer)
    })
}

async fn delete(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    shared.with(|world| {
        let Some(company) = world.company(caller.company) else {
            return not_found("Company");
        };
        let index = company
            .webhooks
            .iter()
            .position(|w| w.id.to_string() == id && visible(&caller, w));
        let Some(index) = index else {
            return refused(StatusCode::NOT_FOUND, "id", "not found");
        };
        if caller.is_api_token() && company.webhooks[index].kind == "application" {
            let body = json!({"success": false, "message": "Forbidden"});
            return (StatusCode::FORBIDDEN, Json(body)).into_response();
        }
        company.webhooks.remove(index);
        Json(json!({"status": "ok", "success": true})).into_response()
    })
}
