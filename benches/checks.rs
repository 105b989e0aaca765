//! The cost of checking a panel response, for 1, 2 and 10 objects of a derived type:
//!
//! - `typed`: `PanelResponse::to_checked_json` (serialize and check in one pass);
//! - `plain`: `serde_json::to_vec` of the same response (no check at all): the floor;
//! - `schema`: the `serde_json::Value` path (`to_value`, `DataStructure::check_response`, `to_vec` of the value).
//!
//! Run: `cargo bench --bench checks -- --warm-up-time 1 --measurement-time 3`. Read `typed / plain`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use pdx::JsonPanel;
use pdx::panel::{Currency, JsonPanel as _, Label, LabelColor, Link, PanelResponse};
use serde::Serialize;
use std::hint::black_box;

#[derive(Clone, Serialize, JsonPanel)]
#[panel(list)]
struct Order {
    #[panel(header)]
    title: String,
    id: u64,
    amount: Currency,
    status: Label,
    note: String,
    #[panel(type = "date")]
    due: String,
    tracking: Option<Link>,
}

fn orders(n: usize) -> Vec<Order> {
    (1..=n)
        .map(|i| Order {
            title: format!("Order #{i}"),
            id: i as u64,
            amount: Currency::new("EUR", 100.0 * i as f64),
            status: Label::new(LabelColor::Green, "Shipped"),
            note: "Leave at the front desk".into(),
            due: "2024-02-29".into(),
            tracking: Some(Link::external("https://track.example.com/1").label("Track")),
        })
        .collect()
}

fn checks(c: &mut Criterion) {
    let mut group = c.benchmark_group("panel_response_check");
    for n in [1usize, 2, 10] {
        let response =
            PanelResponse::objects(orders(n)).external_link("https://example.com", "All orders");
        group.bench_with_input(BenchmarkId::new("typed", n), &response, |b, r| {
            b.iter(|| black_box(r.to_checked_json()))
        });
        group.bench_with_input(BenchmarkId::new("plain", n), &response, |b, r| {
            b.iter(|| black_box(serde_json::to_vec(r).unwrap_or_default()))
        });
        group.bench_with_input(BenchmarkId::new("schema", n), &response, |b, r| {
            b.iter(|| {
                let value = serde_json::to_value(r).unwrap_or_default();
                let problems = Order::data_structure().check_response(&value);
                black_box((serde_json::to_vec(&value).unwrap_or_default(), problems))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, checks);
criterion_main!(benches);
