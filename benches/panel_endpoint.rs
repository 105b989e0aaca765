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

#[path = "common/panel_app.rs"]
mod panel_app;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use panel_app::{PATH, SECRET, bare_router, orders, pdx_router};
use pdx::axum::Router;
use pdx::axum::body::Body;
use pdx::axum::http::Request;
use pdx::panel::PanelResponse;
use pdx::testing::PipedriveRequest;
use std::hint::black_box;
use tower::ServiceExt as _;

/// Object counts measured: one, two, and the most a panel shows.
const SIZES: [usize; 3] = [1, 2, 10];

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
    let uri = PipedriveRequest::get(PATH)
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
            let a = PipedriveRequest::get(PATH)
                .details("deal", 42)
                .signed(SECRET)
                .send(&full)
                .await;
            let b = PipedriveRequest::get(PATH)
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
