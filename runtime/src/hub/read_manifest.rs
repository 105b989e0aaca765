//! Reading an export back: `manifest.json` and the files beside it become an [`AppExtensions`], so an export is
//! checked by the same rules as the app that wrote it.
//!
//! Secrets are never in an export: an extension that has its own JWT secret, or a panel with HTTP Basic, gets a
//! placeholder here, which only says that one is set.

use super::registration::{InstallScenario, Listing, Registration, SupportLinks, key};
use super::{
    ActionTarget, AppExtensions, CustomUiExtension, CustomUiKind, Extension, Image,
    LinkActionExtension, Location, MenuExtension, OAuthPaths, PanelAction, PanelExtension,
    PanelLocation,
};
use crate::credentials::BasicCredentials;
use crate::modal::ModalSchema;
use crate::panel::DataStructure;
use crate::problem::{Problem, Problems, pointer_push};
use crate::scope::Scope;
use serde_json::Value;
use std::borrow::Cow;
use std::path::Path;

/// What stands in for a secret that Developer Hub holds and the export never does.
const SECRET_PLACEHOLDER: &str = "(set in Developer Hub)";

/// An uploaded file that was read: its name, its JSON (or why it could not be read).
pub(super) struct UploadedFile {
    pub(super) file: String,
    pub(super) json: Result<Value, String>,
}

/// The app an export describes, with the manifest index of each of its extensions and the uploaded files read.
pub(super) struct ReadExport {
    pub(super) app: AppExtensions,
    /// `indices[j]` is the manifest index of `app.entries[j]` (an extension whose file is unusable is left out).
    pub(super) indices: Vec<usize>,
    /// The uploaded files of panels and modals, by manifest index.
    pub(super) uploads: Vec<(usize, UploadedFile)>,
    /// What the manifest itself gets wrong (shape, unknown kinds).
    pub(super) problems: Problems,
}

/// Whether `name` names a file in the export folder itself: no path separators, not `.` or `..`. A manifest
/// is read as data: it cannot make the review read files elsewhere.
fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0'])
}

/// The file `name` of the export folder, or a problem at `at` when it names anything else.
fn export_file(
    dir: &Path,
    name: &str,
    at: &str,
    problems: &mut Problems,
) -> Option<std::path::PathBuf> {
    if is_plain_file_name(name) {
        Some(dir.join(name))
    } else {
        problems.error(
            at,
            format!("`{name}` is not a file name in the export folder"),
        );
        None
    }
}

fn text<'a>(v: &'a Value, field: &str) -> Option<&'a str> {
    v.get(field).and_then(Value::as_str)
}

