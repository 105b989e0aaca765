//! The rules Developer Hub enforces on an app's extensions, checked on all of them at once (Pipedrive's docs,
//! *App extensions*: <https://pipedrive.readme.io/docs/app-extensions>).

use super::export::slug;
use super::limits::{
    MAX_DESCRIPTION_CHARS, MAX_EXTENSIONS_PER_LOCATION, MAX_MENU_EXTENSIONS, MAX_NAME_CHARS,
};
use super::{
    ActionTarget, AppExtensions, CustomUiExtension, CustomUiKind, Extension, Location, PanelAction,
    PanelExtension, PanelLocation,
};
use crate::panel::DataStructure;
use crate::panel::limits::{MAX_FIELD_ACTIONS, MAX_GLOBAL_ACTIONS, MAX_OBJECT_ACTIONS};
use crate::problem::{Problems, pointer_push};
use std::collections::{BTreeMap, HashMap};

/// What earlier extensions used, for the rules across extensions.
#[derive(Default)]
struct Seen<'a> {
    names: HashMap<&'a str, usize>,
    paths: HashMap<&'a str, usize>,
    files: HashMap<String, usize>,
    panel_views: HashMap<PanelLocation, usize>,
    per_location: BTreeMap<Location, usize>,
    menu_extensions: usize,
}

pub(super) fn check_app(app: &AppExtensions) -> Problems {
    let mut p = Problems::new();
    if let Some(url) = &app.public_url
        && !url.starts_with("https://")
    {
        p.error(
            "/public_url",
            format!("`{url}` must start with https:// (Developer Hub requires HTTPS endpoints)"),
        );
    }
    let mut seen = Seen::default();
    for (i, entry) in app.entries.iter().enumerate() {
        let base = pointer_push("/extensions", i);
        check_name(&mut p, &base, entry.name(), i, &mut seen);
        check_description(&mut p, &base, entry.description());
        check_path(&mut p, &base, entry.path(), i, &mut seen);
        check_secret_and_file(&mut p, &base, entry, i, &mut seen);
        if let Extension::Panel { ext, structure } = entry {
            check_panel(&mut p, &base, ext, structure, app);
        }
        check_locations(&mut p, &base, entry, app, i, &mut seen);
        if let Extension::Link(l) = entry
            && !l.verify_token
        {
            p.warning(
                pointer_push(&base, "auth"),
                "token verification is switched off: anyone with the URL can act as any user",
            );
        }
    }
    let menu_count = seen.menu_extensions;
    if menu_count > MAX_MENU_EXTENSIONS {
        p.error("/extensions", format!("{menu_count} menu extensions (link actions, JSON modals, custom modals); Developer Hub allows at most {MAX_MENU_EXTENSIONS}"));
    }
    check_custom_ui_singletons(&mut p, app);
    if let Some(url) = &app.settings_url
        && !url.starts_with("https://")
    {
        p.error("/settings_url", format!("`{url}` must start with https://"));
    }
    if let Some(registration) = &app.registration {
        super::registration_check::check_registration(&mut p, app, registration);
    }
    p
}

/// Required, at most [`MAX_NAME_CHARS`] characters, sentence case, unique.
fn check_name<'a>(p: &mut Problems, base: &str, name: &'a str, i: usize, seen: &mut Seen<'a>) {
    let at = pointer_push(base, "name");
    if name.trim().is_empty() {
        p.error(at, "name is required");
        return;
    }
    let len = name.chars().count();
    if len > MAX_NAME_CHARS {
        p.error(
            at.clone(),
            format!("name is {len} characters; Developer Hub allows at most {MAX_NAME_CHARS}"),
        );
    }
    if name.chars().next().is_some_and(|c| c.is_lowercase()) {
        p.warning(
            at.clone(),
            "name should be in sentence case (start with a capital letter)",
        );
    }
    if let Some(first) = seen.names.insert(name, i) {
        p.error(
            at,
            format!("name `{name}` is already used by /extensions/{first}"),
        );
    }
}

fn check_description(p: &mut Problems, base: &str, description: Option<&str>) {
    let Some(len) = description.map(|d| d.chars().count()) else {
        return;
    };
    if len > MAX_DESCRIPTION_CHARS {
        p.error(
            pointer_push(base, "description"),
            format!(
                "description is {len} characters; Developer Hub allows at most {MAX_DESCRIPTION_CHARS}"
            ),
        );
    }
}

/// A plain absolute path, unique in the app.
fn check_path<'a>(p: &mut Problems, base: &str, path: &'a str, i: usize, seen: &mut Seen<'a>) {
    let at = pointer_push(base, "path");
    if !path.starts_with('/') {
        p.error(at, format!("path `{path}` must start with `/`"));
    } else if path.contains(['{', '}', '*', '?', '#', ' ']) {
        p.error(
            at,
            format!("path `{path}` must be a plain path (no `{{}}`, `*`, `?`, `#` or spaces)"),
        );
    } else if let Some(first) = seen.paths.insert(path, i) {
        p.error(
            at,
            format!("path `{path}` is already used by /extensions/{first}"),
        );
    }
}

