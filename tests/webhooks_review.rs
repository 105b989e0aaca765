//! `pdx review` (`pdx::hub::review_export`) on the declared webhooks of an export: the demo's export lists its
//! `change.deal` webhook and passes; an export whose webhooks lack their scopes, whose receiver is not https,
//! or that declares more than 40 is refused.

use pdx::hub::review_export;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const DEMO_EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-export");

/// A copy of the demo's export, edited by `edit`, reviewed; the problems as lines.
fn review_edited(name: &str, edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let dir: PathBuf =
        std::env::temp_dir().join(format!("pdx-webhooks-review-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for entry in std::fs::read_dir(DEMO_EXPORT).expect("demo export") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, dir.join(name)).expect("copied");
    }
    let manifest_path = dir.join("manifest.json");
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).expect("read"))
            .expect("JSON");
    edit(&mut manifest);
    std::fs::write(&manifest_path, manifest.to_string()).expect("written");
    let lines = review_export(Path::new(&dir))
        .expect("readable")
        .iter()
        .map(ToString::to_string)
        .collect();
    std::fs::remove_dir_all(&dir).expect("cleaned");
    lines
}

#[test]
fn the_demos_export_lists_its_webhook_and_passes() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{DEMO_EXPORT}/manifest.json")).expect("read"),
    )
    .expect("JSON");
    let webhooks: Vec<&Value> = manifest["extensions"]
        .as_array()
        .expect("extensions")
        .iter()
        .filter(|e| e["kind"] == "webhook")
        .collect();
    assert_eq!(
        webhooks,
        [&json!({"kind": "webhook", "path": "/pipedrive/webhooks",
            "url": "https://invoices.example.com/pipedrive/webhooks", "event": "change.deal",
            "event_action": "change", "event_object": "deal"})]
    );
    assert!(review_edited("clean", |_| {}).is_empty());
}

#[test]
fn a_webhook_without_its_scopes_is_refused() {
    let lines = review_edited("scopes", |m| {
        m["registration"]["oauth_and_access_scopes"]["scopes"] = json!([
            {"scope": "contacts:read", "reason": "the contacts"}
        ]);
    });
    let all = lines.join("\n");
    assert!(
        all.contains("webhook `change.deal` needs the `webhooks:full`"),
        "{all}"
    );
    assert!(
        all.contains("`change.deal` events reach the app only with the `deals:read` scope"),
        "{all}"
    );
}

#[test]
fn more_than_40_webhooks_or_a_plain_http_receiver_are_refused() {
    let lines = review_edited("many", |m| {
        let list = m["extensions"].as_array_mut().expect("extensions");
        for i in 0..40 {
            list.push(json!({"kind": "webhook", "path": "/pipedrive/webhooks",
                "event_action": "create", "event_object": format!("object_{i}")}));
        }
    });
    assert!(
        lines.join("\n").contains("41 webhooks are declared"),
        "{lines:#?}"
    );
    let lines = review_edited("http", |m| {
        m["public_url"] = json!("http://invoices.example.com");
    });
    let all = lines.join("\n");
    assert!(
        all.contains("the webhook receiver's URL `http://invoices.example.com/pipedrive/webhooks` is not https"),
        "{all}"
    );
}
