//! Checks are linear in their input and their reports are capped (`pdx::problem::MAX_REPORTED`, then one
//! problem counting the rest), so a huge document is refused quickly in bounded memory.
//!
//! The timings here are generous bounds on the growth of the work (a quadratic check fails them by far), not
//! benchmarks: 200k select items take about 50 ms in a release build (the old scan per item took 150 s for 240k)
//! (`cargo test --release --test integration checks_bounded:: -- --nocapture` prints the times).

use crate::examples;

use examples::{doc, save};
use pdx::JsonPanel;
use pdx::modal::{check_response, check_schema};
use pdx::panel::{JsonPanel as _, PanelResponse};
use pdx::problem::MAX_REPORTED;
use pdx::{Problems, Severity};
use serde::Serialize;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn select(items: Vec<Value>) -> Value {
    doc(
        json!({ "s": { "$ref": "#/definitions/element-select", "options": { "label": "S", "items": items } } }),
        save(),
    )
}

fn distinct_items(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({ "label": format!("Item {i}"), "value": i }))
        .collect()
}

fn timed(schema: &Value) -> (Problems, Duration) {
    let start = Instant::now();
    let problems = check_schema(schema);
    (problems, start.elapsed())
}

/// The last problem counts the ones not reported one by one.
#[track_caller]
fn assert_capped(problems: &Problems, omitted: usize, severity: Severity) {
    assert_eq!(problems.len(), MAX_REPORTED + 1, "{problems}");
    assert_eq!(problems.omitted(), omitted);
    let last = problems
        .iter()
        .last()
        .map(|p| (p.pointer.as_str(), p.severity, p.message.as_str()));
    let message = format!("… and {omitted} more problems (pdx reports the first {MAX_REPORTED})");
    assert_eq!(last, Some(("", severity, message.as_str())));
}

#[test]
fn select_item_uniqueness_is_linear() {
    let (small, t50) = timed(&select(distinct_items(50_000)));
    let (large, t200) = timed(&select(distinct_items(200_000)));
    println!("50k items: {t50:?}, 200k items: {t200:?}");
    assert!(small.is_empty(), "{small}");
    assert!(large.is_empty(), "{large}");
    // Linear work: 4× the items in about 4× the time. A scan per item (quadratic) would take 16×.
    assert!(
        t200 <= t50 * 8 + Duration::from_secs(2),
        "200k items took {t200:?}, 50k took {t50:?}: not linear"
    );
}

#[test]
fn duplicates_are_found_and_reported_capped() {
    let mut items = distinct_items(1000);
    items.push(json!({ "label": "Again", "value": 999 }));
    items.push(json!({ "label": "Float", "value": 1.5 }));
    items.push(json!({ "label": "Float again", "value": 1.5 }));
    items.push(json!({ "label": "Text", "value": "999" }));
    let problems = check_schema(&select(items));
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let at = "/properties/blocks/properties/s/options/items";
    assert_eq!(
        found,
        [
            format!(
                "{at}/1000/value: item value 999 is already used by item 999; values must be unique in a block"
            ),
            format!(
                "{at}/1002/value: item value 1.5 is already used by item 1001; values must be unique in a block"
            ),
        ]
    );

    let same: Vec<Value> = (0..100_000)
        .map(|i| json!({ "label": format!("L{i}"), "value": "x" }))
        .collect();
    let problems = check_schema(&select(same));
    // 99,999 duplicates: the first MAX_REPORTED, then one problem counting the rest.
    assert_capped(&problems, 99_999 - MAX_REPORTED, Severity::Error);
    assert!(
        problems
            .iter()
            .take(MAX_REPORTED)
            .all(|p| p.message.contains("already used by item 0"))
    );
}

#[test]
fn a_modal_response_with_100k_bad_items_reports_capped_problems() {
    let schema = select(distinct_items(2));
    let bad: Vec<Value> = (0..100_000)
        .map(|i| json!({ "label": i, "value": "x", "color": "red" }))
        .collect();
    let response = json!({ "data": { "blocks": { "s": { "items": bad } } } });
    let problems = check_response(&schema, &response);
    assert_eq!(problems.len(), MAX_REPORTED + 1);
    assert!(problems.has_errors());
    assert!(
        problems
            .iter()
            .next()
            .is_some_and(|p| p.pointer.starts_with("/data/blocks/s/items/0/"))
    );
    // Per item: an unknown key, a label that is no string, a duplicate value (but item 0's).
    assert_eq!(problems.omitted(), 3 * 100_000 - 1 - MAX_REPORTED);
}

/// A list panel.
#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Order {
    #[panel(header)]
    title: String,
    note: String,
}

#[test]
fn a_50k_object_panel_response_is_refused_quickly_with_capped_problems() {
    let orders: Vec<Order> = (0..50_000)
        .map(|i| Order {
            title: format!("Order {i}"),
            note: "n".repeat(300),
        })
        .collect();
    // A typed response keeps the first 10 objects (a panel shows no more) and says how many it left out.
    let response = PanelResponse::objects(orders);
    assert_eq!(response.left_out(), 49_990);
    let checked = response.to_checked_json();
    assert_eq!(checked.problems.len(), 10, "{}", checked.problems);
    assert!(checked.problems.is_valid(), "only the notes' truncation");

    // A hand-written body of 50k objects: refused, with the first problems and a count of the rest.
    let body = json!({
        "data": (0..50_000)
            .map(|i| json!({ "title": format!("Order {i}"), "note": "n".repeat(300) }))
            .collect::<Vec<Value>>()
    });
    let start = Instant::now();
    let problems = Order::data_structure().check_response(&body);
    let by_schema = start.elapsed();
    let first = problems.iter().next().map(ToString::to_string);
    assert_eq!(
        first.as_deref(),
        Some("/data: 50000 objects: a panel shows at most 10")
    );
    assert_capped(&problems, 50_001 - MAX_REPORTED, Severity::Warning);
    assert!(problems.has_errors());
    println!("50k objects, schema check: {by_schema:?}");
    assert!(by_schema < Duration::from_secs(20));
}
