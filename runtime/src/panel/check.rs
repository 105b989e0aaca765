//! The checks of JSON panels (Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>): the
//! data structure file, a response against a
//! structure, and the error state. Each runs a JSON Schema (compiled once) for the structural part, maps every
//! jsonschema error to a [`Problem`](crate::Problem) with a readable message and the error's instance path, and
//! then checks in plain Rust what JSON Schema cannot say (real dates, truncation, duplicate headers...).

use super::checked::Plan;
use super::limits::{
    EXTERNAL_LINK_LABEL_TRUNCATED_AFTER, LABEL_TRUNCATED_AFTER, MAX_FIELDS, MAX_OBJECTS,
    TEXT_TRUNCATED_AFTER,
};
use super::response::{ExternalLink, PanelError, Settings};
use super::structure::{FieldType, ObjectStructure, PanelKind, REF_PREFIX, object_pointer};
use super::value::{LabelColor, Time, is_date, is_date_time};
use crate::problem::{Problems, Severity, pointer_push};
use jsonschema::Validator;
use jsonschema::error::{TypeKind, ValidationError, ValidationErrorKind};
use schemars::JsonSchema;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

/// The JSON Schema dialect of every schema pdx builds here.
const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A schema generator that inlines every subschema, so each schema is one self-contained document.
fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator()
}

fn schema_of<T: JsonSchema>() -> Value {
    let mut value = generator().subschema_for::<T>().to_value();
    if let Value::Object(map) = &mut value {
        map.remove("title");
        map.remove("description");
    }
    value
}

fn compile(schema: &Value) -> Result<Validator, String> {
    jsonschema::options()
        .build(schema)
        .map_err(|e| format!("pdx built an invalid JSON Schema: {e}"))
}

/// Reports that a schema pdx built could not be compiled (a bug of pdx, never of the checked document).
fn broken(problems: &mut Problems, why: &str) {
    problems.error("", format!("internal error, please report it: {why}"));
}

// ---------------------------------------------------------------------------------------------------------------
// Data structure
// ---------------------------------------------------------------------------------------------------------------

/// The JSON Schema of a data structure file.
///
/// The object and field definitions are generated with schemars from the wire model ([`ObjectStructure`],
/// [`FieldDefinition`](super::FieldDefinition), [`FieldType`]). The root is written by hand: it is a union over
/// `type` (`object` or `array` + `items`), which schemars writes as a `oneOf`, and jsonschema reports a failing
/// `oneOf` as one opaque error at the root; an `if`/`then`/`else` on `type` keeps every pointer exact.
pub fn data_structure_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let items = schema_of::<ObjectStructure>();
        // `type` is required at the root of a single-object file; in `items` its absence is only a warning (see
        // `structure_rules`), so the model reads it with a default and the schema adds it here.
        let mut object = items.clone();
        if let Some(Value::Object(map)) = Some(&mut object) {
            let required = map.entry("required").or_insert_with(|| json!([]));
            if let Value::Array(keys) = required
                && !keys.iter().any(|k| k == "type")
            {
                keys.insert(0, json!("type"));
            }
        }
        json!({
            "$schema": DIALECT,
            "if": { "type": "object", "required": ["type"], "properties": { "type": { "const": "array" } } },
            "then": {
                "type": "object",
                "required": ["items"],
                "properties": { "type": true, "items": items },
                "additionalProperties": false
            },
            "else": object
        })
    })
}

fn data_structure_validator() -> &'static Result<Validator, String> {
    static VALIDATOR: OnceLock<Result<Validator, String>> = OnceLock::new();
    VALIDATOR.get_or_init(|| compile(data_structure_schema()))
}

/// Checks that a data structure file is well formed: root shape, known `$ref` types, `label` a string,
/// `required` ⊆ `properties`, a `header` field in multiple-object panels, at most one `header`, at most 20 other
/// fields. Unknown keys are warnings.
pub fn check_data_structure(structure: &Value) -> Problems {
    let mut problems = Problems::new();
    match data_structure_validator() {
        Ok(validator) => {
            for error in validator.iter_errors(structure) {
                structure_problem(&error, structure, &mut problems);
            }
        }
        Err(why) => broken(&mut problems, why),
    }
    structure_rules(structure, &mut problems);
    problems
}

/// Where in a data structure a pointer lands.
enum StructurePlace<'a> {
    /// The file's root (of a multiple-object file: the array wrapper).
    Root,
    /// The file's `type`.
    RootType,
    /// The object structure (the root, or `items`).
    Object,
    /// The object's `type`.
    ObjectType,
    /// `required` or one of its entries.
    Required,
    /// `properties`.
    Properties,
    /// One field definition.
    Field(&'a str),
    /// A key inside a field definition.
    FieldKey(&'a str, &'a str),
    Other,
}

