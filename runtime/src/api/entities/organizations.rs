//! Organizations (API v2): [`Organization`] and its list's filters ([`OrganizationsQuery`]).

use super::query::{ListQuery, Listed};
use super::wire::{Address, CustomFieldValues, VisibleTo, null_as_default};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An organization (`GET /api/v2/organizations/{id}`; Pipedrive's "Organizations" API reference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// The user who owns it.
    #[serde(default)]
    pub owner_id: Option<u64>,
    /// Created.
    #[serde(default)]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
    /// Deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// Who can see it.
    #[serde(default)]
    pub visible_to: Option<VisibleTo>,
    /// Its address.
    #[serde(default)]
    pub address: Option<Address>,
    /// Its labels.
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_ids: Vec<u64>,
    /// Custom fields by their key in this company.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: CustomFieldValues,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Listed for Organization {
    const LIST: &'static super::super::Endpoint = &super::super::endpoints::ORGANIZATIONS;
    fn id(&self) -> u64 {
        self.id
    }
}

/// The filters of the organizations list (`GET /api/v2/organizations`): the common ones of [`ListQuery`].
pub type OrganizationsQuery = ListQuery<Organization>;
