//! Filters: the saved filters of a company's list views. A list view's "select all" sends its filter
//! (`{"filter_id": 42}`) and the deselected `excludedIds` instead of ids; the app resolves it by listing with
//! `filter_id` (every v2 list and the v1 leads list take it) — "JSON modals" and "Link actions" in Pipedrive's
//! docs. `GET /api/v1/filters` and `/api/v1/filters/{id}` list and show them.

use super::super::answer::{not_found, ok, ok_list};
use super::super::filter::{Filter, filter_type};
use super::super::world::Shared;
use super::list::Params;
use super::{ApiRoutes, Caller, Rule, costs};
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};

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
