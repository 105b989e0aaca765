//! The registration form as code: every rule of Developer Hub's form (errors) and of the app review (warnings),
//! with its pointer into `manifest.json`; the export (manifest and sheet, snapshotted); the freshness check; and
//! `pdx::hub::review_export` on good and broken exports.

use pdx::hub::{
    AppExtensions, CustomUiExtension, CustomUiKind, Image, InstallScenario, LinkActionExtension,
    Listing, Location, OAuthPaths, PanelLocation, Registration, Staleness, SupportLinks,
    check_export, review_export, update_export,
};
use pdx::problem::Problems;
use pdx::scope::Scope;
use std::path::PathBuf;

/// A PNG header of `w`×`h` pixels (the checks read the kind and size from the header only).
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    bytes.extend(w.to_be_bytes());
    bytes.extend(h.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// A JPEG header of `w`×`h` pixels (start of image, then a baseline frame header).
fn jpg(w: u16, h: u16) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    bytes.extend(h.to_be_bytes());
    bytes.extend(w.to_be_bytes());
    bytes.extend([
        0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9,
    ]);
    bytes
}

fn listing() -> Listing {
    Listing::new(
        "Acme for Pipedrive: invoices in every deal.",
        "Acme shows each deal's invoices in Pipedrive.",
    )
    .category("Accounting and invoicing")
    .icon(Image::bytes(png(256, 256)))
    .image(Image::bytes(png(1280, 800)))
    .image(Image::bytes(png(1440, 900)))
    .image(Image::bytes(png(2560, 1600)))
}

fn support() -> SupportLinks {
    SupportLinks::new(
        "https://acme.example",
        "https://acme.example/terms",
        "https://acme.example/privacy",
    )
    .pricing("https://acme.example/pricing")
    .support_email("help@acme.example")
}

/// The form without scopes, setup instructions or tested flows.
fn form() -> Registration {
    Registration::new()
        .listing(listing())
        .support(support())
        .contact_email("dev@acme.example")
}

fn all_tested(r: Registration) -> Registration {
    r.tested(InstallScenario::NoAccount)
        .tested(InstallScenario::LoggedOut)
        .tested(InstallScenario::LoggedIn)
}

fn registration() -> Registration {
    all_tested(
        form()
            .scope(Scope::DealsRead, "The panel reads the viewed deal.")
            .setup_instructions("1. Install.\n2. Open a deal."),
    )
}

fn app(registration: Registration) -> AppExtensions {
    AppExtensions::new()
        .name("Acme")
        .public_url("https://acme.example")
        .oauth_paths(OAuthPaths {
            install: "/oauth/install".into(),
            callback: "/oauth/callback".into(),
        })
        .link_action(LinkActionExtension::new(
            "Open in Acme",
            "/open",
            [Location::DealDetails],
        ))
        .registration(registration)
}

