//! `App::with_installations`: the App serves the OAuth routes, lists them in the manifest, verifies tokens with
//! the client secret of the installations' configuration (given once), and gives extension handlers
//! `PipedriveApi`, which answers 401 in the extension's own error shape when the company has not installed the
//! app (a panel's error state, a modal's global error). An App without installations whose handlers extract
//! `PipedriveApi` is refused when its router is built, naming the route.

use pdx::App;
use pdx::api::PipedriveApi;
use pdx::auth::PipedriveUser;
use pdx::axum::response::Html;
use pdx::context::Selection;
use pdx::hub::{
    CustomUiExtension, CustomUiKind, LinkActionExtension, Location, ModalExtension, PanelExtension,
    PanelLocation,
};
use pdx::install::Installations;
use pdx::modal::{DataResponse, ModalReply};
use pdx::panel::{PanelError, PanelResponse};
use pdx::server::ModalCall;
use pdx::testing::fake::{CLIENT_SECRET, Entity};
use pdx::testing::{FakePipedrive, PipedriveRequest};
use pdx::{JsonModal, JsonPanel};
use serde::{Deserialize, Serialize};

#[derive(Serialize, JsonPanel)]
struct DealInfo {
    #[panel(header)]
    title: String,
}

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Note {
    #[allow(dead_code)]
    text: Option<String>,
}

async fn deal_info(
    api: PipedriveApi,
    selection: Selection,
) -> Result<PanelResponse<DealInfo>, PanelError> {
    let deal = api.deal(selection.single().unwrap_or(1)).await?;
    Ok(PanelResponse::object(DealInfo { title: deal.title }))
}

async fn note(_api: PipedriveApi, _call: ModalCall<Note>) -> ModalReply<Note> {
    DataResponse::new().into()
}

/// The panel and the modal, both extracting `PipedriveApi`.
fn with_extensions(app: App) -> App {
    app.json_panel(
        PanelExtension::new("Deal info", "/panel", PanelLocation::DealDetails)
            .jwt_secret("panel-secret"),
        deal_info,
    )
    .json_modal(
        ModalExtension::new("Note", "/modal", [Location::DealDetails]),
        note,
    )
}

/// The app, its installations configured for the fake (the in-memory token store).
async fn app(fake: &FakePipedrive) -> App {
    let installations = Installations::connect(fake.install_config())
        .await
        .expect("token store");
    with_extensions(App::with_installations(installations))
}

/// The fake, with deal 3 of company 42 and its user 7.
async fn fake() -> FakePipedrive {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.add_user(7, "Ann Admin");
    acme.add(
        Entity::Deal,
        serde_json::json!({"id": 3, "title": "Deal 3"}),
    );
    fake
}

fn signed(path: &str, secret: &str) -> PipedriveRequest {
    PipedriveRequest::get(path)
        .details("deal", 3)
        .user(7)
        .company(42)
        .signed(secret)
}

#[tokio::test]
async fn the_app_serves_the_oauth_routes_and_lists_them() {
    let fake = fake().await;
    let app = app(&fake).await;
    let manifest = app.manifest();
    let kinds: Vec<(&str, &str)> = manifest["extensions"]
        .as_array()
        .expect("extensions")
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap_or(""),
                e["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("json_panel", "/panel"),
            ("json_modal", "/modal"),
            ("oauth_install", "/oauth/install"),
            ("oauth_callback", "/oauth/callback")
        ]
    );
    let router = app.into_router().expect("a valid app");
    let start = PipedriveRequest::get("/oauth/install").send(&router).await;
    assert_eq!(start.status(), 303);
    assert!(
        start
            .header("location")
            .is_some_and(|l| l.starts_with(&format!("{}/oauth/authorize?", fake.oauth_url())))
    );
}

#[tokio::test]
async fn pipedrive_api_answers_401_in_each_surfaces_shape_until_installed() {
    let fake = fake().await;
    let router = app(&fake).await.into_router().expect("a valid app");
    let secret = CLIENT_SECRET;
    let panel = signed("/panel", "panel-secret").send(&router).await;
    assert!(
        panel.assert_error(401)["title"].is_string(),
        "the panel's error state"
    );
    let modal = signed("/modal", secret).send(&router).await;
    assert!(
        modal.assert_error(401)["message"].is_string(),
        "the modal's global error"
    );

    let installed = fake.install_marketplace(&router, 42, 7).await;
    assert_eq!(installed.callback.status(), 200);
    let panel = signed("/panel", "panel-secret").send(&router).await;
    assert_eq!(panel.assert_json(200)["data"]["title"], "Deal 3");
    assert_eq!(signed("/modal", secret).send(&router).await.status(), 200);
}

#[tokio::test]
async fn extension_tokens_are_verified_with_the_configured_client_secret() {
    let fake = fake().await;
    let router = app(&fake).await.into_router().expect("a valid app");
    let installed = fake.install(&router, 42, 7).await;
    assert_eq!(installed.callback.status(), 200);
    // The modal has no JWT secret of its own: the configuration's client secret verifies it.
    let modal = signed("/modal", CLIENT_SECRET).send(&router).await;
    assert_eq!(modal.status(), 200, "{}", modal.text());
    let forged = signed("/modal", "another-secret").send(&router).await;
    assert_eq!(forged.status(), 401);
}

async fn deal_page(_api: Option<PipedriveApi>, _user: PipedriveUser) -> Html<&'static str> {
    Html("<p>deal</p>")
}

async fn page_via_result(_api: Result<PipedriveApi, pdx::auth::Rejection>) -> Html<&'static str> {
    Html("<p>deal</p>")
}

async fn page_without_api(_user: PipedriveUser) -> Html<&'static str> {
    Html("<p>deal</p>")
}

#[test]
fn extracting_the_api_client_without_installations_is_refused_naming_the_route() {
    let app = with_extensions(App::new("client-secret"))
        .link_action(
            LinkActionExtension::new("Open deal", "/link", [Location::DealDetails]),
            deal_page,
        )
        .custom_ui(
            CustomUiExtension::new(
                "Deal page",
                "/ui",
                CustomUiKind::Panel(PanelLocation::PersonDetails),
            ),
            page_via_result,
        )
        .link_action(
            LinkActionExtension::new("Open plain", "/plain", [Location::DealsList]),
            page_without_api,
        );
    let problems = app.check();
    let errors: Vec<(String, String)> = problems
        .iter()
        .map(|p| (p.pointer.clone(), p.message.clone()))
        .collect();
    assert_eq!(errors.len(), 4, "{problems}");
    for (index, (path, extractor)) in [
        ("/panel", "`PipedriveApi`"),
        ("/modal", "`PipedriveApi`"),
        ("/link", "`Option<PipedriveApi>`"),
        ("/ui", "`Result<PipedriveApi, _>`"),
    ]
    .into_iter()
    .enumerate()
    {
        let (pointer, message) = &errors[index];
        assert_eq!(pointer, &format!("/extensions/{index}"));
        assert!(
            message.starts_with(&format!(
                "`{path}` extracts {extractor}, but the app has no installations"
            )),
            "{message}"
        );
        assert!(message.contains("App::with_installations("), "{message}");
    }
    let refused = app.into_router().expect_err("refused");
    assert!(
        refused
            .to_string()
            .contains("`/panel` extracts `PipedriveApi`"),
        "{refused}"
    );
}
