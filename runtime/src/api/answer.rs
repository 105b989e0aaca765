//! Reading Pipedrive's answers: the envelope (`success`, `data`, `additional_data`) and what an error answer
//! means ("HTTP status codes", "Responses"; the Marketplace FAQ for "Scope and URL mismatch").

use super::ApiError;
use pdx_format::api::SCOPE_MISMATCH;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Pipedrive's answer envelope: `{"success": true, "data": ...}`.
#[derive(Deserialize)]
pub(crate) struct Envelope<T> {
    pub(crate) data: T,
}

/// A list answer: `data` (`null` when empty) and the paging of `additional_data`.
#[derive(Deserialize)]
#[serde(bound = "T: serde::de::DeserializeOwned")]
pub(crate) struct ListEnvelope<T> {
    #[serde(default = "Option::default")]
    pub(crate) data: Option<Vec<T>>,
    #[serde(default)]
    pub(crate) additional_data: Option<AdditionalData>,
}

/// `additional_data` of a list: v2's `next_cursor`, v1's `pagination`.
#[derive(Deserialize, Default)]
pub(crate) struct AdditionalData {
    #[serde(default)]
    pub(crate) next_cursor: Option<String>,
    #[serde(default)]
    pub(crate) pagination: Option<Pagination>,
}

/// v1's offset paging.
#[derive(Deserialize, Default)]
pub(crate) struct Pagination {
    #[serde(default)]
    pub(crate) more_items_in_collection: Option<bool>,
    #[serde(default)]
    pub(crate) next_start: Option<u64>,
}

/// Most characters of Pipedrive's text kept in an error.
const MESSAGE_MAX: usize = 300;

/// The error an answer with a non-success status (other than 401 and 429, which the client handles) means.
/// `webhooks` says whether the call manages webhooks (where a 422 is the webhook limit).
pub(crate) fn error_of(call: &str, status: u16, body: &[u8], webhooks: bool) -> ApiError {
    let json: Option<Value> = serde_json::from_slice(body).ok().filter(Value::is_object);
    let call = call.to_owned();
    let Some(json) = json else {
        if status == 403 {
            return ApiError::Blocked { call };
        }
        let message = if body.is_empty() {
            "no error message".to_owned()
        } else {
            "the answer is not JSON".to_owned()
        };
        return other_status(call, status, message);
    };
    let message = message_of(&json);
    match status {
        403 if message
            .to_lowercase()
            .contains(&SCOPE_MISMATCH.to_lowercase()) =>
        {
            ApiError::ScopeMismatch { call }
        }
        403 => ApiError::Forbidden {
            call,
            message,
            code: text(&json, "code").map(clip),
        },
        402 => ApiError::PaymentRequired { call, message },
        404 => ApiError::NotFound { call, message },
        410 => ApiError::Gone { call, message },
        422 if webhooks => ApiError::WebhookLimit { call, message },
        400 | 422 => ApiError::Validation {
            call,
            status,
            message,
            errors: errors_of(&json),
        },
        _ => other_status(call, status, message),
    }
}

fn other_status(call: String, status: u16, message: String) -> ApiError {
    if status == 404 {
        return ApiError::NotFound { call, message };
    }
    ApiError::Status {
        call,
        status,
        message,
    }
}

/// A string member (or a number, as text).
fn text<'a>(json: &'a Value, key: &str) -> Option<&'a str> {
    json.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// Pipedrive's text of an error answer: `error`, else `message`, else the `errors` map as `field: message`,
/// else a generic text; `error_info` appended when it adds something. At most 300 characters, control
/// characters replaced.
pub(crate) fn message_of(json: &Value) -> String {
    let errors = errors_of(json);
    let from_errors = (!errors.is_empty()).then(|| {
        errors
            .iter()
            .map(|(field, messages)| format!("{field}: {}", messages.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    });
    let mut message = text(json, "error")
        .or_else(|| text(json, "message"))
        .map(str::to_owned)
        .or(from_errors)
        .unwrap_or_else(|| "no error message".to_owned());
    if let Some(info) = text(json, "error_info")
        && !info.eq_ignore_ascii_case("Please check developers.pipedrive.com")
    {
        message = format!("{message} ({info})");
    }
    clip(&message)
}

/// Pipedrive's `errors`: an object of field → message or messages (anything else is kept as its JSON).
fn errors_of(json: &Value) -> BTreeMap<String, Vec<String>> {
    let Some(errors) = json.get("errors").and_then(Value::as_object) else {
        return BTreeMap::new();
    };
    errors
        .iter()
        .take(50)
        .map(|(field, value)| {
            let messages = match value {
                Value::String(s) => vec![clip(s)],
                Value::Array(items) => items
                    .iter()
                    .take(20)
                    .map(|i| clip(i.as_str().map_or(&i.to_string(), |s| s)))
                    .collect(),
                other => vec![clip(&other.to_string())],
            };
            (clip(field), messages)
        })
        .collect()
}

/// At most [`MESSAGE_MAX`] characters, control characters as spaces.
fn clip(text: &str) -> String {
    text.chars()
        .take(MESSAGE_MAX)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_come_from_error_message_or_errors() {
        let m = |body: &str| message_of(&serde_json::from_str(body).expect("json"));
        assert_eq!(m(r#"{"error":"Deal not found"}"#), "Deal not found");
        assert_eq!(m(r#"{"message":"Forbidden"}"#), "Forbidden");
        assert_eq!(
            m(r#"{"errors":{"id":["not found"],"name":"too long"}}"#),
            "id: not found; name: too long"
        );
        assert_eq!(
            m(r#"{"error":"Bad","error_info":"Please check developers.pipedrive.com"}"#),
            "Bad"
        );
        assert_eq!(m(r#"{"error":"a\nb\u001b[31m"}"#), "a b [31m");
        assert_eq!(m("{}"), "no error message");
        assert_eq!(
            m(&format!(r#"{{"error":"{}"}}"#, "x".repeat(1000))).len(),
            300
        );
    }
}