#[track_caller]
fn assert_clean(problems: &Problems) {
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

#[track_caller]
fn assert_warning_at(problems: &Problems, pointer: &str) {
    assert!(
        problems.is_valid() && problems.warnings().any(|p| p.pointer == pointer),
        "expected only a warning at {pointer}, got:\n{problems}"
    );
}

const GENERAL: &str = "/registration/general_info";

#[test]
fn a_complete_registration_passes() {
    assert_clean(&app(registration()).check());
}

#[test]
fn an_app_without_a_registration_is_not_held_to_the_form() {
    let bare = AppExtensions::new().link_action(LinkActionExtension::new(
        "Open",
        "/o",
        [Location::DealsList],
    ));
    assert_clean(&bare.check());
}

#[test]
fn basic_info_needs_a_name_a_public_url_and_an_https_callback() {
    let nameless = AppExtensions::new()
        .public_url("https://acme.example")
        .registration(registration().callback_url("https://acme.example/cb"));
    assert_error_at(&nameless.check(), "/name");
    let no_url = AppExtensions::new()
        .name("Acme")
        .registration(registration());
    let problems = no_url.check();
    assert_error_at(&problems, "/public_url");
    assert_error_at(&problems, "/registration/basic_info/callback_url");
    let http = AppExtensions::new()
        .name("Acme")
        .public_url("https://acme.example")
        .registration(registration().callback_url("http://acme.example/cb"));
    assert_error_at(&http.check(), "/registration/basic_info/callback_url");
    let declared = AppExtensions::new()
        .name("Acme")
        .public_url("https://acme.example")
        .registration(registration().callback_url("https://acme.example/cb"));
    assert_clean(&declared.check());
    let mismatch = app(registration().callback_url("https://elsewhere.example/cb")).check();
    assert_error_at(&mismatch, "/registration/basic_info/callback_url");
    assert!(mismatch.to_string().contains("differs"), "{mismatch}");
    let long = app(registration()).name("A".repeat(51));
    assert_warning_at(&long.check(), "/name");
}

#[test]
fn scopes_are_required_known_listed_once_and_least_privilege() {
    const AT: &str = "/registration/oauth_and_access_scopes/scopes";
    let none = all_tested(form().setup_instructions("Install."));
    assert_error_at(&app(none).check(), AT);
    let unknown = app(registration().scope(Scope::parse("notes:read"), "notes")).check();
    assert_error_at(&unknown, &format!("{AT}/1/scope"));
    assert!(
        unknown.to_string().contains("not a Pipedrive scope"),
        "{unknown}"
    );
    let twice = app(registration().scope(Scope::DealsRead, "again")).check();
    assert_error_at(&twice, &format!("{AT}/1/scope"));
    assert_warning_at(
        &app(registration().scope(Scope::DealsFull, "writes")).check(),
        &format!("{AT}/0/scope"),
    );
    let admin = app(registration().scope(Scope::Admin, "webhooks")).check();
    assert_warning_at(&admin, &format!("{AT}/1/scope"));
    assert!(
        admin.to_string().contains("prefer the narrower scopes"),
        "{admin}"
    );
    assert_warning_at(
        &app(registration().scope(Scope::Base, "always")).check(),
        &format!("{AT}/1/scope"),
    );
    assert_warning_at(
        &app(registration().scope(Scope::ContactsRead, " ")).check(),
        &format!("{AT}/1/reason"),
    );
}

#[test]
fn general_info_texts_categories_and_video() {
    let with = |l: Listing| app(registration().listing(l)).check();
    let at_limits = Listing::new("s".repeat(150), "d".repeat(1500))
        .category("c")
        .icon(Image::bytes(png(256, 256)))
        .image(Image::bytes(png(1280, 800)))
        .image(Image::bytes(png(1280, 800)))
        .image(Image::bytes(png(1280, 800)));
    assert_clean(&with(at_limits));
    let long = with(
        Listing::new("s".repeat(151), "d".repeat(1501))
            .icon(Image::bytes(png(256, 256)))
            .image(Image::bytes(png(1280, 800))),
    );
    assert_error_at(&long, &format!("{GENERAL}/short_summary"));
    assert_error_at(&long, &format!("{GENERAL}/description"));
    assert_error_at(&long, &format!("{GENERAL}/categories"));
    let empty = with(
        Listing::new(" ", "")
            .category("c")
            .icon(Image::bytes(png(256, 256)))
            .image(Image::bytes(png(1280, 800))),
    );
    assert_error_at(&empty, &format!("{GENERAL}/short_summary"));
    assert_error_at(&empty, &format!("{GENERAL}/description"));
    let three = with(listing().category("CRM").category("Sales"));
    assert_error_at(&three, &format!("{GENERAL}/categories"));
    let repeated = with(listing().category("Accounting and invoicing"));
    assert_error_at(&repeated, &format!("{GENERAL}/categories/1"));
    assert_clean(&with(listing().video_url("https://youtu.be/abc")));
    assert_clean(&with(
        listing().video_url("https://www.youtube.com/watch?v=abc"),
    ));
    assert_error_at(
        &with(listing().video_url("https://vimeo.com/1")),
        &format!("{GENERAL}/video_url"),
    );
    assert_error_at(
        &with(listing().video_url("http://youtu.be/abc")),
        &format!("{GENERAL}/video_url"),
    );
}

#[test]
fn the_icon_is_a_square_png_or_jpg_of_at_least_256_px() {
    let with_icon = |icon: Image| app(registration().listing(listing().icon(icon))).check();
    let at = format!("{GENERAL}/icon");
    assert_clean(&with_icon(Image::bytes(jpg(512, 512))));
    assert_error_at(&with_icon(Image::bytes(png(200, 200))), &at);
    assert_error_at(&with_icon(Image::bytes(png(300, 256))), &at);
    let gif = with_icon(Image::bytes(b"GIF89a\x01\x00\x01\x00".to_vec()));
    assert_error_at(&gif, &at);
    assert!(gif.to_string().contains("not a PNG or JPG"), "{gif}");
    let missing = with_icon(Image::file("no/such/icon.png"));
    assert_error_at(&missing, &at);
    assert!(
        missing
            .to_string()
            .contains("cannot read `no/such/icon.png`"),
        "{missing}"
    );
    let no_icon = Listing::new("s", "d")
        .category("c")
        .image(Image::bytes(png(1280, 800)));
    assert_error_at(&app(registration().listing(no_icon)).check(), &at);
}

#[test]
fn images_over_10_mb_are_refused_without_being_read() {
    let dir = temp("big-image");
    let path = dir.join("huge.png");
    let file = std::fs::File::create(&path).expect("created");
    file.set_len(10_000_001).expect("sized");
    let problems = app(registration().listing(listing().icon(Image::file(&path)))).check();
    assert_error_at(&problems, &format!("{GENERAL}/icon"));
    assert!(
        problems.to_string().contains("10000001 bytes"),
        "{problems}"
    );
    let mut bytes = png(256, 256);
    bytes.resize(10_000_000, 0);
    assert_clean(&app(registration().listing(listing().icon(Image::bytes(bytes)))).check());
    std::fs::remove_dir_all(dir).expect("cleaned");
}

#[test]
fn listing_images_are_1_to_5_at_16_by_10() {
    let at = format!("{GENERAL}/listing_images");
    let with_images = |images: Vec<Vec<u8>>| {
        let mut l = Listing::new("s", "d")
            .category("c")
            .icon(Image::bytes(png(256, 256)));
        for i in images {
            l = l.image(Image::bytes(i));
        }
        app(registration().listing(l)).check()
    };
    assert_error_at(&with_images(vec![]), &at);
    assert_error_at(&with_images(vec![png(1280, 800); 6]), &at);
    assert_clean(&with_images(vec![png(1280, 800); 5]));
    assert_warning_at(&with_images(vec![png(1280, 800); 2]), &at);
    let square = with_images(vec![png(1280, 800), png(1000, 1000), png(1280, 800)]);
    assert_error_at(&square, &format!("{at}/1"));
    assert!(square.to_string().contains("16:10"), "{square}");
    let odd = with_images(vec![png(1600, 1000), png(1280, 800), png(1280, 800)]);
    assert_warning_at(&odd, &format!("{at}/0"));
}

#[test]
fn setup_support_and_review_info() {
    let setup = "/registration/setup_and_installation/instructions";
    assert_clean(&app(registration().setup_instructions("x".repeat(1500))).check());
    assert_error_at(
        &app(registration().setup_instructions("x".repeat(1501))).check(),
        setup,
    );
    let no_setup = all_tested(form().scope(Scope::DealsRead, "reads deals"));
    assert_warning_at(&app(no_setup).check(), setup);

    let support_at = |f: &str| format!("/registration/support_and_legal_info/{f}");
    let bare = SupportLinks::new(
        "",
        "http://acme.example/terms",
        "https://acme.example/privacy",
    );
    let problems = app(registration().support(bare)).check();
    assert_error_at(&problems, &support_at("website_url"));
    assert_error_at(&problems, &support_at("terms_of_service_url"));
    assert!(
        problems
            .warnings()
            .any(|p| p.pointer == support_at("pricing_url")),
        "{problems}"
    );
    assert!(
        problems
            .warnings()
            .any(|p| p.pointer == support_at("support_url")),
        "{problems}"
    );
    let bad_email = support().support_email("help at acme");
    assert_error_at(
        &app(registration().support(bad_email)).check(),
        &support_at("support_email"),
    );
    assert_error_at(
        &app(registration().support(support().documentation("ftp://acme.example"))).check(),
        &support_at("documentation_url"),
    );

    let review = |f: &str| format!("/registration/app_review_info/{f}");
    assert_error_at(
        &app(registration().contact_email("dev@")).check(),
        &review("contact_email"),
    );
    assert_clean(&app(registration().use_case("u".repeat(350))).check());
    assert_error_at(
        &app(registration().use_case("u".repeat(351))).check(),
        &review("use_case"),
    );
    assert_error_at(
        &app(registration().recording_url("http://x.example/v")).check(),
        &review("installation_flow_recording_url"),
    );
    let untested = form()
        .scope(Scope::DealsRead, "reads deals")
        .setup_instructions("Install.")
        .tested(InstallScenario::LoggedIn);
    let problems = app(untested).check();
    assert_warning_at(&problems, &review("installation_flows_tested"));
    assert!(
        problems.to_string().contains("no_account, logged_out"),
        "{problems}"
    );
    let no_contact = Registration::new()
        .scope(Scope::DealsRead, "reads deals")
        .listing(listing())
        .support(support());
    assert_error_at(&app(no_contact).check(), &review("contact_email"));
}

#[test]
fn custom_ui_sizes_are_within_their_kinds_ranges() {
    let with = |ext: CustomUiExtension| AppExtensions::new().custom_ui(ext).check();
    let panel = || {
        CustomUiExtension::new(
            "Panel",
            "/p",
            CustomUiKind::Panel(PanelLocation::DealDetails),
        )
    };
    let window = || {
        CustomUiExtension::new("Window", "/w", CustomUiKind::FloatingWindow)
            .description("A window.")
    };
    let modal = || CustomUiExtension::new("Modal", "/m", CustomUiKind::Modal(vec![]));
    for ok in [
        panel().height(100),
        panel().height(750),
        window().size(200, 70),
        window().size(800, 700),
        modal().size(320, 120),
        modal().size(4000, 3000),
    ] {
        assert_clean(&with(ok));
    }
    for (bad, pointer) in [
        (panel().height(99), "/extensions/0/size/height"),
        (panel().height(751), "/extensions/0/size/height"),
        (panel().size(300, 400), "/extensions/0/size/width"),
        (window().size(199, 300), "/extensions/0/size/width"),
        (window().size(801, 300), "/extensions/0/size/width"),
        (window().size(400, 69), "/extensions/0/size/height"),
        (window().size(400, 701), "/extensions/0/size/height"),
        (modal().size(319, 500), "/extensions/0/size/width"),
        (modal().size(500, 119), "/extensions/0/size/height"),
    ] {
        assert_error_at(&with(bad), pointer);
    }
    let settings = CustomUiExtension::new("Settings", "/s", CustomUiKind::Settings).size(1, 1);
    assert_clean(&with(settings));
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pdx-registration-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn snapshot_app() -> AppExtensions {
    let reg = registration()
        .installation_url("https://acme.example/start")
        .use_case("Invoices for deals. Uses `backticks` and ```fences```.")
        .recording_url("https://acme.example/recording")
        .listing(
            listing()
                .built_by("Acme Ltd")
                .category("Productivity")
                .icon(Image::bytes(jpg(256, 256)))
                .video_url("https://youtu.be/abc"),
        )
        .support(
            support()
                .support_url("https://acme.example/help")
                .documentation("https://acme.example/docs")
                .issue_tracker("https://acme.example/issues"),
        );
    app(reg).custom_ui(
        CustomUiExtension::new(
            "Invoices",
            "/ui/panel",
            CustomUiKind::Panel(PanelLocation::DealDetails),
        )
        .jwt_secret("panel-secret")
        .height(420),
    )
}

#[test]
fn the_export_is_the_registration_sheet_in_the_forms_order() {
    let app = snapshot_app();
    assert_clean(&app.check());
    insta::assert_json_snapshot!("registration_manifest", app.manifest());
    let sheet = app.developer_hub_summary();
    insta::assert_snapshot!("registration_sheet", sheet);
    assert!(
        !sheet.lines().any(|l| l.ends_with(' ')),
        "no trailing spaces"
    );
    assert!(!sheet.contains("panel-secret"), "no secret in the sheet");
    let tabs = [
        "## Basic info",
        "## OAuth & access scopes",
        "## App extensions",
        "## App settings",
        "## General info",
        "## Setup and installation",
        "## Support and legal info",
        "## App review info",
        "## Secrets",
    ];
    let positions: Vec<usize> = tabs
        .iter()
        .map(|t| sheet.find(t).unwrap_or_else(|| panic!("{t} missing")))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "tabs in the form's order"
    );
    let files = app.export_files().expect("exports");
    assert_eq!(files["acme-pipedrive-integration.jpg"], jpg(256, 256));
    assert_eq!(files["acme-pipedrive-integration-2.png"], png(1440, 900));
    for content in files.values() {
        assert!(!String::from_utf8_lossy(content).contains("panel-secret"));
    }
}

#[test]
fn an_app_that_breaks_the_form_exports_nothing() {
    let broken = app(registration().contact_email("nope"));
    let dir = temp("refused");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(broken.export(&dir).is_err());
    assert!(!dir.exists());
}

#[test]
fn the_freshness_check_lists_what_differs_and_update_fixes_it() {
    let app = snapshot_app();
    let files = app.export_files().expect("exports");
    let dir = temp("fresh");
    let stale = check_export(&files, &dir);
    assert_eq!(stale.len(), files.len());
    assert!(stale.iter().all(|s| s.staleness == Staleness::Missing));
    update_export(&files, &dir).expect("written");
    assert!(check_export(&files, &dir).is_empty());
    std::fs::write(dir.join("manifest.json"), "{}").expect("edited");
    std::fs::write(dir.join("old.json"), "{}").expect("left over");
    let stale: Vec<String> = check_export(&files, &dir)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        stale,
        ["manifest.json: changed", "old.json: no longer exported"]
    );
    update_export(&files, &dir).expect("updated");
    assert!(check_export(&files, &dir).is_empty());
    assert!(!dir.join("old.json").exists());
    std::fs::remove_dir_all(dir).expect("cleaned");
}