/// A set JWT secret is not empty; exported file names do not collide.
fn check_secret_and_file(
    p: &mut Problems,
    base: &str,
    entry: &Extension,
    i: usize,
    seen: &mut Seen<'_>,
) {
    if let Some(secret) = entry.jwt_secret()
        && secret.is_empty()
    {
        p.error(
            pointer_push(base, "jwt_secret"),
            "JWT secret is empty: leave it unset to use the client secret",
        );
    }
    if entry.file().is_some() {
        let file = format!("{}-{}", entry.kind_id(), slug(entry.name()));
        if let Some(first) = seen.files.insert(file, i) {
            p.error(
                pointer_push(base, "name"),
                format!("name gives the same export file name as /extensions/{first}"),
            );
        }
    }
}

/// One panel per detail view; menu locations listed once, at most [`MAX_EXTENSIONS_PER_LOCATION`] extensions per
/// location, and a menu extension with no location must be used by a panel action.
fn check_locations(
    p: &mut Problems,
    base: &str,
    entry: &Extension,
    app: &AppExtensions,
    i: usize,
    seen: &mut Seen<'_>,
) {
    if let Some(view) = entry.panel_location()
        && let Some(first) = seen.panel_views.insert(view, i)
    {
        let message = format!(
            "{} already has a panel (/extensions/{first}); an app has at most one panel per detail view",
            view.location().label()
        );
        p.error(pointer_push(base, "location"), message);
    }
    let Some(locations) = entry.menu_locations() else {
        return;
    };
    seen.menu_extensions += 1;
    let used_by_panel = app.entries.iter().any(|e| match e {
        Extension::Panel { ext, .. } => ext.actions.iter().any(|a| a.extension == entry.name()),
        _ => false,
    });
    if locations.is_empty() && !used_by_panel && !matches!(entry, Extension::CustomUi(_)) {
        p.error(
            pointer_push(base, "locations"),
            "needs at least one location, or a panel action that uses it",
        );
    }
    let at = pointer_push(base, "locations");
    for (j, loc) in locations.iter().enumerate() {
        if locations[..j].contains(loc) {
            p.error(
                pointer_push(&at, j),
                format!("{} is listed twice", loc.label()),
            );
            continue;
        }
        let n = seen.per_location.entry(*loc).or_default();
        *n += 1;
        if *n > MAX_EXTENSIONS_PER_LOCATION {
            p.error(pointer_push(&at, j), format!("{} already has {MAX_EXTENSIONS_PER_LOCATION} extensions of this app (the most Developer Hub allows)", loc.label()));
        }
    }
}

fn check_panel(
    p: &mut Problems,
    base: &str,
    ext: &PanelExtension,
    structure: &DataStructure,
    app: &AppExtensions,
) {
    if ext.basic.is_none() && ext.jwt_secret.is_none() {
        // Developer Hub's panel form requires Basic credentials or the panel's own JWT secret; the client-secret
        // fallback only decides which secret signs the token, it does not fill the field.
        p.error(pointer_push(base, "auth"), "a JSON panel needs HTTP Basic credentials or its own JWT secret (Developer Hub requires one)");
    }
    if let Some(basic) = &ext.basic
        && basic.username().is_empty()
    {
        p.error(pointer_push(base, "basic"), "HTTP Basic username is empty");
    }
    p.extend_under(&pointer_push(base, "data_structure"), structure.check());
    check_panel_actions(p, &pointer_push(base, "actions"), ext, structure, app);
}

/// The actions of a panel: counts per kind, field targets in the data structure, the extension each opens.
fn check_panel_actions(
    p: &mut Problems,
    actions_ptr: &str,
    ext: &PanelExtension,
    structure: &DataStructure,
    app: &AppExtensions,
) {
    let multiple = structure.is_multiple();
    let properties = if multiple {
        structure.to_value().pointer("/items/properties")
    } else {
        structure.to_value().pointer("/properties")
    };
    let (mut global, mut object, mut fields) = (0, 0, Vec::<&str>::new());
    for (j, action) in ext.actions.iter().enumerate() {
        let ptr = pointer_push(actions_ptr, j);
        match &action.target {
            ActionTarget::Global => {
                global += 1;
                if global > MAX_GLOBAL_ACTIONS {
                    p.error(
                        ptr.clone(),
                        format!("more than {MAX_GLOBAL_ACTIONS} global actions"),
                    );
                }
            }
            ActionTarget::Object => {
                object += 1;
                if !multiple {
                    p.error(
                        ptr.clone(),
                        "object actions exist only on multiple-object panels",
                    );
                } else if object > MAX_OBJECT_ACTIONS {
                    p.error(
                        ptr.clone(),
                        format!("more than {MAX_OBJECT_ACTIONS} object actions"),
                    );
                }
            }
            ActionTarget::Field(key) => {
                if properties.and_then(|props| props.get(key)).is_none() {
                    p.error(
                        pointer_push(&ptr, "target"),
                        format!("field `{key}` is not in the panel's data structure"),
                    );
                }
                if fields.contains(&key.as_str()) {
                    p.error(
                        ptr.clone(),
                        format!("field `{key}` already has an action (one per field)"),
                    );
                } else {
                    fields.push(key);
                    if fields.len() > MAX_FIELD_ACTIONS {
                        p.error(
                            ptr.clone(),
                            format!("more than {MAX_FIELD_ACTIONS} fields with actions"),
                        );
                    }
                }
            }
        }
        check_action_extension(p, &ptr, ext.location, action, app);
    }
}

