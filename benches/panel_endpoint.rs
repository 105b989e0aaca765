//! Cost of pdx's server layer on a JSON panel request, as a ratio to baselines measured in the same run:
//!
//! - `pdx_full`: a signed request through `App`'s router (query decoding, JWT verification, context parsing,
//!   deadline, handler, serialization, response check against the data structure);
//! - `baseline_static`: the same request through a bare axum router whose handler returns the same body,
//!   pre-serialized (no auth, no checks);
//! - `baseline_serialize`: serializing the same panel response with serde_json alone.
//!
//! Report `pdx_full / baseline_static` as the server layer's overhead per request.

use axum::Router;
use axum::body::Body;
use criterion::{Criterion, criterion_group, criterion_main};
use pdx::app::{App, PanelExtension, PanelLocation};
use pdx::panel::{Currency, DataStructure, JsonPanel, Label, LabelColor, PanelResponse};
use pdx::testing::PipedriveRequest;
use serde::Serialize;
use serde_json::json;
use std::hint::black_box;
use std::sync::OnceLock;
use tower::ServiceExt as _;

const SECRET: &str = "bench-secret";

#[derive(Clone, Serialize)]
struct Order {
    id: u64,
    header: String,
    amount: Currency,
    status: Label,
    note: String,
}

impl JsonPanel for Order {
    fn data_structure() -> &'static DataStructure {
        static S: OnceLock<DataStructure> = OnceLock::new();
        S.get_or_init(|| {
            DataStructure::from_value(json!({"type": "array", "items": {"type": "object", "required": ["id", "header"], "properties": {
                "id": {"$ref": "#/definitions/numerical"},
                "header": {"$ref": "#/definitions/header"},
                "amount": {"$ref": "#/definitions/currency", "label": "Amount"},
                "status": {"$ref": "#/definitions/label", "label": "Status"},
                "note": {"$ref": "#/definitions/text", "label": "Note"}
            }}}))
            .unwrap_or_else(|p| panic!("invalid structure: {p}"))
        })
    }
}

/// Ten objects: the most a panel shows.
fn orders() -> Vec<Order> {
    (1..=10)
        .map(|i| Order {
            id: i,
            header: format!("Order #{i}"),
            amount: Currency::new("EUR", 100.0 * i as f64),
            status: Label::new(LabelColor::Green, "Shipped"),
            note: "Leave at the front desk".into(),
        })
        .collect()
}

fn pdx_router() -> Router {
    App::new(SECRET)
        .json_panel::<Order, _, _>(
            PanelExtension::new("Orders", "/panel", PanelLocation::DealDetails).jwt_secret(SECRET),
            |_req| async { Ok(PanelResponse::objects(orders())) },
        )
        .into_router()
        .unwrap_or_else(|p| panic!("invalid app: {p}"))
}

fn static_router() -> Router {
    let body = serde_json::to_vec(&PanelResponse::objects(orders())).unwrap_or_default();
    Router::new().route(
        "/panel",
        axum::routing::get(move || {
            let body = body.clone();
            async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    body,
                )
            }
        }),
    )
}

async fn send(router: &Router, request: axum::http::Request<Body>) -> usize {
    let response = match router.clone().oneshot(request).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    assert_eq!(response.status(), 200);
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_or(0, |b| b.len())
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    // One token for the whole run (valid 1 hour); the request is rebuilt each time (requests are not Clone).
    let template = PipedriveRequest::get("/panel")
        .details("deal", 42)
        .signed(SECRET);
    let uri = template.uri();
    let request = || {
        axum::http::Request::get(uri.as_str())
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let full = pdx_router();
    let baseline = static_router();
    let mut group = c.benchmark_group("panel_endpoint");
    group.bench_function("pdx_full", |b| {
        b.iter(|| rt.block_on(send(&full, request())))
    });
    group.bench_function("baseline_static", |b| {
        b.iter(|| rt.block_on(send(&baseline, request())))
    });
    let response = PanelResponse::objects(orders());
    group.bench_function("baseline_serialize", |b| {
        b.iter(|| serde_json::to_vec(black_box(&response)).map_or(0, |v| v.len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
