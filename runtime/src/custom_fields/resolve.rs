//! [`CustomFields`] (what `#[derive(CustomFields)]` implements) and [`Resolved`]: a struct's fields mapped to
//! one company's field definitions, then read from and written to objects' `custom_fields`.

use super::definition::{FieldDefinition, FieldEntity, FieldType};
use super::error::CustomFieldError;
use super::value::CustomFieldValue;
use serde_json::{Map, Value};
use std::marker::PhantomData;

/// How a struct field names its Pipedrive field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRef {
    /// By the name users see (`field_name`), among the company's custom fields. An exact match wins; else
    /// the one field whose name matches ignoring case and surrounding spaces.
    Name(&'static str),
    /// By its key (`field_code`): the same in every company only for fields Pipedrive made (Contact Sync's
    /// `birthday`...); a custom field's 40-character key is one company's.
    Code(&'static str),
}

impl std::fmt::Display for FieldRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldRef::Name(name) => write!(f, "name \"{name}\""),
            FieldRef::Code(code) => write!(f, "code \"{code}\""),
        }
    }
}

/// One struct field of a [`CustomFields`] type: its name, its Pipedrive field, and what its Rust type holds.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// `Type.field`, for errors.
    pub member: &'static str,
    /// Its Pipedrive field.
    pub field: FieldRef,
    /// What the Rust type holds ([`CustomFieldValue::EXPECTED`]).
    pub expected: &'static str,
    /// Whether a field type holds the Rust type ([`CustomFieldValue::accepts`]).
    pub accepts: fn(&FieldType) -> bool,
}

impl FieldSpec {
    /// The spec of a struct field of Rust type `T`.
    pub const fn new<T: CustomFieldValue>(member: &'static str, field: FieldRef) -> Self {
        FieldSpec {
            member,
            field,
            expected: T::EXPECTED,
            accepts: T::accepts,
        }
    }
}

/// A struct whose fields are custom fields of one kind of object, mapped by name or code. Derive it with
/// `#[derive(pdx::CustomFields)]` (see the derive's page for the attributes).
pub trait CustomFields: Sized {
    /// The kind of object whose custom fields these are.
    const ENTITY: FieldEntity;
    /// The struct's fields, in declaration order.
    const FIELDS: &'static [FieldSpec];

    /// Reads every field (the derive calls [`FieldReader::read`] with each field's index in
    /// [`FIELDS`](Self::FIELDS)).
    fn read_fields(fields: &FieldReader<'_>) -> Result<Self, CustomFieldError>;

    /// Writes every field ([`FieldWriter::write`]).
    fn write_fields(&self, fields: &mut FieldWriter<'_>) -> Result<(), CustomFieldError>;
}

/// The definitions of a [`CustomFields`] type's fields, in one company.
pub struct FieldReader<'a> {
    definitions: &'a [FieldDefinition],
    specs: &'static [FieldSpec],
    values: &'a Map<String, Value>,
}

impl FieldReader<'_> {
    /// The value of the struct's field number `index`.
    pub fn read<V: CustomFieldValue>(&self, index: usize) -> Result<V, CustomFieldError> {
        let (spec, field) = at(self.specs, self.definitions, index)?;
        V::read(self.values.get(&field.field_code), field)
            .map_err(|message| value_error(spec, field, message))
    }
}

/// The `custom_fields` object a [`CustomFields`] value writes.
pub struct FieldWriter<'a> {
    definitions: &'a [FieldDefinition],
    specs: &'static [FieldSpec],
    values: Map<String, Value>,
}

impl FieldWriter<'_> {
    /// Writes the struct's field number `index`.
    pub fn write<V: CustomFieldValue>(
        &mut self,
        index: usize,
        value: &V,
    ) -> Result<(), CustomFieldError> {
        let (spec, field) = at(self.specs, self.definitions, index)?;
        let value = value
            .write(field)
            .map_err(|message| value_error(spec, field, message))?;
        self.values.insert(field.field_code.clone(), value);
        Ok(())
    }
}

fn at<'a>(
    specs: &'static [FieldSpec],
    definitions: &'a [FieldDefinition],
    index: usize,
) -> Result<(&'static FieldSpec, &'a FieldDefinition), CustomFieldError> {
    match (specs.get(index), definitions.get(index)) {
        (Some(spec), Some(field)) => Ok((spec, field)),
        _ => Err(CustomFieldError::Value {
            member: format!("#{index}"),
            field_name: String::new(),
            message: "no such field in the resolution (a hand-written `CustomFields` impl?)"
                .to_owned(),
        }),
    }
}

fn value_error(spec: &FieldSpec, field: &FieldDefinition, message: String) -> CustomFieldError {
    CustomFieldError::Value {
        member: spec.member.to_owned(),
        field_name: field.field_name.clone(),
        message,
    }
}

