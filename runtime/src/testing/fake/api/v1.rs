//! The kinds API v2 does not cover yet, on their API v1 paths with offset pages: leads (UUID ids; archived
//! leads apart, as the leads list leaves them out), notes, and users (`/users/me` needs only `base`).
//!
//! A lead is linked to a person or an organization (or both), and a note to a deal, person, organization or
//! lead: a create without one answers 400, as Pipedrive does. Creating a lead answers 201, a note 200.

use super::super::answer::{created, invalid, not_found, ok};
use super::super::entity::{Entity, new_object};
use super::super::world::{CompanyData, Shared};
use super::entities::{answer_object, apply_update, body_object, check_required};
use super::list::{Listing, Params, offset_page, select};
use super::{ApiRoutes, Caller, Rule, costs};
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};

type S = State<Shared>;
type C = Extension<Caller>;

pub(super) fn routes(routes: ApiRoutes) -> ApiRoutes {
    let (lead, user) = (Entity::Lead, Entity::User);
    let routes = crud(routes, lead, Method::PATCH).add(
        Method::GET,
        "/api/v1/leads/archived",
        Rule::new(costs::read(lead), costs::V1_LIST),
        move |s: S, c: C, q: RawQuery| list(lead, Listing::Archived, s, c, q),
    );
    let routes = crud(routes, Entity::Note, Method::PUT);
    routes
        .add(
            Method::GET,
            "/api/v1/users",
            Rule::new(costs::read(user), costs::V1_LIST),
            move |s: S, c: C, q: RawQuery| list(user, Listing::Live, s, c, q),
        )
        .add(
            Method::GET,
            "/api/v1/users/me",
            Rule::new(Vec::new(), costs::V1_GET),
            me,
        )
        .add(
            Method::GET,
            "/api/v1/users/find",
            Rule::new(costs::read(user), costs::V1_SEARCH),
            find_users,
        )
        .add(
            Method::GET,
            "/api/v1/users/{id}",
            Rule::new(costs::read(user), costs::V1_GET),
            move |s: S, c: C, id: Path<String>| get(user, s, c, id),
        )
}

/// A kind's list, get, create, update (with `update`: `PATCH` for leads, `PUT` for notes) and delete.
fn crud(routes: ApiRoutes, entity: Entity, update_method: Method) -> ApiRoutes {
    let collection = format!("/api/v1/{}", entity.collection());
    let one = format!("{collection}/{{id}}");
    let (read, write) = (costs::read(entity), costs::write(entity));
    routes
        .add(
            Method::GET,
            &collection,
            Rule::new(read.clone(), costs::V1_LIST),
            move |s: S, c: C, q: RawQuery| list(entity, Listing::Live, s, c, q),
        )
        .add(
            Method::GET,
            &one,
            Rule::new(read, costs::V1_GET),
            move |s: S, c: C, id: Path<String>| get(entity, s, c, id),
        )
        .add(
            Method::POST,
            &collection,
            Rule::new(write.clone(), costs::V1_WRITE),
            move |s: S, c: C, body: Bytes| create(entity, s, c, body),
        )
        .add(
            update_method,
            &one,
            Rule::new(write.clone(), costs::V1_WRITE),
            move |s: S, c: C, id: Path<String>, body: Bytes| update(entity, s, c, id, body),
        )
        .add(
            Method::DELETE,
            &one,
            Rule::new(write, costs::V1_DELETE),
            move |s: S, c: C, id: Path<String>| delete(entity, s, c, id),
        )
}

async fn list(
    entity: Entity,
    listing: Listing,
    State(shared): S,
    Extension(caller): C,
    RawQuery(q): RawQuery,
) -> Response {
    let params = Params::parse(q.as_deref());
    if params.get("ids").is_some() {
        return invalid("ids", "is not a parameter of this API v1 list");
    }
    let selected = shared.with(|world| match world.company(caller.company) {
        Some(company) => select(company, entity, &params, listing),
        None => Ok(Vec::new()),
    });
    selected
        .and_then(|items| offset_page(items, &params))
        .unwrap_or_else(|refusal| refusal)
}

