//! A company's webhooks as the fake keeps them (the Basic password included), and the values Pipedrive
//! accepts for them. Served by `api/webhooks.rs`; deliveries in `deliver.rs`.

use serde_json::{Value, json};

/// The most webhooks one user (or one app user) may have.
pub const MAX_WEBHOOKS_PER_USER: usize = 40;

/// The `event_object` values Pipedrive documents, and `*`.
pub const EVENT_OBJECTS: [&str; 17] = [
    "activity",
    "deal",
    "note",
    "organization",
    "person",
    "pipeline",
    "product",
    "stage",
    "user",
    "lead",
    "deal_installment",
    "deal_product",
    "board",
    "phase",
    "project",
    "task",
    "*",
];
/// The `event_action` values.
pub const EVENT_ACTIONS: [&str; 4] = ["create", "change", "delete", "*"];

/// A webhook as the fake keeps it (the password included).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FakeWebhook {
    /// Id.
    pub id: u64,
    /// The company.
    pub company_id: u64,
    /// The user who made it.
    pub owner_id: u64,
    /// The user whose permissions filter its events.
    pub user_id: u64,
    /// `create`, `change`, `delete` or `*`.
    pub event_action: String,
    /// `deal`, `person`, ... or `*`.
    pub event_object: String,
    /// Where deliveries go.
    pub subscription_url: String,
    /// `2.0` or `1.0`.
    pub version: String,
    /// `application` (made by an app) or `general`.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Basic user name sent with deliveries.
    pub http_auth_user: Option<String>,
    /// Basic password sent with deliveries.
    pub http_auth_password: Option<String>,
    /// When it was made.
    pub add_time: String,
    /// Why Pipedrive removed it, once removed.
    pub remove_reason: Option<String>,
    /// When it was removed.
    pub remove_time: Option<String>,
    /// The last delivery's time.
    pub last_delivery_time: Option<String>,
    /// The last delivery's status (`None`: no answer).
    pub last_http_status: Option<u16>,
}

impl FakeWebhook {
    /// The webhook as the API answers it.
    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id, "company_id": self.company_id, "owner_id": self.owner_id, "user_id": self.user_id,
            "event_action": self.event_action, "event_object": self.event_object,
            "subscription_url": self.subscription_url, "version": self.version,
            "is_active": i32::from(self.remove_time.is_none()), "add_time": self.add_time,
            "remove_time": self.remove_time, "type": self.kind, "http_auth_user": self.http_auth_user,
            "http_auth_password": null, "remove_reason": self.remove_reason,
            "last_delivery_time": self.last_delivery_time, "last_http_status": self.last_http_status,
            "admin_id": self.owner_id, "name": self.name,
        })
    }
}
