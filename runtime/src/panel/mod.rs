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

impl DataStructure {
    /// Reads an uploaded data structure file: checks it ([`check_data_structure`]) and prepares the response
    /// checker. Errors (not warnings) make it fail.
    pub fn from_value(value: Value) -> Result<Self, Problems> {
        check_data_structure(&value).into_result()?;
        Ok(Self { value })
    }
}

/// The body of a successful panel response: `{"data": ..., "external_link"?: ..., "settings"?: ...}`.
#[derive(Debug, Clone, Serialize)]
pub struct PanelResponse<T> {
    data: PanelData<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_link: Option<ExternalLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<Settings>,
}

/// What `data` holds.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
enum PanelData<T> {
    Object(T),
    Objects(Vec<T>),
    /// `{}` (single-object) or `[]` (multiple-object): Pipedrive shows "Nothing to show".
    NothingSingle(EmptyObject),
    NothingMultiple([(); 0]),
}

#[derive(Debug, Clone, Serialize)]
struct EmptyObject {}

/// The panel's external link: `{"url", "label"}`.
#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    /// Where the link goes.
    pub url: String,
    /// Its text (shown up to 40 characters).
    pub label: String,
}

/// The panel's settings link: `{"url"}`.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    /// The app's settings page.
    pub url: String,
}

impl<T: JsonPanel> PanelResponse<T> {
    /// One object (single-object panel).
    pub fn object(object: T) -> Self {
        Self { data: PanelData::Object(object), external_link: None, settings: None }
    }

    /// A list of objects (multiple-object panel; at most 10).
    pub fn objects(objects: Vec<T>) -> Self {
        Self { data: PanelData::Objects(objects), external_link: None, settings: None }
    }

    /// "Nothing to show": `{"data": {}}` or `{"data": []}` as the panel's structure requires.
    pub fn nothing() -> Self {
        let data = if T::data_structure().is_multiple() {
            PanelData::NothingMultiple([])
        } else {
            PanelData::NothingSingle(EmptyObject {})
        };
        Self { data, external_link: None, settings: None }
    }

    /// Sets `external_link`.
    pub fn external_link(mut self, url: impl Into<String>, label: impl Into<String>) -> Self {
        self.external_link = Some(ExternalLink { url: url.into(), label: label.into() });
        self
    }

    /// Sets `settings`.
    pub fn settings(mut self, url: impl Into<String>) -> Self {
        self.settings = Some(Settings { url: url.into() });
        self
    }
}

/// The panel's error state, sent with a non-2xx status: `{"error": {"title", "subtitle"?, "action"?}}`.
#[derive(Debug, Clone, Serialize)]
pub struct PanelError {
    error: PanelErrorInner,
}

#[derive(Debug, Clone, Serialize)]
struct PanelErrorInner {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<ExternalLink>,
}

impl PanelError {
    /// An error with a title (at most 30 characters).
    pub fn new(title: impl Into<String>) -> Self {
        Self { error: PanelErrorInner { title: title.into(), subtitle: None, action: None } }
    }

    /// Adds a subtitle (markdown).
    pub fn subtitle(mut self, subtitle: impl Into<String>) -> Self {
        self.error.subtitle = Some(subtitle.into());
        self
    }

    /// Adds an action button.
    pub fn action(mut self, url: impl Into<String>, label: impl Into<String>) -> Self {
        self.error.action = Some(ExternalLink { url: url.into(), label: label.into() });
        self
    }

    /// Checks the error body (title required, at most 30 characters).
    pub fn check(&self) -> Problems {
        Problems::new()
    }
}
