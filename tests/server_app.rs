//! The headline path, as a user writes it: a derived panel and a derived modal served through `App<S>` by
//! ordinary axum handlers (`State`, pdx's extractors, `ModalCall`); refused requests never reach them; a handler
//! panic answers its surface's error body with 500; the router composes with others (merge, nest, layers) and
//! stays verified; `ExtensionLayer` verifies routes of the user's own, and pdx's extractors on a route without
//! it answer 500 and log what to do.

use crate::log;

use pdx::App;
use pdx::auth::PipedriveUser;
use pdx::axum::Router;
use pdx::axum::extract::State;
use pdx::axum::response::Html;
use pdx::axum::routing::get;
use pdx::context::{RequestContext, Selection, Surface};
use pdx::hub::{LinkActionExtension, Location, ModalExtension, PanelExtension, PanelLocation};
use pdx::modal::{
    ChoiceValue, DataResponse, GlobalError, InputOptions, Item, ModalReply, SelectOptions,
    SuccessResponse,
};
use pdx::panel::{PanelError, PanelResponse};
use pdx::server::{ExtensionLayer, ModalCall};
use pdx::testing::{PipedriveRequest, TestResponse};
use pdx::{JsonModal, JsonPanel};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

const SECRET: &str = "client-secret-app-3c1";
const PANEL_SECRET: &str = "panel-secret-app-8d2";
/// A deal whose handlers panic.
const PANIC_DEAL: u64 = 666;

/// One note in the panel.
#[derive(Debug, Clone, Serialize, JsonPanel)]
#[panel(list, global_action = "Add note")]
struct NoteRow {
    id: u64,
    #[panel(header)]
    header: String,
    author: String,
}

/// The "Add note" modal.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel", label = "Cancel", handler = "cancel"),
    primary(key = "add", label = "Add note")
)]
struct AddNote {
    #[modal(label = "Text")]
    text: String,
    #[modal(select, dynamic, fetch_on_change, label = "Topic")]
    topic: u64,
    #[modal(label = "Summary")]
    summary: Option<String>,
}

/// The app's state: notes by deal, and how many times a handler ran.
#[derive(Debug, Clone, Default)]
struct Notes {
    by_deal: Arc<Mutex<Vec<(u64, NoteRow)>>>,
    calls: Arc<AtomicUsize>,
}

