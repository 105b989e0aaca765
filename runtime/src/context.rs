//! The request context Pipedrive sends in the query string of every extension request (Pipedrive's docs,
//! *JSON panels* and *JSON modals*: <https://pipedrive.readme.io/docs/app-extensions>): which entity or list the
//! user is in, who they are (unsigned: identity comes only from a verified token), what is selected, and for
//! modal refetches the form state.
//!
//! Parsing is lenient on what it does not know (unknown parameters and unknown `resource`/`view` values pass) and
//! strict on what it knows: a malformed value is a [`ContextError`] naming the parameter, answered with 400.

use serde_json::{Map, Value, json};

use std::fmt;

/// Which Pipedrive surface an endpoint serves; decides the shape of its error bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Surface {
    /// A JSON panel: errors are the panel error state `{"error": {"title", "subtitle"}}`.
    Panel,
    /// A JSON modal: errors are global errors `{"error": {"message"}}`.
    Modal,
    /// A link action (a browser page): `{"error": {"message"}}`.
    LinkAction,
    /// A custom UI iframe (a browser page): `{"error": {"message"}}`.
    CustomUi,
}

impl Surface {
    /// Whether the surface is a page in the user's browser (link actions, custom UI), which answers HTML, not
    /// JSON.
    pub fn is_browser_page(self) -> bool {
        matches!(self, Surface::LinkAction | Surface::CustomUi)
    }

    /// The JSON error body for this surface. Panels get the error state: a short title naming the status (within
    /// Pipedrive's 30-character title limit) and the message as subtitle; the others get `{"error":{"message"}}`.
    pub fn error_body(self, status: u16, message: &str) -> Value {
        match self {
            Surface::Panel => {
                let title = match status {
                    400 => "Bad request",
                    401 => "Not authorized",
                    413 => "Request too large",
                    503 => "Took too long",
                    _ => "Something went wrong",
                };
                json!({"error": {"title": title, "subtitle": message}})
            }
            Surface::Modal | Surface::LinkAction | Surface::CustomUi => {
                json!({"error": {"message": message}})
            }
        }
    }
}

/// A query parameter with a malformed value (or given twice).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContextError {
    /// The parameter's name, as Pipedrive spells it.
    pub parameter: &'static str,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query parameter `{}`: {}", self.parameter, self.message)
    }
}

impl std::error::Error for ContextError {}

fn error(parameter: &'static str, message: impl Into<String>) -> ContextError {
    ContextError {
        parameter,
        message: message.into(),
    }
}

/// The query parameters pdx reads. Any other parameter is ignored.
pub const KNOWN_PARAMETERS: [&str; 13] = [
    "resource",
    "view",
    "userId",
    "companyId",
    "selectedIds",
    "excludedIds",
    "filter",
    "isShared",
    "token",
    "form",
    "invoker",
    "id",
    "data",
];

/// The decoded query string, one value per known parameter.
///
/// A known parameter given twice is an error (400), so the `userId` checked against the token is the one the
/// handler sees (Pipedrive's docs never repeat a parameter); unknown parameters may repeat.
#[derive(Debug, Clone, Default)]
pub struct QueryParams {
    values: Vec<(&'static str, String)>,
}

impl QueryParams {
    /// Decodes a query string (`a=1&b=2`, percent- and `+`-encoded).
    pub fn parse(query: &str) -> Result<Self, ContextError> {
        let mut values: Vec<(&'static str, String)> = Vec::new();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let Some(known) = KNOWN_PARAMETERS.iter().find(|k| **k == key) else {
                continue;
            };
            if values.iter().any(|(k, _)| k == known) {
                return Err(error(known, "given more than once"));
            }
            values.push((known, value.into_owned()));
        }
        Ok(Self { values })
    }

    /// The value of a known parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }
}

/// The entity type (`resource`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resource {
    /// `deal`
    Deal,
    /// `person`
    Person,
    /// `organization`
    Organization,
    /// `activity`
    Activity,
    /// `product` (listed by the link-action docs; no location uses it yet)
    Product,
    /// A value Pipedrive may add later, kept as sent.
    Other(String),
}