fn structure_place<'a>(tokens: &'a [String], multiple: bool) -> StructurePlace<'a> {
    let rest: &[String] = if multiple {
        match tokens {
            [] => return StructurePlace::Root,
            [t] if t == "type" => return StructurePlace::RootType,
            [first, rest @ ..] if first == "items" => rest,
            _ => return StructurePlace::Other,
        }
    } else {
        tokens
    };
    match rest {
        [] => StructurePlace::Object,
        [t] if t == "type" => {
            if multiple {
                StructurePlace::ObjectType
            } else {
                StructurePlace::RootType
            }
        }
        [t, ..] if t == "required" => StructurePlace::Required,
        [t] if t == "properties" => StructurePlace::Properties,
        [t, key] if t == "properties" => StructurePlace::Field(key),
        [t, key, inner, ..] if t == "properties" => StructurePlace::FieldKey(key, inner),
        _ => StructurePlace::Other,
    }
}

fn type_names() -> String {
    FieldType::ALL
        .iter()
        .map(|t| t.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn structure_problem(error: &ValidationError<'_>, doc: &Value, problems: &mut Problems) {
    let path = error.instance_path().as_str().to_owned();
    let tokens = tokens(&path);
    let multiple = doc.get("type").and_then(Value::as_str) == Some("array");
    let place = structure_place(&tokens, multiple);
    let instance = error.instance();
    let found = Found(instance);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let message = match place {
                    StructurePlace::Field(field) => format!(
                        "unknown key `{key}` in the definition of field `{field}`: the format knows only `$ref` and \
                         `label` (Pipedrive may ignore it)"
                    ),
                    StructurePlace::Root => format!(
                        "unknown key `{key}`: a multiple-object data structure has only `type` and `items` \
                         (Pipedrive may ignore it)"
                    ),
                    _ => format!(
                        "unknown key `{key}`: a panel object has only `type`, `required` and `properties` \
                         (Pipedrive may ignore it)"
                    ),
                };
                // Unknown keys are warnings, in case Pipedrive adds some.
                problems.warning(pointer_push(&path, key), message);
            }
        }
        ValidationErrorKind::Required { property } => {
            let property = property.as_str().unwrap_or_default();
            let message = match (&place, property) {
                (StructurePlace::Field(field), "$ref") => format!(
                    "missing `$ref` in the definition of field `{field}`: it names the field's type, e.g. \
                     `#/definitions/text`"
                ),
                (_, "type") => "missing `type`: `object` for a single-object panel, `array` for a multiple-object \
                                one"
                .to_owned(),
                (_, "properties") => "missing `properties`: the map of field keys to field definitions".to_owned(),
                (_, "items") => {
                    "missing `items`: a multiple-object panel (`\"type\": \"array\"`) describes its objects in \
                     `items`"
                        .to_owned()
                }
                _ => format!("missing `{property}`"),
            };
            problems.error(path, message);
        }
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
            let message = match place {
                StructurePlace::FieldKey(field, "$ref") => format!(
                    "unknown field type {found} for field `{field}`: expected `{REF_PREFIX}<type>` with <type> one \
                     of {}",
                    type_names()
                ),
                StructurePlace::RootType => format!(
                    "expected `object` (a single-object panel) or `array` (a multiple-object panel), found {found}"
                ),
                StructurePlace::ObjectType => {
                    format!("the objects in `items` have `\"type\": \"object\"`, found {found}")
                }
                _ => kind_message(error.kind(), instance),
            };
            problems.error(path, message);
        }
        ValidationErrorKind::Type { kind } => {
            let message = match place {
                StructurePlace::Root | StructurePlace::Object if tokens.is_empty() => {
                    format!("a data structure is a JSON object, found {found}")
                }
                StructurePlace::Object => {
                    format!("`items` is a JSON object describing each panel object, found {found}")
                }
                StructurePlace::Required if tokens.last().is_some_and(|t| t == "required") => {
                    format!("`required` is an array of field keys, found {found}")
                }
                StructurePlace::Required => {
                    format!("each entry of `required` is a field key (a string), found {found}")
                }
                StructurePlace::Properties => {
                    format!(
                        "`properties` is an object mapping field keys to field definitions, found {found}"
                    )
                }
                StructurePlace::Field(field) => format!(
                    "the definition of field `{field}` is an object `{{\"$ref\": \"#/definitions/<type>\", \
                     \"label\"?: string}}`, found {found}"
                ),
                StructurePlace::FieldKey(field, "label") => {
                    format!("the label of field `{field}` is a string, found {found}")
                }
                StructurePlace::FieldKey(field, "$ref") => format!(
                    "the `$ref` of field `{field}` is a string `{REF_PREFIX}<type>`, found {found}"
                ),
                _ => format!("expected {}, found {found}", type_words(kind)),
            };
            problems.error(path, message);
        }
        other => problems.error(path, kind_message(other, instance)),
    }
}