impl Notes {
    fn ran(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

async fn notes_panel(
    State(notes): State<Notes>,
    _user: PipedriveUser,
    selection: Selection,
) -> Result<PanelResponse<NoteRow>, PanelError> {
    notes.ran();
    let Some(deal) = selection.single() else {
        return Err(PanelError::new("No deal selected"));
    };
    assert_ne!(deal, PANIC_DEAL, "the panel handler exploded");
    let rows: Vec<NoteRow> = notes
        .by_deal
        .lock()
        .expect("not poisoned")
        .iter()
        .filter(|(d, _)| *d == deal)
        .map(|(_, row)| row.clone())
        .collect();
    Ok(if rows.is_empty() {
        PanelResponse::nothing()
    } else {
        PanelResponse::objects(rows)
    })
}

async fn add_note_modal(
    State(notes): State<Notes>,
    user: PipedriveUser,
    selection: Selection,
    call: ModalCall<AddNote>,
) -> Result<ModalReply<AddNote>, GlobalError> {
    notes.ran();
    let deal = selection
        .single()
        .ok_or_else(|| GlobalError::new("Open this from one deal."))?;
    if deal == PANIC_DEAL {
        panic!("the modal handler exploded");
    }
    Ok(match call {
        ModalCall::OpenUrl { .. } => ModalReply::redirect("https://notes.example.com/open"),
        ModalCall::Load => {
            let topics: Vec<Item<ChoiceValue>> =
                vec![Item::new(1, "Call"), Item::new(2, "Meeting")];
            DataResponse::new()
                .block("topic", SelectOptions::new().items(topics))
                .into()
        }
        ModalCall::Refetch { invoker, form } => {
            let topic = form.get("topic").cloned().unwrap_or_default();
            DataResponse::new()
                .block(
                    "summary",
                    InputOptions::new().value(format!("{invoker} changed to {topic}")),
                )
                .into()
        }
        ModalCall::Submit(note) => {
            let mut by_deal = notes.by_deal.lock().expect("not poisoned");
            let id = by_deal.len() as u64 + 1;
            let header = match &note.summary {
                Some(summary) => format!("{} ({summary}, topic {})", note.text, note.topic),
                None => format!("{} (topic {})", note.text, note.topic),
            };
            by_deal.push((
                deal,
                NoteRow {
                    id,
                    header,
                    author: format!("user {}", user.user_id()),
                },
            ));
            SuccessResponse::new("Note added")
                .refresh_panel_data(true)
                .into()
        }
    })
}

async fn exploding_link() -> Html<&'static str> {
    panic!("the link action exploded")
}

fn app() -> App<Notes> {
    App::new(SECRET)
        .json_panel(
            PanelExtension::new("Notes", "/panel", PanelLocation::DealDetails)
                .jwt_secret(PANEL_SECRET),
            notes_panel,
        )
        .json_modal(
            ModalExtension::new("Add note", "/modal", [Location::DealDetails]),
            add_note_modal,
        )
        .link_action(
            LinkActionExtension::new("Explode", "/link", [Location::DealsList]),
            exploding_link,
        )
}

fn router(notes: &Notes) -> Router {
    app()
        .into_router()
        .expect("the app passes its checks")
        .with_state(notes.clone())
}

fn panel(deal: u64) -> PipedriveRequest {
    PipedriveRequest::get("/panel")
        .details("deal", deal)
        .signed(PANEL_SECRET)
}

fn modal(deal: u64) -> PipedriveRequest {
    PipedriveRequest::get("/modal")
        .details("deal", deal)
        .signed(SECRET)
}

fn submit(deal: u64, body: serde_json::Value) -> PipedriveRequest {
    PipedriveRequest::post("/modal")
        .details("deal", deal)
        .signed(SECRET)
        .json(body)
}

#[tokio::test]
async fn derived_panel_and_modal_load_refetch_submit_with_state() {
    let notes = Notes::default();
    let router = router(&notes);
    assert_eq!(
        panel(1).send(&router).await.assert_json(200),
        json!({"data": []})
    );
    let load = modal(1).send(&router).await.assert_json(200);
    assert_eq!(
        load,
        json!({"data": {"blocks": {"topic": {"items": [
            {"value": 1, "label": "Call"}, {"value": 2, "label": "Meeting"}
        ]}}, "actions": {}}})
    );
    let refetch = modal(1)
        .refetch("topic", json!({"text": "Hi", "topic": 2}))
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(
        refetch["data"]["blocks"]["summary"]["value"],
        "topic changed to 2"
    );
    // A submit is parsed into the derived type (numbers sent as strings are read as numbers).
    let done = submit(
        1,
        json!({"text": "Call back", "topic": "1", "summary": "urgent"}),
    )
    .send(&router)
    .await
    .assert_json(200);
    assert_eq!(done["success"]["message"], "Note added");
    assert_eq!(done["success"]["refreshPanelData"], true, "{done}");
    // The panel reads the state the modal changed.
    assert_eq!(
        panel(1).send(&router).await.assert_json(200),
        json!({"data": [{"id": 1, "header": "Call back (urgent, topic 1)", "author": "user 1001"}]})
    );
    assert_eq!(
        panel(2).send(&router).await.assert_json(200),
        json!({"data": []})
    );
    // `Result<ModalReply<M>, GlobalError>`: the `Err` is the modal's global error, 400.
    let global = PipedriveRequest::get("/modal")
        .signed(SECRET)
        .send(&router)
        .await
        .assert_error(400);
    assert_eq!(global, json!({"message": "Open this from one deal."}));
    assert_eq!(notes.calls(), 7);
}

#[tokio::test]
async fn refused_requests_never_reach_the_derived_handlers() {
    let (log, _guard) = log::capture();
    let notes = Notes::default();
    let router = router(&notes);
    for request in [
        PipedriveRequest::get("/panel").details("deal", 1),
        PipedriveRequest::get("/panel")
            .details("deal", 1)
            .signed(SECRET),
        PipedriveRequest::get("/modal").details("deal", 1),
        PipedriveRequest::get("/modal")
            .details("deal", 1)
            .signed(PANEL_SECRET),
        PipedriveRequest::post("/modal")
            .details("deal", 1)
            .json(json!({"text": "x", "topic": 1})),
    ] {
        let response = request.send(&router).await;
        assert_eq!(
            response.assert_json(401)["error"]
                .as_object()
                .map(|e| e.is_empty()),
            Some(false)
        );
    }
    // A submit the derived type cannot read is answered with an error under the block at fault, and does not
    // reach the handler either.
    let unreadable = submit(1, json!({"text": "x", "topic": "one"}))
        .send(&router)
        .await
        .assert_json(200);
    assert!(
        unreadable["data"]["blocks"]["topic"]["error"]
            .as_str()
            .is_some_and(|m| m.contains("`one` is not a number")),
        "{unreadable}"
    );
    assert!(notes.by_deal.lock().expect("not poisoned").is_empty());
    // `ModalCall` rejects before the handler runs; the other refusals happen in the layer.
    assert_eq!(notes.calls(), 0);
    assert_eq!(
        log.text().matches("request refused").count(),
        5,
        "{}",
        log.text()
    );
    log.assert_no_secret(&[SECRET, PANEL_SECRET]);
}

#[tokio::test]
async fn a_panicking_handler_answers_its_surface_error_body_with_500() {
    let (log, _guard) = log::capture();
    let notes = Notes::default();
    let router = router(&notes);
    let message = "The app failed while answering. Please try again.";
    let panel_error = panel(PANIC_DEAL).send(&router).await.assert_error(500);
    assert_eq!(
        panel_error,
        json!({"title": "Something went wrong", "subtitle": message})
    );
    let modal_error = modal(PANIC_DEAL).send(&router).await.assert_error(500);
    assert_eq!(modal_error, json!({"message": message}));
    let page = PipedriveRequest::get("/link")
        .list("deal", &[1])
        .signed(SECRET)
        .send(&router)
        .await;
    let page = page.assert_html(500);
    assert!(page.contains(message), "{page}");
    let logged = log.text();
    for (extension, panic) in [
        ("Notes", "the panel handler exploded"),
        ("Add note", "the modal handler exploded"),
        ("Explode", "the link action exploded"),
    ] {
        assert!(
            logged.contains("handler panicked")
                && logged.contains(&format!("extension={extension}"))
                && logged.contains(panic),
            "{extension}: {logged}"
        );
    }
    // The router keeps serving after a panic.
    panel(1).send(&router).await.assert_json(200);
}

/// Adds `x-outer: yes` to every response (a user's own middleware around pdx's router).
async fn mark(mut response: pdx::axum::response::Response) -> pdx::axum::response::Response {
    response
        .headers_mut()
        .insert("x-outer", pdx::axum::http::HeaderValue::from_static("yes"));
    response
}

#[tokio::test]
async fn the_router_merges_nests_and_layers_and_stays_verified() {
    let notes = Notes::default();
    let pdx_router = app().into_router().expect("valid app");
    let big: Router = Router::new()
        .route("/health", get(|| async { "ok" }))
        .nest("/pipedrive", pdx_router.clone())
        .merge(pdx_router)
        .layer(pdx::axum::middleware::map_response(mark))
        .with_state(notes.clone());
    let health = PipedriveRequest::get("/health").send(&big).await;
    assert_eq!((health.status(), health.text()), (200, "ok".to_owned()));
    for path in ["/pipedrive/panel", "/panel"] {
        let unsigned = PipedriveRequest::get(path)
            .details("deal", 1)
            .send(&big)
            .await;
        unsigned.assert_error(401);
        assert_eq!(unsigned.header("x-outer"), Some("yes"));
        let signed = PipedriveRequest::get(path)
            .details("deal", 1)
            .signed(PANEL_SECRET)
            .send(&big)
            .await;
        assert_eq!(signed.assert_json(200), json!({"data": []}), "{path}");
        assert_eq!(signed.header("x-outer"), Some("yes"));
    }
    assert_eq!(
        notes.calls(),
        2,
        "only the two signed requests reached the handler"
    );
}

async fn own_page(user: PipedriveUser, context: RequestContext, selection: Selection) -> String {
    format!(
        "user {} of {} id {:?} ids {:?}",
        user.user_id(),
        user.company_id(),
        context.id,
        selection.ids()
    )
}

#[tokio::test]
async fn extension_layer_verifies_routes_of_your_own() {
    let (log, _guard) = log::capture();
    let app = app();
    let own: Router = Router::new()
        .route("/own/iframe", get(own_page))
        .route_layer(app.extension_layer(Surface::CustomUi))
        .merge(
            Router::new()
                .route("/own/page", get(own_page))
                .route_layer(ExtensionLayer::new(Surface::LinkAction, "own-secret-99")),
        );
    let router = app
        .into_router()
        .expect("valid app")
        .with_state(Notes::default())
        .merge(own);
    // `App::extension_layer` verifies with the app's client secret.
    let iframe = PipedriveRequest::get("/own/iframe")
        .param("id", "sdk-1")
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(
        (iframe.status(), iframe.text()),
        (
            200,
            r#"user 1001 of 2002 id Some("sdk-1") ids None"#.to_owned()
        )
    );
    let page = PipedriveRequest::get("/own/page")
        .list("deal", &[4, 5])
        .signed("own-secret-99")
        .send(&router)
        .await;
    assert_eq!(page.text(), "user 1001 of 2002 id None ids Some([4, 5])");
    for (request, status) in [
        (
            PipedriveRequest::get("/own/iframe").param("id", "sdk-1"),
            401,
        ),
        (
            PipedriveRequest::get("/own/iframe")
                .param("id", "sdk-1")
                .signed("own-secret-99"),
            401,
        ),
        (PipedriveRequest::get("/own/iframe").signed(SECRET), 400),
        (PipedriveRequest::get("/own/page").signed(SECRET), 401),
        (
            PipedriveRequest::get("/own/page")
                .param("selectedIds", "z")
                .signed("own-secret-99"),
            400,
        ),
    ] {
        request.send(&router).await.assert_html(status);
    }
    let logged = log.text();
    assert_eq!(logged.matches("request refused").count(), 5, "{logged}");
    assert!(logged.contains("extension=(own route)"), "{logged}");
    log.assert_no_secret(&[SECRET, "own-secret-99"]);
}

async fn user_only(user: PipedriveUser) -> String {
    user.user_id().to_owned()
}

async fn maybe_user(user: Option<PipedriveUser>) -> String {
    format!("{:?}", user.map(|u| u.user_id().to_owned()))
}

async fn context_only(context: RequestContext) -> String {
    format!("{:?}", context.id)
}

async fn selection_only(selection: Selection) -> String {
    format!("{selection:?}")
}

async fn modal_call_only(_call: ModalCall<AddNote>) -> &'static str {
    "reached"
}

