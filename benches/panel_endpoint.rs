//! Cost of pdx's server layer on a JSON panel request, as a ratio to a bare axum handler measured in the same run,
//! for 1, 2 and 10 objects (10 is the most a panel shows):
//!
//! - `pdx_full/N`: a signed request through `App`'s router (query decoding, HS256 verification, context parsing,
//!   deadline, panic guard, the handler extracting `PipedriveUser`, serialization, response check against the
//!   derived data structure);
//! - `baseline_typed/N`: the same request through a bare axum router whose handler decodes the query with
//!   `Query`, verifies the same HS256 token with `jsonwebtoken` directly (signature, `exp`, `userId`/`companyId`
//!   equal to the query's) and serializes the same typed rows with `axum::Json`;
//! - `baseline_serialize/N`: serializing the same panel response with serde_json alone.
//!
//! Report `pdx_full / baseline_typed` per N as the server layer's overhead (issue target: ≤ 1.5×).
//! Run: `cargo bench --bench panel_endpoint`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pdx::App;
use pdx::JsonPanel;
use pdx::auth::PipedriveUser;
use pdx::axum::Router;
use pdx::axum::body::Body;
use pdx::axum::extract::{Query, State};
use pdx::axum::http::{Request, StatusCode};
use pdx::axum::response::{IntoResponse, Response};
use pdx::hub::{PanelExtension, PanelLocation};
use pdx::panel::{Currency, Label, LabelColor, PanelResponse};
use pdx::testing::PipedriveRequest;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::hint::black_box;
use std::sync::Arc;
use tower::ServiceExt as _;

const SECRET: &str = "bench-secret";
/// Object counts measured: one, two, and the most a panel shows.
const SIZES: [usize; 3] = [1, 2, 10];

/// One order of the panel.
#[derive(Clone, Serialize, JsonPanel)]
#[panel(list)]
struct Order {
    id: u64,
    #[panel(header)]
    header: String,
    amount: Currency,
    status: Label,
    note: String,
}

/// `n` orders, built per request by both routers' handlers alike.
fn orders(n: usize) -> Vec<Order> {
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

fn pdx_router(n: usize) -> Router {
    App::new(SECRET)
        .json_panel(
            PanelExtension::new("Orders", "/panel", PanelLocation::DealDetails).jwt_secret(SECRET),
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

fn bare_router(n: usize) -> Router {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.set_required_spec_claims::<&str>(&[]);
    let bare = Bare {
        key: jsonwebtoken::DecodingKey::from_secret(SECRET.as_bytes()),
        validation,
        n,
    };
    Router::new()
        .route("/panel", pdx::axum::routing::get(bare_panel))
        .with_state(Arc::new(bare))
}

async fn send(router: &Router, request: Request<Body>) -> usize {
    let response = match router.clone().oneshot(request).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    assert_eq!(response.status(), 200);
    pdx::axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_or(0, |b| b.len())
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    // One token for the whole run (valid 5 minutes); the request is rebuilt each time (requests are not Clone).
    let uri = PipedriveRequest::get("/panel")
        .details("deal", 42)
        .signed(SECRET)
        .uri();
    let request = || {
        Request::get(uri.as_str())
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let mut group = c.benchmark_group("panel_endpoint");
    for n in SIZES {
        let full = pdx_router(n);
        let bare = bare_router(n);
        // Both answer the same body.
        let bodies = rt.block_on(async {
            let a = PipedriveRequest::get("/panel")
                .details("deal", 42)
                .signed(SECRET)
                .send(&full)
                .await;
            let b = PipedriveRequest::get("/panel")
                .details("deal", 42)
                .signed(SECRET)
                .send(&bare)
                .await;
            (a.json(), b.json())
        });
        assert_eq!(bodies.0, bodies.1, "pdx and the baseline answer alike");
        group.bench_with_input(BenchmarkId::new("pdx_full", n), &n, |b, _| {
            b.iter(|| rt.block_on(send(&full, request())))
        });
        group.bench_with_input(BenchmarkId::new("baseline_typed", n), &n, |b, _| {
            b.iter(|| rt.block_on(send(&bare, request())))
        });
        let response = PanelResponse::objects(orders(n));
        group.bench_with_input(BenchmarkId::new("baseline_serialize", n), &n, |b, _| {
            b.iter(|| serde_json::to_vec(black_box(&response)).map_or(0, |v| v.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
