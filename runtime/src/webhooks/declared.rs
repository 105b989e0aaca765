//! The webhooks an app declares for every installation, and the rules on them ("Webhooks for apps"): at most
//! 40 per user, management needs `webhooks:full` (or `admin`), and an event reaches the app only with the read
//! scope of its object.

use super::subscription::{EventAction, EventObject};
use crate::problem::Problems;
use crate::scope::Scope;

/// The most webhooks one user may have (an app's webhooks count per installing user).
pub const MAX_WEBHOOKS_PER_USER: usize = 40;

/// The scopes that allow creating, listing and deleting an app's webhooks, any one of them.
pub const WEBHOOK_MANAGEMENT_SCOPES: [Scope; 2] = [Scope::WebhooksFull, Scope::Admin];

/// The longest webhook `name` Pipedrive accepts.
pub const MAX_NAME_CHARS: usize = 255;

/// A webhook the app wants for every installation: pdx creates it on install (`version: "2.0"`, the
/// receiver's URL, the installation's credentials), restores it when Pipedrive removed it, and deletes it when
/// the app uninstalls itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeclaredWebhook {
    /// The event action (`*` for all).
    pub action: EventAction,
    /// The event object (`*` for all).
    pub object: EventObject,
}

impl DeclaredWebhook {
    /// A subscription to `action` on `object`.
    pub fn new(action: EventAction, object: EventObject) -> Self {
        Self { action, object }
    }

    /// The event name, `{action}.{object}` (e.g. `change.deal`).
    pub fn event(&self) -> String {
        format!("{}.{}", self.action, self.object)
    }

    /// The `name` pdx gives the webhook at Pipedrive: `{app} {event}`, at most 255 characters.
    pub fn name_for(&self, app_name: &str) -> String {
        let prefix = if app_name.is_empty() { "pdx" } else { app_name };
        format!("{prefix} {}", self.event())
            .chars()
            .take(MAX_NAME_CHARS)
            .collect()
    }
}

/// The scopes that let an app receive events about `object`, any one of them (`deals:read` for deal events;
/// pipelines, stages and notes come with the deals scope). Empty for `*` and for objects pdx does not know:
/// their scope cannot be told.
pub fn read_scope_of(object: &EventObject) -> Vec<Scope> {
    match object {
        EventObject::Deal
        | EventObject::DealProduct
        | EventObject::DealInstallment
        | EventObject::Pipeline
        | EventObject::Stage => vec![Scope::DealsRead],
        // Notes come with the deals and with the contacts scopes.
        EventObject::Note => vec![Scope::DealsRead, Scope::ContactsRead],
        EventObject::Activity => vec![Scope::ActivitiesRead],
        EventObject::Person | EventObject::Organization => vec![Scope::ContactsRead],
        EventObject::Product => vec![Scope::ProductsRead],
        EventObject::Lead => vec![Scope::LeadsRead],
        EventObject::User => vec![Scope::UsersRead],
        EventObject::Project | EventObject::Board | EventObject::Phase | EventObject::Task => {
            vec![Scope::ProjectsRead]
        }
        EventObject::All | EventObject::Other(_) => Vec::new(),
    }
}

/// The scopes the declared webhooks need, against the scopes the registration declares: `webhooks:full` (or
/// `admin`) to manage them, and each object's read scope to receive its events. (An [`App`](crate::server::App)
/// reports these with the scopes of its API calls; `pdx review` with this.)
pub fn check_scopes(declared: &[DeclaredWebhook], declared_scopes: &[Scope]) -> Problems {
    let mut problems = Problems::new();
    let allowed = |any_of: &[Scope]| {
        any_of
            .iter()
            .any(|s| declared_scopes.iter().any(|d| d.includes(s)))
    };
    for (index, webhook) in declared.iter().enumerate() {
        let at = format!("/webhooks/{index}");
        if !allowed(&WEBHOOK_MANAGEMENT_SCOPES) {
            problems.error(
                &at,
                format!(
                    "webhook `{}` needs the `webhooks:full` (or `admin`) scope to be created, listed and \
                     deleted: declare it in the registration with its reason",
                    webhook.event()
                ),
            );
        }
        let read = read_scope_of(&webhook.object);
        if !read.is_empty() && !allowed(&read) {
            let names: Vec<&str> = read.iter().map(Scope::id).collect();
            problems.error(
                &at,
                format!(
                    "`{}` events reach the app only with the `{}` scope: declare it in the registration",
                    webhook.event(),
                    names.join("` or `")
                ),
            );
        }
    }
    problems
}

/// The checks of the declared webhooks themselves (scopes are checked with the app's other scope needs): at
/// most [`MAX_WEBHOOKS_PER_USER`], no subscription twice, and the receiver's public URL is `https`.
/// `receiver_url` is `None` when the app has no public URL yet. Pointers are `/webhooks/<index>`.
pub fn check_declared(declared: &[DeclaredWebhook], receiver_url: Option<&str>) -> Problems {
    let mut problems = Problems::new();
    if declared.len() > MAX_WEBHOOKS_PER_USER {
        problems.error(
            "/webhooks",
            format!(
                "{} webhooks are declared, but Pipedrive allows at most {MAX_WEBHOOKS_PER_USER} per user \
                 (\"Webhooks for apps\"): subscribe to `*` actions or objects to need fewer",
                declared.len()
            ),
        );
    }
    for (index, webhook) in declared.iter().enumerate() {
        if declared[..index].contains(webhook) {
            problems.error(
                format!("/webhooks/{index}"),
                format!("`{}` is declared twice", webhook.event()),
            );
        }
    }
    match receiver_url {
        Some(url) if !url.starts_with("https://") => problems.error(
            "/webhooks",
            format!(
                "the webhook receiver's URL `{}` is not https: Pipedrive delivers to public https URLs (set \
                 the app's public URL to https)",
                url.escape_debug()
            ),
        ),
        None if !declared.is_empty() => problems.error(
            "/webhooks",
            "webhooks are declared but the app has no public URL: pdx makes the receiver's URL from it",
        ),
        _ => {}
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_forty_or_twice_or_plain_http_is_refused() {
        let one = DeclaredWebhook::new(EventAction::Change, EventObject::Deal);
        assert!(
            check_declared(std::slice::from_ref(&one), Some("https://app.example/w")).is_empty()
        );
        let many: Vec<_> = (0..41)
            .map(|i| DeclaredWebhook::new(EventAction::Create, EventObject::Other(format!("x{i}"))))
            .collect();
        let problems = check_declared(&many, Some("https://app.example/w"));
        assert!(problems.to_string().contains("at most 40"), "{problems}");
        let twice = check_declared(&[one.clone(), one.clone()], Some("https://a/w"));
        assert!(twice.to_string().contains("declared twice"), "{twice}");
        let http = check_declared(&[one], Some("http://a/w"));
        assert!(http.to_string().contains("not https"), "{http}");
    }

    #[test]
    fn events_need_the_read_scope_of_their_object() {
        assert_eq!(read_scope_of(&EventObject::Deal), vec![Scope::DealsRead]);
        assert_eq!(
            read_scope_of(&EventObject::Person),
            vec![Scope::ContactsRead]
        );
        assert!(read_scope_of(&EventObject::All).is_empty());
    }

    #[test]
    fn names_are_the_app_and_the_event() {
        let w = DeclaredWebhook::new(EventAction::Change, EventObject::Deal);
        assert_eq!(w.name_for("Demo"), "Demo change.deal");
        assert_eq!(w.name_for(&"x".repeat(300)).chars().count(), MAX_NAME_CHARS);
    }
}