impl Resource {
    fn parse(s: &str) -> Self {
        match s {
            "deal" => Resource::Deal,
            "person" => Resource::Person,
            "organization" => Resource::Organization,
            "activity" => Resource::Activity,
            "product" => Resource::Product,
            other => Resource::Other(other.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Resource::Deal => "deal",
            Resource::Person => "person",
            Resource::Organization => "organization",
            Resource::Activity => "activity",
            Resource::Product => "product",
            Resource::Other(s) => s,
        }
    }
}

/// The view (`view`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum View {
    /// `details`: one entity.
    Details,
    /// `list`: a list with selected rows.
    List,
    /// A value Pipedrive may add later, kept as sent.
    Other(String),
}

impl View {
    fn parse(s: &str) -> Self {
        match s {
            "details" => View::Details,
            "list" => View::List,
            other => View::Other(other.to_owned()),
        }
    }
}

/// What the user selected: ids, or in a list view "select all" as the list's filter minus the rows the user
/// deselected (Pipedrive's docs, *Link actions*: <https://pipedrive.readme.io/docs/app-extensions-actions>).
///
/// Exhaustive on purpose: a handler acts on exactly what was selected, and a new way of selecting should make its
/// `match` say how to act on it rather than fall into a wildcard arm that acts on something else.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection {
    /// No `selectedIds` and no `filter` (e.g. a floating window).
    Nothing,
    /// These ids: the viewed entity in a details view, or the rows picked by hand in a list.
    Ids(Vec<u64>),
    /// Select-all in a list: every entity matching `filter`, minus `excluded_ids`.
    AllMatching {
        /// The list's filter, as sent (e.g. `{"filter_id": 42}`).
        filter: Map<String, Value>,
        /// Rows the user deselected after select-all.
        excluded_ids: Vec<u64>,
    },
}

impl Selection {
    /// The one id of a details view (or of a single picked row).
    pub fn single(&self) -> Option<u64> {
        match self {
            Selection::Ids(ids) if ids.len() == 1 => Some(ids[0]),
            _ => None,
        }
    }

    /// The explicit ids, if the selection is a list of ids.
    pub fn ids(&self) -> Option<&[u64]> {
        match self {
            Selection::Ids(ids) => Some(ids),
            _ => None,
        }
    }

    /// Whether this is select-all (filter minus exclusions).
    pub fn is_select_all(&self) -> bool {
        matches!(self, Selection::AllMatching { .. })
    }
}

/// The form state of a modal refetch (`form`): block key → value ([`crate::modal::ModalForm`]).
pub type RefetchForm = crate::modal::ModalForm;

/// Parses a refetch `form` with [`crate::modal::ModalForm::parse`]. Pipedrive's docs show the form of a refetch
/// only by example; pdx reads it with the same rules as a submitted body. A malformed one is an error naming
/// the `form` parameter.
pub fn parse_refetch_form(form: &str) -> Result<RefetchForm, ContextError> {
    crate::modal::ModalForm::parse(form).map_err(|e| error("form", e.to_string()))
}

/// The context of one extension request, parsed from the query string.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestContext {
    /// `resource`, when sent.
    pub resource: Option<Resource>,
    /// `view`, when sent.
    pub view: Option<View>,
    /// `userId` as sent (unsigned: use the verified [`crate::auth::PipedriveUser`] for identity).
    pub user_id: Option<u64>,
    /// `companyId` as sent (unsigned).
    pub company_id: Option<u64>,
    /// `selectedIds`.
    pub selected_ids: Vec<u64>,
    /// `excludedIds` (list views).
    pub excluded_ids: Vec<u64>,
    /// `filter` (list views), a JSON object.
    pub filter: Option<Map<String, Value>>,
    /// `isShared`: `true` when the viewer has not installed the app (panels). `false` when absent.
    pub is_shared: bool,
    /// `form` of a modal refetch.
    pub form: Option<RefetchForm>,
    /// `invoker` of a modal refetch: the key of the block whose change triggered it.
    pub invoker: Option<String>,
    /// `id` of a custom UI iframe (for the SDK's initialization).
    pub id: Option<String>,
}

fn parse_id(parameter: &'static str, value: &str) -> Result<u64, ContextError> {
    value.trim().parse().map_err(|_| {
        error(
            parameter,
            format!("expected a decimal integer id, got `{value}`"),
        )
    })
}

fn parse_ids(parameter: &'static str, value: Option<&str>) -> Result<Vec<u64>, ContextError> {
    match value {
        None => Ok(Vec::new()),
        Some(v) if v.trim().is_empty() => Ok(Vec::new()),
        Some(v) => v.split(',').map(|id| parse_id(parameter, id)).collect(),
    }
}