/// What JSON Schema cannot say about a data structure: `required` ⊆ `properties`, headers, field count.
fn structure_rules(doc: &Value, problems: &mut Problems) {
    let multiple = doc.get("type").and_then(Value::as_str) == Some("array");
    let kind = if multiple {
        PanelKind::Multiple
    } else {
        PanelKind::Single
    };
    let object_ptr = object_pointer(kind);
    let object = if multiple {
        doc.get("items")
    } else {
        Some(doc)
    };
    let Some(object) = object.and_then(Value::as_object) else {
        return;
    };
    let properties_ptr = format!("{object_ptr}/properties");
    let properties = object.get("properties").and_then(Value::as_object);

    if multiple && !object.contains_key("type") {
        // Pipedrive's docs always show `"type": "object"` in `items` but never say it is required, and a public
        // app's data structure ships without it: a warning, not an error.
        problems.warning(
            object_ptr,
            "`items` has no `\"type\": \"object\"`: Pipedrive's docs always write it; add it to be safe",
        );
    }

    if let (Some(required), Some(properties)) =
        (object.get("required").and_then(Value::as_array), properties)
    {
        let mut listed = HashSet::with_capacity(required.len());
        for (i, key) in required.iter().enumerate() {
            let Some(key) = key.as_str() else { continue };
            let here = pointer_push(&format!("{object_ptr}/required"), i);
            if !properties.contains_key(key) {
                problems.error(
                    here,
                    format!("`{key}` is in `required` but is not a key of `properties`"),
                );
            } else if !listed.insert(key) {
                problems.warning(here, format!("`{key}` is listed twice in `required`"));
            }
        }
    }

    let Some(properties) = properties else { return };
    let header_ref = FieldType::Header.reference();
    let is_header =
        |def: &Value| def.get("$ref").and_then(Value::as_str) == Some(header_ref.as_str());
    let mut header: Option<&str> = None;
    let mut others = 0usize;
    for (key, def) in properties {
        if !is_header(def) {
            others += 1;
            continue;
        }
        match header {
            None => header = Some(key),
            Some(first) => problems.error(
                pointer_push(&pointer_push(&properties_ptr, key), "$ref"),
                format!("a second `header` field (`{first}` is the header already): an object has at most one"),
            ),
        }
    }
    if multiple && header.is_none() {
        problems.error(
            properties_ptr.clone(),
            "a multiple-object panel needs a `header` field (`\"$ref\": \"#/definitions/header\"`): it titles each \
             object",
        );
    }
    if others > MAX_FIELDS {
        problems.error(
            properties_ptr.clone(),
            format!(
                "{others} fields besides the header: a panel object shows at most {MAX_FIELDS}"
            ),
        );
    }
    if properties.is_empty() {
        problems.warning(properties_ptr, "no fields: the panel would show nothing");
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Response
// ---------------------------------------------------------------------------------------------------------------

/// The JSON Schema of one value of a field type (the field types table of *JSON panels*). `null` is handled by the caller.
pub fn value_schema(field_type: FieldType) -> Value {
    let string = json!({ "type": "string" });
    match field_type {
        FieldType::Header
        | FieldType::Date
        | FieldType::Time
        | FieldType::DateTime
        | FieldType::Email
        | FieldType::Phone
        | FieldType::Address => string,
        FieldType::Text => json!({
            "if": { "type": "object" },
            "then": {
                "required": ["markdown", "value"],
                "properties": { "markdown": { "const": true }, "value": { "type": "string" } },
                "additionalProperties": false
            },
            "else": string
        }),
        FieldType::Link => json!({
            "if": { "type": "object" },
            "then": {
                "required": ["value", "external"],
                "properties": {
                    "value": { "type": "string" },
                    "external": { "type": "boolean" },
                    "label": { "type": "string" }
                },
                "additionalProperties": false
            },
            "else": string
        }),
        FieldType::Numerical => json!({ "type": "number" }),
        FieldType::Currency => json!({
            "type": "object",
            "required": ["code", "value"],
            "properties": { "code": { "type": "string" }, "value": { "type": "number" } },
            "additionalProperties": false
        }),
        FieldType::Label => json!({
            "type": "object",
            "required": ["color", "label"],
            "properties": {
                "color": { "enum": LabelColor::ALL.iter().map(|c| c.name()).collect::<Vec<_>>() },
                "label": { "type": "string" }
            },
            "additionalProperties": false
        }),
        FieldType::Tags => json!({ "type": "array", "items": { "type": "string" } }),
    }
}

/// The JSON Schema of one panel object of this structure.
fn object_schema(object: &ObjectStructure, nothing_allowed: bool) -> Value {
    let required: HashSet<&str> = object.required.iter().map(String::as_str).collect();
    let mut properties = Map::new();
    for (key, def) in &object.properties {
        let value = value_schema(def.field_type);
        let schema = if required.contains(key.as_str()) {
            value
        } else {
            // `null` only for keys that are not in `required` (the docs call those the fields that must have a value).
            json!({ "if": { "type": "null" }, "then": true, "else": value })
        };
        properties.insert(key.clone(), schema);
    }
    let mut schema =
        json!({ "type": "object", "properties": properties, "additionalProperties": false });
    let mut listed = HashSet::new();
    let required: Vec<&String> = object
        .required
        .iter()
        .filter(|k| object.properties.contains_key(*k) && listed.insert(k.as_str()))
        .collect();
    if let (false, Value::Object(map)) = (required.is_empty(), &mut schema) {
        if nothing_allowed {
            // `{"data": {}}` is "nothing to show", whatever is required.
            map.insert("if".into(), json!({ "minProperties": 1 }));
            map.insert("then".into(), json!({ "required": required }));
        } else {
            map.insert("required".into(), json!(required));
        }
    }
    schema
}

/// The JSON Schema of a whole response to a panel of this structure.
pub fn response_schema(kind: PanelKind, object: &ObjectStructure) -> Value {
    let data = match kind {
        PanelKind::Single => object_schema(object, true),
        PanelKind::Multiple => json!({
            "type": "array",
            "maxItems": MAX_OBJECTS,
            "items": object_schema(object, false)
        }),
    };
    json!({
        "$schema": DIALECT,
        "type": "object",
        "required": ["data"],
        "properties": {
            "data": data,
            "external_link": schema_of::<ExternalLink>(),
            "settings": schema_of::<Settings>()
        },
        // Any other top-level key is an error: the docs list only these three.
        "additionalProperties": false
    })
}

/// The response check of one data structure: its schema, compiled once.
pub(crate) struct ResponseChecker {
    kind: PanelKind,
    schema: Value,
    validator: Result<Validator, String>,
    /// The same structure, prepared for the typed check.
    plan: Plan,
    /// The keys in `required`, for a lookup per reported problem.
    required: HashSet<String>,
}

impl fmt::Debug for ResponseChecker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseChecker")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl ResponseChecker {
    pub(crate) fn new(kind: PanelKind, object: &ObjectStructure) -> Self {
        let schema = response_schema(kind, object);
        let validator = compile(&schema);
        Self {
            kind,
            schema,
            validator,
            plan: Plan::new(kind, object),
            required: object.required.iter().cloned().collect(),
        }
    }

    pub(crate) fn schema(&self) -> &Value {
        &self.schema
    }

    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    pub(crate) fn check(&self, response: &Value, object: &ObjectStructure) -> Problems {
        let mut problems = Problems::new();
        match &self.validator {
            Ok(validator) => {
                for error in validator.iter_errors(response) {
                    if problems.is_full() {
                        problems.omit(Severity::Error);
                        continue;
                    }
                    response_problem(&error, self.kind, object, &self.required, &mut problems);
                }
            }
            Err(why) => broken(&mut problems, why),
        }
        response_rules(response, self.kind, object, &mut problems);
        problems
    }
}

/// Where in a response a pointer lands.
enum ResponsePlace<'a> {
    Root,
    Data,
    /// One object of a multiple-object `data`.
    Object,
    /// A field value, or something inside it (`inner` is the path below the value).
    Field {
        key: &'a str,
        field_type: FieldType,
        required: bool,
        inner: &'a [String],
    },
    ExternalLink(&'a [String]),
    Settings(&'a [String]),
    Other,
}

fn response_place<'a>(
    tokens: &'a [String],
    kind: PanelKind,
    object: &'a ObjectStructure,
    required: &HashSet<String>,
) -> ResponsePlace<'a> {
    let field = |rest: &'a [String]| match rest {
        [] => ResponsePlace::Other,
        [key, inner @ ..] => match object.properties.get(key) {
            Some(def) => ResponsePlace::Field {
                key,
                field_type: def.field_type,
                required: required.contains(key.as_str()),
                inner,
            },
            None => ResponsePlace::Other,
        },
    };
    match tokens {
        [] => ResponsePlace::Root,
        [first, rest @ ..] if first == "external_link" => ResponsePlace::ExternalLink(rest),
        [first, rest @ ..] if first == "settings" => ResponsePlace::Settings(rest),
        [first] if first == "data" => ResponsePlace::Data,
        [first, rest @ ..] if first == "data" => match kind {
            PanelKind::Single => field(rest),
            PanelKind::Multiple => match rest {
                [_index] => ResponsePlace::Object,
                [_index, rest @ ..] => field(rest),
                [] => ResponsePlace::Other,
            },
        },
        _ => ResponsePlace::Other,
    }
}

