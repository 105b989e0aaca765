//! The panel's error state (Pipedrive's docs, *JSON panels*, "Error state":
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): [`PanelError`], the body
//! `{"error": {"title", "subtitle"?, "action"?}}` sent with a 4xx or 5xx status, and its checks: the rules on its
//! values (always), and the check of a hand-written body (feature `validate`).

use super::checked::CheckedJson;
use super::limits::MAX_ERROR_TITLE_CHARS;
use super::links::ExternalLink;
use super::value_rules::longer_than;
use crate::problem::Problems;
use crate::script_url;
use serde::{Deserialize, Serialize};

/// The panel's error state, sent with a non-2xx status: `{"error": {"title", "subtitle"?, "action"?}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PanelError {
    error: PanelErrorDetails,
    /// The HTTP status to answer with; not part of the body.
    #[serde(skip)]
    #[cfg_attr(feature = "validate", schemars(skip))]
    status: Option<u16>,
}

/// The inside of the error state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct PanelErrorDetails {
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "validate", schemars(with = "String"))]
    subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "validate", schemars(with = "ExternalLink"))]
    action: Option<ExternalLink>,
}

impl PanelError {
    /// An error with a title (at most 30 characters).
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            status: None,
            error: PanelErrorDetails {
                title: title.into(),
                subtitle: None,
                action: None,
            },
        }
    }

    /// Answers with this HTTP status instead of the server's default (400). Any 4xx or 5xx shows the error
    /// state; 401 also offers the user to reconnect the app (Pipedrive's docs, *JSON panels*:
    /// <https://pipedrive.readme.io/docs/app-extensions-json-panels>).
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The HTTP status set with [`PanelError::with_status`], if any.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// Adds a subtitle (markdown).
    pub fn subtitle(mut self, subtitle: impl Into<String>) -> Self {
        self.error.subtitle = Some(subtitle.into());
        self
    }

    /// Adds an action button.
    pub fn action(mut self, url: impl Into<String>, label: impl Into<String>) -> Self {
        self.error.action = Some(ExternalLink {
            url: url.into(),
            label: label.into(),
        });
        self
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.error.title
    }

    /// Checks the error state as `check_error_body` (feature `validate`) checks its body: a missing or empty
    /// title is an error, a title over 30 characters a warning, an action or a subtitle link to a
    /// `javascript:`, `data:` or `vbscript:` URL an error.
    pub fn check(&self) -> Problems {
        let details = &self.error;
        error_rules(
            Some(&details.title),
            details.subtitle.as_deref(),
            details.action.as_ref().map(|a| a.url.as_str()),
        )
    }

    /// Serializes the error state and checks it as [`check`](Self::check) does.
    pub fn to_checked_json(&self) -> CheckedJson {
        match serde_json::to_vec(self) {
            Ok(bytes) => CheckedJson {
                bytes,
                problems: self.check(),
            },
            Err(e) => CheckedJson::unserializable(&e),
        }
    }
}

/// The rules of the error state beyond its shape: the title (empty is an error, over 30 characters a warning),
/// and the links Pipedrive opens (the action's `url`, the subtitle's markdown links).
fn error_rules(title: Option<&str>, subtitle: Option<&str>, action_url: Option<&str>) -> Problems {
    let mut problems = Problems::new();
    match title {
        Some(title) if title.trim().is_empty() => problems.error(
            "/error/title",
            "the title is empty: the error state needs a title",
        ),
        Some(title) => {
            if let Some(n) = longer_than(title, MAX_ERROR_TITLE_CHARS) {
                problems.warning(
                    "/error/title",
                    format!("{n} characters: an error title has at most {MAX_ERROR_TITLE_CHARS}"),
                );
            }
        }
        None => {}
    }
    if let Some(subtitle) = subtitle {
        script_url::check_markdown(subtitle, &|| "/error/subtitle".to_owned(), &mut problems);
    }
    if let Some(url) = action_url {
        script_url::check_url(url, &|| "/error/action/url".to_owned(), &mut problems);
    }
    problems
}

#[cfg(feature = "validate")]
pub use schema::{check_error_body, error_body_schema};

/// The check of a hand-written error body against the JSON Schema generated from [`PanelError`].
#[cfg(feature = "validate")]
mod schema {
    use super::{PanelError, error_rules};
    use crate::json_schema::{self, Compiled, DIALECT, Found, kind_message};
    use crate::panel::limits::MAX_ERROR_TITLE_CHARS;
    use crate::problem::{Problems, pointer_push};
    use jsonschema::ValidationError;
    use jsonschema::error::ValidationErrorKind;
    use serde_json::Value;
    use std::sync::OnceLock;

    /// The JSON Schema of the error-state body (*JSON panels*, "Error state"), generated with schemars from
    /// [`PanelError`].
    pub fn error_body_schema() -> &'static Value {
        static SCHEMA: OnceLock<Value> = OnceLock::new();
        SCHEMA.get_or_init(|| {
            let mut schema = json_schema::schema_of::<PanelError>();
            if let Value::Object(map) = &mut schema {
                map.insert("$schema".into(), Value::from(DIALECT));
            }
            schema
        })
    }

    fn error_body_validator() -> &'static Compiled {
        static VALIDATOR: OnceLock<Compiled> = OnceLock::new();
        VALIDATOR.get_or_init(|| json_schema::compile(error_body_schema()))
    }

    /// Checks a panel error-state body `{"error": {"title", "subtitle"?, "action"?: {"url", "label"}}}`.
    ///
    /// A missing or empty title is an error; a title over 30 characters is a warning (see
    /// [`MAX_ERROR_TITLE_CHARS`](crate::panel::limits::MAX_ERROR_TITLE_CHARS) for why); an action or a subtitle
    /// link to a `javascript:`, `data:` or `vbscript:` URL is an error.
    pub fn check_error_body(body: &Value) -> Problems {
        let mut problems = Problems::new();
        json_schema::run(
            error_body_validator(),
            body,
            &mut problems,
            error_body_problem,
        );
        let text = |pointer: &str| body.pointer(pointer).and_then(Value::as_str);
        problems.extend(error_rules(
            text("/error/title"),
            text("/error/subtitle"),
            text("/error/action/url"),
        ));
        problems
    }

    /// One schema error of an error body, in words.
    fn error_body_problem(error: &ValidationError<'_>, problems: &mut Problems) {
        let path = error.instance_path().as_str();
        let instance = error.instance();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = match path {
                    "" => "an error body has only `error`",
                    "/error" => "the error has only `title`, `subtitle` and `action`",
                    _ => "an action has only `url` and `label`",
                };
                for key in unexpected {
                    problems.error(
                        pointer_push(path, key),
                        format!("unknown key `{key}`: {known}"),
                    );
                }
            }
            ValidationErrorKind::Type { .. } if path.is_empty() => problems.error(
                path,
                format!(
                    "an error body is a JSON object `{{\"error\": {{\"title\": ...}}}}`, found {}",
                    Found(instance)
                ),
            ),
            ValidationErrorKind::Required { property } => {
                let message = match property.as_str().unwrap_or_default() {
                    "error" => {
                        "missing `error`: the error state is `{\"error\": {\"title\": ...}}`"
                            .to_owned()
                    }
                    "title" => format!(
                        "missing `title`: the error state needs a title (at most {MAX_ERROR_TITLE_CHARS} \
                         characters)"
                    ),
                    _ => kind_message(error.kind(), instance),
                };
                problems.error(path, message);
            }
            kind => problems.error(path, kind_message(kind, instance)),
        }
    }
}