impl RequestContext {
    /// Parses the context from decoded query parameters.
    pub fn from_params(params: &QueryParams) -> Result<Self, ContextError> {
        let filter = match params.non_empty("filter") {
            None => None,
            Some(raw) => match serde_json::from_str::<Value>(raw) {
                Ok(Value::Object(map)) => Some(map),
                Ok(_) => return Err(error("filter", "expected a JSON object")),
                Err(e) => return Err(error("filter", format!("not valid JSON: {e}"))),
            },
        };
        let is_shared = match params.get("isShared") {
            None | Some("") | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                return Err(error(
                    "isShared",
                    format!("expected `true` or `false`, got `{other}`"),
                ));
            }
        };
        let form = params.get("form").map(parse_refetch_form).transpose()?;
        let invoker = params.get("invoker").map(str::to_owned);
        if let Some(invoker) = &invoker
            && invoker.is_empty()
        {
            return Err(error("invoker", "must name the block that changed"));
        }
        Ok(Self {
            resource: params.non_empty("resource").map(Resource::parse),
            view: params.non_empty("view").map(View::parse),
            user_id: params
                .non_empty("userId")
                .map(|v| parse_id("userId", v))
                .transpose()?,
            company_id: params
                .non_empty("companyId")
                .map(|v| parse_id("companyId", v))
                .transpose()?,
            selected_ids: parse_ids("selectedIds", params.get("selectedIds"))?,
            excluded_ids: parse_ids("excludedIds", params.get("excludedIds"))?,
            filter,
            is_shared,
            form,
            invoker,
            id: params.non_empty("id").map(str::to_owned),
        })
    }

    /// Parses the context from a raw query string.
    pub fn from_query(query: &str) -> Result<Self, ContextError> {
        Self::from_params(&QueryParams::parse(query)?)
    }

    /// The selection: explicit ids when `selectedIds` has any; else select-all when a `filter` is present; else
    /// nothing.
    pub fn selection(&self) -> Selection {
        if !self.selected_ids.is_empty() {
            Selection::Ids(self.selected_ids.clone())
        } else if let Some(filter) = &self.filter {
            Selection::AllMatching {
                filter: filter.clone(),
                excluded_ids: self.excluded_ids.clone(),
            }
        } else {
            Selection::Nothing
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_list_view_with_select_all() {
        let ctx = RequestContext::from_query(
            "resource=deal&view=list&userId=1&companyId=2&selectedIds=&excludedIds=3%2C4\
             &filter=%7B%22filter_id%22%3A42%7D&newParam=x",
        )
        .expect("valid");
        assert_eq!(ctx.resource, Some(Resource::Deal));
        assert_eq!(ctx.view, Some(View::List));
        let Selection::AllMatching {
            filter,
            excluded_ids,
        } = ctx.selection()
        else {
            panic!("expected select-all, got {:?}", ctx.selection());
        };
        assert_eq!(filter.get("filter_id"), Some(&json!(42)));
        assert_eq!(excluded_ids, vec![3, 4]);
    }

    #[test]
    fn explicit_ids_win_over_filter() {
        let ctx = RequestContext::from_query("selectedIds=1%2C9&filter=%7B%7D").expect("valid");
        assert_eq!(ctx.selection(), Selection::Ids(vec![1, 9]));
        assert_eq!(ctx.selection().single(), None);
        assert_eq!(
            RequestContext::from_query("").expect("valid").selection(),
            Selection::Nothing
        );
    }

    #[test]
    fn unknown_values_are_kept() {
        let ctx = RequestContext::from_query("resource=lead&view=board").expect("valid");
        assert_eq!(ctx.resource, Some(Resource::Other("lead".into())));
        assert_eq!(ctx.view, Some(View::Other("board".into())));
    }

    #[test]
    fn malformed_values_name_the_parameter() {
        for (query, parameter) in [
            ("selectedIds=1%2Cx", "selectedIds"),
            ("selectedIds=1%2C%2C2", "selectedIds"),
            ("excludedIds=-1", "excludedIds"),
            ("userId=abc", "userId"),
            ("companyId=1.5", "companyId"),
            ("filter=%7Bnope", "filter"),
            ("filter=%5B%5D", "filter"),
            ("isShared=yes", "isShared"),
            ("form=%5B1%5D", "form"),
            ("form=%7B", "form"),
            ("invoker=", "invoker"),
            ("userId=1&userId=2", "userId"),
        ] {
            let err = RequestContext::from_query(query).expect_err(query);
            assert_eq!(err.parameter, parameter, "{query}: {err}");
        }
    }
}
