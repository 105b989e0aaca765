//! Field definitions as the v2 Fields API answers them (`GET /api/v2/dealFields` and its twins, Pipedrive's
//! "Fields API v2"): what a company's fields are called, their keys (`field_code`), types and options.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

/// The kinds of objects that carry custom fields, each with its Fields endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldEntity {
    /// Deals (`dealFields`); leads carry the deals' custom fields.
    Deal,
    /// Persons (`personFields`).
    Person,
    /// Organizations (`organizationFields`).
    Organization,
    /// Products (`productFields`).
    Product,
}

impl FieldEntity {
    /// Every kind, in the order of the derive's `entity = "..."` names.
    pub const ALL: [FieldEntity; 4] = [
        FieldEntity::Deal,
        FieldEntity::Person,
        FieldEntity::Organization,
        FieldEntity::Product,
    ];

    /// The name the derive's `#[custom_fields(entity = "...")]` takes: `deal`, `person`, `organization`,
    /// `product`.
    pub fn name(self) -> &'static str {
        match self {
            FieldEntity::Deal => "deal",
            FieldEntity::Person => "person",
            FieldEntity::Organization => "organization",
            FieldEntity::Product => "product",
        }
    }

    /// The API v2 collection of its objects: `deals`, `persons`, `organizations`, `products`.
    pub fn collection(self) -> &'static str {
        match self {
            FieldEntity::Deal => "deals",
            FieldEntity::Person => "persons",
            FieldEntity::Organization => "organizations",
            FieldEntity::Product => "products",
        }
    }

    /// Its Fields collection: `dealFields`, `personFields`, `organizationFields`, `productFields`.
    pub fn fields_collection(self) -> &'static str {
        match self {
            FieldEntity::Deal => "dealFields",
            FieldEntity::Person => "personFields",
            FieldEntity::Organization => "organizationFields",
            FieldEntity::Product => "productFields",
        }
    }
}

impl fmt::Display for FieldEntity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A field's type (`field_type`). Types Pipedrive adds later are kept in [`FieldType::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldType {
    /// `varchar`: text, up to 255 characters.
    Varchar,
    /// `text`: large text.
    Text,
    /// `varchar_auto`: autocomplete text.
    VarcharAuto,
    /// `phone`.
    Phone,
    /// `double`: a number.
    Double,
    /// `monetary`: an amount with a currency.
    Monetary,
    /// `date`: `YYYY-MM-DD`.
    Date,
    /// `daterange`.
    DateRange,
    /// `time`: a time of day in a time zone.
    Time,
    /// `timerange`.
    TimeRange,
    /// `enum`: single option.
    Enum,
    /// `set`: multiple options.
    Set,
    /// `user`: a user of the company.
    User,
    /// `people`: a person.
    People,
    /// `org`: an organization.
    Org,
    /// `address`.
    Address,
    /// Any other `field_type` (`int`, `boolean`, `stage`, `status`, ... on standard fields, or a new type).
    Other(String),
}

/// The `field_type` names pdx types, and their variants.
const NAMED: [(&str, FieldType); 16] = [
    ("varchar", FieldType::Varchar),
    ("text", FieldType::Text),
    ("varchar_auto", FieldType::VarcharAuto),
    ("phone", FieldType::Phone),
    ("double", FieldType::Double),
    ("monetary", FieldType::Monetary),
    ("date", FieldType::Date),
    ("daterange", FieldType::DateRange),
    ("time", FieldType::Time),
    ("timerange", FieldType::TimeRange),
    ("enum", FieldType::Enum),
    ("set", FieldType::Set),
    ("user", FieldType::User),
    ("people", FieldType::People),
    ("org", FieldType::Org),
    ("address", FieldType::Address),
];

impl FieldType {
    /// The type of a `field_type` value.
    pub fn parse(name: &str) -> FieldType {
        NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| FieldType::Other(name.to_owned()), |(_, t)| t.clone())
    }

    /// The `field_type` value.
    pub fn name(&self) -> &str {
        match self {
            FieldType::Other(name) => name,
            known => NAMED
                .iter()
                .find(|(_, t)| t == known)
                .map_or("", |(n, _)| n),
        }
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for FieldType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for FieldType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(FieldType::parse(&String::deserialize(deserializer)?))
    }
}

/// An option of a single-option (`enum`) or multiple-options (`set`) field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldOption {
    /// The option's id: what objects carry.
    pub id: u64,
    /// Its label: what users see.
    pub label: String,
    /// Every other attribute (`color`, `add_time`, `update_time`...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A part of a composite field (`address`, `monetary`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subfield {
    /// Its code.
    pub field_code: String,
    /// Its name.
    #[serde(default)]
    pub field_name: String,
    /// Its type.
    pub field_type: FieldType,
}

/// One field of a kind of object in one company (an item of `GET /api/v2/dealFields`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldDefinition {
    /// The key objects carry it under: a 40-character hash for most custom fields, different in every
    /// company.
    pub field_code: String,
    /// The name users see (and may change; the code never changes).
    pub field_name: String,
    /// Its type.
    pub field_type: FieldType,
    /// Whether it is a custom field (the company's own) rather than a standard one.
    #[serde(default)]
    pub is_custom_field: bool,
    /// The options of an `enum` or `set` field.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub options: Vec<FieldOption>,
    /// The parts of an `address` or `monetary` field.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub subfields: Vec<Subfield>,
    /// Every other attribute Pipedrive sends (`is_optional_response_field`, `ui_visibility`...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl FieldDefinition {
    /// The option with this id.
    pub fn option_by_id(&self, id: u64) -> Option<&FieldOption> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The option with this label (exact match, as users see it).
    pub fn option_by_label(&self, label: &str) -> Option<&FieldOption> {
        self.options.iter().find(|o| o.label == label)
    }
}

fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}
