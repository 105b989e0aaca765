//! The v2 Fields API: `GET /api/v2/{deal,person,organization,product,activity}Fields` (cursor pages) and
//! `GET /api/v2/{...}Fields/{field_code}`: the kind's standard fields, then this company's custom fields with
//! their 40-character keys as `field_code` ("Introducing new Fields API v2" in Pipedrive's changelog).

use super::super::answer::{not_found, ok};
use super::super::custom_fields::standard_fields;
use super::super::entity::Entity;
use super::super::world::{CompanyData, Shared};
use super::list::{MAX_LIMIT, Params, cursor_page};
use super::{ApiRoutes, Caller, Rule, costs};
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::Method;
use axum::response::Response;
use serde_json::{Value, json};

pub(super) fn routes(mut routes: ApiRoutes) -> ApiRoutes {
    for entity in Entity::ALL {
        let Some(collection) = entity.fields_collection() else {
            continue;
        };
        let path = format!("/api/v2/{collection}");
        routes = routes
            .add(
                Method::GET,
                &path,
                Rule::new(costs::fields(entity), costs::V2_LIST),
                move |s: State<Shared>, c: Extension<Caller>, q: RawQuery| list(entity, s, c, q),
            )
            .add(
                Method::GET,
                &format!("{path}/{{field_code}}"),
                Rule::new(costs::fields(entity), costs::V2_GET),
                move |s: State<Shared>, c: Extension<Caller>, code: Path<String>| {
                    one(entity, s, c, code)
                },
            );
    }
    routes
}

/// Every field definition of a kind in a company: standard ones first.
pub(in super::super) fn definitions(company: &CompanyData, entity: Entity) -> Vec<Value> {
    let standard = standard_fields(entity).iter().map(|(code, name, field_type)| {
        json!({
            "field_name": name, "field_code": code, "field_type": field_type, "is_custom_field": false,
            "is_optional_response_field": false, "options": null, "subfields": null,
        })
    });
    let custom = company.fields.of(entity).map(|f| f.definition());
    standard.chain(custom).collect()
}

async fn list(
    entity: Entity,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    RawQuery(query): RawQuery,
) -> Response {
    let params = Params::parse(query.as_deref());
    let fields = shared.with(|world| {
        world
            .company(caller.company)
            .map(|c| definitions(c, entity))
            .unwrap_or_default()
    });
    cursor_page(fields, &params, MAX_LIMIT).unwrap_or_else(|refusal| refusal)
}

async fn one(
    entity: Entity,
    State(shared): State<Shared>,
    Extension(caller): Extension<Caller>,
    Path(code): Path<String>,
) -> Response {
    let found = shared.with(|world| {
        world.company(caller.company).and_then(|c| {
            definitions(c, entity)
                .into_iter()
                .find(|f| f["field_code"] == code.as_str())
        })
    });
    found.map_or_else(|| not_found("Field"), ok)
}
