//! Users of the company, through API v1 (Pipedrive's v2 has only a user's followers): [`User`].

use super::wire::{null_as_default, v1_time};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A user of the company (`GET /api/v1/users/{id}`, `GET /api/v1/users/me`; API v1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Default currency code.
    #[serde(default)]
    pub default_currency: Option<String>,
    /// Locale (`en_US`).
    #[serde(default)]
    pub locale: Option<String>,
    /// Language id.
    #[serde(default)]
    pub lang: Option<u64>,
    /// Whether the user has activated the account.
    #[serde(default)]
    pub activated: Option<bool>,
    /// Last login.
    #[serde(default, with = "v1_time")]
    pub last_login: Option<DateTime<Utc>>,
    /// Created.
    #[serde(default, with = "v1_time")]
    pub created: Option<DateTime<Utc>>,
    /// Last changed.
    #[serde(default, with = "v1_time")]
    pub modified: Option<DateTime<Utc>>,
    /// Whether the user created the company.
    #[serde(default)]
    pub has_created_company: Option<bool>,
    /// The user's access per Pipedrive app.
    #[serde(default, deserialize_with = "null_as_default")]
    pub access: Vec<UserAccess>,
    /// Active (not deactivated).
    #[serde(default)]
    pub active_flag: Option<bool>,
    /// Time zone (IANA name).
    #[serde(default)]
    pub timezone_name: Option<String>,
    /// Time zone offset (`+03:00`).
    #[serde(default)]
    pub timezone_offset: Option<String>,
    /// Role.
    #[serde(default)]
    pub role_id: Option<u64>,
    /// Picture.
    #[serde(default)]
    pub icon_url: Option<String>,
    /// Whether it is the caller.
    #[serde(default)]
    pub is_you: Option<bool>,
    /// Deleted.
    #[serde(default)]
    pub is_deleted: Option<bool>,
    /// Fields pdx does not name (`/users/me` adds `company_id`, `company_domain`...; `is_admin`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A user's access to one Pipedrive app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserAccess {
    /// The app (`sales`, `projects`, `campaigns`, `global`, `account_settings`).
    #[serde(default)]
    pub app: Option<String>,
    /// Whether the user administers it.
    #[serde(default)]
    pub admin: bool,
    /// The permission set.
    #[serde(default)]
    pub permission_set_id: Option<String>,
}
