//! Search (API v2): across item types (`GET /api/v2/itemSearch`, [`ItemSearch`]) and per entity
//! (`GET /api/v2/persons/search`..., [`EntitySearch`]): "find a person by email".

use super::query::{join, set_param};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// One search result: how well it matched and the item.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SearchHit<T> {
    /// Pipedrive's relevance score.
    #[serde(default)]
    pub result_score: f64,
    /// The item found.
    pub item: T,
}

/// A reference to a related object in a search result (`owner`, `organization`, `person`, `stage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchRef {
    /// Its id.
    pub id: u64,
    /// Its name, when sent.
    #[serde(default)]
    pub name: Option<String>,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A person found by search (API v2 sends its emails and phones as plain strings here).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PersonHit {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Email addresses.
    #[serde(default, deserialize_with = "strings")]
    pub emails: Vec<String>,
    /// Phone numbers.
    #[serde(default, deserialize_with = "strings")]
    pub phones: Vec<String>,
    /// Who can see it.
    #[serde(default)]
    pub visible_to: Option<super::wire::VisibleTo>,
    /// Its owner.
    #[serde(default)]
    pub owner: Option<SearchRef>,
    /// Its organization.
    #[serde(default)]
    pub organization: Option<SearchRef>,
    /// Matching custom field values.
    #[serde(default, deserialize_with = "strings")]
    pub custom_fields: Vec<String>,
    /// Matching notes.
    #[serde(default, deserialize_with = "strings")]
    pub notes: Vec<String>,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A deal found by search.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DealHit {
    /// Id.
    pub id: u64,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Value.
    #[serde(default)]
    pub value: Option<f64>,
    /// Currency code.
    #[serde(default)]
    pub currency: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<super::deals::DealStatus>,
    /// Archived.
    #[serde(default)]
    pub is_archived: bool,
    /// Its owner.
    #[serde(default)]
    pub owner: Option<SearchRef>,
    /// Its person.
    #[serde(default)]
    pub person: Option<SearchRef>,
    /// Its organization.
    #[serde(default)]
    pub organization: Option<SearchRef>,
    /// Its stage.
    #[serde(default)]
    pub stage: Option<SearchRef>,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An organization, product or other named item found by search.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NamedHit {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its owner.
    #[serde(default)]
    pub owner: Option<SearchRef>,
    /// Fields pdx does not name (an organization's `address`, a product's `code`...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A lead found by search.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LeadHit {
    /// Id (a UUID).
    pub id: String,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Archived.
    #[serde(default)]
    pub is_archived: bool,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An item of an [`ItemSearch`], by its `type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FoundItem {
    /// `deal`.
    Deal(DealHit),
    /// `person`.
    Person(PersonHit),
    /// `organization`.
    Organization(NamedHit),
    /// `product`.
    Product(NamedHit),
    /// `lead`.
    Lead(LeadHit),
    /// Another type (`file`, `mail_attachment`, `project`, or one Pipedrive adds), kept as sent.
    Other(Value),
}

impl<'de> Deserialize<'de> for FoundItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        fn typed<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
            serde_json::from_value(value).map_err(E::custom)
        }
        match value.get("type").and_then(Value::as_str) {
            Some("deal") => typed(value).map(FoundItem::Deal),
            Some("person") => typed(value).map(FoundItem::Person),
            Some("organization") => typed(value).map(FoundItem::Organization),
            Some("product") => typed(value).map(FoundItem::Product),
            Some("lead") => typed(value).map(FoundItem::Lead),
            _ => Ok(FoundItem::Other(value)),
        }
    }
}

/// Strings, or objects whose `value` is one (a person's emails), `null` as none.
fn strings<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let values = Option::<Vec<Value>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(values
        .into_iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s),
            Value::Object(o) => o.get("value").and_then(Value::as_str).map(str::to_owned),
            _ => None,
        })
        .collect())
}

/// The page of results a search answers: `data.items`.
#[derive(Debug, Deserialize)]
pub(crate) struct SearchData<T> {
    #[serde(default = "Vec::new")]
    pub(crate) items: Vec<SearchHit<T>>,
}

/// A search's parameters: the `term`, and what to match.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySearch {
    pub(super) params: Vec<(&'static str, String)>,
    pub(super) limit: Option<u32>,
}

impl EntitySearch {
    /// Items matching `term`: at least 2 characters, or 1 with [`exact_match`](Self::exact_match).
    pub fn term(term: impl Into<String>) -> Self {
        Self {
            params: vec![("term", term.into())],
            limit: None,
        }
    }

    fn set(mut self, name: &'static str, value: impl ToString) -> Self {
        set_param(&mut self.params, name, value);
        self
    }

    /// `fields`: search only these fields (persons: `name`, `email`, `phone`, `notes`, `custom_fields`; deals:
    /// `title`, `notes`, `custom_fields`; ...).
    pub fn fields<S: AsRef<str>>(self, fields: impl IntoIterator<Item = S>) -> Self {
        let joined = join(fields);
        self.set("fields", joined)
    }

    /// `exact_match`: only whole, case-insensitive matches.
    pub fn exact_match(self) -> Self {
        self.set("exact_match", true)
    }

    /// `organization_id` (persons, deals): only items of this organization.
    pub fn organization_id(self, id: u64) -> Self {
        self.set("organization_id", id)
    }

    /// `person_id` (deals): only deals of this person.
    pub fn person_id(self, id: u64) -> Self {
        self.set("person_id", id)
    }

    /// `item_types` ([`Client::search`](crate::api::Client::search) only): `deal`, `person`, `organization`,
    /// `product`, `lead`, `file`, `mail_attachment`, `project`.
    pub fn item_types<S: AsRef<str>>(self, types: impl IntoIterator<Item = S>) -> Self {
        let joined = join(types);
        self.set("item_types", joined)
    }

    /// Results asked (1 to 100; Pipedrive answers 100 unless set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// The parameters of an `itemSearch` (the same as a per-entity search's, plus `item_types`).
pub type ItemSearch = EntitySearch;