/// What a value of this field type looks like, for messages.
pub fn value_shape(field_type: FieldType) -> &'static str {
    match field_type {
        FieldType::Header => "a string (the object's title)",
        FieldType::Text => "a string or `{\"markdown\": true, \"value\": string}`",
        FieldType::Numerical => "a JSON number (not a numeric string)",
        FieldType::Date => "a string `YYYY-MM-DD`",
        FieldType::Time => "a string `hh:mm:ss` with an offset, e.g. `20:20:39+02:00`",
        FieldType::DateTime => {
            "an RFC 3339 date-time string with an offset or `Z`, e.g. `2021-08-31T07:00:00.000Z`"
        }
        FieldType::Email => "a string (an email address)",
        FieldType::Link => {
            "a URL string or `{\"value\": url, \"external\": bool, \"label\"?: string}`"
        }
        FieldType::Phone => "a string (a phone number)",
        FieldType::Address => "a string (an address)",
        FieldType::Currency => "`{\"code\": string, \"value\": number}`",
        FieldType::Label => {
            "`{\"color\": \"green\"|\"red\"|\"blue\"|\"yellow\"|\"purple\"|\"grey\", \"label\": string}`"
        }
        FieldType::Tags => "an array of strings",
    }
}

/// "a `date` field", "an `email` field".
fn a_field(field_type: FieldType) -> String {
    let article = if field_type.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} `{field_type}` field")
}

