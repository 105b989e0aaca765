//! The composite and referencing value types of custom fields, each in its API v2 shape (Pipedrive's "Custom
//! fields" page and "Pipedrive API v2 migration guide").

use super::definition::{FieldDefinition, FieldType};
use super::value::{CustomFieldValue, date, finite, id, number, present, unexpected};
use chrono::{NaiveDate, NaiveTime};
use serde_json::{Map, Value, json};

/// A `monetary` field's value: `{"value": 500, "currency": "USD"}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Monetary {
    /// The amount.
    pub value: f64,
    /// The currency's ISO 4217 code (`EUR`, `USD`...).
    pub currency: String,
}

impl CustomFieldValue for Monetary {
    const EXPECTED: &'static str = "an amount with a currency (`monetary`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::Monetary
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        let v = present(value)?;
        let amount = v.get("value").and_then(number);
        let currency = v.get("currency").and_then(Value::as_str);
        match (amount, currency) {
            (Some(value), Some(currency)) => Ok(Monetary {
                value,
                currency: currency.to_owned(),
            }),
            _ => Err(unexpected(v, "{\"value\": <number>, \"currency\": <code>}")),
        }
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        let code = &self.currency;
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(format!(
                "currency `{code}` is not a 3-letter ISO 4217 code such as `EUR`"
            ));
        }
        Ok(json!({"value": finite(self.value)?, "currency": code}))
    }
}

/// A `daterange` field's value: `{"value": "2024-01-01", "until": "2024-02-01"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    /// The first day (`value`).
    pub start: NaiveDate,
    /// The last day (`until`).
    pub until: NaiveDate,
}

impl CustomFieldValue for DateRange {
    const EXPECTED: &'static str = "a date range (`daterange`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::DateRange
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        let v = present(value)?;
        let part = |name: &str| date(v.get(name).unwrap_or(&Value::Null));
        Ok(DateRange {
            start: part("value")?,
            until: part("until")?,
        })
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        if self.until < self.start {
            return Err(format!(
                "the range ends ({}) before it starts ({})",
                self.until, self.start
            ));
        }
        Ok(json!({"value": self.start.format("%Y-%m-%d").to_string(),
                  "until": self.until.format("%Y-%m-%d").to_string()}))
    }
}

/// A time zone of a `time` or `timerange` value: pdx writes `timezone_name` (an IANA name), as Pipedrive
/// asks (`timezone_id` may stop being accepted); without one, Pipedrive uses the user's zone.
fn zone_of(v: &Value) -> (Option<String>, Option<u64>) {
    let name = v
        .get("timezone_name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    (name, v.get("timezone_id").and_then(id))
}

fn time(value: Option<&Value>) -> Result<NaiveTime, String> {
    let value = value.unwrap_or(&Value::Null);
    value
        .as_str()
        .and_then(|s| {
            NaiveTime::parse_from_str(s, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
                .ok()
        })
        .ok_or_else(|| unexpected(value, "a time as HH:MM:SS"))
}

fn with_zone(mut object: Map<String, Value>, zone: Option<&String>) -> Value {
    if let Some(zone) = zone {
        object.insert("timezone_name".into(), json!(zone));
    }
    Value::Object(object)
}

/// A `time` field's value: `{"value": "09:00:00", "timezone_name": "Europe/London"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Time {
    /// The time of day.
    pub time: NaiveTime,
    /// Its IANA time zone; `None` writes none (Pipedrive then uses the user's).
    pub timezone_name: Option<String>,
    /// Pipedrive's id of the zone, as read (never written).
    pub timezone_id: Option<u64>,
}

impl CustomFieldValue for Time {
    const EXPECTED: &'static str = "a time of day (`time`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::Time
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        let v = present(value)?;
        let (timezone_name, timezone_id) = zone_of(v);
        Ok(Time {
            time: time(v.get("value"))?,
            timezone_name,
            timezone_id,
        })
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        let mut object = Map::new();
        object.insert(
            "value".into(),
            json!(self.time.format("%H:%M:%S").to_string()),
        );
        Ok(with_zone(object, self.timezone_name.as_ref()))
    }
}

/// A `timerange` field's value: `{"value": "09:00:00", "until": "11:00:00", "timezone_name": ...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRange {
    /// The start (`value`).
    pub start: NaiveTime,
    /// The end (`until`).
    pub until: NaiveTime,
    /// Its IANA time zone; `None` writes none.
    pub timezone_name: Option<String>,
    /// Pipedrive's id of the zone, as read (never written).
    pub timezone_id: Option<u64>,
}

impl CustomFieldValue for TimeRange {
    const EXPECTED: &'static str = "a time range (`timerange`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::TimeRange
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        let v = present(value)?;
        let (timezone_name, timezone_id) = zone_of(v);
        Ok(TimeRange {
            start: time(v.get("value"))?,
            until: time(v.get("until"))?,
            timezone_name,
            timezone_id,
        })
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        let mut object = Map::new();
        object.insert(
            "value".into(),
            json!(self.start.format("%H:%M:%S").to_string()),
        );
        object.insert(
            "until".into(),
            json!(self.until.format("%H:%M:%S").to_string()),
        );
        Ok(with_zone(object, self.timezone_name.as_ref()))
    }
}

/// A single-option (`enum`) field's value, by the option's **label**: read from the option id through the
/// field's options, written as the id of the option with that label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SingleOption(pub String);