fn texts(v: &Value, field: &str) -> Vec<String> {
    v.get(field)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn locations(e: &Value) -> Vec<Location> {
    texts(e, "locations")
        .iter()
        .filter_map(|id| Location::ALL.into_iter().find(|l| l.id() == id))
        .collect()
}

fn panel_location(e: &Value) -> Option<PanelLocation> {
    let first = locations(e).into_iter().next()?;
    [
        PanelLocation::DealDetails,
        PanelLocation::PersonDetails,
        PanelLocation::OrganizationDetails,
    ]
    .into_iter()
    .find(|p| p.location() == first)
}

use crate::webhooks::{DeclaredWebhook, EventAction, EventObject};

/// Reads `manifest` (from `dir/manifest.json`) and the files it names.
pub(super) fn read_export(manifest: &Value, dir: &Path) -> ReadExport {
    let mut read = ReadExport {
        app: AppExtensions::new(),
        indices: Vec::new(),
        uploads: Vec::new(),
        problems: Problems::new(),
    };
    if let Some(name) = text(manifest, "name") {
        read.app = read.app.name(name);
    }
    if let Some(url) = text(manifest, "public_url") {
        read.app = read.app.public_url(url);
    }
    if let Some(url) = text(manifest, "settings_url") {
        read.app = read.app.settings_url(url);
    }
    let Some(list) = manifest.get("extensions").and_then(Value::as_array) else {
        read.problems
            .error("/extensions", "expected the array of extensions pdx writes");
        return read;
    };
    let (mut install, mut callback) = (None, None);
    let mut webhooks: Option<(String, Vec<DeclaredWebhook>)> = None;
    for (i, e) in list.iter().enumerate() {
        match text(e, "kind") {
            Some("oauth_install") => install = text(e, "path").map(str::to_owned),
            Some("oauth_callback") => callback = text(e, "path").map(str::to_owned),
            Some("webhook") => {
                let (path, action, object) = (
                    text(e, "path").unwrap_or_default(),
                    text(e, "event_action").unwrap_or_default(),
                    text(e, "event_object").unwrap_or_default(),
                );
                let declared =
                    DeclaredWebhook::new(EventAction::parse(action), EventObject::parse(object));
                webhooks
                    .get_or_insert_with(|| (path.to_owned(), Vec::new()))
                    .1
                    .push(declared);
            }
            _ => read_extension(&mut read, i, e, dir),
        }
    }
    if let Some((path, declared)) = webhooks {
        read.app = read.app.webhooks(path, declared);
    }
    if let (Some(install), Some(callback)) = (install, callback) {
        read.app = read.app.oauth_paths(OAuthPaths { install, callback });
    }
    if let Some(reg) = manifest.get("registration") {
        let declared = text_at(reg, key::BASIC_INFO, key::CALLBACK_URL);
        let mut registration = read_registration(reg, dir, &mut read.problems);
        // A callback the app serves is listed as an `oauth_callback` route too; one it does not serve only here.
        if read.app.served_callback_url().is_none()
            && let Some(url) = declared
        {
            registration = registration.callback_url(url);
        }
        read.app = read.app.registration(registration);
    }
    read
}

/// One extension of the manifest, with its uploaded file.
fn read_extension(read: &mut ReadExport, i: usize, e: &Value, dir: &Path) {
    let at = pointer_push("/extensions", i);
    let (Some(kind), Some(name), Some(path)) = (text(e, "kind"), text(e, "name"), text(e, "path"))
    else {
        read.problems
            .error(at, "an extension needs `kind`, `name` and `path` strings");
        return;
    };
    let description = text(e, "description");
    let own_secret = e.pointer("/auth/jwt_secret").and_then(Value::as_str) == Some("extension");
    let entry = match kind {
        "json_panel" => read_panel(read, i, e, dir, name, path),
        "json_modal" => {
            let mut menu = MenuExtension::new(name, path, locations(e));
            menu.description = description.map(str::to_owned);
            menu.jwt_secret = own_secret.then(|| SECRET_PLACEHOLDER.into());
            read_upload(read, i, e, dir).and_then(|value| {
                let schema = ModalSchema::from_value(value).ok()?;
                Some(Extension::Modal {
                    ext: menu,
                    schema: Cow::Owned(schema),
                })
            })
        }
        "link_action" => {
            let mut link = LinkActionExtension::new(name, path, locations(e));
            if e.pointer("/auth/verify_token") == Some(&Value::Bool(false)) {
                link = link.insecure_skip_token_verification();
            }
            link.menu.description = description.map(str::to_owned);
            link.menu.jwt_secret = own_secret.then(|| SECRET_PLACEHOLDER.into());
            Some(Extension::Link(link))
        }
        "custom_ui" => read_custom_ui(read, &at, e, name, path).map(|mut c| {
            c.description = description.map(str::to_owned);
            c.jwt_secret = own_secret.then(|| SECRET_PLACEHOLDER.into());
            Extension::CustomUi(c)
        }),
        other => {
            read.problems.error(
                pointer_push(&at, "kind"),
                format!("`{other}` is not an extension kind pdx writes"),
            );
            None
        }
    };
    if let Some(entry) = entry {
        read.app.entries.push(entry);
        read.indices.push(i);
    }
}

fn read_panel(
    read: &mut ReadExport,
    i: usize,
    e: &Value,
    dir: &Path,
    name: &str,
    path: &str,
) -> Option<Extension> {
    let Some(location) = panel_location(e) else {
        read.problems.error(
            pointer_push(&pointer_push("/extensions", i), "locations"),
            "a panel needs one detail view (deal_details, person_details or organization_details)",
        );
        return None;
    };
    let mut ext = PanelExtension::new(name, path, location);
    ext.description = text(e, "description").map(str::to_owned);
    if e.pointer("/auth/jwt_secret").and_then(Value::as_str) == Some("extension") {
        ext.jwt_secret = Some(SECRET_PLACEHOLDER.into());
    }
    if e.pointer("/auth/basic") == Some(&Value::Bool(true)) {
        let username = e
            .pointer("/auth/basic_username")
            .and_then(Value::as_str)
            .unwrap_or_default();
        ext.basic = Some(BasicCredentials::new(username, SECRET_PLACEHOLDER));
    }
    for action in e
        .get("actions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let target = match action.get("target") {
            Some(Value::String(t)) if t == "global" => ActionTarget::Global,
            Some(Value::String(t)) if t == "object" => ActionTarget::Object,
            Some(t) => ActionTarget::Field(text(t, "field").unwrap_or_default().to_owned()),
            None => continue,
        };
        let extension = text(action, "extension").unwrap_or_default().to_owned();
        ext.actions.push(PanelAction { target, extension });
    }
    let value = read_upload(read, i, e, dir)?;
    let structure = DataStructure::from_value(value).ok()?;
    Some(Extension::Panel {
        ext,
        structure: Cow::Owned(structure),
    })
}

