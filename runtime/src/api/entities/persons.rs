//! Persons (API v2): [`Person`], its list's filters ([`PersonsQuery`]) and the write bodies [`NewPerson`] and
//! [`PersonUpdate`].

use super::query::{ListQuery, Listed};
use super::wire::{ContactDetail, CustomFieldValues, VisibleTo, null_as_default};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A person (`GET /api/v2/persons/{id}`; Pipedrive's "Persons" API reference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// First name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// The user who owns it.
    #[serde(default)]
    pub owner_id: Option<u64>,
    /// Its organization.
    #[serde(default)]
    pub org_id: Option<u64>,
    /// Created.
    #[serde(default)]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
    /// Email addresses.
    #[serde(default, deserialize_with = "null_as_default")]
    pub emails: Vec<ContactDetail>,
    /// Phone numbers.
    #[serde(default, deserialize_with = "null_as_default")]
    pub phones: Vec<ContactDetail>,
    /// Deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// Who can see it.
    #[serde(default)]
    pub visible_to: Option<VisibleTo>,
    /// Its labels.
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_ids: Vec<u64>,
    /// Its picture.
    #[serde(default)]
    pub picture_id: Option<u64>,
    /// Custom fields by their key in this company.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: CustomFieldValues,
    /// Fields pdx does not name (Contact Sync's `job_title`, `birthday`... when asked with `include_fields`, and
    /// fields Pipedrive adds later).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Person {
    /// The primary email address, else the first one.
    pub fn primary_email(&self) -> Option<&str> {
        primary(&self.emails)
    }

    /// The primary phone number, else the first one.
    pub fn primary_phone(&self) -> Option<&str> {
        primary(&self.phones)
    }
}

fn primary(details: &[ContactDetail]) -> Option<&str> {
    details
        .iter()
        .find(|d| d.primary)
        .or_else(|| details.first())
        .map(|d| d.value.as_str())
}

impl Listed for Person {
    const LIST: &'static super::super::Endpoint = &super::super::endpoints::PERSONS;
    fn id(&self) -> u64 {
        self.id
    }
}

/// The filters of the persons list (`GET /api/v2/persons`).
pub type PersonsQuery = ListQuery<Person>;

impl ListQuery<Person> {
    /// `org_id`: only persons of this organization.
    pub fn org_id(self, id: u64) -> Self {
        self.set("org_id", id)
    }

    /// `deal_id`: only persons of this deal.
    pub fn deal_id(self, id: u64) -> Self {
        self.set("deal_id", id)
    }
}

/// A person to create (`POST /api/v2/persons`): `name` and the fields set, nothing else sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct NewPerson {
    fields: PersonUpdate,
}

impl NewPerson {
    /// A person with this name.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            fields: PersonUpdate::default().name(name),
        }
    }

    fn fields_mut(&mut self) -> &mut PersonUpdate {
        &mut self.fields
    }
}

/// Changes to a person (`PATCH /api/v2/persons/{id}`): only the fields set are sent. `emails` and `phones`
/// replace the person's whole list when set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PersonUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    emails: Option<Vec<ContactDetail>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phones: Option<Vec<ContactDetail>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    visible_to: Option<VisibleTo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_ids: Option<Vec<u64>>,
    #[serde(skip_serializing_if = "CustomFieldValues::is_empty")]
    custom_fields: CustomFieldValues,
}

impl PersonUpdate {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }

    fn fields_mut(&mut self) -> &mut PersonUpdate {
        self
    }
}

macro_rules! person_setters {
    ($ty:ty) => {
        impl $ty {
            /// Sets `name`.
            pub fn name(mut self, name: impl Into<String>) -> Self {
                self.fields_mut().name = Some(name.into());
                self
            }
            /// Sets `owner_id`.
            pub fn owner_id(mut self, user_id: u64) -> Self {
                self.fields_mut().owner_id = Some(user_id);
                self
            }
            /// Sets `org_id`.
            pub fn org_id(mut self, id: u64) -> Self {
                self.fields_mut().org_id = Some(id);
                self
            }
            /// Sets `emails` (the whole list).
            pub fn emails(mut self, emails: impl IntoIterator<Item = ContactDetail>) -> Self {
                self.fields_mut().emails = Some(emails.into_iter().collect());
                self
            }
            /// Sets `phones` (the whole list).
            pub fn phones(mut self, phones: impl IntoIterator<Item = ContactDetail>) -> Self {
                self.fields_mut().phones = Some(phones.into_iter().collect());
                self
            }
            /// Sets `visible_to`.
            pub fn visible_to(mut self, visible_to: VisibleTo) -> Self {
                self.fields_mut().visible_to = Some(visible_to);
                self
            }
            /// Sets `label_ids`.
            pub fn label_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
                self.fields_mut().label_ids = Some(ids.into_iter().collect());
                self
            }
            /// Sets one custom field, by its key in this company, sent under `custom_fields`.
            pub fn custom_field(mut self, key: impl Into<String>, value: Value) -> Self {
                self.fields_mut().custom_fields.insert(key, value);
                self
            }
        }
    };
}

person_setters!(NewPerson);
person_setters!(PersonUpdate);