#[test]
fn reviewing_the_demos_export_finds_nothing() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-export");
    let problems = review_export(dir).expect("readable");
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Exports `app` into a fresh folder, lets `edit` break it, and reviews it.
fn review_broken(name: &str, edit: impl FnOnce(&std::path::Path)) -> Vec<String> {
    let dir = temp(name);
    snapshot_app().export(&dir).expect("exported");
    assert!(
        review_export(&dir).expect("readable").is_empty(),
        "a fresh export is clean"
    );
    edit(&dir);
    let lines = review_export(&dir)
        .expect("readable")
        .iter()
        .map(ToString::to_string)
        .collect();
    std::fs::remove_dir_all(&dir).expect("cleaned");
    lines
}

fn edit_manifest(dir: &std::path::Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
    edit(&mut manifest);
    std::fs::write(path, serde_json::to_string_pretty(&manifest).expect("JSON")).expect("written");
}

#[track_caller]
fn assert_line(lines: &[String], expected: &str) {
    assert!(
        lines.iter().any(|l| l.starts_with(expected)),
        "expected a line starting with {expected:?}, got:\n{}",
        lines.join("\n")
    );
}

#[test]
fn reviewing_broken_exports_reports_each_kind_of_problem() {
    let lines = review_broken("missing-image", |dir| {
        std::fs::remove_file(dir.join("acme-pipedrive-integration-2.png")).expect("removed");
    });
    assert_line(
        &lines,
        "manifest.json: /registration/general_info/listing_images/1: cannot read",
    );
    let lines = review_broken("form", |dir| {
        edit_manifest(dir, |m| {
            m["registration"]["support_and_legal_info"]["privacy_policy_url"] =
                "http://acme.example/p".into();
            m["registration"]["general_info"]["short_summary"] = "s".repeat(151).into();
            m["registration"]["oauth_and_access_scopes"]["scopes"][0]["scope"] =
                "deals:write".into();
            m["registration"]["app_review_info"]["installation_flows_tested"] =
                serde_json::json!([]);
            m["public_url"] = "http://acme.example".into();
        });
    });
    for expected in [
        "manifest.json: /registration/support_and_legal_info/privacy_policy_url: the privacy policy URL `http://acme.example/p` must be an https:// URL",
        "manifest.json: /registration/general_info/short_summary: the short summary is 151 characters",
        "manifest.json: /registration/oauth_and_access_scopes/scopes/0/scope: `deals:write` is not a Pipedrive scope",
        "manifest.json: /registration/app_review_info/installation_flows_tested: warning: installation flows not marked tested",
        "manifest.json: /public_url:",
        "manifest.json: /registration/basic_info/callback_url: the callback URL `http://acme.example/oauth/callback` must be an https:// URL",
    ] {
        assert_line(&lines, expected);
    }
    let lines = review_broken("extension", |dir| {
        edit_manifest(dir, |m| {
            m["extensions"][1]["size"]["height"] = 800.into();
            m["extensions"][0]["name"] = "O".repeat(31).into();
        });
    });
    assert_line(
        &lines,
        "manifest.json: /extensions/1/size/height: height 800 px",
    );
    assert_line(
        &lines,
        "manifest.json: /extensions/0/name: name is 31 characters",
    );
    let lines = review_broken("no-registration", |dir| {
        edit_manifest(dir, |m| {
            m.as_object_mut().map(|o| o.remove("registration"));
            m["manifest_version"] = 99.into();
        });
    });
    assert_line(
        &lines,
        "manifest.json: /registration: the export has no registration",
    );
    assert_line(&lines, "manifest.json: /manifest_version: version 99");
}

