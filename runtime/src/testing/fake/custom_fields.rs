//! Each company's field definitions (Pipedrive's "Custom fields" page: custom fields are keyed by a
//! 40-character hash that differs from company to company), and a value's two shapes: the API v2 shape objects
//! carry, and the webhook v2 shape deliveries carry ("Webhooks v2 migration guide").

use super::entity::Entity;
use super::random::random_hex;
use serde_json::{Map, Value, json};

/// The type of a custom field (`field_type` in the Fields API).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldType {
    /// `varchar`: text up to 255 characters.
    Varchar,
    /// `text`: large text.
    Text,
    /// `varchar_auto`: autocomplete text.
    VarcharAuto,
    /// `phone`.
    Phone,
    /// `date`: `YYYY-MM-DD`.
    Date,
    /// `double`: a number.
    Double,
    /// `monetary`: a number with a currency.
    Monetary,
    /// `enum`: one option, by option id.
    Enum,
    /// `set`: several options, by option ids.
    Set,
    /// `user`: a user id.
    User,
    /// `people`: a person id.
    People,
    /// `org`: an organization id.
    Org,
    /// `time`: a time of day with a time zone.
    Time,
    /// `timerange`.
    TimeRange,
    /// `daterange`.
    DateRange,
    /// `address`.
    Address,
}

impl FieldType {
    /// The `field_type` value.
    pub fn id(self) -> &'static str {
        match self {
            FieldType::Varchar => "varchar",
            FieldType::Text => "text",
            FieldType::VarcharAuto => "varchar_auto",
            FieldType::Phone => "phone",
            FieldType::Date => "date",
            FieldType::Double => "double",
            FieldType::Monetary => "monetary",
            FieldType::Enum => "enum",
            FieldType::Set => "set",
            FieldType::User => "user",
            FieldType::People => "people",
            FieldType::Org => "org",
            FieldType::Time => "time",
            FieldType::TimeRange => "timerange",
            FieldType::DateRange => "daterange",
            FieldType::Address => "address",
        }
    }

    fn has_options(self) -> bool {
        matches!(self, FieldType::Enum | FieldType::Set)
    }
}

/// An option of an `enum` or `set` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FieldOption {
    pub(super) id: u64,
    pub(super) label: String,
}

/// A custom field of one company.
#[derive(Debug, Clone)]
pub(super) struct CustomField {
    pub(super) key: String,
    pub(super) name: String,
    pub(super) field_type: FieldType,
    pub(super) options: Vec<FieldOption>,
}

/// The custom fields of one company, per kind of object.
#[derive(Debug, Default)]
pub(super) struct CompanyFields {
    fields: Vec<(Entity, CustomField)>,
    next_option_id: u64,
}

impl CompanyFields {
    /// Adds a field with a fresh random key (unique in the company) and its options.
    pub(super) fn add(
        &mut self,
        entity: Entity,
        name: &str,
        field_type: FieldType,
        labels: &[&str],
    ) -> String {
        let key = loop {
            let key = random_hex(20);
            if self.fields.iter().all(|(_, f)| f.key != key) {
                break key;
            }
        };
        if self.next_option_id == 0 {
            // Option ids differ between companies too.
            self.next_option_id =
                1 + u64::from(u16::from_str_radix(&random_hex(2), 16).unwrap_or(7));
        }
        let options = labels
            .iter()
            .filter(|_| field_type.has_options())
            .map(|label| {
                self.next_option_id += 1;
                FieldOption {
                    id: self.next_option_id,
                    label: (*label).to_owned(),
                }
            })
            .collect();
        self.fields.push((
            entity,
            CustomField {
                key: key.clone(),
                name: name.to_owned(),
                field_type,
                options,
            },
        ));
        key
    }

    /// Deletes a kind's custom field by its name; its key, if there was one. Objects keep the old key's
    /// values, as Pipedrive's do until they are next written.
    pub(super) fn remove(&mut self, entity: Entity, name: &str) -> Option<String> {
        let at = self
            .fields
            .iter()
            .position(|(e, f)| *e == entity && f.name == name)?;
        Some(self.fields.remove(at).1.key)
    }

    /// The custom fields of a kind, in the order they were added. Leads have the deals' custom fields.
    pub(super) fn of(&self, entity: Entity) -> impl Iterator<Item = &CustomField> {
        let entity = if entity == Entity::Lead {
            Entity::Deal
        } else {
            entity
        };
        self.fields
            .iter()
            .filter(move |(e, _)| *e == entity)
            .map(|(_, f)| f)
    }

    /// A field of a kind by its key.
    pub(super) fn by_key(&self, entity: Entity, key: &str) -> Option<&CustomField> {
        self.of(entity).find(|f| f.key == key)
    }

    /// A field of a kind by its key, else by its name.
    pub(super) fn by_key_or_name(&self, entity: Entity, key_or_name: &str) -> Option<&CustomField> {
        self.by_key(entity, key_or_name)
            .or_else(|| self.of(entity).find(|f| f.name == key_or_name))
    }

    /// A seeded `custom_fields` object with field names turned into keys and option labels into option ids.
    pub(super) fn resolve_seed(
        &self,
        entity: Entity,
        company: u64,
        seed: &Map<String, Value>,
    ) -> Map<String, Value> {
        seed.iter()
            .map(|(key_or_name, value)| {
                let field = self.by_key_or_name(entity, key_or_name).unwrap_or_else(|| {
                    panic!(
                        "company {company} has no {entity} custom field `{key_or_name}`: add it first with \
                         `FakeCompany::add_custom_field`"
                    )
                });
                (field.key.clone(), field.option_ids_of(value))
            })
            .collect()
    }
}