/// A [`CustomFields`] type's fields found in one company's field definitions, their types checked: reads
/// objects' `custom_fields` into the struct and writes the struct as `custom_fields`.
///
/// ```
/// use pdx::custom_fields::{CustomFields, FieldDefinition, Monetary, Resolved};
/// use serde_json::json;
///
/// #[derive(CustomFields, Debug, PartialEq)]
/// #[custom_fields(entity = "deal")]
/// struct Invoice {
///     #[custom_field(name = "Invoice terms")]
///     terms: Option<String>,
///     #[custom_field(name = "Amount due")]
///     due: Monetary,
/// }
///
/// // One company's `GET /api/v2/dealFields` (the keys differ in every company).
/// let definitions: Vec<FieldDefinition> = serde_json::from_value(json!([
///     {"field_code": "title", "field_name": "Title", "field_type": "varchar", "is_custom_field": false},
///     {"field_code": "5b1e4c8d9f0a1b2c3d4e5f60718293a4b5c6d7e8", "field_name": "Invoice terms",
///      "field_type": "varchar", "is_custom_field": true},
///     {"field_code": "0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6", "field_name": "Amount due",
///      "field_type": "monetary", "is_custom_field": true},
/// ]))?;
/// let resolved = Resolved::<Invoice>::new(&definitions)?;
///
/// let deal = json!({"5b1e4c8d9f0a1b2c3d4e5f60718293a4b5c6d7e8": "Net 30",
///                   "0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6": {"value": 1200, "currency": "EUR"}});
/// let invoice = resolved.read(deal.as_object().unwrap())?;
/// assert_eq!(invoice.terms.as_deref(), Some("Net 30"));
/// assert_eq!(invoice.due, Monetary { value: 1200.0, currency: "EUR".into() });
///
/// let written = resolved.write(&Invoice { terms: None, ..invoice })?;
/// assert_eq!(serde_json::Value::Object(written), json!({
///     "5b1e4c8d9f0a1b2c3d4e5f60718293a4b5c6d7e8": null,
///     "0f9e8d7c6b5a49382716a5b4c3d2e1f0a9b8c7d6": {"value": 1200.0, "currency": "EUR"},
/// }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Resolved<T> {
    fields: Vec<FieldDefinition>,
    of: PhantomData<fn() -> T>,
}

impl<T> Clone for Resolved<T> {
    fn clone(&self) -> Self {
        Resolved {
            fields: self.fields.clone(),
            of: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Resolved<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolved")
            .field("fields", &self.fields)
            .finish()
    }
}

impl<T: CustomFields> Resolved<T> {
    /// Finds each of `T`'s fields in a company's definitions of `T::ENTITY` (as the Fields API lists them) and
    /// checks its type; the first field not found, named ambiguously, or of a type its Rust type does not
    /// hold is the error.
    pub fn new(definitions: &[FieldDefinition]) -> Result<Self, CustomFieldError> {
        let fields = T::FIELDS
            .iter()
            .map(|spec| find(spec, T::ENTITY, definitions).cloned())
            .collect::<Result<_, _>>()?;
        Ok(Resolved {
            fields,
            of: PhantomData,
        })
    }

    /// The definition each struct field was mapped to, in declaration order.
    pub fn fields(&self) -> &[FieldDefinition] {
        &self.fields
    }

    /// The key (`field_code`) of each struct field, in declaration order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.field_code.as_str())
    }

    /// The struct from an object's `custom_fields` (a field absent from it reads as empty).
    pub fn read(&self, custom_fields: &Map<String, Value>) -> Result<T, CustomFieldError> {
        T::read_fields(&FieldReader {
            definitions: &self.fields,
            specs: T::FIELDS,
            values: custom_fields,
        })
    }

    /// The `custom_fields` object of a write: every struct field under its key, in its API v2 shape (`None`
    /// as `null`, which empties the field).
    pub fn write(&self, value: &T) -> Result<Map<String, Value>, CustomFieldError> {
        let mut writer = FieldWriter {
            definitions: &self.fields,
            specs: T::FIELDS,
            values: Map::new(),
        };
        value.write_fields(&mut writer)?;
        Ok(writer.values)
    }
}

/// The definition `spec` names, its type checked.
fn find<'a>(
    spec: &FieldSpec,
    entity: FieldEntity,
    definitions: &'a [FieldDefinition],
) -> Result<&'a FieldDefinition, CustomFieldError> {
    let found: Vec<&FieldDefinition> = match spec.field {
        FieldRef::Code(code) => definitions
            .iter()
            .filter(|d| d.field_code == code)
            .collect(),
        FieldRef::Name(name) => by_name(name, definitions),
    };
    let field = match found.as_slice() {
        [one] => *one,
        [] => {
            return Err(CustomFieldError::NotFound {
                member: spec.member.to_owned(),
                entity,
                wanted: spec.field.to_string(),
            });
        }
        several => {
            return Err(CustomFieldError::Ambiguous {
                member: spec.member.to_owned(),
                name: several[0].field_name.clone(),
                codes: several.iter().map(|d| d.field_code.clone()).collect(),
            });
        }
    };
    if !(spec.accepts)(&field.field_type) {
        return Err(CustomFieldError::TypeMismatch {
            member: spec.member.to_owned(),
            field_name: field.field_name.clone(),
            field_type: field.field_type.clone(),
            expected: spec.expected,
        });
    }
    Ok(field)
}

/// The custom fields with this name: exact matches, else matches ignoring case and surrounding spaces.
fn by_name<'a>(name: &str, definitions: &'a [FieldDefinition]) -> Vec<&'a FieldDefinition> {
    let custom = || definitions.iter().filter(|d| d.is_custom_field);
    let exact: Vec<_> = custom().filter(|d| d.field_name == name).collect();
    if !exact.is_empty() {
        return exact;
    }
    let folded = name.trim().to_lowercase();
    custom()
        .filter(|d| d.field_name.trim().to_lowercase() == folded)
        .collect()
}