fn label_of(field: &FieldDefinition, value: &Value) -> Result<String, String> {
    let option = id(value).ok_or_else(|| unexpected(value, "an option id"))?;
    field
        .option_by_id(option)
        .map(|o| o.label.clone())
        .ok_or_else(|| format!("option id {option} is not one of the field's options"))
}

fn id_of(field: &FieldDefinition, label: &str) -> Result<Value, String> {
    field
        .option_by_label(label)
        .map(|o| json!(o.id))
        .ok_or_else(|| {
            let labels: Vec<String> = field
                .options
                .iter()
                .take(20)
                .map(|o| format!("\"{}\"", o.label))
                .collect();
            format!(
                "no option is labelled \"{label}\"; the options are {}",
                labels.join(", ")
            )
        })
}

impl CustomFieldValue for SingleOption {
    const EXPECTED: &'static str = "one option label (`enum`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::Enum
    }

    fn read(value: Option<&Value>, field: &FieldDefinition) -> Result<Self, String> {
        label_of(field, present(value)?).map(SingleOption)
    }

    fn write(&self, field: &FieldDefinition) -> Result<Value, String> {
        id_of(field, &self.0)
    }
}

/// A multiple-options (`set`) field's value, by the options' **labels**.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MultipleOptions(pub Vec<String>);

impl CustomFieldValue for MultipleOptions {
    const EXPECTED: &'static str = "option labels (`set`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::Set
    }

    fn read(value: Option<&Value>, field: &FieldDefinition) -> Result<Self, String> {
        match value {
            None | Some(Value::Null) => Ok(MultipleOptions::default()),
            Some(Value::Array(ids)) => ids
                .iter()
                .map(|v| label_of(field, v))
                .collect::<Result<_, _>>()
                .map(MultipleOptions),
            // Forward compatible: comma-separated ids, as API v1 sent them.
            Some(Value::String(s)) => s
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| label_of(field, &Value::String(s.to_owned())))
                .collect::<Result<_, _>>()
                .map(MultipleOptions),
            Some(other) => Err(unexpected(other, "an array of option ids")),
        }
    }

    fn write(&self, field: &FieldDefinition) -> Result<Value, String> {
        self.0
            .iter()
            .map(|label| id_of(field, label))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array)
    }
}

/// A reference field's value, an object's id.
macro_rules! reference {
    ($(#[$doc:meta])* $name:ident, $field_type:ident, $expected:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name(pub u64);

        impl CustomFieldValue for $name {
            const EXPECTED: &'static str = $expected;

            fn accepts(field_type: &FieldType) -> bool {
                *field_type == FieldType::$field_type
            }

            fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
                let v = present(value)?;
                id(v).map($name).ok_or_else(|| unexpected(v, "an id"))
            }

            fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
                Ok(json!(self.0))
            }
        }
    };
}

reference!(
    /// A `user` field's value: a user's id.
    UserId, User, "a user id (`user`)"
);
reference!(
    /// A person (`people`) field's value: a person's id.
    PersonId, People, "a person id (`people`)"
);
reference!(
    /// An organization (`org`) field's value: an organization's id.
    OrganizationId, Org, "an organization id (`org`)"
);

/// An `address` field's value. Reading fills every part Pipedrive sends; writing sends `value` and the parts
/// that are `Some` (Pipedrive requires only `value` and sets the parts left out to `null`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    /// The address as entered.
    pub value: String,
    /// Street number.
    pub street_number: Option<String>,
    /// Street.
    pub route: Option<String>,
    /// Apartment or suite.
    pub subpremise: Option<String>,
    /// District.
    pub sublocality: Option<String>,
    /// City or town.
    pub locality: Option<String>,
    /// State or region.
    pub admin_area_level_1: Option<String>,
    /// County.
    pub admin_area_level_2: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// The address as Google formats it (read only).
    pub formatted_address: Option<String>,
}

/// The parts of an address a write may send, in Pipedrive's order.
const ADDRESS_PARTS: [&str; 9] = [
    "street_number",
    "route",
    "subpremise",
    "sublocality",
    "locality",
    "admin_area_level_1",
    "admin_area_level_2",
    "country",
    "postal_code",
];

impl Address {
    fn parts(&self) -> [&Option<String>; 9] {
        [
            &self.street_number,
            &self.route,
            &self.subpremise,
            &self.sublocality,
            &self.locality,
            &self.admin_area_level_1,
            &self.admin_area_level_2,
            &self.country,
            &self.postal_code,
        ]
    }
}

impl CustomFieldValue for Address {
    const EXPECTED: &'static str = "an address (`address`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::Address
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        let v = present(value)?;
        let text = |name: &str| v.get(name).and_then(Value::as_str).map(str::to_owned);
        let Some(value) = text("value") else {
            return Err(unexpected(v, "an address object with `value`"));
        };
        Ok(Address {
            value,
            street_number: text("street_number"),
            route: text("route"),
            subpremise: text("subpremise"),
            sublocality: text("sublocality"),
            locality: text("locality"),
            admin_area_level_1: text("admin_area_level_1"),
            admin_area_level_2: text("admin_area_level_2"),
            country: text("country"),
            postal_code: text("postal_code"),
            formatted_address: text("formatted_address"),
        })
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        if self.value.trim().is_empty() {
            return Err("an address needs its `value`".to_owned());
        }
        let mut object = Map::new();
        object.insert("value".into(), json!(self.value));
        for (name, part) in ADDRESS_PARTS.iter().zip(self.parts()) {
            if let Some(part) = part {
                object.insert((*name).into(), json!(part));
            }
        }
        Ok(Value::Object(object))
    }
}
