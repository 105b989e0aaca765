//! The rules of Developer Hub's registration form, applied to a [`Registration`] and the app it belongs to.
//!
//! Errors are what the form refuses (a required field left empty, a value over its limit, a file of the wrong
//! kind or size, a URL that is not https); warnings are what the app review asks for and likely refuses without
//! (fewer than 3 listing images, no pricing page, an untested installation flow, the `admin` scope).
//! Pointers are into `manifest.json`.

use super::AppExtensions;
use super::image::{check_icon, check_listing_image};
use super::registration::{InstallScenario, Listing, Registration, SupportLinks, key};
use crate::problem::{Problems, pointer_push};
use crate::scope::Scope;
use pdx_format::registration::{
    MAX_APP_NAME_CHARS, MAX_CATEGORIES, MAX_LISTING_DESCRIPTION_CHARS, MAX_LISTING_IMAGES,
    MAX_SETUP_INSTRUCTIONS_CHARS, MAX_SHORT_SUMMARY_CHARS, MAX_USE_CASE_CHARS, MIN_LISTING_IMAGES,
    MIN_REVIEWED_LISTING_IMAGES, VIDEO_HOSTS,
};
use pdx_format::scope::ADMIN;

/// Every rule of the form that is not an extension rule.
pub(super) fn check_registration(p: &mut Problems, app: &AppExtensions, reg: &Registration) {
    check_basic_info(p, app, reg);
    check_scopes(p, reg);
    if let Some(url) = &reg.installation_url {
        check_https(
            p,
            &key::at(key::OAUTH, key::INSTALLATION_URL),
            "installation URL",
            url,
        );
    }
    check_listing(p, &reg.listing);
    let instructions = key::at(key::SETUP, key::INSTRUCTIONS);
    match reg.setup_instructions.as_deref().map(str::trim) {
        None | Some("") => p.warning(
            instructions,
            "no setup instructions: the app review expects step-by-step instructions for new and existing users",
        ),
        Some(text) => check_max(p, &instructions, "setup instructions", text, MAX_SETUP_INSTRUCTIONS_CHARS),
    }
    check_support(p, &reg.support);
    check_review_info(p, reg);
}

/// The app's name (required) and its callback URL (required, https, one per app).
fn check_basic_info(p: &mut Problems, app: &AppExtensions, reg: &Registration) {
    match app.name.as_deref().map(str::trim) {
        None | Some("") => p.error("/name", "the app name is required (Basic info)"),
        Some(name) if name.chars().count() > MAX_APP_NAME_CHARS => p.warning(
            "/name",
            format!("the app name is over {MAX_APP_NAME_CHARS} characters: Marketplace lists cut long names short"),
        ),
        Some(_) => {}
    }
    if app.public_url.is_none() {
        p.error(
            "/public_url",
            "the public https URL is required with a registration: the callback and every extension URL are built from it",
        );
    }
    let at = key::at(key::BASIC_INFO, key::CALLBACK_URL);
    let served = app.served_callback_url();
    match (&served, &reg.callback_url) {
        (None, None) => p.error(
            at,
            "the callback URL is required: serve the OAuth routes (`App::installations`) or set `Registration::callback_url`",
        ),
        (Some(served), Some(declared)) if served != declared => p.error(
            at,
            format!("the callback URL `{declared}` differs from the one the app serves, `{served}`: Developer Hub takes one"),
        ),
        (_, Some(url)) | (Some(url), None) => {
            check_https(p, &at, "callback URL", url);
        }
    }
}