fn response_problem(
    error: &ValidationError<'_>,
    kind: PanelKind,
    object: &ObjectStructure,
    required: &HashSet<String>,
    problems: &mut Problems,
) {
    let path = error.instance_path().as_str().to_owned();
    let tokens = tokens(&path);
    let place = response_place(&tokens, kind, object, required);
    let instance = error.instance();
    let found = Found(instance);
    if let ValidationErrorKind::AdditionalProperties { unexpected } = error.kind() {
        for key in unexpected {
            let message = match &place {
                ResponsePlace::Root => format!(
                    "unknown top-level key `{key}`: a panel response has only `data`, `external_link` and `settings`"
                ),
                ResponsePlace::Data | ResponsePlace::Object => {
                    format!(
                        "undeclared field `{key}`: the data structure has no such key in `properties`"
                    )
                }
                ResponsePlace::Field {
                    key: field,
                    field_type,
                    ..
                } => format!(
                    "unknown key `{key}` in `{field}`: {} holds {}",
                    a_field(*field_type),
                    value_shape(*field_type)
                ),
                ResponsePlace::ExternalLink(_) => {
                    format!("unknown key `{key}` in `external_link`: it has only `url` and `label`")
                }
                ResponsePlace::Settings(_) => {
                    format!("unknown key `{key}` in `settings`: it has only `url`")
                }
                ResponsePlace::Other => format!("unknown key `{key}`"),
            };
            problems.error(pointer_push(&path, key), message);
        }
        return;
    }
    let message = match (&place, error.kind()) {
        (ResponsePlace::Root, ValidationErrorKind::Type { .. }) => {
            format!("a panel response is a JSON object `{{\"data\": ...}}`, found {found}")
        }
        (ResponsePlace::Root, ValidationErrorKind::Required { .. }) => {
            "missing `data`: a panel response holds its objects in `data` (`{}` or `[]` for \"nothing to show\")"
                .to_owned()
        }
        (ResponsePlace::Data, ValidationErrorKind::Type { .. }) => match kind {
            PanelKind::Single => format!("`data` of a single-object panel is one JSON object, found {found}"),
            PanelKind::Multiple => {
                format!("`data` of a multiple-object panel is an array of objects, found {found}")
            }
        },
        (ResponsePlace::Data, ValidationErrorKind::MaxItems { .. }) => {
            too_many_objects(instance.as_array().map_or(0, Vec::len))
        }
        (ResponsePlace::Object, ValidationErrorKind::Type { .. }) => {
            format!("each object in `data` is a JSON object, found {found}")
        }
        (ResponsePlace::Data | ResponsePlace::Object, ValidationErrorKind::Required { property }) => format!(
            "missing required field `{}` (the data structure lists it in `required`)",
            property.as_str().unwrap_or_default()
        ),
        (ResponsePlace::Field { key, field_type, required, inner }, kind) => {
            field_message(key, *field_type, *required, inner, kind, instance)
        }
        (ResponsePlace::ExternalLink(inner) | ResponsePlace::Settings(inner), kind) => {
            let (name, shape) = match place {
                ResponsePlace::ExternalLink(_) => ("external_link", "`{\"url\": string, \"label\": string}`"),
                _ => ("settings", "`{\"url\": string}`"),
            };
            match (inner, kind) {
                ([], ValidationErrorKind::Type { .. }) => format!("`{name}` is {shape}, found {found}"),
                ([], ValidationErrorKind::Required { property }) => {
                    format!("missing `{}` in `{name}`: it is {shape}", property.as_str().unwrap_or_default())
                }
                (_, kind) => format!("{} (in `{name}`: {shape})", kind_message(kind, instance)),
            }
        }
        (_, kind) => kind_message(kind, instance),
    };
    problems.error(path, message);
}