async fn get(
    entity: Entity,
    State(shared): S,
    Extension(caller): C,
    Path(id): Path<String>,
) -> Response {
    answer_object(&shared, &caller, entity, &id)
}

/// The links a new lead or note must have one of.
fn required_links(entity: Entity) -> &'static [&'static str] {
    match entity {
        Entity::Lead => &["person_id", "organization_id"],
        Entity::Note => &["deal_id", "person_id", "org_id", "lead_id"],
        _ => &[],
    }
}

async fn create(entity: Entity, State(shared): S, Extension(caller): C, body: Bytes) -> Response {
    let mut body = match body_object(&body) {
        Ok(body) => body,
        Err(refusal) => return refusal,
    };
    if let Err(refusal) = check_required(entity, &body) {
        return refusal;
    }
    let links = required_links(entity);
    if !links.is_empty()
        && !links
            .iter()
            .any(|l| body.get(*l).is_some_and(|v| !v.is_null()))
    {
        return invalid(
            links[0],
            &format!("one of {} is required", links.join(", ")),
        );
    }
    body.remove("id");
    shared.with(|world| {
        let Some(company) = world.company(caller.company) else {
            return not_found("Company");
        };
        let object = company
            .objects
            .insert(entity, new_object(entity, caller.user, body));
        if entity == Entity::Lead {
            created(object)
        } else {
            ok(object)
        }
    })
}

async fn update(
    entity: Entity,
    State(shared): S,
    Extension(caller): C,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let body = match body_object(&body) {
        Ok(body) => body,
        Err(refusal) => return refusal,
    };
    shared.with(|world| {
        let Some(object) = world
            .company(caller.company)
            .and_then(|c| c.objects.get_mut(entity, &id))
        else {
            return not_found(entity.resource());
        };
        apply_update(entity, object, &id, body)
    })
}

async fn delete(
    entity: Entity,
    State(shared): S,
    Extension(caller): C,
    Path(id): Path<String>,
) -> Response {
    let removed = shared.with(|world| {
        world
            .company(caller.company)
            .is_some_and(|c| c.objects.remove(entity, &id))
    });
    match (removed, entity) {
        (false, _) => not_found(entity.resource()),
        (true, Entity::Lead) => ok(json!({"id": id})),
        (true, _) => ok(json!(id.parse::<u64>().map_or(json!(id), |n| json!(n)))),
    }
}

/// The `data` of `/users/me`: the user with the company's id, name and domain.
pub(in super::super) fn me_json(company: &CompanyData, user: u64) -> Option<Value> {
    let mut me = company
        .objects
        .get(Entity::User, &user.to_string())?
        .clone();
    me["company_id"] = json!(company.id);
    me["company_name"] = json!(company.name);
    me["company_domain"] = json!(company.domain);
    me["company_country"] = json!("EE");
    Some(me)
}

async fn me(State(shared): S, Extension(caller): C) -> Response {
    shared.with(|world| {
        world
            .company(caller.company)
            .and_then(|c| me_json(c, caller.user))
            .map_or_else(|| not_found("User"), ok)
    })
}

async fn find_users(State(shared): S, Extension(caller): C, RawQuery(q): RawQuery) -> Response {
    let params = Params::parse(q.as_deref());
    let Some(term) = params.get("term").map(str::to_lowercase) else {
        return invalid("term", "is required");
    };
    let by_email =
        params.get("search_by_email") == Some("1") || params.get("search_by_email") == Some("true");
    shared.with(|world| {
        let users: Vec<Value> = world
            .company(caller.company)
            .map(|c| {
                c.objects
                    .all(Entity::User)
                    .filter(|u| {
                        let field = if by_email { "email" } else { "name" };
                        u[field]
                            .as_str()
                            .is_some_and(|v| v.to_lowercase().contains(&term))
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        ok(json!(users))
    })
}
