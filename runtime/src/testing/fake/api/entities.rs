//! API v2's object endpoints for deals, persons, organizations, activities, products, pipelines and stages:
//! list (cursor pages), get, create, update (`PATCH`), delete (soft: `is_deleted`), and archived deals apart
//! (`GET /api/v2/deals/archived`; the deals list leaves them out since 2025-07-15).
//!
//! Writes follow API v2's stricter input ("Pipedrive API v2 migration guide"): the body is a JSON object,
//! custom fields go under `custom_fields` with keys of this company's fields (a key of another company's is a
//! 400), and an archived deal cannot be updated (the fake answers 400) unless the update un-archives it.

use super::super::answer::{invalid, not_found, ok};
use super::super::custom_fields::CompanyFields;
use super::super::entity::{Entity, new_object, timestamp};
use super::super::objects::merge;
use super::super::world::Shared;
use super::list::{Listing, MAX_LIMIT, Params, cursor_page, select};
use super::{ApiRoutes, Caller, Rule, costs};
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::{Map, Value, json};

pub(super) fn routes(mut routes: ApiRoutes) -> ApiRoutes {
    for entity in Entity::V2 {
        let collection = format!("/api/v2/{}", entity.collection());
        let one = format!("{collection}/{{id}}");
        let list_cost = match entity {
            Entity::Pipeline | Entity::Stage => costs::V2_LIST_SMALL,
            _ => costs::V2_LIST,
        };
        let (read, write) = (costs::read(entity), costs::write(entity));
        routes = routes
            .add(
                Method::GET,
                &collection,
                Rule::new(read.clone(), list_cost),
                move |s: State<Shared>, c: Extension<Caller>, q: RawQuery| {
                    list(entity, Listing::Live, s, c, q)
                },
            )
            .add(
                Method::GET,
                &one,
                Rule::new(read, costs::V2_GET),
                move |s: State<Shared>, c: Extension<Caller>, id: Path<String>| {
                    get(entity, s, c, id)
                },
            )
            .add(
                Method::POST,
                &collection,
                Rule::new(write.clone(), costs::V2_WRITE),
                move |s: State<Shared>, c: Extension<Caller>, body: Bytes| {
                    create(entity, s, c, body)
                },
            )
            .add(
                Method::PATCH,
                &one,
                Rule::new(write.clone(), costs::V2_WRITE),
                move |s: State<Shared>, c: Extension<Caller>, id: Path<String>, body: Bytes| {
                    update(entity, s, c, id, body)
                },
            )
            .add(
                Method::DELETE,
                &one,
                Rule::new(write, costs::V2_DELETE),
                move |s: State<Shared>, c: Extension<Caller>, id: Path<String>| {
                    delete(entity, s, c, id)
                },
            );
    }
    routes.add(
        Method::GET,
        "/api/v2/deals/archived",
        Rule::new(costs::read(Entity::Deal), costs::V2_ARCHIVED),
        |s: State<Shared>, c: Extension<Caller>, q: RawQuery| {
            list(Entity::Deal, Listing::Archived, s, c, q)
        },
    )
}

async fn list(
    entity: Entity,
    listing: Listing,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.as_deref());
    let selected = shared.with(|world| match world.company(caller.company) {
        Some(company) => select(company, entity, &params, listing),
        None => Ok(Vec::new()),
    });
    selected
        .and_then(|items| cursor_page(items, &params, MAX_LIMIT))
        .unwrap_or_else(|refusal| refusal)
}

/// A v2 path id: a number, else the 400 naming `id`.
fn numeric_id(id: &str) -> Result<u64, Response> {
    id.parse::<u64>()
        .map_err(|_| invalid("id", &format!("`{id}` is not an integer id")))
}

async fn get(
    entity: Entity,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    if let Err(refusal) = numeric_id(&id) {
        return refusal;
    }
    answer_object(&shared, &caller, entity, &id)
}

/// An object of the caller's company as the API answers it, or 404.
pub(super) fn answer_object(
    shared: &Shared,
    caller: &Caller,
    entity: Entity,
    id: &str,
) -> Response {
    shared.with(|world| {
        world
            .company(caller.company)
            .and_then(|c| c.objects.get(entity, id).cloned())
            .map_or_else(|| not_found(entity.resource()), ok)
    })
}