fn field_message(
    key: &str,
    field_type: FieldType,
    required: bool,
    inner: &[String],
    kind: &ValidationErrorKind,
    instance: &Value,
) -> String {
    let found = Found(instance);
    let shape = value_shape(field_type);
    match (inner, kind) {
        ([], ValidationErrorKind::Type { .. }) if instance.is_null() && required => {
            format!(
                "`{key}` is required, so it cannot be null: {} holds {shape}",
                a_field(field_type)
            )
        }
        ([], ValidationErrorKind::Type { .. }) => {
            format!(
                "`{key}` is {}: expected {shape}, found {found}",
                a_field(field_type)
            )
        }
        ([], ValidationErrorKind::Required { property }) => format!(
            "missing `{}` in `{key}`: {} holds {shape}",
            property.as_str().unwrap_or_default(),
            a_field(field_type)
        ),
        ([k], ValidationErrorKind::Enum { .. })
            if field_type == FieldType::Label && k == "color" =>
        {
            format!(
                "unknown label colour {found}: expected one of {}",
                LabelColor::ALL
                    .iter()
                    .map(|c| c.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        ([k], ValidationErrorKind::Constant { .. })
            if field_type == FieldType::Text && k == "markdown" =>
        {
            format!("`markdown` must be `true` in a markdown text, found {found}")
        }
        (_, kind) => format!(
            "{} (`{key}` is {}: {shape})",
            kind_message(kind, instance),
            a_field(field_type)
        ),
    }
}

/// What JSON Schema cannot say about a response: real dates and times, truncation and style warnings.
fn response_rules(
    response: &Value,
    kind: PanelKind,
    object: &ObjectStructure,
    problems: &mut Problems,
) {
    if let Some(label) = response
        .pointer("/external_link/label")
        .and_then(Value::as_str)
    {
        external_link_label_rules(label, problems);
    }
    let Some(data) = response.get("data") else {
        return;
    };
    match (kind, data) {
        (PanelKind::Single, Value::Object(fields)) => {
            object_rules("/data", fields, object, problems)
        }
        (PanelKind::Multiple, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Value::Object(fields) = item {
                    object_rules(&pointer_push("/data", i), fields, object, problems);
                }
            }
        }
        _ => {}
    }
}

fn object_rules(
    at: &str,
    fields: &Map<String, Value>,
    object: &ObjectStructure,
    problems: &mut Problems,
) {
    for (key, value) in fields {
        let Some(def) = object.properties.get(key) else {
            continue;
        };
        let here = pointer_push(at, key);
        value_rules(&here, def.field_type, value, problems);
    }
}

fn value_rules(at: &str, field_type: FieldType, value: &Value, problems: &mut Problems) {
    match (field_type, value) {
        (_, Value::String(s)) => string_rules(field_type, s, &|| at.to_owned(), problems),
        (FieldType::Text, Value::Object(m)) => {
            if let Some(Value::String(s)) = m.get("value") {
                text_rules(s, &|| pointer_push(at, "value"), problems);
            }
        }
        (FieldType::Label, Value::Object(m)) => {
            if let Some(Value::String(s)) = m.get("label") {
                label_rules(s, &|| pointer_push(at, "label"), problems);
            }
        }
        _ => {}
    }
}

/// The checks of a string value of a field, beyond its JSON type: real dates and times, text truncation.
/// `at` builds the value's pointer, only when there is a problem. Shared by the schema path and the typed path
/// ([`PanelResponse::to_checked_json`](super::PanelResponse::to_checked_json)), so both report the same words.
pub(crate) fn string_rules(
    field_type: FieldType,
    s: &str,
    at: &dyn Fn() -> String,
    problems: &mut Problems,
) {
    match field_type {
        FieldType::Date if !is_real_date(s) => problems.push_lazy(Severity::Error, at, || {
            format!("`{s}` is not a real date written `YYYY-MM-DD` (a `date` field)")
        }),
        FieldType::Time if Time::parse(s).is_none() => problems.push_lazy(Severity::Error, at, || {
            format!("`{s}` is not a time `hh:mm:ss` with an offset such as `+02:00` or `Z` (a `time` field)")
        }),
        FieldType::DateTime if !is_date_time(s) => problems.push_lazy(Severity::Error, at, || {
            format!(
                "`{s}` is not an RFC 3339 date-time with an offset, e.g. `2021-08-31T07:00:00.000Z` (a `date-time` \
                 field)"
            )
        }),
        FieldType::Text => text_rules(s, at, problems),
        _ => {}
    }
}

/// A `text` value (plain or the `value` of a markdown text) longer than Pipedrive shows is a warning.
pub(crate) fn text_rules(s: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    if let Some(n) = longer_than(s, TEXT_TRUNCATED_AFTER) {
        problems.push_lazy(Severity::Warning, at, || {
            format!("{n} characters: Pipedrive truncates text after {TEXT_TRUNCATED_AFTER}")
        });
    }
}

/// A `label` value's text: truncation and sentence case (both warnings).
pub(crate) fn label_rules(s: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    if let Some(n) = longer_than(s, LABEL_TRUNCATED_AFTER) {
        problems.push_lazy(Severity::Warning, at, || {
            format!("{n} characters: Pipedrive truncates a label after {LABEL_TRUNCATED_AFTER}")
        });
    }
    if !is_sentence_case(s) {
        problems.push_lazy(Severity::Warning, at, || {
            format!("`{s}` is not in sentence case, which Pipedrive recommends for labels (e.g. `In progress`)")
        });
    }
}

/// The response's `external_link.label`, shown up to 40 characters.
pub(crate) fn external_link_label_rules(s: &str, problems: &mut Problems) {
    if let Some(n) = longer_than(s, EXTERNAL_LINK_LABEL_TRUNCATED_AFTER) {
        problems.warning(
            "/external_link/label",
            format!(
                "{n} characters: Pipedrive shows the external link's label up to \
                 {EXTERNAL_LINK_LABEL_TRUNCATED_AFTER}"
            ),
        );
    }
}

/// More than `MAX_OBJECTS` objects in `data` (an error at `/data`).
pub(crate) fn too_many_objects(n: usize) -> String {
    format!("{n} objects: a panel shows at most {MAX_OBJECTS}")
}

/// The number of characters of `s` when it has more than `limit`, counted without a pass over a short string:
/// a string of at most `limit` bytes has at most `limit` characters.
fn longer_than(s: &str, limit: usize) -> Option<usize> {
    if s.len() <= limit {
        return None;
    }
    let n = s.chars().count();
    (n > limit).then_some(n)
}

/// Pipedrive's style rule for label texts (the `label` row of *JSON panels*: sentence case recommended).
///
/// pdx's reading of it: a text is in sentence case when its first letter is not lower case and no later word is
/// Capitalized (`In Progress`); words in capitals (`DHL`) pass as acronyms, unless every word of a
/// several-word text is in capitals (`IN PROGRESS`). A failure is a warning (a style rule).
pub fn is_sentence_case(text: &str) -> bool {
    let trimmed = text.trim_start();
    if trimmed.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    // One pass over the words (this runs on every label of every response). Words without letters do not count.
    let skip_first = trimmed.starts_with(char::is_alphabetic);
    let (mut words, mut every_word_in_caps, mut capitalized_later) = (0usize, true, false);
    for word in text.split_whitespace() {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            continue;
        };
        let lower_after_first = letters.any(char::is_lowercase);
        words += 1;
        every_word_in_caps &= !first.is_lowercase() && !lower_after_first;
        // A later word Capitalized (`In Progress`); the first word may be, when the text starts with it.
        if (words > 1 || !skip_first) && first.is_uppercase() && lower_after_first {
            capitalized_later = true;
        }
    }
    let shouting = words > 1 && every_word_in_caps;
    !(shouting || capitalized_later)
}

/// Whether `s` is a real date `YYYY-MM-DD`: the common all-digits form is read directly (chrono's format parser
/// costs more than the rest of a response's check), anything else as before by chrono.
fn is_real_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        let n =
            |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        return i32::try_from(n(0..4))
            .ok()
            .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, n(5..7), n(8..10)))
            .is_some();
    }
    is_date(s)
}