#[test]
fn reviewing_reports_uploaded_files_that_fail_validation_or_are_missing() {
    use pdx::{JsonModal, JsonPanel};
    #[derive(serde::Serialize, JsonPanel)]
    struct Row {
        id: u64,
    }
    #[derive(serde::Deserialize, JsonModal)]
    #[modal(primary(key = "save", label = "Save"))]
    #[allow(dead_code)]
    struct Form {
        #[modal(label = "Note")]
        note: Option<String>,
    }
    let with_files = || {
        snapshot_app()
            .json_panel::<Row>(
                pdx::hub::PanelExtension::new("Rows", "/rows", PanelLocation::PersonDetails)
                    .jwt_secret("s"),
            )
            .json_modal::<Form>(pdx::hub::ModalExtension::new(
                "Edit",
                "/edit",
                [Location::DealDetails],
            ))
    };
    let dir = temp("files");
    with_files().export(&dir).expect("exported");
    assert!(review_export(&dir).expect("readable").is_empty());
    std::fs::write(
        dir.join("json-panel-rows.json"),
        r#"{"type":"object","properties":{"id":{"type":"number"},"x":{"type":"nope"}}}"#,
    )
    .expect("broken");
    std::fs::remove_file(dir.join("json-modal-edit.json")).expect("removed");
    let lines: Vec<String> = review_export(&dir)
        .expect("readable")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_line(&lines, "json-panel-rows.json: /");
    assert_line(
        &lines,
        "json-modal-edit.json: /: referenced by the manifest but cannot be read",
    );
    std::fs::remove_dir_all(&dir).expect("cleaned");
    assert!(matches!(
        review_export(&dir),
        Err(pdx::hub::ReviewError::Unreadable(_))
    ));
}
