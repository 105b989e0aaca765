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