#[tokio::test]
async fn pdx_extractors_without_the_layer_answer_500_and_log_what_to_do() {
    let (log, _guard) = log::capture();
    let router: Router = Router::new()
        .route("/user", get(user_only))
        .route("/maybe-user", get(maybe_user))
        .route("/context", get(context_only))
        .route("/selection", get(selection_only))
        .route("/modal-call", get(modal_call_only));
    for (path, extractor) in [
        ("/user", "`PipedriveUser`"),
        ("/maybe-user", "`Option<PipedriveUser>`"),
        ("/context", "`RequestContext`"),
        ("/selection", "`Selection`"),
        ("/modal-call", "`ModalCall`"),
    ] {
        // Even a correctly signed request: nothing verified it on this route.
        let response: TestResponse = PipedriveRequest::get(path)
            .list("deal", &[1])
            .signed(SECRET)
            .send(&router)
            .await;
        let error = response.assert_error(500);
        assert_eq!(
            error,
            json!({"message": "This endpoint is not set up to verify Pipedrive's requests."}),
            "{path}"
        );
        let logged = log.take();
        assert!(
            logged.contains("ERROR")
                && logged.contains(extractor)
                && logged.contains("ExtensionLayer")
                && logged.contains("extension_layer"),
            "{path}: the log should say what to do:\n{logged}"
        );
    }
}

