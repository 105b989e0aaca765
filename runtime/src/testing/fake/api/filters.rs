//! Filters: the saved filters of a company's list views. A list view's "select all" sends its filter
//! (`{"filter_id": 42}`) and the deselected `excludedIds` instead of ids; the app resolves it by listing with
//! `filter_id` (every v2 list and the v1 leads list take it) — "JSON modals" and "Link actions" in Pipedrive's
//! docs. `GET /api/v1/filters` and `/api/v1/filters/{id}` list and show them.

use super::super::answer::{invalid, not_found, ok, ok_list};
use super::super::entity::Entity;
use super::super::world::{CompanyData, Shared};
use super::list::Params;
use super::{ApiRoutes, Caller, Rule, costs};
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};
use std::fmt;
use std::sync::Arc;

/// What a filter matches: a test's predicate over an object's API JSON.
pub(in super::super) type FilterRule = Arc<dyn Fn(&Value) -> bool + Send + Sync>;

/// A saved filter.
#[derive(Clone)]
pub(in super::super) struct Filter {
    pub(in super::super) id: u64,
    pub(in super::super) name: String,
    pub(in super::super) entity: Entity,
    pub(in super::super) user_id: u64,
    pub(in super::super) rule: FilterRule,
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("entity", &self.entity)
            .finish_non_exhaustive()
    }
}

/// The `type` of a filter of `entity` in the filters API.
fn filter_type(entity: Entity) -> &'static str {
    match entity {
        Entity::Deal => "deals",
        Entity::Lead => "leads",
        Entity::Organization => "org",
        Entity::Person => "people",
        Entity::Product => "products",
        Entity::Activity => "activity",
        _ => "other",
    }
}

impl Filter {
    fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "active_flag": true, "type": filter_type(self.entity),
            "temporary_flag": null, "user_id": self.user_id, "visible_to": 7, "custom_view_id": null,
        })
    }
}

/// The rule of the filter `id` for a list of `entity`, or the 400 naming `filter_id`.
pub(super) fn rule_of(
    company: &CompanyData,
    entity: Entity,
    id: &str,
) -> Result<FilterRule, Response> {
    company
        .filters
        .iter()
        .find(|f| f.id.to_string() == id && f.entity == entity)
        .map(|f| f.rule.clone())
        .ok_or_else(|| {
            invalid(
                "filter_id",
                &format!("no {} filter with id `{id}`", filter_type(entity)),
            )
        })
}

pub(super) fn routes(routes: ApiRoutes) -> ApiRoutes {
    routes
        .add(
            Method::GET,
            "/api/v1/filters",
            Rule::new(costs::filters(), costs::V1_LIST),
            list,
        )
        .add(
            Method::GET,
            "/api/v1/filters/{id}",
            Rule::new(costs::filters(), costs::V1_GET),
            show,
        )
}

async fn list(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.as_deref());
    let wanted = params.get("type").map(str::to_owned);
    shared.with(|world| {
        let Some(company) = world.company(caller.company) else {
            return not_found("Company");
        };
        let filters: Vec<Value> = company
            .filters
            .iter()
            .filter(|f| wanted.as_deref().is_none_or(|t| t == filter_type(f.entity)))
            .map(Filter::to_json)
            .collect();
        ok_list(json!(filters), json!({}))
    })
}

async fn show(
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    shared.with(|world| {
        world
            .company(caller.company)
            .and_then(|c| c.filters.iter().find(|f| f.id.to_string() == id))
            .map_or_else(|| not_found("Filter"), |f| ok(f.to_json()))
    })
}