/// A write's body: a JSON object, else the 400 naming it.
pub(super) fn body_object(body: &[u8]) -> Result<Map<String, Value>, Response> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(invalid("body", "must be a JSON object")),
    }
}

/// Checks that a create carries its kind's required field (a non-empty text).
pub(super) fn check_required(entity: Entity, body: &Map<String, Value>) -> Result<(), Response> {
    match entity.required_field() {
        Some(field)
            if body
                .get(field)
                .and_then(Value::as_str)
                .is_none_or(|s| s.trim().is_empty()) =>
        {
            Err(invalid(field, "is required"))
        }
        _ => Ok(()),
    }
}

/// Checks a v2 write's custom fields: under `custom_fields`, with this company's keys of this kind.
fn check_custom_fields(
    fields: &CompanyFields,
    entity: Entity,
    body: &Map<String, Value>,
) -> Result<(), Response> {
    if let Some(key) = body.keys().find(|k| is_custom_field_key(k)) {
        return Err(invalid(
            key,
            "custom fields are written under `custom_fields` in API v2",
        ));
    }
    let Some(custom) = body.get("custom_fields") else {
        return Ok(());
    };
    let Some(custom) = custom.as_object() else {
        return Err(invalid("custom_fields", "must be an object"));
    };
    match custom.keys().find(|k| fields.by_key(entity, k).is_none()) {
        Some(unknown) => Err(invalid(
            "custom_fields",
            &format!("`{unknown}` is not a custom field of this company's {entity}s"),
        )),
        None => Ok(()),
    }
}

/// A custom field key: 40 hex characters.
pub(in super::super) fn is_custom_field_key(key: &str) -> bool {
    key.len() == 40 && key.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn create(
    entity: Entity,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Response {
    let body = match body_object(&body) {
        Ok(body) => body,
        Err(refusal) => return refusal,
    };
    if let Err(refusal) = check_required(entity, &body) {
        return refusal;
    }
    shared.with(|world| {
        let Some(company) = world.company(caller.company) else {
            return not_found("Company");
        };
        if let Err(refusal) = check_custom_fields(&company.fields, entity, &body) {
            return refusal;
        }
        let mut body = body;
        body.remove("id");
        let object = company
            .objects
            .insert(entity, new_object(entity, caller.user, body));
        ok(object)
    })
}

async fn update(
    entity: Entity,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let body = match numeric_id(&id).and_then(|_| body_object(&body)) {
        Ok(body) => body,
        Err(refusal) => return refusal,
    };
    shared.with(|world| {
        let Some(company) = world.company(caller.company) else {
            return not_found("Company");
        };
        if let Err(refusal) = check_custom_fields(&company.fields, entity, &body) {
            return refusal;
        }
        let Some(object) = company.objects.get_mut(entity, &id) else {
            return not_found(entity.resource());
        };
        apply_update(entity, object, &id, body)
    })
}

/// Applies an update to an object (refused for an archived one unless it un-archives it): the answer.
pub(super) fn apply_update(
    entity: Entity,
    object: &mut Value,
    id: &str,
    body: Map<String, Value>,
) -> Response {
    let unarchives = body.get("is_archived") == Some(&json!(false));
    if object["is_archived"] == json!(true) && !unarchives {
        let message = format!(
            "{} {id} is archived and cannot be updated",
            entity.resource()
        );
        return invalid("id", &message);
    }
    merge(object, body);
    object["update_time"] = json!(timestamp(entity));
    ok(object.clone())
}

async fn delete(
    entity: Entity,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    if let Err(refusal) = numeric_id(&id) {
        return refusal;
    }
    shared.with(|world| {
        let found = world
            .company(caller.company)
            .and_then(|c| c.objects.get_mut(entity, &id));
        match found {
            Some(object) if object["is_deleted"] != json!(true) => {
                object["is_deleted"] = json!(true);
                object["update_time"] = json!(timestamp(entity));
                ok(json!({"id": object["id"]}))
            }
            _ => not_found(entity.resource()),
        }
    })
}