/// At least one scope, each known, with a reason, listed once; no `x:read` next to `x:full`; `admin` warned.
fn check_scopes(p: &mut Problems, reg: &Registration) {
    let at = key::at(key::OAUTH, key::SCOPES);
    if reg.scopes.is_empty() {
        p.error(
            at,
            "no access scope declared: Developer Hub requires at least one (declare the fewest the app's calls need)",
        );
        return;
    }
    for (i, declared) in reg.scopes.iter().enumerate() {
        let base = pointer_push(&at, i);
        let scope = &declared.scope;
        if !scope.is_known() {
            p.error(
                pointer_push(&base, key::SCOPE),
                format!("`{scope}` is not a Pipedrive scope: Developer Hub has no such checkbox"),
            );
        }
        if let Some(first) = reg.scopes[..i].iter().position(|d| d.scope == *scope) {
            p.error(
                pointer_push(&base, key::SCOPE),
                format!("`{scope}` is already declared at {at}/{first}"),
            );
        }
        if *scope == Scope::Base {
            p.warning(
                pointer_push(&base, key::SCOPE),
                "`base` is always granted: no need to declare it",
            );
        }
        if scope.id() == ADMIN {
            p.warning(pointer_push(&base, key::SCOPE), "`admin` expects the installing user to be a company admin: prefer the narrower scopes (e.g. `webhooks:full` for webhooks)");
        }
        if let Some(full) = scope.full_counterpart()
            && reg.scopes.iter().any(|d| d.scope == full)
        {
            p.warning(
                pointer_push(&base, key::SCOPE),
                format!("`{full}` includes `{scope}`: declare only the one the app needs"),
            );
        }
        if declared.reason.trim().is_empty() {
            p.warning(
                pointer_push(&base, key::REASON),
                format!("say why the app needs `{scope}` (the reviewers ask, and so will the next developer)"),
            );
        }
    }
}

/// *General info*: categories, short summary, description, icon, listing images, video.
fn check_listing(p: &mut Problems, listing: &Listing) {
    let at = |field: &str| key::at(key::GENERAL_INFO, field);
    let categories = at(key::CATEGORIES);
    if listing.categories.is_empty() {
        p.error(categories.clone(), "at least one app category is required");
    } else if listing.categories.len() > MAX_CATEGORIES {
        p.error(
            categories.clone(),
            format!(
                "{} categories; Developer Hub takes at most {MAX_CATEGORIES}",
                listing.categories.len()
            ),
        );
    }
    for (i, category) in listing.categories.iter().enumerate() {
        if category.trim().is_empty() {
            p.error(pointer_push(&categories, i), "a category is empty");
        } else if listing.categories[..i].contains(category) {
            p.error(
                pointer_push(&categories, i),
                format!("`{category}` is listed twice"),
            );
        }
    }
    check_required_max(
        p,
        &at(key::SHORT_SUMMARY),
        "short summary",
        &listing.short_summary,
        MAX_SHORT_SUMMARY_CHARS,
    );
    check_required_max(
        p,
        &at(key::DESCRIPTION),
        "full description",
        &listing.description,
        MAX_LISTING_DESCRIPTION_CHARS,
    );
    match &listing.icon {
        None => p.error(at(key::ICON), "the app icon is required"),
        Some(icon) => {
            check_icon(p, &at(key::ICON), icon);
        }
    }
    check_listing_images(p, listing, &at(key::LISTING_IMAGES));
    if let Some(url) = &listing.video_url {
        check_video(p, &at(key::VIDEO_URL), url);
    }
}

fn check_listing_images(p: &mut Problems, listing: &Listing, at: &str) {
    let n = listing.images.len();
    if n < MIN_LISTING_IMAGES {
        p.error(at, "at least one listing image is required");
    } else if n > MAX_LISTING_IMAGES {
        p.error(
            at,
            format!("{n} listing images; Developer Hub takes at most {MAX_LISTING_IMAGES}"),
        );
    } else if n < MIN_REVIEWED_LISTING_IMAGES {
        p.warning(at, format!("{n} listing image(s); the app review expects {MIN_REVIEWED_LISTING_IMAGES} to {MAX_LISTING_IMAGES} that show how the app works with Pipedrive"));
    }
    for (i, image) in listing.images.iter().enumerate() {
        check_listing_image(p, &pointer_push(at, i), image);
    }
}

/// One YouTube link: Developer Hub takes no other video host.
fn check_video(p: &mut Problems, at: &str, url: &str) {
    if !check_https(p, at, "video URL", url) {
        return;
    }
    let host = https_host(url).unwrap_or_default().to_ascii_lowercase();
    if !VIDEO_HOSTS.contains(&host.as_str()) {
        p.error(
            at,
            format!("`{url}` is not a YouTube link: Developer Hub takes only YouTube videos"),
        );
    }
}