impl CustomField {
    /// A value with option labels (strings) replaced by their ids; any other value as given.
    fn option_ids_of(&self, value: &Value) -> Value {
        let id_of = |v: &Value| match v {
            Value::String(label) => self
                .options
                .iter()
                .find(|o| &o.label == label)
                .map_or_else(|| v.clone(), |o| json!(o.id)),
            other => other.clone(),
        };
        match (self.field_type, value) {
            (FieldType::Enum, v) => id_of(v),
            (FieldType::Set, Value::Array(items)) => {
                Value::Array(items.iter().map(id_of).collect())
            }
            (_, v) => v.clone(),
        }
    }

    /// The definition the v2 Fields API answers.
    pub(super) fn definition(&self) -> Value {
        let options = self.field_type.has_options().then(|| {
            self.options
                .iter()
                .map(|o| json!({"id": o.id, "label": o.label, "color": null}))
                .collect::<Vec<_>>()
        });
        let subfields = match self.field_type {
            FieldType::Monetary => Some(json!([
                {"field_code": format!("{}_currency", self.key), "field_name": "Currency", "field_type": "varchar"}
            ])),
            FieldType::Address => Some(json!([
                {"field_code": format!("{}_locality", self.key), "field_name": "City/town/village/locality",
                 "field_type": "varchar"}
            ])),
            _ => None,
        };
        json!({
            "field_name": self.name,
            "field_code": self.key,
            "field_type": self.field_type.id(),
            "is_custom_field": true,
            "is_optional_response_field": false,
            "options": options,
            "subfields": subfields,
        })
    }

    /// A value in the webhook v2 shape: the API's bare values wrapped in `{"type": ..., ...}` objects.
    pub(super) fn webhook_value(&self, value: &Value) -> Value {
        if value.is_null() {
            return Value::Null;
        }
        let t = self.field_type.id();
        let field = |name: &str| value.get(name).cloned().unwrap_or(Value::Null);
        match self.field_type {
            FieldType::Double
            | FieldType::Varchar
            | FieldType::Text
            | FieldType::VarcharAuto
            | FieldType::Phone
            | FieldType::Date => json!({"type": t, "value": value}),
            FieldType::Monetary => {
                json!({"type": t, "value": field("value"), "currency": field("currency")})
            }
            FieldType::User | FieldType::People | FieldType::Org | FieldType::Enum => {
                json!({"type": t, "id": value})
            }
            FieldType::Set => {
                let ids: Vec<Value> = value
                    .as_array()
                    .map(|ids| ids.iter().map(|id| json!({"id": id})).collect())
                    .unwrap_or_default();
                json!({"type": t, "values": ids})
            }
            FieldType::Time => {
                json!({"type": t, "value": field("value"), "timezone_id": field("timezone_id")})
            }
            FieldType::TimeRange => {
                json!({"type": t, "from": field("value"), "until": field("until"),
                                           "timezone_id": field("timezone_id")})
            }
            FieldType::DateRange => {
                json!({"type": t, "from": field("value"), "until": field("until")})
            }
            FieldType::Address => {
                let mut shaped = value.as_object().cloned().unwrap_or_default();
                shaped.insert("type".into(), json!(t));
                Value::Object(shaped)
            }
        }
    }
}

/// The standard (non-custom) fields the Fields API lists for a kind, as (`field_code`, `field_name`,
/// `field_type`).
pub(super) fn standard_fields(
    entity: Entity,
) -> &'static [(&'static str, &'static str, &'static str)] {
    match entity {
        Entity::Deal => &[
            ("id", "ID", "int"),
            ("title", "Title", "varchar"),
            ("value", "Value", "monetary"),
            ("owner_id", "Owner", "user"),
            ("person_id", "Contact person", "people"),
            ("org_id", "Organization", "org"),
            ("pipeline_id", "Pipeline", "int"),
            ("stage_id", "Stage", "stage"),
            ("status", "Status", "status"),
            ("expected_close_date", "Expected close date", "date"),
            ("add_time", "Deal created", "date"),
            ("update_time", "Update time", "date"),
        ],
        Entity::Person => &[
            ("id", "ID", "int"),
            ("name", "Name", "varchar"),
            ("owner_id", "Owner", "user"),
            ("org_id", "Organization", "org"),
            ("emails", "Email", "varchar"),
            ("phones", "Phone", "phone"),
        ],
        Entity::Organization => &[
            ("id", "ID", "int"),
            ("name", "Name", "varchar"),
            ("owner_id", "Owner", "user"),
            ("address", "Address", "address"),
        ],
        Entity::Product => &[
            ("id", "ID", "int"),
            ("name", "Name", "varchar"),
            ("code", "Product code", "varchar"),
            ("owner_id", "Owner", "user"),
        ],
        Entity::Activity => &[
            ("id", "ID", "int"),
            ("subject", "Subject", "varchar"),
            ("type", "Type", "varchar"),
            ("due_date", "Due date", "date"),
            ("owner_id", "Assigned to user", "user"),
            ("done", "Done", "boolean"),
        ],
        _ => &[],
    }
}
