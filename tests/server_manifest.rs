//! The Developer Hub rules `App::check` enforces: for each rule one app that passes and one that fails with the
//! rule's pointer; every problem reported at once; `into_router`/`export` refuse an app with errors.

use pdx::App;
use pdx::credentials::BasicCredentials;
use pdx::hub::{
    ActionTarget, CustomUiExtension, CustomUiKind, ExportError, LinkActionExtension, Location,
    ModalExtension, PanelExtension, PanelLocation,
};
use pdx::modal::{DataResponse, ModalReply};
use pdx::panel::{Address, PanelError, PanelResponse};
use pdx::problem::Problems;
use pdx::{JsonModal, JsonPanel};
use serde::{Deserialize, Serialize};

#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Row {
    id: u64,
    #[panel(header)]
    header: String,
    amount: u64,
    note: String,
    owner: String,
    place: Address,
}

#[derive(Serialize, JsonPanel)]
struct Single {
    id: u64,
}

#[derive(Deserialize, JsonModal)]
#[modal(primary(key = "save", label = "Save"))]
struct Form {
    #[modal(label = "Note")]
    #[allow(dead_code)]
    note: Option<String>,
}

async fn rows() -> Result<PanelResponse<Row>, PanelError> {
    Ok(PanelResponse::nothing())
}
async fn single() -> Result<PanelResponse<Single>, PanelError> {
    Ok(PanelResponse::nothing())
}
async fn modal() -> ModalReply<Form> {
    DataResponse::new().into()
}
async fn link() -> &'static str {
    "ok"
}
async fn ui() -> &'static str {
    "ui"
}

fn base() -> App {
    App::new("secret")
}

fn panel(name: &str, path: &str) -> PanelExtension {
    PanelExtension::new(name, path, PanelLocation::DealDetails).jwt_secret("panel")
}

fn link_ext(name: &str, path: &str, locations: &[Location]) -> LinkActionExtension {
    LinkActionExtension::new(name, path, locations.iter().copied())
}

#[track_caller]
fn assert_ok(problems: &Problems) {
    assert!(
        problems.is_empty(),
        "expected no problems, got:\n{problems}"
    );
}

#[track_caller]
fn assert_error_at(problems: &Problems, pointer: &str) {
    assert!(
        problems.errors().any(|p| p.pointer == pointer),
        "expected an error at {pointer}, got:\n{problems}"
    );
}

#[test]
fn names_are_required_and_at_most_30_characters() {
    let ok = base().link_action(
        link_ext(&"N".repeat(30), "/a", &[Location::DealsList]),
        link,
    );
    assert_ok(&ok.check());
    let long = base().link_action(
        link_ext(&"N".repeat(31), "/a", &[Location::DealsList]),
        link,
    );
    let problems = long.check();
    assert_error_at(&problems, "/extensions/0/name");
    assert!(problems.to_string().contains("31 characters"), "{problems}");
    let empty = base().link_action(link_ext(" ", "/a", &[Location::DealsList]), link);
    assert_error_at(&empty.check(), "/extensions/0/name");
    let lower = base()
        .link_action(link_ext("open it", "/a", &[Location::DealsList]), link)
        .check();
    assert!(
        lower.is_valid() && lower.has_at("/extensions/0/name"),
        "sentence case is a warning: {lower}"
    );
    let twice = base()
        .link_action(link_ext("Open", "/a", &[Location::DealsList]), link)
        .link_action(link_ext("Open", "/b", &[Location::DealsList]), link);
    assert_error_at(&twice.check(), "/extensions/1/name");
}

#[test]
fn descriptions_are_at_most_150_characters() {
    let ok = base().link_action(
        link_ext("Open", "/a", &[Location::DealsList]).description("d".repeat(150)),
        link,
    );
    assert_ok(&ok.check());
    let long = base().link_action(
        link_ext("Open", "/a", &[Location::DealsList]).description("d".repeat(151)),
        link,
    );
    assert_error_at(&long.check(), "/extensions/0/description");
}

