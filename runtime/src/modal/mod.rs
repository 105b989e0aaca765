//! JSON modals: the schema uploaded to Developer Hub, the submissions and refetches Pipedrive sends, the
//! responses the app returns, and the checks (`shared/spec/json-modals.md`).
//!
//! SKELETON: the modal helper replaces this file. The items below are the interface other modules rely on
//! (the server layer, the command line); keep their names and signatures.

use crate::problem::Problems;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A Rust type whose fields are the blocks of a JSON modal. Implemented by `#[derive(JsonModal)]`.
pub trait JsonModal: DeserializeOwned {
    /// The modal's schema (built once, cached for the life of the process).
    fn schema() -> &'static ModalSchema;
}

/// A JSON modal schema: the file uploaded to Developer Hub.
#[derive(Debug, Clone)]
pub struct ModalSchema {
    value: Value,
}

impl ModalSchema {
    /// The exact JSON to upload.
    pub fn to_value(&self) -> &Value {
        &self.value
    }

    /// The JSON to upload, pretty-printed.
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.value).unwrap_or_default()
    }

    /// Whether `key` names a block with `fetchOnChange: true` (a valid `invoker`).
    pub fn is_fetch_on_change(&self, _key: &str) -> bool {
        false
    }

    /// Checks a response body the way Pipedrive does: merge into the schema by key, then check the result.
    pub fn check_response(&self, _response: &Value) -> Problems {
        Problems::new()
    }
}

/// Checks that a modal schema file is well formed.
pub fn check_schema(_schema: &Value) -> Problems {
    Problems::new()
}

/// Checks a response body against a schema file (merge by key, then the schema checks).
pub fn check_response(_schema: &Value, _response: &Value) -> Problems {
    Problems::new()
}

impl ModalSchema {
    /// Reads an uploaded schema file: checks it ([`check_schema`]). Errors (not warnings) make it fail.
    pub fn from_value(value: Value) -> Result<Self, Problems> {
        check_schema(&value).into_result()?;
        Ok(Self { value })
    }
}

/// Why a submitted body (or a refetch `form`) does not parse into the modal's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionError {
    /// The block key at fault, when one is.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
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

/// Parses a submitted body (POST) into the modal's type, leniently: unknown keys are ignored, numbers sent as
/// strings and the reverse are accepted where the element allows.
pub fn parse_submission<T: JsonModal>(body: &Value) -> Result<T, SubmissionError> {
    serde_json::from_value(body.clone()).map_err(|e| SubmissionError { field: None, message: e.to_string() })
}

/// What the app answers to a modal request.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum ModalResponse {
    /// `{"data": {"blocks": {...}, "actions": {...}}}`: initial data, refetch data, or block errors on submit.
    Data(DataResponse),
    /// `{"success": {...}}`: the modal closes and shows a snackbar.
    Success(SuccessResponse),
    /// `{"error": {"message"}}`: a global error shown in the modal, sent with HTTP 400.
    Error(GlobalError),
}

impl ModalResponse {
    /// The HTTP status Pipedrive expects with this body (`shared/spec/json-modals.md` §5.8).
    pub fn status(&self) -> u16 {
        match self {
            ModalResponse::Error(_) => 400,
            _ => 200,
        }
    }
}

/// `{"data": {"blocks": {...}, "actions": {...}}}`: partial options merged by key into the schema.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DataResponse {
    data: DataInner,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
struct DataInner {
    blocks: serde_json::Map<String, Value>,
    actions: serde_json::Map<String, Value>,
}

impl DataResponse {
    /// Keeps the schema as uploaded: `{"data": {"blocks": {}, "actions": {}}}`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets partial options of one block.
    pub fn block(mut self, key: impl Into<String>, options: Value) -> Self {
        self.data.blocks.insert(key.into(), options);
        self
    }

    /// Sets partial options of one action button.
    pub fn action(mut self, key: impl Into<String>, options: Value) -> Self {
        self.data.actions.insert(key.into(), options);
        self
    }
}

/// `{"success": {"message", "type": "snackbar", "link"?, "refreshPanelData"?}}`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SuccessResponse {
    success: Value,
}

impl SuccessResponse {
    /// A snackbar message.
    pub fn new(message: impl Into<String>) -> Self {
        Self { success: serde_json::json!({"message": message.into(), "type": "snackbar"}) }
    }
}

/// `{"error": {"message"}}`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GlobalError {
    error: Value,
}

impl GlobalError {
    /// A global error message that tells the user what to do.
    pub fn new(message: impl Into<String>) -> Self {
        Self { error: serde_json::json!({"message": message.into()}) }
    }
}
