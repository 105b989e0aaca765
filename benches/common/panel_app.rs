//! The panel served by pdx's benchmarks, and the baseline users compare with: a bare axum router whose handler
//! verifies the same HS256 token with `jsonwebtoken` and serializes the same typed rows with `axum::Json`.
//! Shared by `benches/panel_endpoint.rs` (in process) and `examples/bench_server.rs` (over loopback HTTP).
#![allow(dead_code)]

use pdx::App;
use pdx::axum::extract::{Query, State};
use pdx::axum::http::StatusCode;
use pdx::axum::routing::get;
use pdx::axum::{Json, Router};
use pdx::context::Selection;
use pdx::hub::{PanelExtension, PanelLocation};
use pdx::panel::{Currency, Label, LabelColor, PanelResponse};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// The secret both servers verify tokens with.
pub(crate) const SECRET: &str = "bench-secret";
/// The panel's path on both servers.
pub(crate) const PATH: &str = "/panel";

/// One order, as a panel object.
#[derive(Clone, Serialize, pdx::JsonPanel)]
#[panel(list)]
pub(crate) struct Order {
    pub(crate) id: u64,
    #[panel(header)]
    pub(crate) header: String,
    pub(crate) amount: Currency,
    pub(crate) status: Label,
    pub(crate) note: String,
}

/// `n` orders (a panel shows at most 10).
pub(crate) fn orders(n: u64) -> Arc<Vec<Order>> {
    Arc::new(
        (1..=n)
            .map(|i| Order {
                id: i,
                header: format!("Order #{i}"),
                amount: Currency::new("EUR", 100.0 * i as f64),
                status: Label::new(LabelColor::Green, "Shipped"),
                note: "Leave at the front desk".into(),
            })
            .collect(),
    )
}

async fn pdx_panel(
    State(orders): State<Arc<Vec<Order>>>,
    _selection: Selection,
) -> PanelResponse<Order> {
    PanelResponse::objects(orders.as_ref().clone())
}

/// pdx's full path: verification, context, handler, response check, serialization.
pub(crate) fn pdx_router(n: u64) -> Router {
    App::new(SECRET)
        .json_panel(
            PanelExtension::new("Orders", PATH, PanelLocation::DealDetails).jwt_secret(SECRET),
            pdx_panel,
        )
        .into_router()
        .unwrap_or_else(|p| panic!("the bench app is invalid:\n{p}"))
        .with_state(orders(n))
}

/// The claims the baseline reads.
#[derive(Deserialize)]
struct Claims {
    #[serde(rename = "userId")]
    user_id: serde_json::Value,
    #[serde(rename = "companyId")]
    company_id: serde_json::Value,
}

/// What the baseline answers: the same envelope as a panel response.
#[derive(Serialize)]
struct Body {
    data: Vec<Order>,
}

async fn bare_panel(
    State(orders): State<Arc<Vec<Order>>>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Body>, StatusCode> {
    let token = query.get("token").ok_or(StatusCode::UNAUTHORIZED)?;
    let key = jsonwebtoken::DecodingKey::from_secret(SECRET.as_bytes());
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.set_required_spec_claims::<&str>(&[]);
    let claims = jsonwebtoken::decode::<Claims>(token, &key, &validation)
        .map_err(|_| StatusCode::UNAUTHORIZED)?
        .claims;
    let same = |claim: &serde_json::Value, param: &str| {
        query.get(param).is_some_and(|q| match claim {
            serde_json::Value::String(s) => s == q,
            other => other.to_string() == *q,
        })
    };
    if !same(&claims.user_id, "userId") || !same(&claims.company_id, "companyId") {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(Json(Body {
        data: orders.as_ref().clone(),
    }))
}

/// The baseline: a bare axum handler that verifies the same token and serializes the same typed rows.
pub(crate) fn bare_router(n: u64) -> Router {
    Router::new()
        .route(PATH, get(bare_panel))
        .with_state(orders(n))
}