/// Reads the extension's uploaded file (`file`), recording it; `None` when it is missing or not JSON.
fn read_upload(read: &mut ReadExport, i: usize, e: &Value, dir: &Path) -> Option<Value> {
    let Some(file) = text(e, "file") else {
        read.problems.error(
            pointer_push(&pointer_push("/extensions", i), "file"),
            "a JSON panel or modal needs its uploaded file",
        );
        return None;
    };
    let at = pointer_push(&pointer_push("/extensions", i), "file");
    let path = export_file(dir, file, &at, &mut read.problems)?;
    let json = match std::fs::read_to_string(path) {
        Ok(content) => serde_json::from_str(&content).map_err(|e| format!("not JSON: {e}")),
        Err(e) => Err(format!(
            "referenced by the manifest but cannot be read: {e}"
        )),
    };
    let value = json.as_ref().ok().cloned();
    read.uploads.push((
        i,
        UploadedFile {
            file: file.to_owned(),
            json,
        },
    ));
    value
}

fn read_custom_ui(
    read: &mut ReadExport,
    at: &str,
    e: &Value,
    name: &str,
    path: &str,
) -> Option<CustomUiExtension> {
    let kind = match text(e, "custom_ui_kind") {
        Some("panel") => CustomUiKind::Panel(panel_location(e)?),
        Some("modal") => CustomUiKind::Modal(locations(e)),
        Some("floating_window") => CustomUiKind::FloatingWindow,
        Some("settings") => CustomUiKind::Settings,
        other => {
            read.problems.error(
                pointer_push(at, "custom_ui_kind"),
                format!(
                    "`{}` is not a custom UI kind pdx writes",
                    other.unwrap_or("(none)")
                ),
            );
            return None;
        }
    };
    let mut c = CustomUiExtension::new(name, path, kind);
    let px = |field: &str| {
        e.pointer(&format!("/size/{field}"))
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
    };
    c.width = px("width");
    c.height = px("height");
    Some(c)
}

fn text_at<'a>(reg: &'a Value, tab: &str, field: &str) -> Option<&'a str> {
    reg.get(tab).and_then(|t| text(t, field))
}