#[test]
fn at_most_three_menu_extensions_per_location() {
    let mut app = base();
    for i in 0..3 {
        app = app.link_action(
            link_ext(
                &format!("Open {i}"),
                &format!("/l{i}"),
                &[Location::DealsList],
            ),
            link,
        );
    }
    assert_ok(&app.check());
    let app = app.json_modal(
        ModalExtension::new("Edit", "/m", [Location::PeopleList, Location::DealsList]),
        modal,
    );
    let problems = app.check();
    assert_error_at(&problems, "/extensions/3/locations/1");
    assert!(!problems.has_at("/extensions/3/locations/0"));
}

#[test]
fn at_most_21_menu_extensions() {
    let locations = [
        Location::DealDetails,
        Location::DealsList,
        Location::PersonDetails,
        Location::PeopleList,
        Location::OrganizationDetails,
        Location::OrganizationsList,
        Location::ActivitiesList,
    ];
    let mut app = base();
    for i in 0..21 {
        app = app.link_action(
            link_ext(&format!("Open {i}"), &format!("/l{i}"), &[locations[i % 7]]),
            link,
        );
    }
    assert_ok(&app.check());
    let app = app.custom_ui(
        CustomUiExtension::new("Modal", "/ui", CustomUiKind::Modal(vec![])),
        ui,
    );
    let problems = app.check();
    assert_error_at(&problems, "/extensions");
    assert_eq!(problems.errors().count(), 1, "{problems}");
}

#[test]
fn one_panel_per_detail_view() {
    let ok = base()
        .json_panel(panel("Rows", "/a"), rows)
        .json_panel(
            PanelExtension::new("One", "/b", PanelLocation::PersonDetails).jwt_secret("s"),
            single,
        )
        .custom_ui(
            CustomUiExtension::new(
                "Org",
                "/c",
                CustomUiKind::Panel(PanelLocation::OrganizationDetails),
            ),
            ui,
        );
    assert_ok(&ok.check());
    let two = base().json_panel(panel("Rows", "/a"), rows).custom_ui(
        CustomUiExtension::new(
            "Deal UI",
            "/c",
            CustomUiKind::Panel(PanelLocation::DealDetails),
        ),
        ui,
    );
    assert_error_at(&two.check(), "/extensions/1/location");
}

#[test]
fn public_url_must_be_https() {
    assert_ok(&base().public_url("https://app.example.com/").check());
    assert_error_at(
        &base().public_url("http://app.example.com").check(),
        "/public_url",
    );
    assert_error_at(&App::<()>::new("").check(), "/client_secret");
}

#[test]
fn panel_needs_basic_or_its_own_jwt_secret() {
    let basic = PanelExtension::new("Rows", "/a", PanelLocation::DealDetails)
        .basic(BasicCredentials::new("u", "p"));
    assert_ok(&base().json_panel(basic, rows).check());
    assert_ok(&base().json_panel(panel("Rows", "/a"), rows).check());
    let neither = PanelExtension::new("Rows", "/a", PanelLocation::DealDetails);
    assert_error_at(
        &base().json_panel(neither, rows).check(),
        "/extensions/0/auth",
    );
    let empty = PanelExtension::new("Rows", "/a", PanelLocation::DealDetails).jwt_secret("");
    assert_error_at(
        &base().json_panel(empty, rows).check(),
        "/extensions/0/jwt_secret",
    );
}

fn with_targets(targets: Vec<(ActionTarget, &str)>) -> App {
    let mut p = panel("Rows", "/p");
    for (t, e) in targets {
        p = p.action(t, e);
    }
    // Global actions show only from extensions placed in the panel's detail view.
    base()
        .json_panel(p, rows)
        .json_modal(
            ModalExtension::new("Edit", "/m", [Location::DealDetails]),
            modal,
        )
        .link_action(link_ext("Open", "/l", &[Location::DealDetails]), link)
}

#[test]
fn panel_global_actions_at_most_three() {
    use ActionTarget::Global;
    assert_ok(&with_targets(vec![(Global, "Edit"), (Global, "Open"), (Global, "Edit")]).check());
    let four = with_targets(vec![
        (Global, "Edit"),
        (Global, "Open"),
        (Global, "Edit"),
        (Global, "Open"),
    ]);
    assert_error_at(&four.check(), "/extensions/0/actions/3");
}

