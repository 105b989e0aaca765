//! What Pipedrive sends: the submitted body (POST) and the refetch `form`/`invoker` (GET), parsed leniently
//! into the modal's type.
//!
//! Lenient in: keys that are no block are dropped, text and separator keys too (Pipedrive's docs don't say
//! whether it sends them), `null` means "not sent", and each value is normalized for its block before serde sees
//! it: numbers sent as strings and the reverse, a single checkbox as a bool, a datetime cut to its date.

use super::rules::BLOCKS;
use super::schema::ModalSchema;
use super::value_kind::ValueKind;
use pdx_format::date::is_date;
use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use serde_path_to_error::Segment;

/// Why a submitted body (or a refetch `form`) does not parse into the modal's type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SubmissionError {
    /// The block key at fault, when one is.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// Whether the block is missing, its value is wrong, or the body as a whole is.
    pub kind: SubmissionErrorKind,
}

/// What a [`SubmissionError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SubmissionErrorKind {
    /// The body as a whole: not a JSON object, or a refetch `form` that is not JSON.
    Body,
    /// A block that must have a value was not sent, or was sent empty ([`required_blocks_sent_empty`]).
    Missing,
    /// A block's value is not one its field accepts.
    Invalid,
}

/// What the user reads under a required block that was not filled in, when the server answers a submit with
/// block errors.
pub const REQUIRED_BLOCK_MESSAGE: &str = "This field is required.";

/// What pdx says while naming a required block that was not sent (in logs and global errors).
const NOT_SENT: &str = "required block was not sent";

impl SubmissionError {
    /// An error about the value of the block `field`.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            message: message.into(),
            kind: SubmissionErrorKind::Invalid,
        }
    }

    /// The block `field` must have a value and has none.
    pub fn missing(field: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            message: NOT_SENT.to_owned(),
            kind: SubmissionErrorKind::Missing,
        }
    }

    /// An error about the whole body.
    pub fn body(message: impl Into<String>) -> Self {
        Self {
            field: None,
            message: message.into(),
            kind: SubmissionErrorKind::Body,
        }
    }

    /// Reads serde's message: `missing field `x`` names the block.
    pub fn from_serde(error: &serde_json::Error) -> Self {
        let text = error.to_string();
        if let Some(rest) = text.strip_prefix("missing field `")
            && let Some((name, _)) = rest.split_once('`')
        {
            return Self::missing(name);
        }
        Self::body(text)
    }

    /// The block of `schema` this error is shown under when the server answers with block errors, or `None`
    /// when it is answered with a global error: the body as a whole, a key that is not an input block, a block
    /// with `visibleOn: "never"` (the user cannot see it), or a missing block with a `visibleOn` rule (it may be
    /// missing because it is hidden).
    pub fn block_to_show<'s>(&self, schema: &'s ModalSchema) -> Option<&'s str> {
        let field = self.field.as_deref()?;
        let (key, kind) = schema.value_kinds().get_key_value(field)?;
        if self.kind == SubmissionErrorKind::Body || *kind == ValueKind::Ignored {
            return None;
        }
        let shown = match block_options(schema, key).and_then(|o| o.get("visibleOn")) {
            None => true,
            Some(rule) if rule.as_str() == Some("always") => true,
            // A block with a rule may be missing because the rule hides it: the user would not see the error.
            Some(_) if self.kind == SubmissionErrorKind::Missing => false,
            Some(rule) => rule.as_str() != Some("never"),
        };
        shown.then_some(key.as_str())
    }

    /// What the user reads under the block ([`block_to_show`](Self::block_to_show)).
    pub fn block_message(&self) -> String {
        match self.kind {
            SubmissionErrorKind::Missing => REQUIRED_BLOCK_MESSAGE.to_owned(),
            _ => format!("This value could not be read: {}.", self.message),
        }
    }
}

impl std::fmt::Display for SubmissionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "block `{field}`: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SubmissionError {}

/// Normalizes a submitted body for `schema`: only block keys stay, each value read as its block's
/// [`ValueKind`]. The result is what serde deserializes.
pub fn normalize_submission(
    schema: &ModalSchema,
    body: &Value,
) -> Result<Map<String, Value>, SubmissionError> {
    let Some(body) = body.as_object() else {
        return Err(SubmissionError::body(format!(
            "a submitted body is a JSON object of block keys to values, not {}",
            type_name(body)
        )));
    };
    let mut out = Map::new();
    for (key, kind) in schema.value_kinds() {
        if *kind == ValueKind::Ignored {
            continue;
        }
        match body.get(key.as_str()) {
            None | Some(Value::Null) => match kind {
                ValueKind::Choices => {
                    out.insert(key.clone(), Value::Array(Vec::new()));
                }
                ValueKind::Checkbox => {
                    out.insert(key.clone(), Value::Bool(false));
                }
                _ => {}
            },
            Some(value) => match normalize_value(*kind, value) {
                Ok(Some(v)) => {
                    out.insert(key.clone(), v);
                }
                Ok(None) => {}
                Err(message) => return Err(SubmissionError::field(key.as_str(), message)),
            },
        }
    }
    Ok(out)
}