/// *Support and legal info*: three required https links, optional ones https too, a support email's shape;
/// a pricing page and a way to reach support are what the review expects.
fn check_support(p: &mut Problems, links: &SupportLinks) {
    let at = |field: &str| key::at(key::SUPPORT, field);
    for (field, what, url) in [
        (key::WEBSITE, "website URL", &links.website),
        (key::TERMS, "terms of service URL", &links.terms_of_service),
        (key::PRIVACY, "privacy policy URL", &links.privacy_policy),
    ] {
        if url.trim().is_empty() {
            p.error(at(field), format!("the {what} is required"));
        } else {
            check_https(p, &at(field), what, url);
        }
    }
    for (field, what, url) in [
        (key::PRICING, "pricing page URL", &links.pricing),
        (key::SUPPORT_URL, "support URL", &links.support_url),
        (
            key::DOCUMENTATION,
            "documentation URL",
            &links.documentation,
        ),
        (
            key::ISSUE_TRACKER,
            "issue tracker URL",
            &links.issue_tracker,
        ),
    ] {
        if let Some(url) = url {
            check_https(p, &at(field), what, url);
        }
    }
    if links.pricing.is_none() {
        p.warning(
            at(key::PRICING),
            "no pricing page: the app review expects a link to one",
        );
    }
    if let Some(email) = &links.support_email {
        check_email(p, &at(key::SUPPORT_EMAIL), "support email", email);
    }
    if links.support_url.is_none() && links.support_email.is_none() {
        p.warning(
            at(key::SUPPORT_URL),
            "no support URL or email: the app review expects users to have a way to reach support",
        );
    }
}

/// *App review info*: the main contact email (required), the use case (≤ 350), the installation flows.
fn check_review_info(p: &mut Problems, reg: &Registration) {
    let at = |field: &str| key::at(key::REVIEW, field);
    match &reg.contact_email {
        None => p.error(at(key::CONTACT_EMAIL), "the main contact email is required"),
        Some(email) => check_email(p, &at(key::CONTACT_EMAIL), "main contact email", email),
    }
    if let Some(text) = &reg.use_case {
        check_max(p, &at(key::USE_CASE), "use case", text, MAX_USE_CASE_CHARS);
    }
    let untested: Vec<&str> = InstallScenario::ALL
        .into_iter()
        .filter(|s| !reg.tested.contains(s))
        .map(InstallScenario::id)
        .collect();
    if !untested.is_empty() {
        p.warning(
            at(key::TESTED),
            format!(
                "installation flows not marked tested: {}; the app review tests all three (no account, logged out, logged in)",
                untested.join(", ")
            ),
        );
    }
    if let Some(url) = &reg.recording_url {
        check_https(p, &at(key::RECORDING_URL), "recording URL", url);
    }
}

fn check_required_max(p: &mut Problems, at: &str, what: &str, text: &str, max: usize) {
    if text.trim().is_empty() {
        p.error(at, format!("the {what} is required"));
    } else {
        check_max(p, at, what, text, max);
    }
}

fn check_max(p: &mut Problems, at: &str, what: &str, text: &str, max: usize) {
    let len = text.chars().count();
    if len > max {
        p.error(
            at,
            format!("the {what} is {len} characters; Developer Hub takes at most {max}"),
        );
    }
}

/// An `https://` URL with a host: Developer Hub requires HTTPS. Returns whether it is one.
pub(super) fn check_https(p: &mut Problems, at: &str, what: &str, url: &str) -> bool {
    if https_host(url).is_some_and(|h| !h.is_empty()) && !url.contains(char::is_whitespace) {
        return true;
    }
    p.error(at, format!("the {what} `{url}` must be an https:// URL"));
    false
}

/// The host of an `https://` URL (without user info or port).
pub(super) fn https_host(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    Some(host.split(':').next().unwrap_or_default())
}

/// The shape of an email address: one `@`, a local part, a domain with a dot, no spaces.
fn check_email(p: &mut Problems, at: &str, what: &str, email: &str) {
    let shaped = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && email.len() <= 254
                && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !shaped {
        p.error(at, format!("the {what} `{email}` is not an email address"));
    }
}