#[test]
fn panel_object_actions_at_most_three_and_only_on_lists() {
    use ActionTarget::Object;
    assert_ok(&with_targets(vec![(Object, "Edit"), (Object, "Open"), (Object, "Edit")]).check());
    let four = with_targets(vec![
        (Object, "Edit"),
        (Object, "Open"),
        (Object, "Edit"),
        (Object, "Open"),
    ]);
    assert_error_at(&four.check(), "/extensions/0/actions/3");
    let single_panel = base()
        .json_panel(panel("One", "/p").action(Object, "Open"), single)
        .link_action(link_ext("Open", "/l", &[]), link);
    assert_error_at(&single_panel.check(), "/extensions/0/actions/0");
}

#[test]
fn panel_field_actions_one_per_field_three_fields() {
    let f = |k: &str| ActionTarget::Field(k.into());
    assert_ok(
        &with_targets(vec![
            (f("header"), "Edit"),
            (f("amount"), "Open"),
            (f("note"), "Edit"),
        ])
        .check(),
    );
    let twice = with_targets(vec![(f("header"), "Edit"), (f("header"), "Open")]);
    assert_error_at(&twice.check(), "/extensions/0/actions/1");
    let four = with_targets(vec![
        (f("header"), "Edit"),
        (f("amount"), "Open"),
        (f("note"), "Edit"),
        (f("owner"), "Open"),
    ]);
    assert_error_at(&four.check(), "/extensions/0/actions/3");
    let unknown = with_targets(vec![(f("nope"), "Edit")]);
    assert_error_at(&unknown.check(), "/extensions/0/actions/0/target");
}

#[test]
fn panel_actions_name_a_link_action_or_json_modal_of_the_app() {
    let unknown = with_targets(vec![(ActionTarget::Global, "Missing")]);
    assert_error_at(&unknown.check(), "/extensions/0/actions/0/extension");
    let ui = base()
        .json_panel(
            panel("Rows", "/p").action(ActionTarget::Global, "Window"),
            rows,
        )
        .custom_ui(
            CustomUiExtension::new("Window", "/w", CustomUiKind::FloatingWindow),
            ui,
        );
    assert_error_at(&ui.check(), "/extensions/0/actions/0/extension");
}

#[test]
fn menu_extensions_need_a_location_or_a_panel_action() {
    // Object and field actions need no menu location; global actions do (see `with_targets`).
    let used = base()
        .json_panel(
            panel("Rows", "/p")
                .action(ActionTarget::Object, "Edit")
                .action(ActionTarget::Field("header".into()), "Open"),
            rows,
        )
        .json_modal(ModalExtension::new("Edit", "/m", []), modal)
        .link_action(link_ext("Open", "/l", &[]), link);
    assert_ok(&used.check());
    let global = base()
        .json_panel(
            panel("Rows", "/p").action(ActionTarget::Global, "Edit"),
            rows,
        )
        .json_modal(ModalExtension::new("Edit", "/m", []), modal);
    assert_error_at(&global.check(), "/extensions/0/actions/0/extension");
    let unused = base().link_action(link_ext("Open", "/l", &[]), link);
    assert_error_at(&unused.check(), "/extensions/0/locations");
    let twice = base().link_action(
        link_ext("Open", "/l", &[Location::DealsList, Location::DealsList]),
        link,
    );
    assert_error_at(&twice.check(), "/extensions/0/locations/1");
}

#[test]
fn paths_are_plain_and_unique() {
    let dup = base()
        .link_action(link_ext("Open", "/same", &[Location::DealsList]), link)
        .link_action(link_ext("Close", "/same", &[Location::DealsList]), link);
    assert_error_at(&dup.check(), "/extensions/1/path");
    for bad in ["relative", "/a/{id}", "/a?x=1", "/a/*"] {
        let app = base().link_action(link_ext("Open", bad, &[Location::DealsList]), link);
        assert_error_at(&app.check(), "/extensions/0/path");
    }
}