/// The registration tabs back into a [`Registration`]; images are the files beside the manifest.
fn read_registration(reg: &Value, dir: &Path, problems: &mut Problems) -> Registration {
    let opt = |tab: &str, field: &str| text_at(reg, tab, field).map(str::to_owned);
    let mut r = Registration::new();
    let scopes = reg
        .get(key::OAUTH)
        .and_then(|t| t.get(key::SCOPES))
        .and_then(Value::as_array);
    for s in scopes.into_iter().flatten() {
        let scope = Scope::parse(text(s, key::SCOPE).unwrap_or_default());
        r = r.scope(scope, text(s, key::REASON).unwrap_or_default());
    }
    r.installation_url = opt(key::OAUTH, key::INSTALLATION_URL);
    let general = reg.get(key::GENERAL_INFO).cloned().unwrap_or_default();
    let icon_at = key::at(key::GENERAL_INFO, key::ICON);
    let icon = text(&general, key::ICON).and_then(|f| export_file(dir, f, &icon_at, problems));
    let images_at = key::at(key::GENERAL_INFO, key::LISTING_IMAGES);
    let images: Vec<Image> = texts(&general, key::LISTING_IMAGES)
        .iter()
        .enumerate()
        .filter_map(|(n, f)| export_file(dir, f, &pointer_push(&images_at, n), problems))
        .map(Image::file)
        .collect();
    r.listing = Listing {
        built_by: text(&general, key::BUILT_BY).map(str::to_owned),
        categories: texts(&general, key::CATEGORIES),
        short_summary: text(&general, key::SHORT_SUMMARY)
            .unwrap_or_default()
            .to_owned(),
        description: text(&general, key::DESCRIPTION)
            .unwrap_or_default()
            .to_owned(),
        icon: icon.map(Image::file),
        images,
        video_url: text(&general, key::VIDEO_URL).map(str::to_owned),
    };
    r.setup_instructions = opt(key::SETUP, key::INSTRUCTIONS);
    r.support = SupportLinks {
        website: opt(key::SUPPORT, key::WEBSITE).unwrap_or_default(),
        terms_of_service: opt(key::SUPPORT, key::TERMS).unwrap_or_default(),
        privacy_policy: opt(key::SUPPORT, key::PRIVACY).unwrap_or_default(),
        pricing: opt(key::SUPPORT, key::PRICING),
        support_url: opt(key::SUPPORT, key::SUPPORT_URL),
        support_email: opt(key::SUPPORT, key::SUPPORT_EMAIL),
        documentation: opt(key::SUPPORT, key::DOCUMENTATION),
        issue_tracker: opt(key::SUPPORT, key::ISSUE_TRACKER),
    };
    r.contact_email = opt(key::REVIEW, key::CONTACT_EMAIL);
    r.use_case = opt(key::REVIEW, key::USE_CASE);
    let tested = reg
        .get(key::REVIEW)
        .map(|t| texts(t, key::TESTED))
        .unwrap_or_default();
    r.tested = tested
        .iter()
        .filter_map(|id| InstallScenario::from_id(id))
        .collect();
    r.recording_url = opt(key::REVIEW, key::RECORDING_URL);
    r
}

impl ReadExport {
    /// Points a problem found on `app` back at the manifest's extension indices.
    pub(super) fn to_manifest_pointer(&self, problem: &mut Problem) {
        let Some(rest) = problem.pointer.strip_prefix("/extensions/") else {
            return;
        };
        let (index, tail) = rest.split_once('/').map_or((rest, ""), |(i, t)| (i, t));
        if let Some(manifest_index) = index
            .parse::<usize>()
            .ok()
            .and_then(|j| self.indices.get(j))
        {
            problem.pointer = if tail.is_empty() {
                format!("/extensions/{manifest_index}")
            } else {
                format!("/extensions/{manifest_index}/{tail}")
            };
        }
    }
}