#[tokio::test]
async fn option_pipedrive_user_is_some_on_a_verified_link_action() {
    let router: Router = App::new(SECRET)
        .link_action(
            LinkActionExtension::new("Open", "/link", [Location::DealsList]),
            maybe_user,
        )
        .link_action(
            LinkActionExtension::new("Open unsigned", "/open", [Location::DealsList])
                .insecure_skip_token_verification(),
            maybe_user,
        )
        .into_router()
        .expect("valid app");
    let verified = PipedriveRequest::get("/link")
        .list("deal", &[1])
        .signed(SECRET)
        .send(&router)
        .await;
    assert_eq!(verified.text(), r#"Some("1001")"#);
    let unverified = PipedriveRequest::get("/open")
        .list("deal", &[1])
        .send(&router)
        .await;
    assert_eq!(
        (unverified.status(), unverified.text()),
        (200, "None".to_owned())
    );
}

async fn reinstall() -> ModalReply<AddNote> {
    ModalReply::unauthorized("Reconnect the app to continue.")
}

#[tokio::test]
async fn a_modal_handler_can_answer_401_for_the_reinstall_screen() {
    let router: Router = App::new(SECRET)
        .json_modal(
            ModalExtension::new("Add note", "/modal", [Location::DealDetails]),
            reinstall,
        )
        .into_router()
        .expect("valid app");
    let error = modal(1).send(&router).await.assert_error(401);
    assert_eq!(error, json!({"message": "Reconnect the app to continue."}));
}
