//! [`ListQuery`]: the documented filters of a v2 list as a typed builder, one per listed entity
//! ([`DealsQuery`](super::DealsQuery), ...), turned into the list call the client pages.

use super::super::ApiError;
use super::super::call::ApiCall;
use super::super::endpoint::Endpoint;
use chrono::{DateTime, SecondsFormat, Utc};
use pdx_format::api::CUSTOM_FIELDS_MAX;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::marker::PhantomData;

/// An entity with a cursor-paged v2 list: its endpoint, and how to read its id.
pub trait Listed: DeserializeOwned + Send + 'static {
    /// The list endpoint (`GET /api/v2/deals`, ...).
    const LIST: &'static Endpoint;
    /// The object's id.
    fn id(&self) -> u64;
}

/// The order of a list (`sort_by`): Pipedrive sorts by one field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SortBy {
    /// `id` (Pipedrive's default).
    Id,
    /// `add_time`.
    AddTime,
    /// `update_time`.
    UpdateTime,
    /// Another field the entity's list documents (deals: `title`, `value`...), sent as given.
    Field(Cow<'static, str>),
}

impl SortBy {
    fn as_str(&self) -> &str {
        match self {
            SortBy::Id => "id",
            SortBy::AddTime => "add_time",
            SortBy::UpdateTime => "update_time",
            SortBy::Field(f) => f,
        }
    }
}

/// `sort_direction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortDirection {
    /// `asc` (Pipedrive's default).
    Ascending,
    /// `desc`.
    Descending,
}

/// The filters of one v2 list call, as documented for the entity `T` (see the entity's `…Query` alias for the
/// filters only it takes). Every page of the list is asked with the same filters.
///
/// ```
/// # use pdx_runtime as pdx;
/// use pdx::api::{DealStatus, DealsQuery, SortBy, SortDirection};
/// let query = DealsQuery::new()
///     .owner_id(7)
///     .status(DealStatus::Open)
///     .sort_by(SortBy::UpdateTime, SortDirection::Descending);
/// assert_eq!(
///     query.to_query_string(),
///     "owner_id=7&status=open&sort_by=update_time&sort_direction=desc"
/// );
/// ```
#[derive(Debug, Clone)]
pub struct ListQuery<T> {
    pub(super) params: Vec<(&'static str, String)>,
    problem: Option<String>,
    limit: Option<u32>,
    max_pages: Option<u32>,
    entity: PhantomData<fn() -> T>,
}

impl<T> Default for ListQuery<T> {
    fn default() -> Self {
        Self {
            params: Vec::new(),
            problem: None,
            limit: None,
            max_pages: None,
            entity: PhantomData,
        }
    }
}

/// A time as API v2 takes it: RFC 3339, UTC, whole seconds.
pub(super) fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl<T> ListQuery<T> {
    /// No filter: every live object (not deleted; deals: not archived).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a query parameter (replacing an earlier value of the same name).
    pub(super) fn set(mut self, name: &'static str, value: impl ToString) -> Self {
        set_param(&mut self.params, name, value);
        self
    }

    /// `filter_id`: only objects matching this saved filter (Pipedrive then ignores `ids`).
    pub fn filter_id(self, id: u64) -> Self {
        self.set("filter_id", id)
    }

    /// `owner_id`: only objects owned by this user.
    pub fn owner_id(self, user_id: u64) -> Self {
        self.set("owner_id", user_id)
    }

    /// `updated_since`: only objects updated at or after this time.
    pub fn updated_since(self, time: DateTime<Utc>) -> Self {
        self.set("updated_since", rfc3339(time))
    }

    /// `updated_until`: only objects updated before this time.
    pub fn updated_until(self, time: DateTime<Utc>) -> Self {
        self.set("updated_until", rfc3339(time))
    }

    /// `sort_by` and `sort_direction`.
    pub fn sort_by(self, by: SortBy, direction: SortDirection) -> Self {
        let direction = match direction {
            SortDirection::Ascending => "asc",
            SortDirection::Descending => "desc",
        };
        let by = by.as_str().to_owned();
        self.set("sort_by", by).set("sort_direction", direction)
    }

    /// `include_fields`: optional fields Pipedrive leaves out unless asked (deals: `next_activity_id`,
    /// `activities_count`, `smart_bcc_email`...); they arrive among the entity's other fields.
    pub fn include_fields<S: AsRef<str>>(self, fields: impl IntoIterator<Item = S>) -> Self {
        let joined = join(fields);
        self.set("include_fields", joined)
    }

    /// `custom_fields`: only these custom fields in `custom_fields` (at most 15 keys; more is an
    /// [`ApiError::InvalidCall`] when the list is read).
    pub fn custom_fields<S: AsRef<str>>(mut self, keys: impl IntoIterator<Item = S>) -> Self {
        let keys: Vec<String> = keys.into_iter().map(|k| k.as_ref().to_owned()).collect();
        if keys.len() > CUSTOM_FIELDS_MAX {
            self.problem = Some(format!(
                "`custom_fields` names {} keys: Pipedrive takes at most {CUSTOM_FIELDS_MAX}",
                keys.len()
            ));
        }
        self.set("custom_fields", keys.join(","))
    }

    /// Items per page (1 to 500; pdx asks 500 unless set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Most pages read (default [`DEFAULT_MAX_PAGES`](crate::api::DEFAULT_MAX_PAGES)).
    pub fn max_pages(mut self, pages: u32) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// The query as sent (without `limit` and `cursor`), URL-encoded.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.params {
            out.append_pair(name, value);
        }
        out.finish()
    }

    /// The list call of `endpoint` with these filters, or the error naming a wrong filter.
    pub(crate) fn call_of<U>(
        &self,
        endpoint: &'static Endpoint,
    ) -> Result<ApiCall<Vec<U>>, ApiError> {
        let mut call = ApiCall::new(endpoint);
        if let Some(problem) = &self.problem {
            return Err(ApiError::InvalidCall {
                call: call.to_string(),
                reason: problem.clone(),
            });
        }
        for (name, value) in &self.params {
            call = call.query(*name, value);
        }
        if let Some(limit) = self.limit {
            call = call.limit(limit);
        }
        if let Some(pages) = self.max_pages {
            call = call.max_pages(pages);
        }
        Ok(call)
    }
}

impl<T: Listed> ListQuery<T> {
    /// The list call with these filters.
    pub fn call(&self) -> Result<ApiCall<Vec<T>>, ApiError> {
        self.call_of(T::LIST)
    }
}

/// Sets a query parameter of a typed query, replacing an earlier value of the same name.
pub(super) fn set_param(
    params: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: impl ToString,
) {
    params.retain(|(n, _)| *n != name);
    params.push((name, value.to_string()));
}

/// Items joined by commas.
pub(super) fn join<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| s.as_ref().to_owned())
        .collect::<Vec<_>>()
        .join(",")
}
