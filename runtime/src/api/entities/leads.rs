//! Leads, through API v1 until Pipedrive gives them a v2 endpoint: [`Lead`].

use super::wire::{VisibleTo, null_as_default, v1_time};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A lead (`GET /api/v1/leads/{id}`; API v1, as Pipedrive has no v2 leads endpoint yet). Leads have UUID ids.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    /// Id (a UUID).
    pub id: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// The user who owns it.
    #[serde(default)]
    pub owner_id: Option<u64>,
    /// The user who created it.
    #[serde(default)]
    pub creator_id: Option<u64>,
    /// Its labels (UUIDs).
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_ids: Vec<String>,
    /// Its person.
    #[serde(default)]
    pub person_id: Option<u64>,
    /// Its organization.
    #[serde(default)]
    pub organization_id: Option<u64>,
    /// Where it came from (`API`, `Manually created`, ...).
    #[serde(default)]
    pub source_name: Option<String>,
    /// How it was created.
    #[serde(default)]
    pub origin: Option<String>,
    /// The id of the creating integration.
    #[serde(default)]
    pub origin_id: Option<String>,
    /// The marketing channel.
    #[serde(default)]
    pub channel: Option<u64>,
    /// The id of the channel's source.
    #[serde(default)]
    pub channel_id: Option<String>,
    /// The deal it came from.
    #[serde(default)]
    pub source_deal_id: Option<u64>,
    /// Archived (left out of the leads list).
    #[serde(default)]
    pub is_archived: bool,
    /// Whether it was seen.
    #[serde(default)]
    pub was_seen: bool,
    /// Its potential value.
    #[serde(default)]
    pub value: Option<LeadValue>,
    /// Expected close date.
    #[serde(default)]
    pub expected_close_date: Option<NaiveDate>,
    /// Its next activity.
    #[serde(default)]
    pub next_activity_id: Option<u64>,
    /// Created.
    #[serde(default, with = "v1_time")]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default, with = "v1_time")]
    pub update_time: Option<DateTime<Utc>>,
    /// Who can see it.
    #[serde(default)]
    pub visible_to: Option<VisibleTo>,
    /// Its BCC address.
    #[serde(default)]
    pub cc_email: Option<String>,
    /// Fields pdx does not name (a lead's custom fields are the deal custom fields, sent at the root by API v1).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A lead's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadValue {
    /// Amount.
    pub amount: f64,
    /// Currency code.
    pub currency: String,
}
