//! [`Endpoint`]: what pdx knows of one Pipedrive endpoint, written once as a `static` next to the typed call that
//! uses it: method, path template, the scopes that allow it, its token cost, whether it is a search, how it
//! pages.

use crate::scope::Scope;
use pdx_format::api::{COST_V1, COST_V2, TokenCosts};
use reqwest::Method;

/// An HTTP method, `Copy` so that an [`Endpoint`] can be a `static`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    pub(crate) fn method(self) -> Method {
        match self {
            Verb::Get => Method::GET,
            Verb::Post => Method::POST,
            Verb::Put => Method::PUT,
            Verb::Patch => Method::PATCH,
            Verb::Delete => Method::DELETE,
        }
    }

    pub(crate) fn of(method: &Method) -> Option<Verb> {
        [Verb::Get, Verb::Post, Verb::Put, Verb::Patch, Verb::Delete]
            .into_iter()
            .find(|v| v.method() == *method)
    }
}

/// How a list endpoint pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Paging {
    /// Not a list (or a list Pipedrive answers in one piece).
    None,
    /// API v2: `cursor` and `limit` in, `additional_data.next_cursor` out (`null` or absent at the end).
    Cursor,
    /// API v1: `start` and `limit` in, `additional_data.pagination.more_items_in_collection` and `next_start`
    /// out.
    Offset,
}

/// One endpoint of Pipedrive's API, as a `static` every typed call goes through:
///
/// ```
/// use pdx::api::{Endpoint, Paging};
/// use pdx::scope::Scope;
/// /// `GET /api/v2/activities/{id}`: activities:read (activities:full includes it); 1 token.
/// static ACTIVITY: Endpoint = Endpoint::get("/api/v2/activities/{id}", &[Scope::ActivitiesRead]);
/// /// The list pages by cursor and costs 10 tokens a page.
/// static ACTIVITIES: Endpoint = Endpoint::get("/api/v2/activities", &[Scope::ActivitiesRead]).list(Paging::Cursor);
/// assert_eq!((ACTIVITY.cost(), ACTIVITIES.cost()), (1, 10));
/// assert_eq!(ACTIVITY.to_string(), "GET /api/v2/activities/{id}");
/// ```
///
/// `scopes` are "any of": the call is allowed when the installation was granted one of them (a `:full` scope
/// allows its `:read` scope's calls). The cost is Pipedrive's table for the method and version (*Rate limiting*:
/// v1 get 2, list 20, write 10, delete 6, search 40; v2 half of that) unless set with [`Endpoint::token_cost`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    pub(crate) verb: Verb,
    pub(crate) path: &'static str,
    pub(crate) scopes: &'static [Scope],
    pub(crate) cost: Option<u32>,
    pub(crate) search: bool,
    pub(crate) paging: Paging,
}

impl Endpoint {
    const fn new(verb: Verb, path: &'static str, scopes: &'static [Scope]) -> Self {
        Self {
            verb,
            path,
            scopes,
            cost: None,
            search: false,
            paging: Paging::None,
        }
    }

    /// A `GET` endpoint; `path` is absolute from the API's root (`/api/v2/deals/{id}`), each `{…}` a parameter.
    pub const fn get(path: &'static str, scopes: &'static [Scope]) -> Self {
        Self::new(Verb::Get, path, scopes)
    }

    /// A `POST` endpoint.
    pub const fn post(path: &'static str, scopes: &'static [Scope]) -> Self {
        Self::new(Verb::Post, path, scopes)
    }

    /// A `PUT` endpoint (API v1 updates).
    pub const fn put(path: &'static str, scopes: &'static [Scope]) -> Self {
        Self::new(Verb::Put, path, scopes)
    }

    /// A `PATCH` endpoint (API v2 updates).
    pub const fn patch(path: &'static str, scopes: &'static [Scope]) -> Self {
        Self::new(Verb::Patch, path, scopes)
    }

    /// A `DELETE` endpoint.
    pub const fn delete(path: &'static str, scopes: &'static [Scope]) -> Self {
        Self::new(Verb::Delete, path, scopes)
    }

    /// A list that pages as `paging` says; costs a list's tokens.
    pub const fn list(mut self, paging: Paging) -> Self {
        self.paging = paging;
        self
    }

    /// A search: costs a search's tokens and counts in the search burst window too.
    pub const fn search(mut self) -> Self {
        self.search = true;
        self
    }

    /// Sets the token cost where Pipedrive's OpenAPI file says another than its generic table.
    pub const fn token_cost(mut self, tokens: u32) -> Self {
        self.cost = Some(tokens);
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.verb.method()
    }

    /// The path template, e.g. `/api/v2/deals/{id}`.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// The scopes that allow it (any of them).
    pub fn scopes(&self) -> &'static [Scope] {
        self.scopes
    }

    /// Whether it is a search call.
    pub fn is_search(&self) -> bool {
        self.search
    }

    /// How it pages.
    pub fn paging(&self) -> Paging {
        self.paging
    }
}

impl Endpoint {
    /// Tokens of the company's daily budget one call costs.
    pub fn cost(&self) -> u32 {
        self.cost.unwrap_or_else(|| {
            estimated_cost(
                self.verb,
                self.path,
                self.search,
                self.paging != Paging::None,
            )
        })
    }
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method(), self.path)
    }
}

/// The cost by Pipedrive's generic table: the version from the path, the kind from the method (a `GET` is a
/// list unless `list` is false).
pub(crate) fn estimated_cost(verb: Verb, path: &str, search: bool, list: bool) -> u32 {
    let costs: TokenCosts = if path.starts_with("/api/v2/") {
        COST_V2
    } else {
        COST_V1
    };
    match verb {
        _ if search => costs.search,
        Verb::Get if list => costs.list,
        Verb::Get => costs.get_one,
        Verb::Post | Verb::Put | Verb::Patch => costs.write,
        Verb::Delete => costs.delete,
    }
}
