//! A modal submit that does not parse is answered where the user can fix it: an error under each block at fault
//! (a required block not sent, sent `null` or empty; a value its field refuses), with the status of block errors;
//! a global error (400) when the body as a whole is wrong or the block is one the user may not see. The handler
//! never runs for either.

use pdx::App;
use pdx::axum::Router;
use pdx::hub::{Location, ModalExtension};
use pdx::modal::{ModalReply, REQUIRED_BLOCK_MESSAGE, SuccessResponse};
use pdx::server::ModalCall;
use pdx::testing::PipedriveRequest;
use pdx::{JsonModal, ModalChoice};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

const SECRET: &str = "client-secret-5b6c";

#[derive(Debug, Clone, Copy, PartialEq, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Mode {
    Existing,
    New,
}

#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(key = "save", label = "Save"))]
#[allow(dead_code)]
struct Campaign {
    #[modal(label = "Title")]
    title: String,
    quantity: u32,
    #[modal(label = "Project", required)]
    project: Option<String>,
    #[modal(radio)]
    mode: Mode,
    #[modal(visible_on(mode, equals = "new"))]
    name: String,
    #[modal(hidden)]
    meta: Option<u32>,
}

fn router(calls: Arc<AtomicUsize>) -> Router {
    let submit = move |call: ModalCall<Campaign>| {
        let calls = calls.clone();
        async move {
            calls.fetch_add(1, Ordering::SeqCst);
            let reply: ModalReply<Campaign> = match call {
                ModalCall::Submit(_) => SuccessResponse::new("Saved").into(),
                _ => pdx::modal::DataResponse::new().into(),
            };
            reply
        }
    };
    App::new(SECRET)
        .json_modal(
            ModalExtension::new("Campaign", "/modal", [Location::DealDetails]),
            submit,
        )
        .into_router()
        .expect("a valid app")
}

fn valid() -> Value {
    json!({"title": "Spring", "quantity": 2, "project": "p1", "mode": "new", "name": "Launch", "meta": 7})
}

fn with(key: &str, value: Option<Value>) -> Value {
    let mut body = valid();
    match value {
        Some(v) => body[key] = v,
        None => {
            if let Some(fields) = body.as_object_mut() {
                fields.remove(key);
            }
        }
    }
    body
}

async fn submit(router: &Router, body: Value) -> (u16, Value) {
    let response = PipedriveRequest::post("/modal")
        .details("deal", 7)
        .json(body)
        .signed(SECRET)
        .send(router)
        .await;
    (response.status(), response.json())
}

#[tokio::test]
async fn a_required_block_missing_or_empty_answers_an_error_on_that_block() {
    let calls = Arc::new(AtomicUsize::new(0));
    let router = router(calls.clone());
    let required = json!({"error": REQUIRED_BLOCK_MESSAGE});
    for (what, body, block) in [
        ("a required block not sent", with("title", None), "title"),
        ("sent `null`", with("title", Some(json!(null))), "title"),
        ("sent `\"\"`", with("title", Some(json!(""))), "title"),
        (
            "a number block sent `\"\"`",
            with("quantity", Some(json!(""))),
            "quantity",
        ),
        (
            "an `Option` block marked required, sent empty",
            with("project", Some(json!(""))),
            "project",
        ),
        ("a radio not sent", with("mode", None), "mode"),
    ] {
        let (status, answer) = submit(&router, body).await;
        assert_eq!(status, 200, "{what}: {answer}");
        assert_eq!(
            answer,
            json!({"data": {"blocks": {block: required}, "actions": {}}}),
            "{what}"
        );
    }
    let (status, answer) = submit(&router, with("title", None)).await;
    assert_eq!(status, 200);
    insta::assert_json_snapshot!("submit_missing_required_block", answer);
    assert_eq!(calls.load(Ordering::SeqCst), 0, "no handler call");
    // The valid body, and an `Option` block marked required but left out (a response may hide any block),
    // reach the handler.
    for body in [valid(), with("project", None)] {
        let (status, answer) = submit(&router, body).await;
        assert_eq!(
            (status, &answer["success"]["message"]),
            (200, &json!("Saved"))
        );
    }
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_value_of_the_wrong_type_answers_an_error_on_its_block() {
    let calls = Arc::new(AtomicUsize::new(0));
    let router = router(calls.clone());
    for (what, key, value, needle) in [
        (
            "text for a number",
            "quantity",
            json!("lots"),
            "`lots` is not a number",
        ),
        ("a negative count", "quantity", json!(-1), "invalid value"),
        (
            "an unknown item",
            "mode",
            json!("old"),
            "unknown variant `old`",
        ),
        (
            "a list for a text",
            "title",
            json!(["a", "b"]),
            "expected text",
        ),
        // A block shown by a rule is visible when it was sent: its error shows.
        (
            "a rule-shown block's wrong value",
            "name",
            json!({"x": 1}),
            "expected text",
        ),
    ] {
        let (status, answer) = submit(&router, with(key, Some(value))).await;
        assert_eq!(status, 200, "{what}: {answer}");
        let blocks = answer["data"]["blocks"]
            .as_object()
            .unwrap_or_else(|| panic!("{what}: block errors, got {answer}"));
        assert_eq!(blocks.len(), 1, "{what}: {answer}");
        let error = blocks[key]["error"].as_str().expect("an error text");
        assert!(
            error.starts_with("This value could not be read: ") && error.contains(needle),
            "{what}: {error}"
        );
    }
    // Several blocks at fault: each gets its error.
    let mut body = with("title", Some(json!("")));
    body["quantity"] = json!("many");
    let (status, answer) = submit(&router, body).await;
    assert_eq!(status, 200);
    let blocks = answer["data"]["blocks"].as_object().expect("block errors");
    assert_eq!(
        blocks.keys().collect::<Vec<_>>(),
        ["title", "quantity"],
        "{answer}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn what_no_block_can_show_stays_a_global_error() {
    let calls = Arc::new(AtomicUsize::new(0));
    let router = router(calls.clone());
    for (what, body, needle) in [
        ("an array body", json!(["title"]), "not an array"),
        ("a string body", json!("title=x"), "not a string"),
        (
            "a required block shown by a rule, not sent (it may be hidden)",
            with("name", None),
            "block `name`: required block was not sent",
        ),
        (
            "a hidden block's wrong value",
            with("meta", Some(json!("seven"))),
            "block `meta`",
        ),
    ] {
        let (status, answer) = submit(&router, body).await;
        assert_eq!(status, 400, "{what}: {answer}");
        let message = answer["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: a global error, got {answer}"));
        assert!(message.contains(needle), "{what}: {message}");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}
