//! Wire types several entities share: `visible_to`, the raw `custom_fields` map, a person's emails and phones,
//! an address, and API v1's time format.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Who can see an object (`visible_to`; "Visibility groups" in Pipedrive's help): API v2 sends and takes a
/// number, API v1's leads a string of the same number; both are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VisibleTo {
    /// `1`: the owner and followers (private).
    Owner,
    /// `3`: the whole company (shared), or the owner's visibility group on plans with groups.
    Company,
    /// `5`: the owner's visibility group and its sub-groups.
    OwnerGroupAndSubgroups,
    /// `7`: the whole company on plans with visibility groups.
    Everyone,
    /// A value Pipedrive may add later, kept as sent.
    Other(u8),
}

impl VisibleTo {
    /// The wire number.
    pub fn code(self) -> u8 {
        match self {
            VisibleTo::Owner => 1,
            VisibleTo::Company => 3,
            VisibleTo::OwnerGroupAndSubgroups => 5,
            VisibleTo::Everyone => 7,
            VisibleTo::Other(n) => n,
        }
    }

    /// The value of a wire number.
    pub fn from_code(code: u8) -> Self {
        match code {
            1 => VisibleTo::Owner,
            3 => VisibleTo::Company,
            5 => VisibleTo::OwnerGroupAndSubgroups,
            7 => VisibleTo::Everyone,
            n => VisibleTo::Other(n),
        }
    }
}

impl Serialize for VisibleTo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

impl<'de> Deserialize<'de> for VisibleTo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Number(u8),
            Text(String),
        }
        match Wire::deserialize(deserializer)? {
            Wire::Number(n) => Ok(VisibleTo::from_code(n)),
            Wire::Text(text) => text.trim().parse().map(VisibleTo::from_code).map_err(|_| {
                serde::de::Error::custom(format!("`visible_to` is `{text}`: expected 1, 3, 5 or 7"))
            }),
        }
    }
}

/// An object's custom fields as Pipedrive sends them (`custom_fields`): the 40-character key of each field in
/// this company, and its value in the field type's shape (a string, a number, `{"value", "currency"}`...).
/// Keys differ from company to company; read them by name with pdx's custom-field support.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CustomFieldValues(pub Map<String, Value>);

/// The raw map, as [`FieldCache::read`](crate::api::FieldCache::read) takes it: `&deal.custom_fields` reads a
/// deal's custom fields through the company's keys.
impl std::ops::Deref for CustomFieldValues {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl CustomFieldValues {
    /// The value of the field with this key; `None` when absent (`null` is `Some(Value::Null)`).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// Sets a field's value (for a write body).
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> &mut Self {
        self.0.insert(key.into(), value);
        self
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `null` or absent → the default.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// One email address or phone number of a person (`emails[]`, `phones[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactDetail {
    /// The address or number.
    pub value: String,
    /// Whether it is the person's primary one.
    #[serde(default)]
    pub primary: bool,
    /// Its label: `work`, `home`, `mobile`, `other` (or another Pipedrive allows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl ContactDetail {
    /// A primary address or number with a label.
    pub fn primary(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            primary: true,
            label: Some(label.into()),
        }
    }
}

/// An address (an organization's `address`, an activity's `location`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    /// The whole address as entered.
    #[serde(default)]
    pub value: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// City or town.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// District.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sublocality: Option<String>,
    /// Street.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// House number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_number: Option<String>,
    /// Apartment or suite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subpremise: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Address parts Pipedrive adds later.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// API v1's times: `YYYY-MM-DD HH:MM:SS` in UTC (notes, users), or RFC 3339 (leads); `null` or an empty string
/// is `None`.
pub(crate) mod v1_time {
    use super::*;

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let Some(text) = Option::<String>::deserialize(deserializer)? else {
            return Ok(None);
        };
        parse(&text).map_err(serde::de::Error::custom)
    }

    pub(crate) fn serialize<S: Serializer>(
        time: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(t) => serializer.serialize_str(&t.format("%Y-%m-%d %H:%M:%S").to_string()),
            None => serializer.serialize_none(),
        }
    }

    pub(crate) fn parse(text: &str) -> Result<Option<DateTime<Utc>>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Ok(Some(t.with_timezone(&Utc)));
        }
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
            .map(|t| Some(t.and_utc()))
            .map_err(|_| format!("`{text}` is not a time (`YYYY-MM-DD HH:MM:SS` or RFC 3339)"))
    }
}
