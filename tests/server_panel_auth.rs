//! What the docs of panel secrets say is what the check and the server do: a JSON panel needs HTTP Basic
//! credentials or its own JWT secret (`App::check` refuses one with neither); a panel with its own secret verifies
//! tokens with it alone; a panel with only Basic credentials verifies a token it is sent with the client secret.
//! The sentence the docs repeat is the check's own message, so changing one without the other fails here (and in
//! `cli/src/sign.rs` for `pdx sign --secret`'s help).

use pdx::App;
use pdx::JsonPanel;
use pdx::credentials::BasicCredentials;
use pdx::hub::{PanelExtension, PanelLocation};
use pdx::panel::{PanelError, PanelResponse};
use pdx::testing::PipedriveRequest;
use serde::Serialize;

const CLIENT_SECRET: &str = "client-secret-8a1b";
const PANEL_SECRET: &str = "panel-secret-2c3d";

#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Row {
    id: u64,
    #[panel(header)]
    header: String,
}

async fn rows() -> Result<PanelResponse<Row>, PanelError> {
    Ok(PanelResponse::nothing())
}

fn app(panel: PanelExtension) -> App {
    App::new(CLIENT_SECRET).json_panel(panel, rows)
}

fn panel() -> PanelExtension {
    PanelExtension::new("Rows", "/panel", PanelLocation::DealDetails)
}

/// The check's message for a panel with neither credential.
fn rule() -> String {
    let problems = app(panel()).check();
    let problem = problems
        .iter()
        .find(|p| p.pointer == "/extensions/0/auth")
        .unwrap_or_else(|| panic!("a panel with neither secret nor Basic is refused:\n{problems}"));
    assert!(problems.has_errors(), "{problems}");
    problem.message.clone()
}

/// A doc comment's text, one line, `///` and `//!` markers and line breaks gone.
fn doc_text(source: &str) -> String {
    source
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            l.strip_prefix("///")
                .or_else(|| l.strip_prefix("//!"))
                .or_else(|| {
                    l.strip_prefix('"')
                        .map(|rest| rest.trim_end_matches([',', '"', '\\']))
                })
        })
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn the_docs_state_the_rule_the_check_enforces() {
    let rule = rule();
    assert_eq!(
        rule,
        "a JSON panel needs HTTP Basic credentials or its own JWT secret (Developer Hub requires one)"
    );
    assert!(app(panel()).into_router().is_err(), "no router either");
    for (file, source) in [
        (
            "runtime/src/hub/extension.rs",
            include_str!("../runtime/src/hub/extension.rs"),
        ),
        (
            "runtime/src/server/app.rs",
            include_str!("../runtime/src/server/app.rs"),
        ),
    ] {
        let text = doc_text(source);
        assert!(
            text.contains(&rule.to_lowercase()),
            "{file} does not state the check's rule `{rule}`"
        );
    }
}

#[tokio::test]
async fn a_panel_with_its_own_secret_verifies_with_it_alone() {
    let router = app(panel().jwt_secret(PANEL_SECRET))
        .into_router()
        .expect("a panel with its own secret passes the check");
    let get = || PipedriveRequest::get("/panel").details("deal", 1);
    assert_eq!(get().signed(PANEL_SECRET).send(&router).await.status(), 200);
    assert_eq!(
        get().signed(CLIENT_SECRET).send(&router).await.status(),
        401
    );
}

#[tokio::test]
async fn a_panel_with_only_basic_verifies_tokens_with_the_client_secret() {
    let basic = BasicCredentials::new("pd", "basic-password-4e5f");
    let router = app(panel().basic(basic))
        .into_router()
        .expect("a panel with Basic credentials passes the check");
    let get = || PipedriveRequest::get("/panel").details("deal", 1);
    assert_eq!(
        get()
            .basic("pd", "basic-password-4e5f")
            .send(&router)
            .await
            .status(),
        200
    );
    assert_eq!(
        get().signed(CLIENT_SECRET).send(&router).await.status(),
        200
    );
    assert_eq!(get().signed(PANEL_SECRET).send(&router).await.status(), 401);
    assert_eq!(get().send(&router).await.status(), 401);
}
