//! Webhooks v2 for apps ("Guide for Webhooks v2", <https://pipedrive.readme.io/docs/guide-for-webhooks-v2>;
//! "Webhooks for apps", <https://pipedrive.readme.io/docs/webhooks-for-apps>): the events Pipedrive delivers,
//! typed, and the webhooks an app declares.
//!
//! - [`WebhookEvent`]: one delivery's body (`meta`, `data`, `previous`), with `data` as `serde_json::Value` or
//!   as a typed view such as [`DealEvent`]. Unknown fields and objects are kept, never refused.
//! - [`WebhookCustomField`]: a custom field's value in its **webhook** shape (not the API v2 shape).
//! - [`EventAction`], [`EventObject`]: what a webhook subscribes to (`change.deal`, `*.*`).
//! - [`DeclaredWebhook`]: a subscription the app wants for every installation, and the rules on them
//!   ([`MAX_WEBHOOKS_PER_USER`], the `webhooks:full` scope, the read scope of the object).
//!
//! The receiver that authenticates deliveries and hands them to axum handlers, and the lifecycle that creates,
//! restores and deletes the app's webhooks, are in `pdx::webhooks` too with the `install` feature.

mod custom_field;
mod declared;
mod event;
mod flex;
mod objects;
mod subscription;

#[cfg(feature = "install")]
mod receiver;

pub use custom_field::{CustomFields, WebhookAddress, WebhookCustomField};
pub use declared::{
    DeclaredWebhook, MAX_NAME_CHARS, MAX_WEBHOOKS_PER_USER, WEBHOOK_MANAGEMENT_SCOPES,
    check_declared, check_scopes, read_scope_of,
};
pub use event::{EventMeta, EventTime, Merge, WebhookEvent, WebhookKind};
pub use objects::{
    ActivityEvent, DealEvent, LeadEvent, LeadValue, NoteEvent, OrganizationEvent, PersonEvent,
    PipelineEvent, ProductEvent, StageEvent, UserEvent,
};
pub use subscription::{EventAction, EventObject};

#[cfg(feature = "install")]
pub use receiver::{
    DEDUP_WINDOW, DeliveryCredentials, WebhookRejection, Webhooks, credentials_username,
};
