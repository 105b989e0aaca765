//! The records panels and modals read most. Each keeps the fields pdx names plus every other field Pipedrive
//! sends in `fields`, so nothing is lost when Pipedrive adds some.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A deal (`GET /api/v2/deals/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Id.
    pub id: u64,
    /// Title.
    pub title: String,
    /// Value, in [`currency`](Self::currency).
    #[serde(default)]
    pub value: Option<f64>,
    /// Currency code.
    #[serde(default)]
    pub currency: Option<String>,
    /// `open`, `won`, `lost` (or another value Pipedrive adds).
    #[serde(default)]
    pub status: Option<String>,
    /// Every other field, including `custom_fields`.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// A person (`GET /api/v2/persons/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// An organization (`GET /api/v2/organizations/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// A user of the company (`GET /api/v1/users/{id}`).
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
    /// Every other field.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

/// `true` for a custom field key: Pipedrive names custom fields by a 40-character hex hash.
pub(crate) fn is_custom_field_key(key: &str) -> bool {
    key.len() == 40 && key.bytes().all(|b| b.is_ascii_hexdigit())
}