/// The extension an action opens: a link action or JSON modal of the app, placed in the panel's view when global.
fn check_action_extension(
    p: &mut Problems,
    ptr: &str,
    view: PanelLocation,
    action: &PanelAction,
    app: &AppExtensions,
) {
    let target = app.entries.iter().find(|e| {
        matches!(e, Extension::Link(_) | Extension::Modal { .. }) && e.name() == action.extension
    });
    match target {
        None => p.error(
            pointer_push(ptr, "extension"),
            format!(
                "`{}` is not a link action or JSON modal of this app",
                action.extension
            ),
        ),
        Some(target) if action.target == ActionTarget::Global => {
            check_global_action_view(p, ptr, view, target);
        }
        Some(_) => {}
    }
}

/// Pipedrive's docs, *Actions in JSON panels*: global actions are "specific to the detail view that the user is
/// in", so a global action's link action or modal must be placed in the panel's detail view to show there.
fn check_global_action_view(p: &mut Problems, ptr: &str, view: PanelLocation, target: &Extension) {
    let locations = target.menu_locations().unwrap_or_default();
    if !locations.contains(&view.location()) {
        p.error(
            pointer_push(ptr, "extension"),
            format!(
                "global action `{}` must also be placed in {}: Pipedrive shows a panel's global actions only \
                 from extensions in the panel's detail view",
                target.name(),
                view.location().label()
            ),
        );
    }
}

/// At most one floating window, with a description; app settings either as a link or as one custom UI page
/// (Pipedrive's docs, *Custom UI extensions*: <https://pipedrive.readme.io/docs/custom-ui-extensions>).
fn check_custom_ui_singletons(p: &mut Problems, app: &AppExtensions) {
    let mut floating = None;
    let mut settings = None;
    for (i, entry) in app.entries.iter().enumerate() {
        let Extension::CustomUi(c) = entry else {
            continue;
        };
        let base = pointer_push("/extensions", i);
        check_custom_ui_size(p, &base, c);
        match c.kind {
            CustomUiKind::FloatingWindow => {
                if let Some(first) = floating.replace(i) {
                    p.error(pointer_push(&base, "kind"), format!("an app has at most one floating window; /extensions/{first} is one already"));
                }
                if c.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
                    p.error(
                        pointer_push(&base, "description"),
                        "a floating window needs a description (Developer Hub requires one)",
                    );
                }
            }
            CustomUiKind::Settings => {
                if let Some(first) = settings.replace(i) {
                    p.error(
                        pointer_push(&base, "kind"),
                        format!("an app has one settings page; /extensions/{first} is one already"),
                    );
                }
                if app.settings_url.is_some() {
                    p.error(pointer_push(&base, "kind"), "the app's settings are already an external link (`settings_url`): Developer Hub takes a link or a custom UI page, not both");
                }
            }
            _ => {}
        }
    }
}

/// The size a custom UI page asks the SDK for, within its kind's range (Pipedrive's docs, *Custom UI
/// extensions*: <https://pipedrive.readme.io/docs/custom-ui-extensions>). The settings page has no documented
/// range.
fn check_custom_ui_size(p: &mut Problems, base: &str, c: &CustomUiExtension) {
    use pdx_format::hub::{
        CUSTOM_PANEL_HEIGHT, FLOATING_WINDOW_HEIGHT, FLOATING_WINDOW_WIDTH,
        MIN_CUSTOM_MODAL_HEIGHT, MIN_CUSTOM_MODAL_WIDTH,
    };
    let (height, width) = match c.kind {
        CustomUiKind::Panel(_) => (Some(CUSTOM_PANEL_HEIGHT), None),
        CustomUiKind::Modal(_) => (
            Some((MIN_CUSTOM_MODAL_HEIGHT, u32::MAX)),
            Some((MIN_CUSTOM_MODAL_WIDTH, u32::MAX)),
        ),
        CustomUiKind::FloatingWindow => (Some(FLOATING_WINDOW_HEIGHT), Some(FLOATING_WINDOW_WIDTH)),
        _ => return,
    };
    let size = pointer_push(base, "size");
    for (field, value, range) in [("height", c.height, height), ("width", c.width, width)] {
        let Some(value) = value else { continue };
        let at = pointer_push(&size, field);
        match range {
            None => p.error(
                at,
                format!("a custom panel's {field} is fixed by Pipedrive: declare only its height"),
            ),
            Some((min, u32::MAX)) if value < min => {
                p.error(
                    at,
                    format!("{field} {value} px; a custom modal is at least {min} px"),
                );
            }
            Some((min, max)) if value < min || value > max => {
                p.error(
                    at,
                    format!("{field} {value} px; Pipedrive allows {min} to {max} px for this kind"),
                );
            }
            Some(_) => {}
        }
    }
}