/// The `options` of block `key` in `schema`.
fn block_options<'s>(schema: &'s ModalSchema, key: &str) -> Option<&'s Map<String, Value>> {
    schema
        .to_value()
        .pointer(BLOCKS)?
        .get(key)?
        .get("options")?
        .as_object()
}

/// The blocks of a submitted body that are marked `isRequired`, are always shown (no `visibleOn` rule, or
/// `"always"`), and were sent empty: `null`, `""` or `[]`. Pipedrive keeps the primary button disabled until
/// every required block has a value (*JSON modals*, `isRequired`), so its form never sends one of them empty;
/// pdx answers such a submit with an error under each block ([`REQUIRED_BLOCK_MESSAGE`]). A block that was not
/// sent at all is left to the modal's type: Pipedrive leaves out blocks that are hidden, and a response may hide
/// any block. Refetches are not checked: a form being filled in may have empty required blocks.
pub fn required_blocks_sent_empty(schema: &ModalSchema, body: &Value) -> Vec<SubmissionError> {
    let Some(body) = body.as_object() else {
        return Vec::new();
    };
    schema
        .value_kinds()
        .iter()
        .filter(|(_, kind)| **kind != ValueKind::Ignored)
        .filter(|(key, _)| body.get(key.as_str()).is_some_and(is_empty_value))
        .filter(|(key, _)| {
            block_options(schema, key).is_some_and(|options| {
                options.get("isRequired") == Some(&Value::Bool(true))
                    && options
                        .get("visibleOn")
                        .is_none_or(|rule| rule.as_str() == Some("always"))
            })
        })
        .map(|(key, _)| SubmissionError::missing(key.as_str()))
        .collect()
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Deserializes a normalized submission ([`normalize_submission`]) into the modal's type; when serde refuses a
/// value, the error names the block it was reading. What [`JsonModal::from_submission`](super::JsonModal)
/// does by default.
pub fn deserialize_submission<T: DeserializeOwned>(
    normalized: Map<String, Value>,
) -> Result<T, SubmissionError> {
    serde_path_to_error::deserialize(Value::Object(normalized)).map_err(|e| {
        let block = match e.path().iter().next() {
            Some(Segment::Map { key }) => Some(key.clone()),
            _ => None,
        };
        let inner = e.into_inner();
        match block {
            Some(block) => SubmissionError::field(block, inner.to_string()),
            None => SubmissionError::from_serde(&inner),
        }
    })
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `Ok(None)`: treat as not sent.
fn normalize_value(kind: ValueKind, v: &Value) -> Result<Option<Value>, String> {
    match kind {
        ValueKind::Ignored => Ok(None),
        ValueKind::Any => Ok(Some(v.clone())),
        ValueKind::Text => scalar_text(v)
            .map(|s| Some(Value::String(s)))
            .ok_or_else(|| format!("expected text, got {}", type_name(v))),
        ValueKind::Number => match v {
            Value::Number(_) => Ok(Some(v.clone())),
            Value::String(s) if s.trim().is_empty() => Ok(None),
            Value::String(s) => parse_number(s.trim())
                .map(|n| Some(Value::Number(n)))
                .ok_or_else(|| format!("`{s}` is not a number")),
            _ => Err(format!("expected a number, got {}", type_name(v))),
        },
        ValueKind::Date => match v {
            Value::String(s) if s.is_empty() => Ok(None),
            Value::String(s) if is_date(s) => Ok(Some(v.clone())),
            Value::String(s) => match (s.get(..10), s.get(10..11)) {
                (Some(date), Some("T" | " ")) if is_date(date) => {
                    Ok(Some(Value::String(date.to_owned())))
                }
                _ => Err(format!("`{s}` is not a date in the form YYYY-MM-DD")),
            },
            _ => Err(format!("expected a date YYYY-MM-DD, got {}", type_name(v))),
        },
        ValueKind::Choice => match v {
            Value::String(s) if s.is_empty() => Ok(None),
            Value::Array(a) if a.len() == 1 => normalize_value(kind, &a[0]),
            _ => scalar_text(v)
                .map(|s| Some(Value::String(s)))
                .ok_or_else(|| format!("expected one item value, got {}", type_name(v))),
        },
        ValueKind::Choices => match v {
            Value::String(s) if s.is_empty() => Ok(Some(Value::Array(Vec::new()))),
            Value::Array(items) => items
                .iter()
                .map(|i| {
                    scalar_text(i).map(Value::String).ok_or_else(|| {
                        format!("expected item values, got {} in the list", type_name(i))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|a| Some(Value::Array(a))),
            _ => scalar_text(v)
                .map(|s| Some(Value::Array(vec![Value::String(s)])))
                .ok_or_else(|| format!("expected a list of item values, got {}", type_name(v))),
        },
        ValueKind::Checkbox => checkbox(v),
    }
}

/// A single checkbox: `["true"]` ticked, `[]` not; a bare `true`/`false` or `"true"`/`"false"` too.
fn checkbox(v: &Value) -> Result<Option<Value>, String> {
    let ticked = super::limits::BOOL_ITEM_VALUE;
    match v {
        Value::Bool(_) => Ok(Some(v.clone())),
        Value::String(s) if s.is_empty() || s.eq_ignore_ascii_case("false") => {
            Ok(Some(Value::Bool(false)))
        }
        Value::String(s) if s.eq_ignore_ascii_case(ticked) => Ok(Some(Value::Bool(true))),
        Value::Array(a) if a.is_empty() => Ok(Some(Value::Bool(false))),
        Value::Array(a) if a.len() == 1 && !a[0].is_array() => checkbox(&a[0]),
        _ => Err(format!(
            "expected a checkbox: `[\"{ticked}\"]` (ticked) or `[]`, got {}",
            match v {
                Value::String(s) => format!("`{s}`"),
                other => type_name(other).to_owned(),
            }
        )),
    }
}

fn parse_number(s: &str) -> Option<Number> {
    if let Ok(i) = s.parse::<i64>() {
        return Some(Number::from(i));
    }
    if let Ok(u) = s.parse::<u64>() {
        return Some(Number::from(u));
    }
    s.parse::<f64>().ok().and_then(Number::from_f64)
}

/// A probe of one field: deserializes the block's (normalized) value into the field's type.
pub type FieldProbe = (&'static str, fn(Value) -> Result<(), String>);

/// Names the block that made serde fail: the first sent value its field's type rejects, else the first required
/// block that was not sent. Used by the code `#[derive(JsonModal)]` generates.
pub fn locate_error(
    normalized: &Map<String, Value>,
    error: &serde_json::Error,
    probes: &[FieldProbe],
) -> SubmissionError {
    for (key, probe) in probes {
        if let Some(value) = normalized.get(*key)
            && let Err(message) = probe(value.clone())
        {
            return SubmissionError::field(*key, message);
        }
    }
    for (key, probe) in probes {
        if !normalized.contains_key(*key) && probe(Value::Null).is_err() {
            return SubmissionError::missing(*key);
        }
    }
    SubmissionError::from_serde(error)
}

/// The `form` of a refetch: the current form state, by block key. Pipedrive's docs don't show its shape; pdx reads
/// it as the submit body's; defensively, `{"key": {"value": ...}}` entries are unwrapped too (no element's value is an
/// object, so the two shapes cannot be confused).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModalForm {
    values: Map<String, Value>,
}

impl ModalForm {
    /// Parses the `form` query parameter (already URL-decoded).
    pub fn parse(form_json: &str) -> Result<ModalForm, SubmissionError> {
        let value: Value = serde_json::from_str(form_json)
            .map_err(|e| SubmissionError::body(format!("`form` is not JSON: {e}")))?;
        Self::from_value(value)
    }

    /// Reads an already parsed `form`.
    pub fn from_value(value: Value) -> Result<ModalForm, SubmissionError> {
        let Value::Object(entries) = value else {
            return Err(SubmissionError::body(format!(
                "`form` is a JSON object of block keys to values, not {}",
                type_name(&value)
            )));
        };
        let values = entries
            .into_iter()
            .map(|(k, v)| match v {
                Value::Object(mut o) if o.contains_key("value") => {
                    let inner = o.remove("value").unwrap_or(Value::Null);
                    (k, inner)
                }
                other => (k, other),
            })
            .collect();
        Ok(ModalForm { values })
    }

    /// The value of block `key`, as sent.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.values.get(key)
    }

    /// All values, by block key.
    pub fn values(&self) -> &Map<String, Value> {
        &self.values
    }

    /// The form in the submit-body shape.
    pub fn to_value(&self) -> Value {
        Value::Object(self.values.clone())
    }

    /// Checks a refetch's `invoker`: it must name a block with `fetchOnChange: true` (Pipedrive's docs, *JSON modals user interaction handling*:
    /// <https://pipedrive.readme.io/docs/json-modals-user-interaction-handling>).
    pub fn check_invoker(schema: &ModalSchema, invoker: &str) -> Result<(), SubmissionError> {
        if schema.is_fetch_on_change(invoker) {
            return Ok(());
        }
        let message = if schema.element(invoker).is_some() {
            "`invoker` names a block without `fetchOnChange: true`"
        } else {
            "`invoker` names no block of this modal"
        };
        Err(SubmissionError::field(invoker, message))
    }
}