#[test]
fn unverified_link_actions_are_a_warning() {
    let app = base().link_action(
        link_ext("Open", "/l", &[Location::DealsList]).insecure_skip_token_verification(),
        link,
    );
    let problems = app.check();
    assert!(problems.is_valid());
    assert!(
        problems
            .warnings()
            .any(|p| p.pointer == "/extensions/0/auth"),
        "{problems}"
    );
}

#[test]
fn every_problem_is_reported_at_once_and_refused() {
    let broken = || {
        App::<()>::new("secret")
            .public_url("http://x")
            .json_panel(
                PanelExtension::new("P".repeat(40), "/p", PanelLocation::DealDetails)
                    .action(ActionTarget::Field("nope".into()), "Missing"),
                rows,
            )
            .link_action(link_ext("Open", "/p", &[]), link)
    };
    let problems = broken().check();
    for pointer in [
        "/public_url",
        "/extensions/0/name",
        "/extensions/0/auth",
        "/extensions/0/actions/0/target",
        "/extensions/0/actions/0/extension",
        "/extensions/1/path",
        "/extensions/1/locations",
    ] {
        assert_error_at(&problems, pointer);
    }
    assert_eq!(problems.errors().count(), 7, "{problems}");
    let refused = broken()
        .into_router()
        .expect_err("errors refuse the router");
    assert_eq!(refused, problems);
    let dir = std::env::temp_dir().join(format!("pdx-refused-export-{}", std::process::id()));
    match broken().export(&dir) {
        Err(ExportError::Problems(p)) => assert_eq!(p, problems),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!dir.exists(), "a refused export writes nothing");
}

#[test]
fn manifest_lists_every_extension() {
    let app = with_targets(vec![
        (ActionTarget::Object, "Open"),
        (ActionTarget::Field("note".into()), "Edit"),
    ])
    .public_url("https://app.example.com")
    .custom_ui(
        CustomUiExtension::new("Settings", "/settings", CustomUiKind::Settings),
        ui,
    );
    insta::assert_json_snapshot!("manifest_all_kinds", app.manifest());
}

/// A panel type naming its actions with `#[panel(...)]`.
#[derive(Serialize, JsonPanel)]
#[panel(list, global_action = "Edit", object_action = "Open")]
struct Acting {
    id: u64,
    #[panel(header, action = "Edit")]
    header: String,
}

async fn acting() -> PanelResponse<Acting> {
    PanelResponse::nothing()
}

#[test]
fn actions_named_by_the_derived_type_join_the_extensions_and_are_checked() {
    let app = || {
        base()
            .json_panel(
                panel("Rows", "/p").action(ActionTarget::Global, "Edit"),
                acting,
            )
            .json_modal(
                ModalExtension::new("Edit", "/m", [Location::DealDetails]),
                modal,
            )
    };
    let with_link = app().link_action(link_ext("Open", "/l", &[]), link);
    assert_ok(&with_link.check());
    let manifest = with_link.manifest();
    // The global action set on the extension and named by the type is listed once.
    assert_eq!(
        manifest["extensions"][0]["actions"],
        serde_json::json!([
            {"target": "global", "extension": "Edit"},
            {"target": "object", "extension": "Open"},
            {"target": {"field": "header"}, "extension": "Edit"}
        ])
    );
    // The type's object action names a link action the app does not have.
    assert_error_at(&app().check(), "/extensions/0/actions/1/extension");
}

#[test]
fn the_export_needs_no_secret() {
    let dir = std::env::temp_dir().join(format!("pdx-no-secret-export-{}", std::process::id()));
    let app = App::<()>::new("").link_action(link_ext("Open", "/l", &[Location::DealsList]), link);
    assert_error_at(&app.check(), "/client_secret");
    let files = app.export(&dir).expect("exported without a client secret");
    assert!(files.contains(&"manifest.json".to_owned()), "{files:?}");
    std::fs::remove_dir_all(dir).expect("cleaned");
}
