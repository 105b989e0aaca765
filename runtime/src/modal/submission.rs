//! What Pipedrive sends: the submitted body (POST) and the refetch `form`/`invoker` (GET), parsed leniently
//! into the modal's type.
//!
//! Lenient in: keys that are no block are dropped, text and separator keys too (Pipedrive's docs don't say
//! whether it sends them), `null` means "not sent", and each value is normalized for its block before serde sees
//! it: numbers sent as strings and the reverse, a yes/no radio as a bool, a datetime cut to its date.

use super::schema::ModalSchema;
use super::value_kind::ValueKind;
use pdx_format::date::is_date;
use serde_json::{Map, Number, Value};

/// Why a submitted body (or a refetch `form`) does not parse into the modal's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionError {
    /// The block key at fault, when one is.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl SubmissionError {
    /// An error about the block `field`.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.into()),
            message: message.into(),
        }
    }

    /// An error about the whole body.
    pub fn body(message: impl Into<String>) -> Self {
        Self {
            field: None,
            message: message.into(),
        }
    }

    /// Reads serde's message: `missing field `x`` names the block.
    pub fn from_serde(error: &serde_json::Error) -> Self {
        let text = error.to_string();
        if let Some(rest) = text.strip_prefix("missing field `")
            && let Some((name, _)) = rest.split_once('`')
        {
            return Self::field(name, "required block was not sent");
        }
        Self::body(text)
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
            None | Some(Value::Null) => {
                if *kind == ValueKind::Choices {
                    out.insert(key.clone(), Value::Array(Vec::new()));
                }
            }
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
        ValueKind::YesNo => match v {
            Value::Bool(_) => Ok(Some(v.clone())),
            Value::String(s) if s.is_empty() => Ok(None),
            Value::String(s) => match s.to_ascii_lowercase().as_str() {
                "yes" | "true" | "1" => Ok(Some(Value::Bool(true))),
                "no" | "false" | "0" => Ok(Some(Value::Bool(false))),
                _ => Err(format!("`{s}` is neither yes nor no")),
            },
            Value::Number(n) if n.as_i64() == Some(1) => Ok(Some(Value::Bool(true))),
            Value::Number(n) if n.as_i64() == Some(0) => Ok(Some(Value::Bool(false))),
            _ => Err(format!("expected yes or no, got {}", type_name(v))),
        },
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
            return SubmissionError::field(*key, "required block was not sent");
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
