//! The demo's webhook: Pipedrive tells it when a deal changes (`change.deal`), and the panel shows what the
//! latest change said, with no API call for it.

use super::{Demo, lock};
use pdx::axum::extract::State;
use pdx::webhooks::{DealEvent, EventAction, EventObject, WebhookEvent, Webhooks};
use serde_json::Value;

/// Where Pipedrive delivers the demo's events.
pub(crate) const WEBHOOKS_PATH: &str = "/pipedrive/webhooks";

/// The receiver and the one webhook the demo declares.
pub(crate) fn webhooks() -> Webhooks<Demo> {
    Webhooks::at(WEBHOOKS_PATH).on(EventAction::Change, EventObject::Deal, on_deal_change)
}

/// Keeps what the event said for the deal's panel.
async fn on_deal_change(State(demo): State<Demo>, event: WebhookEvent<DealEvent>) {
    let Ok(deal_id) = event.meta.entity_id.parse::<u64>() else {
        return;
    };
    let said = describe(&event);
    lock(&demo.store).deal_changes.insert(deal_id, said);
}

/// A value of `previous` or `data` as the panel shows it.
fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "none".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// "Stage changed 2 → 3 by user 123 at 2026-05-04 09:15:02 UTC", or the fields that changed.
pub(crate) fn describe(event: &WebhookEvent<DealEvent>) -> String {
    let by = format!("by user {} at {}", event.meta.user_id, event.meta.timestamp);
    if event.changed("stage_id") {
        let new = event.data.as_ref().and_then(|d| d.stage_id);
        let old = shown(event.previous_value("stage_id"));
        let new = new.map_or_else(|| "none".to_owned(), |s| s.to_string());
        return format!("Stage changed {old} → {new} {by}");
    }
    let fields: Vec<&str> = event
        .previous
        .as_ref()
        .and_then(Value::as_object)
        .map(|p| {
            p.keys()
                .map(String::as_str)
                .filter(|k| !k.ends_with("_time"))
                .collect()
        })
        .unwrap_or_default();
    if fields.is_empty() {
        format!("Changed {by}")
    } else {
        format!("Changed {} {by}", fields.join(", "))
    }
}
