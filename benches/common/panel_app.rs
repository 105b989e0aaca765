//! The panel served by pdx's benchmarks, and the baseline users compare with: a bare axum router whose handler
//! decodes the query with `Query`, verifies the same HS256 token with `jsonwebtoken` directly (signature, `exp`,
//! `userId`/`companyId` equal to the query's) and serializes the same typed rows with `axum::Json`. Shared by
//! `benches/panel_endpoint.rs` (in process) and `examples/bench_server.rs` (over loopback HTTP, `benches/http.sh`).
#![allow(dead_code)]

use pdx::App;
use pdx::JsonPanel;
use pdx::auth::PipedriveUser;
use pdx::axum::Router;
use pdx::axum::extract::{Query, State};
use pdx::axum::http::StatusCode;
use pdx::axum::response::{IntoResponse, Response};
use pdx::hub::{PanelExtension, PanelLocation};
use pdx::panel::{Currency, Label, LabelColor, PanelResponse};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;

/// The secret both servers verify tokens with.
pub(crate) const SECRET: &str = "bench-secret";
/// The panel's path on both servers.
pub(crate) const PATH: &str = "/panel";

/// One order of the panel.
#[derive(Clone, Serialize, JsonPanel)]
#[panel(list)]
pub(crate) struct Order {
    id: u64,
    #[panel(header)]
    header: String,
    amount: Currency,
    status: Label,
    note: String,
}

/// `n` orders, built per request by both routers' handlers alike.
pub(crate) fn orders(n: usize) -> Vec<Order> {
    (1..=n as u64)
        .map(|i| Order {
            id: i,
            header: format!("Order #{i}"),
            amount: Currency::new("EUR", 100.0 * i as f64),
            status: Label::new(LabelColor::Green, "Shipped"),
            note: "Leave at the front desk".into(),
        })
        .collect()
}

async fn pdx_panel(State(n): State<usize>, _user: PipedriveUser) -> PanelResponse<Order> {
    PanelResponse::objects(orders(n))
}

pub(crate) fn pdx_router(n: usize) -> Router {
    App::new(SECRET)
        .json_panel(
            PanelExtension::new("Orders", PATH, PanelLocation::DealDetails).jwt_secret(SECRET),
            pdx_panel,
        )
        .into_router()
        .unwrap_or_else(|p| panic!("invalid app: {p}"))
        .with_state(n)
}

/// What the bare handler reads from the query.
#[derive(Deserialize)]
struct Params {
    token: String,
    #[serde(rename = "userId")]
    user_id: String,
    #[serde(rename = "companyId")]
    company_id: String,
}

/// The bare handler's state: the key, the validation rules and the object count.
struct Bare {
    key: jsonwebtoken::DecodingKey,
    validation: jsonwebtoken::Validation,
    n: usize,
}

/// A claim compared as pdx compares it: strings as they are, numbers in decimal.
fn claim_matches(claims: &serde_json::Map<String, Value>, name: &str, query: &str) -> bool {
    match claims.get(name) {
        Some(Value::String(s)) => s == query,
        Some(Value::Number(n)) => n.to_string() == query,
        _ => false,
    }
}

async fn bare_panel(State(bare): State<Arc<Bare>>, Query(params): Query<Params>) -> Response {
    let decoded = jsonwebtoken::decode::<serde_json::Map<String, Value>>(
        &params.token,
        &bare.key,
        &bare.validation,
    );
    let Ok(data) = decoded else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    if !claim_matches(&data.claims, "userId", &params.user_id)
        || !claim_matches(&data.claims, "companyId", &params.company_id)
    {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    pdx::axum::Json(PanelResponse::objects(orders(bare.n))).into_response()
}

pub(crate) fn bare_router(n: usize) -> Router {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.set_required_spec_claims::<&str>(&[]);
    let bare = Bare {
        key: jsonwebtoken::DecodingKey::from_secret(SECRET.as_bytes()),
        validation,
        n,
    };
    Router::new()
        .route(PATH, pdx::axum::routing::get(bare_panel))
        .with_state(Arc::new(bare))
}