// ---------------------------------------------------------------------------------------------------------------
// Error state
// ---------------------------------------------------------------------------------------------------------------

/// The JSON Schema of the error-state body (*JSON panels*, "Error state"), generated with schemars from [`PanelError`].
pub fn error_body_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let mut schema = schema_of::<PanelError>();
        if let Value::Object(map) = &mut schema {
            map.insert("$schema".into(), Value::from(DIALECT));
        }
        schema
    })
}

fn error_body_validator() -> &'static Result<Validator, String> {
    static VALIDATOR: OnceLock<Result<Validator, String>> = OnceLock::new();
    VALIDATOR.get_or_init(|| compile(error_body_schema()))
}

/// Checks a panel error-state body `{"error": {"title", "subtitle"?, "action"?: {"url", "label"}}}`.
///
/// A missing or empty title is an error; a title over 30 characters is a warning (see
/// [`ERROR_TITLE_MAX`](super::limits::ERROR_TITLE_MAX) for why).
pub fn check_error_body(body: &Value) -> Problems {
    let mut problems = Problems::new();
    match error_body_validator() {
        Ok(validator) => {
            for error in validator.iter_errors(body) {
                let path = error.instance_path().as_str().to_owned();
                let instance = error.instance();
                let found = Found(instance);
                match error.kind() {
                    ValidationErrorKind::AdditionalProperties { unexpected } => {
                        let known = match path.as_str() {
                            "" => "an error body has only `error`",
                            "/error" => "the error has only `title`, `subtitle` and `action`",
                            _ => "an action has only `url` and `label`",
                        };
                        for key in unexpected {
                            problems.error(pointer_push(&path, key), format!("unknown key `{key}`: {known}"));
                        }
                    }
                    ValidationErrorKind::Type { .. } if path.is_empty() => problems.error(
                        path,
                        format!("an error body is a JSON object `{{\"error\": {{\"title\": ...}}}}`, found {found}"),
                    ),
                    ValidationErrorKind::Required { property } => {
                        let property = property.as_str().unwrap_or_default();
                        let message = match property {
                            "error" => "missing `error`: the error state is `{\"error\": {\"title\": ...}}`".to_owned(),
                            "title" => format!(
                                "missing `title`: the error state needs a title (at most {} characters)",
                                super::limits::ERROR_TITLE_MAX
                            ),
                            _ => format!("missing `{property}`"),
                        };
                        problems.error(path, message);
                    }
                    kind => problems.error(path, kind_message(kind, instance)),
                }
            }
        }
        Err(why) => broken(&mut problems, why),
    }
    if let Some(title) = body.pointer("/error/title").and_then(Value::as_str) {
        problems.extend(check_error_title(title));
    }
    problems
}

/// The error state's title: empty is an error, over 30 characters a warning.
pub(crate) fn check_error_title(title: &str) -> Problems {
    let mut problems = Problems::new();
    if title.trim().is_empty() {
        problems.error(
            "/error/title",
            "the title is empty: the error state needs a title",
        );
    } else if let Some(n) = longer_than(title, super::limits::ERROR_TITLE_MAX) {
        problems.warning(
            "/error/title",
            format!(
                "{n} characters: an error title has at most {}",
                super::limits::ERROR_TITLE_MAX
            ),
        );
    }
    problems
}

// ---------------------------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------------------------

