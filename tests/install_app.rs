//! `App::installations`: the App serves the OAuth routes, lists them in the manifest, and gives extension
//! handlers `PipedriveApi`, which answers 401 in the extension's own error shape when the company has not
//! installed the app (a panel's error state, a modal's global error).

#[allow(dead_code)]
#[path = "common/fake_pipedrive.rs"]
mod fake_pipedrive;

use fake_pipedrive::{COMPANY_ID, FakePipedrive, GOOD_CODE, USER_ID};
use pdx::App;
use pdx::api::PipedriveApi;
use pdx::context::Selection;
use pdx::hub::{Location, ModalExtension, PanelExtension, PanelLocation};
use pdx::install::Installations;
use pdx::modal::{DataResponse, ModalReply};
use pdx::panel::{PanelError, PanelResponse};
use pdx::server::ModalCall;
use pdx::testing::PipedriveRequest;
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

async fn app(fake: &FakePipedrive) -> App {
    let (url, _file) = fake_pipedrive::temp_sqlite_url("install-app");
    let config = fake_pipedrive::config(fake, &url);
    let installations = Installations::connect(config).await.expect("token store");
    App::new(fake_pipedrive::CLIENT_SECRET)
        .installations(installations)
        .json_panel(
            PanelExtension::new("Deal info", "/panel", PanelLocation::DealDetails)
                .jwt_secret("panel-secret"),
            deal_info,
        )
        .json_modal(
            ModalExtension::new("Note", "/modal", [Location::DealDetails]),
            note,
        )
}

fn signed(path: &str, secret: &str) -> PipedriveRequest {
    PipedriveRequest::get(path)
        .details("deal", 3)
        .user(USER_ID)
        .company(COMPANY_ID)
        .signed(secret)
}

#[tokio::test]
async fn the_app_serves_the_oauth_routes_and_lists_them() {
    let fake = FakePipedrive::start().await;
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
            .is_some_and(|l| l.starts_with(&format!("{}/oauth/authorize?", fake.url)))
    );
}

#[tokio::test]
async fn pipedrive_api_answers_401_in_each_surfaces_shape_until_installed() {
    let fake = FakePipedrive::start().await;
    let router = app(&fake).await.into_router().expect("a valid app");
    let secret = fake_pipedrive::CLIENT_SECRET;
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

    let installed = PipedriveRequest::get("/oauth/callback")
        .param("code", GOOD_CODE)
        .send(&router)
        .await;
    assert_eq!(installed.status(), 200, "{}", installed.text());
    let panel = signed("/panel", "panel-secret").send(&router).await;
    assert_eq!(panel.assert_json(200)["data"]["title"], "Deal 3");
    assert_eq!(signed("/modal", secret).send(&router).await.status(), 200);
}
