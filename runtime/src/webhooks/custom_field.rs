//! Custom field values in their **webhook** shape ("Guide for Webhooks v2", custom fields): each value an
//! object tagged by `type`, different from the API v2 shape.

use super::flex;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// `data.custom_fields` (and `previous.custom_fields`): values by the field's 40-character key. `None` is a
/// field Pipedrive sent as `null`: empty (in `previous`: it was empty before the change).
pub type CustomFields = BTreeMap<String, Option<WebhookCustomField>>;

/// One custom field's value as a webhook carries it, tagged by its field type. Option labels are not sent:
/// map option ids through the object's fields endpoint. A type pdx does not know is kept whole as
/// [`WebhookCustomField::Other`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WebhookCustomField {
    /// `varchar`: a short text.
    Varchar(String),
    /// `varchar_auto`: an autocomplete text.
    VarcharAuto(String),
    /// `text`: a long text.
    Text(String),
    /// `phone`.
    Phone(String),
    /// `date`: `YYYY-MM-DD`.
    Date(String),
    /// `double`: a number.
    Double(f64),
    /// `monetary`: an amount and its currency.
    Monetary {
        /// The amount.
        value: f64,
        /// The currency code, e.g. `EUR`.
        currency: Option<String>,
    },
    /// `people`: a person's id.
    People(u64),
    /// `org`: an organization's id.
    Org(u64),
    /// `user`: a user's id.
    User(u64),
    /// `enum`: the chosen option's id.
    Enum(u64),
    /// `set`: the chosen options' ids.
    Set(Vec<u64>),
    /// `time`: `HH:MM:SS` in a time zone.
    Time {
        /// The time.
        value: String,
        /// Pipedrive's time zone id.
        timezone_id: Option<u64>,
    },
    /// `timerange`.
    TimeRange {
        /// Start time.
        from: String,
        /// End time.
        until: String,
        /// Pipedrive's time zone id.
        timezone_id: Option<u64>,
    },
    /// `daterange`: `YYYY-MM-DD` to `YYYY-MM-DD`.
    DateRange {
        /// First day.
        from: String,
        /// Last day.
        until: String,
    },
    /// `address`.
    Address(Box<WebhookAddress>),
    /// A type pdx does not know yet (or a value whose shape does not match its type): the whole object.
    Other(Value),
}

/// An `address` custom field's parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WebhookAddress {
    /// The address as entered.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub value: Option<String>,
    /// As Google formats it.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub formatted_address: Option<String>,
    /// Country.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub country: Option<String>,
    /// City.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub locality: Option<String>,
    /// District.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub sublocality: Option<String>,
    /// Street.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub route: Option<String>,
    /// House number.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub street_number: Option<String>,
    /// Apartment, suite.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub subpremise: Option<String>,
    /// State or region.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub admin_area_level_1: Option<String>,
    /// County.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub admin_area_level_2: Option<String>,
    /// Postal code.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub postal_code: Option<String>,
}

/// The parts the typed variants read; each variant checks the ones it needs.
#[derive(Deserialize)]
struct Parts {
    #[serde(default, deserialize_with = "flex::opt_text")]
    value: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    id: Option<u64>,
    #[serde(default, deserialize_with = "flex::opt_text")]
    currency: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_text")]
    from: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_text")]
    until: Option<String>,
    #[serde(default, deserialize_with = "flex::opt_id")]
    timezone_id: Option<u64>,
}

impl WebhookCustomField {
    /// Reads a value as a webhook carries it: `None` for `null` (empty), [`WebhookCustomField::Other`] for an
    /// unknown type or a shape that does not match its type.
    pub fn from_value(value: &Value) -> Option<Self> {
        if value.is_null() {
            return None;
        }
        let field_type = value.get("type").and_then(Value::as_str).unwrap_or("");
        let typed = Self::typed(field_type, value);
        Some(typed.unwrap_or_else(|| WebhookCustomField::Other(value.clone())))
    }

    fn typed(field_type: &str, value: &Value) -> Option<Self> {
        let parts: Parts = serde_json::from_value(value.clone()).ok()?;
        let number = || value.get("value").and_then(Value::as_f64);
        let text = || parts.value.clone();
        Some(match field_type {
            "varchar" => Self::Varchar(text()?),
            "varchar_auto" => Self::VarcharAuto(text()?),
            "text" => Self::Text(text()?),
            "phone" => Self::Phone(text()?),
            "date" => Self::Date(text()?),
            "double" => Self::Double(number()?),
            "monetary" => Self::Monetary {
                value: number()?,
                currency: parts.currency,
            },
            "people" => Self::People(parts.id?),
            "org" => Self::Org(parts.id?),
            "user" => Self::User(parts.id?),
            "enum" => Self::Enum(parts.id?),
            "set" => Self::Set(set_ids(value)?),
            "time" => Self::Time {
                value: text()?,
                timezone_id: parts.timezone_id,
            },
            "timerange" => Self::TimeRange {
                from: parts.from?,
                until: parts.until?,
                timezone_id: parts.timezone_id,
            },
            "daterange" => Self::DateRange {
                from: parts.from?,
                until: parts.until?,
            },
            "address" => Self::Address(Box::new(serde_json::from_value(value.clone()).ok()?)),
            _ => return None,
        })
    }
}

/// A `set`'s option ids (`{"values": [{"id": 1}, ...]}`).
fn set_ids(value: &Value) -> Option<Vec<u64>> {
    value
        .get("values")?
        .as_array()?
        .iter()
        .map(|v| v.get("id").and_then(Value::as_u64))
        .collect()
}

impl<'de> Deserialize<'de> for WebhookCustomField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(Self::from_value(&value).unwrap_or(WebhookCustomField::Other(Value::Null)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_documented_type_reads_into_its_variant() {
        let read = |v: Value| WebhookCustomField::from_value(&v);
        assert_eq!(
            read(json!({"type": "varchar", "value": "a"})),
            Some(WebhookCustomField::Varchar("a".into()))
        );
        assert_eq!(
            read(json!({"type": "monetary", "value": 2300, "currency": "EUR"})),
            Some(WebhookCustomField::Monetary {
                value: 2300.0,
                currency: Some("EUR".into())
            })
        );
        assert_eq!(
            read(json!({"type": "set", "values": [{"id": 1}, {"id": 2}]})),
            Some(WebhookCustomField::Set(vec![1, 2]))
        );
        assert_eq!(
            read(json!({"type": "people", "id": 88})),
            Some(WebhookCustomField::People(88))
        );
        assert_eq!(
            read(json!({"type": "daterange", "from": "2026-01-01", "until": "2026-01-02"})),
            Some(WebhookCustomField::DateRange {
                from: "2026-01-01".into(),
                until: "2026-01-02".into()
            })
        );
        assert_eq!(read(json!(null)), None);
        let unknown = json!({"type": "hologram", "value": 1});
        assert_eq!(
            read(unknown.clone()),
            Some(WebhookCustomField::Other(unknown))
        );
        // A known type whose shape does not match is kept whole, not lost.
        let odd = json!({"type": "enum", "id": "not a number"});
        assert_eq!(read(odd.clone()), Some(WebhookCustomField::Other(odd)));
    }
}
