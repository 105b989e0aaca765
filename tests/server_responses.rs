//! Outgoing responses are checked against the uploaded file: by default a failing response becomes a 500 with
//! the surface's error body; `ResponseChecks::Warn` sends it anyway. Plus the modal deadline and error statuses.

use axum::Router;
use pdx::app::{
    App, Location, ModalCall, ModalExtension, PanelExtension, PanelLocation, ResponseChecks,
};
use pdx::modal::{DataResponse, GlobalError, InputOptions, JsonModal, ModalResponse, ModalSchema};
use pdx::panel::{DataStructure, JsonPanel, PanelError, PanelResponse};
use pdx::testing::PipedriveRequest;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::OnceLock;
use std::time::Duration;

const SECRET: &str = "secret";

/// A panel object whose `extra` key is not in its data structure when set.
#[derive(Serialize)]
struct Row {
    id: u64,
    header: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra: Option<String>,
}

impl JsonPanel for Row {
    fn data_structure() -> &'static DataStructure {
        static S: OnceLock<DataStructure> = OnceLock::new();
        S.get_or_init(|| {
            DataStructure::from_value(json!({"type": "array", "items": {"type": "object", "required": ["id", "header"], "properties": {
                "id": {"$ref": "#/definitions/numerical"},
                "header": {"$ref": "#/definitions/header"}
            }}}))
            .expect("valid structure")
        })
    }
}

#[derive(Debug, Deserialize)]
struct Form {
    #[allow(dead_code)]
    name: Option<String>,
}

impl JsonModal for Form {
    fn schema() -> &'static ModalSchema {
        static S: OnceLock<ModalSchema> = OnceLock::new();
        S.get_or_init(|| {
            ModalSchema::from_value(json!({"type": "object", "properties": {
                "blocks": {"type": "object", "properties": {
                    "name": {"$ref": "#/definitions/element-input", "options": {"label": "Name"}}
                }},
                "actions": {"type": "object", "properties": {
                    "save": {"$ref": "#/definitions/action-primary", "options": {"label": "Save", "handler": "request"}}
                }}
            }}))
            .expect("valid schema")
        })
    }
}

fn app(checks: Option<ResponseChecks>, deadline: Option<Duration>) -> Router {
    let mut app = App::new(SECRET)
        .json_panel::<Row, _, _>(
            PanelExtension::new("Rows", "/panel", PanelLocation::DealDetails).jwt_secret(SECRET),
            |req| async move {
                match req.entity_id() {
                    Some(1) => Ok(PanelResponse::objects(vec![Row {
                        id: 1,
                        header: "Fine".into(),
                        extra: None,
                    }])),
                    Some(2) => Ok(PanelResponse::objects(vec![Row {
                        id: 2,
                        header: "Bad".into(),
                        extra: Some("x".into()),
                    }])),
                    Some(3) => Err(PanelError::new("Subscription expired").subtitle("Renew it.")),
                    Some(4) => Err(PanelError::new("")),
                    Some(5) => Err(PanelError::new(
                        "This title is much longer than thirty characters",
                    )),
                    _ => Ok(PanelResponse::nothing()),
                }
            },
        )
        .json_modal::<Form, _, _>(
            ModalExtension::new("Edit", "/modal", [Location::DealDetails]),
            |req| async move {
                match (req.context.selection().single(), req.call) {
                    (_, ModalCall::Submit(_)) => {
                        GlobalError::new("The service is down. Try again in a minute.").into()
                    }
                    (Some(1), _) => DataResponse::new()
                        .block("name", InputOptions::new().value("Ada"))
                        .into(),
                    (Some(2), _) => DataResponse::new()
                        .block("nope", InputOptions::new().value("x"))
                        .into(),
                    (Some(3), _) => {
                        std::future::pending::<()>().await;
                        ModalResponse::Data(DataResponse::new())
                    }
                    _ => DataResponse::new().into(),
                }
            },
        );
    if let Some(c) = checks {
        app = app.response_checks(c);
    }
    if let Some(d) = deadline {
        app = app.deadline(d);
    }
    app.into_router().expect("valid app")
}

fn panel(deal: u64) -> PipedriveRequest {
    PipedriveRequest::get("/panel")
        .details("deal", deal)
        .signed(SECRET)
}

fn modal(deal: u64) -> PipedriveRequest {
    PipedriveRequest::get("/modal")
        .details("deal", deal)
        .signed(SECRET)
}

#[tokio::test]
async fn failing_panel_responses_become_500_by_default() {
    let router = app(None, None);
    let ok = panel(1).send(&router).await.assert_json(200);
    assert_eq!(ok, json!({"data": [{"id": 1, "header": "Fine"}]}));
    let bad = panel(2).send(&router).await.assert_error(500);
    assert_eq!(bad["title"], "Something went wrong");
    let error_state = panel(3)
        .send(&router)
        .await
        .assert_json(pdx::app::PANEL_ERROR_STATUS.as_u16());
    insta::assert_json_snapshot!("panel_error_state", error_state);
    // An empty title is an error; a title over 30 characters only gets cut by Pipedrive: a logged warning.
    panel(4).send(&router).await.assert_error(500);
    let long = panel(5).send(&router).await.assert_error(400);
    assert_eq!(
        long["title"],
        "This title is much longer than thirty characters"
    );
}

#[tokio::test]
async fn warn_mode_sends_failing_responses() {
    let router = app(Some(ResponseChecks::Warn), None);
    let bad = panel(2).send(&router).await.assert_json(200);
    assert_eq!(bad["data"][0]["extra"], "x");
    let empty = panel(4).send(&router).await.assert_error(400);
    assert_eq!(empty["title"], "");
    let modal_bad = modal(2).send(&router).await.assert_json(200);
    assert_eq!(modal_bad["data"]["blocks"]["nope"]["value"], "x");
}

#[tokio::test]
async fn failing_modal_responses_become_500_by_default() {
    let router = app(None, None);
    let ok = modal(1).send(&router).await.assert_json(200);
    assert_eq!(
        ok,
        json!({"data": {"blocks": {"name": {"value": "Ada"}}, "actions": {}}})
    );
    let bad = modal(2).send(&router).await.assert_error(500);
    assert!(bad["message"].is_string(), "{bad}");
    let global = PipedriveRequest::post("/modal")
        .details("deal", 1)
        .signed(SECRET)
        .json(json!({}))
        .send(&router)
        .await;
    insta::assert_json_snapshot!("modal_global_error", global.assert_json(400));
}

#[tokio::test]
async fn modal_deadline_is_a_global_error() {
    let router = app(None, Some(Duration::from_millis(1)));
    let error = modal(3).send(&router).await.assert_error(400);
    assert_eq!(
        error,
        json!({"message": "The app took too long to answer. Please try again."})
    );
}
