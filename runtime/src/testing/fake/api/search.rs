//! Search: `GET /api/v2/itemSearch` over several kinds and `GET /api/v2/{deals,persons,organizations,products,
//! leads}/search` over one. `term` must be at least 2 characters (1 with `exact_match=true`); results come in
//! `data.items` as `{result_score, item}` with cursor pages (`limit` up to 100 for itemSearch).
//!
//! The fake matches `term` case-insensitively against the title or name, emails, phones and text custom
//! fields (the whole value with `exact_match=true`, a part of it otherwise), and scores every hit 1.0.

use super::super::answer::{invalid, ok_list};
use super::super::entity::Entity;
use super::super::world::{CompanyData, Shared};
use super::list::{MAX_LIMIT, Params, cursor_slice};
use super::{ApiRoutes, Caller, Rule, costs};
use axum::extract::{Extension, RawQuery, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};

/// The largest `limit` of `itemSearch`.
pub const MAX_ITEM_SEARCH_LIMIT: usize = 100;

/// The kinds `itemSearch` and the per-kind search cover.
const SEARCHABLE: [Entity; 5] = [
    Entity::Deal,
    Entity::Person,
    Entity::Organization,
    Entity::Product,
    Entity::Lead,
];

pub(super) fn routes(mut routes: ApiRoutes) -> ApiRoutes {
    routes = routes.add(
        Method::GET,
        "/api/v2/itemSearch",
        Rule::new(vec![crate::scope::Scope::SearchRead], costs::V2_SEARCH).search(),
        |s: State<Shared>, c: Extension<Caller>, q: RawQuery| search(None, s, c, q),
    );
    for entity in SEARCHABLE {
        let path = format!("/api/v2/{}/search", entity.collection());
        routes = routes.add(
            Method::GET,
            &path,
            Rule::new(costs::search(entity), costs::V2_SEARCH).search(),
            move |s: State<Shared>, c: Extension<Caller>, q: RawQuery| {
                search(Some(entity), s, c, q)
            },
        );
    }
    routes
}

async fn search(
    only: Option<Entity>,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.as_deref());
    let exact = match params.get("exact_match") {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return invalid("exact_match", "must be `true` or `false`"),
    };
    let term = params.get("term").unwrap_or_default().trim().to_lowercase();
    if term.chars().count() < if exact { 1 } else { 2 } {
        return invalid(
            "term",
            "must be at least 2 characters long (1 with exact_match)",
        );
    }
    let kinds = match (only, params.get("item_types")) {
        (Some(entity), _) => vec![entity],
        (None, None) => SEARCHABLE.to_vec(),
        (None, Some(types)) => match types
            .split(',')
            .map(|t| Entity::from_object(t.trim()))
            .collect()
        {
            Some(kinds) => kinds,
            None => return invalid("item_types", "lists an item type that cannot be searched"),
        },
    };
    let items = shared.with(|world| {
        world
            .company(caller.company)
            .map(|company| hits(company, &kinds, &term, exact))
            .unwrap_or_default()
    });
    let max = if only.is_none() {
        MAX_ITEM_SEARCH_LIMIT
    } else {
        MAX_LIMIT
    };
    match cursor_slice(items, &params, max) {
        Ok(page) => ok_list(
            json!({"items": page.items}),
            json!({"next_cursor": page.next_cursor}),
        ),
        Err(refusal) => refusal,
    }
}

fn hits(company: &CompanyData, kinds: &[Entity], term: &str, exact: bool) -> Vec<Value> {
    let mut hits = Vec::new();
    for entity in kinds {
        for object in company.objects.all(*entity) {
            let live = object["is_deleted"] != json!(true) && object["is_archived"] != json!(true);
            if live
                && texts(object, *entity).any(|t| {
                    let t = t.to_lowercase();
                    if exact { t == term } else { t.contains(term) }
                })
            {
                hits.push(json!({"result_score": 1.0, "item": item(object, *entity)}));
            }
        }
    }
    hits
}

/// The texts a search looks at.
fn texts(object: &Value, entity: Entity) -> impl Iterator<Item = &str> {
    let title = object[entity.title_field()].as_str();
    let contacts = ["emails", "phones"].into_iter().flat_map(move |field| {
        object[field]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["value"].as_str().or_else(|| c.as_str()))
    });
    let custom = object["custom_fields"]
        .as_object()
        .into_iter()
        .flat_map(|fields| fields.values().filter_map(Value::as_str));
    title.into_iter().chain(contacts).chain(custom)
}

/// A search result's `item`: the object's id, type and title or name, and a few fields of its kind.
fn item(object: &Value, entity: Entity) -> Value {
    let mut item = json!({"id": object["id"], "type": entity.object()});
    let fields: &[&str] = match entity {
        Entity::Deal => &[
            "title",
            "value",
            "currency",
            "status",
            "owner_id",
            "person_id",
            "org_id",
            "is_archived",
        ],
        Entity::Person => &["name", "emails", "phones", "owner_id", "org_id"],
        Entity::Organization => &["name", "address", "owner_id"],
        Entity::Product => &["name", "code", "owner_id"],
        _ => &[
            "title",
            "owner_id",
            "person_id",
            "organization_id",
            "is_archived",
        ],
    };
    for field in fields {
        item[*field] = object[*field].clone();
    }
    item
}
