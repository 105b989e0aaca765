//! JSON panels: the data structure file uploaded to Developer Hub, the response the panel endpoint returns,
//! their limits, and the checks (`shared/spec/json-panels.md`).
//!
//! SKELETON: the panel helper replaces this file. The items below are the interface other modules rely on
//! (the server layer, the command line); keep their names and signatures.

use crate::problem::Problems;
use serde::Serialize;
use serde_json::Value;

/// A Rust type that is one object of a JSON panel. Implemented by `#[derive(JsonPanel)]`.
pub trait JsonPanel: Serialize {
    /// The panel's data structure (built once, cached for the life of the process).
    fn data_structure() -> &'static DataStructure;
}

/// A panel data structure: the file uploaded to Developer Hub.
#[derive(Debug, Clone)]
pub struct DataStructure {
    value: Value,
}

impl DataStructure {
    /// The exact JSON to upload.
    pub fn to_value(&self) -> &Value {
        &self.value
    }

    /// The JSON to upload, pretty-printed.
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.value).unwrap_or_default()
    }

    /// True for a multiple-object (list) panel.
    pub fn is_multiple(&self) -> bool {
        self.value.get("type").and_then(Value::as_str) == Some("array")
    }

    /// Checks a response body against this structure.
    pub fn check_response(&self, _response: &Value) -> Problems {
        Problems::new()
    }
}

/// Checks that a data structure file is well formed.
pub fn check_data_structure(_structure: &Value) -> Problems {
    Problems::new()
}
