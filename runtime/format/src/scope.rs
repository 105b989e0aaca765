//! Pipedrive's OAuth scopes: each scope's id (as in the token answer's `scope`), the name Developer Hub shows,
//! and what it covers.
//!
//! Pipedrive's docs, *Scopes and permission explanations*:
//! <https://pipedrive.readme.io/docs/marketplace-scopes-and-permissions-explanations>; the `webhooks:*` scopes:
//! *Introducing new OAuth scopes for Webhooks* (developers.pipedrive.com changelog, 2024-02-01); the field scopes
//! (`deal-fields:full`, `product-fields:full`, `contact-fields:full`): *Introducing new Fields API v2*
//! (developers.pipedrive.com changelog, 2025-12-10).

/// One scope of Pipedrive's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeInfo {
    /// The id in the token answer's `scope` and in Developer Hub, e.g. `deals:read`.
    pub id: &'static str,
    /// The name Developer Hub shows next to its checkbox, e.g. `Deals: Read only`.
    pub hub_name: &'static str,
    /// What it lets the app do, in Pipedrive's words (shortened).
    pub covers: &'static str,
}

const fn scope(id: &'static str, hub_name: &'static str, covers: &'static str) -> ScopeInfo {
    ScopeInfo {
        id,
        hub_name,
        covers,
    }
}

/// The scope every app has, whatever it declares ("always enabled for all apps").
pub const BASE: &str = "base";

/// The scope Pipedrive advises against when narrower ones do: it expects the installing user to be a company
/// admin, which the Marketplace does not require.
pub const ADMIN: &str = "admin";

/// The suffix of a scope that only reads (`deals:read`).
pub const READ_SUFFIX: &str = ":read";

/// The suffix of a scope that reads and writes (`deals:full`); it includes the `:read` scope of the same name.
pub const FULL_SUFFIX: &str = ":full";

/// Every scope Pipedrive documents, in the order of its *Scopes and permission explanations* page.
pub const SCOPES: &[ScopeInfo] = &[
    scope(
        BASE,
        "Access to basic information",
        "the settings of the authorized user and the account's currencies",
    ),
    scope(
        "deals:read",
        "Deals: Read only",
        "deals and related data: deal fields, products, followers, participants; all notes, files, filters, pipelines, stages and statistics (not activities)",
    ),
    scope(
        "deals:full",
        "Deals: Full access",
        "create, read, update and delete deals, their participants and followers; all files, notes and filters",
    ),
    scope("mail:read", "Mail: Read only", "mail threads and messages"),
    scope(
        "mail:full",
        "Mail: Full access",
        "read, update and delete mail threads",
    ),
    scope(
        "activities:read",
        "Activities: Read only",
        "activities, their fields and types; all files and filters",
    ),
    scope(
        "activities:full",
        "Activities: Full access",
        "create, read, update and delete activities and all files and filters",
    ),
    scope(
        "contacts:read",
        "Contacts: Read only",
        "persons and organizations, their fields and followers; all notes, files and filters",
    ),
    scope(
        "contacts:full",
        "Contacts: Full access",
        "create, read, update and delete persons and organizations and their followers; all notes, files and filters",
    ),
    scope(
        "products:read",
        "Products: Read only",
        "products, their fields, files and followers, and the products of a deal",
    ),
    scope(
        "products:full",
        "Products: Full access",
        "create, read, update and delete products and their fields; add products to deals",
    ),
    scope(
        "deal-fields:full",
        "Deal fields: Full access",
        "create, read, update and delete deal fields",
    ),
    scope(
        "product-fields:full",
        "Product fields: Full access",
        "create, read, update and delete product fields",
    ),
    scope(
        "contact-fields:full",
        "Contact fields: Full access",
        "create, read, update and delete person and organization fields",
    ),
    scope(
        "users:read",
        "Read users data",
        "users, their permissions, roles and followers",
    ),
    scope(
        "recents:read",
        "See recent account activity",
        "all recent changes in the account",
    ),
    scope(
        "search:read",
        "Search for all data",
        "search deals, persons, organizations, leads, files and products",
    ),
    scope(
        ADMIN,
        "Administer account",
        "what a company admin can do: pipelines, stages, fields, activity types, users and permissions; the app's own webhooks",
    ),
    scope(
        "leads:read",
        "Leads: Read only",
        "leads, lead labels and lead sources",
    ),
    scope(
        "leads:full",
        "Leads: Full access",
        "create, read, update and delete leads and lead labels",
    ),
    scope(
        "phone-integration",
        "Call logs",
        "call logs with their duration and recordings",
    ),
    scope(
        "goals:read",
        "Goals: Read only",
        "all goals and their results",
    ),
    scope(
        "goals:full",
        "Goals: Full access",
        "create, read, update and delete goals",
    ),
    scope(
        "video-calls",
        "Video calls integration",
        "register as a video call provider and create conference links",
    ),
    scope(
        "messengers-integration",
        "Messaging integration",
        "register as a messaging provider and deliver incoming messages",
    ),
    scope(
        "projects:read",
        "Projects: Read only",
        "projects, boards, phases, tasks and project templates",
    ),
    scope(
        "projects:full",
        "Projects: Full access",
        "create, read, update and delete projects and tasks",
    ),
    scope(
        "webhooks:read",
        "Webhooks: Read only",
        "the webhooks the app created",
    ),
    scope(
        "webhooks:full",
        "Webhooks: Full access",
        "create, read and delete the app's webhooks",
    ),
];