/// The reference tokens of a JSON pointer, unescaped.
fn tokens(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// A found value, described for a message: `a number 12`, `a string "12"`, `null`.
struct Found<'a>(&'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "a boolean `{b}`"),
            Value::Number(n) => write!(f, "a number `{n}`"),
            Value::String(s) if s.chars().count() > 40 => {
                let short: String = s.chars().take(40).collect();
                write!(f, "a string `\"{short}…\"`")
            }
            Value::String(s) => write!(f, "a string `{}`", Value::from(s.as_str())),
            Value::Array(_) => f.write_str("an array"),
            Value::Object(_) => f.write_str("an object"),
        }
    }
}

fn type_word(t: jsonschema::JsonType) -> &'static str {
    match t {
        jsonschema::JsonType::Null => "null",
        jsonschema::JsonType::Boolean => "a boolean",
        jsonschema::JsonType::Integer => "an integer",
        jsonschema::JsonType::Number => "a number",
        jsonschema::JsonType::String => "a string",
        jsonschema::JsonType::Array => "an array",
        jsonschema::JsonType::Object => "an object",
    }
}

fn type_words(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => type_word(*t).to_owned(),
        TypeKind::Multiple(set) => set.iter().map(type_word).collect::<Vec<_>>().join(" or "),
    }
}

/// A readable message for a jsonschema error with no better context.
fn kind_message(kind: &ValidationErrorKind, instance: &Value) -> String {
    let found = Found(instance);
    match kind {
        ValidationErrorKind::Type { kind } => {
            format!("expected {}, found {found}", type_words(kind))
        }
        ValidationErrorKind::Required { property } => {
            format!("missing `{}`", property.as_str().unwrap_or_default())
        }
        ValidationErrorKind::Enum { options } => {
            let options = options
                .as_array()
                .map(|o| o.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>());
            format!(
                "expected one of {}, found {found}",
                options.unwrap_or_default().join(", ")
            )
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("expected `{expected_value}`, found {found}")
        }
        ValidationErrorKind::MaxItems { limit } => format!("at most {limit} items allowed"),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            format!(
                "unknown key(s) {}",
                unexpected
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        other => format!("does not match its schema ({other:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_case_rule() {
        assert!(is_sentence_case("In progress"));
        assert!(is_sentence_case("Shipped via DHL"));
        assert!(is_sentence_case("Assembling"));
        assert!(is_sentence_case("2 days late"));
        assert!(!is_sentence_case("In Progress"));
        assert!(!is_sentence_case("in progress"));
        assert!(!is_sentence_case("IN PROGRESS"));
        assert!(is_sentence_case(""));
        assert!(!is_sentence_case("- Done Now"));
        assert!(!is_sentence_case("2 Days late"));
        assert!(is_sentence_case("Über uns"));
        assert!(is_sentence_case("OK"));
    }

    /// The first, two-pass writing of the rule, kept to check the one-pass one.
    fn reference_sentence_case(text: &str) -> bool {
        if text
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            return false;
        }
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let all_caps = |w: &&str| !w.chars().any(char::is_lowercase);
        if words.len() > 1 && words.iter().all(all_caps) {
            return false;
        }
        let later = if text.trim_start().starts_with(char::is_alphabetic) {
            1
        } else {
            0
        };
        words.iter().skip(later).all(|w| {
            let mut letters = w.chars().filter(|c| c.is_alphabetic());
            match letters.next() {
                Some(c) if c.is_uppercase() => !letters.any(char::is_lowercase),
                _ => true,
            }
        })
    }

    #[test]
    fn one_pass_sentence_case_agrees_with_the_reference() {
        let samples = [
            "In progress",
            "In Progress",
            "in progress",
            "IN PROGRESS",
            "DHL",
            "Shipped via DHL",
            "",
            "   ",
            "- Done",
            "- Done Now",
            "2 Days late",
            "Über Uns",
            "über uns",
            "ⓐbc Def",
            "Ǆemal Ǆ",
            "x",
            "X y",
            "X Y",
            "ΣΑΣ σας",
            "ªb Cd",
            "Ⅻ Ab",
            "a1 B2",
            "A\u{b}B",
            "Hello\tWorld",
            "ÉCOLE Paris",
            "iPhone case",
            "Mc Donald",
        ];
        for s in samples {
            assert_eq!(is_sentence_case(s), reference_sentence_case(s), "{s:?}");
        }
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("A {c}b"),
                format!("{c}{c} {c}"),
                format!("Ab {c}"),
            ] {
                assert_eq!(is_sentence_case(&s), reference_sentence_case(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn real_dates_read_directly_agree_with_chrono() {
        for s in [
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "9999-12-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-04-31",
            "2024-1-011",
            "12345-1-01",
            "+999-01-01",
            "2024-02-2x",
            "",
        ] {
            assert_eq!(is_real_date(s), is_date(s), "{s}");
        }
    }

    #[test]
    fn schemas_compile() {
        assert!(data_structure_validator().is_ok());
        assert!(error_body_validator().is_ok());
        for t in FieldType::ALL {
            assert!(compile(&value_schema(t)).is_ok(), "{t}");
        }
    }

    #[test]
    fn found_describes_values() {
        assert_eq!(Found(&json!("12")).to_string(), "a string `\"12\"`");
        assert_eq!(Found(&json!(12)).to_string(), "a number `12`");
        assert_eq!(Found(&Value::Null).to_string(), "null");
    }
}
