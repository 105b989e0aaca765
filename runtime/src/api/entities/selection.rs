//! A list view's selection as ids of its resource ([`Client::selected_ids`]): the picked ids as they are, or
//! "select all" resolved by listing what the list's filter matches, minus the rows the user deselected.

use super::super::call::ApiCall;
use super::super::endpoint::Endpoint;
use super::super::{ApiError, Client, endpoints};
use super::activities::Activity;
use super::endpoints::{ACTIVITIES, PRODUCTS};
use crate::context::{RequestContext, Resource, Selection};
use chrono::NaiveDate;
use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Only the `id` of a listed object (API v2 has no field selector, so pages come whole; the rest is skipped
/// while reading).
#[derive(Debug, Deserialize)]
pub(crate) struct IdOnly {
    id: u64,
}

impl Client {
    /// The ids a request's selection stands for, of the view's resource (`ctx.resource`):
    /// - ids picked by hand (or the one entity of a details view): those ids, without an API call;
    /// - "select all" in a list view: every object the list's `filter` matches, minus `excludedIds`, read in
    ///   pages of 500 (one list call per page; the stream reads a page only when the previous one is used up);
    /// - nothing selected: no ids.
    ///
    /// The list's `filter` as Pipedrive sends it (Pipedrive's *Link actions* page): `{"filter_id": 42}` (a
    /// saved filter), `{"user_id": 42}` (the list of one owner: `owner_id`), `{"everyone": 1}` (everything
    /// visible), and in the activities list also `activity_type`, `activity_start_date` and
    /// `activity_end_date`, which API v2's activities list does not take: pdx reads the whole pages and keeps
    /// the activities of that type whose due date is within the dates. A filter key pdx does not know is an
    /// [`ApiError::InvalidCall`] naming it rather than a wider selection than the user made.
    ///
    /// ```no_run
    /// # use pdx_runtime as pdx;
    /// # async fn f(client: pdx::api::Client, ctx: pdx::context::RequestContext) -> Result<(), pdx::api::ApiError> {
    /// use pdx::api::TryStreamExt;
    /// let ids: Vec<u64> = client.selected_ids(&ctx).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn selected_ids(&self, ctx: &RequestContext) -> BoxStream<'static, Result<u64, ApiError>> {
        match ctx.selection() {
            Selection::Nothing => stream::empty().boxed(),
            Selection::Ids(ids) => stream::iter(ids.into_iter().map(Ok)).boxed(),
            Selection::AllMatching {
                filter,
                excluded_ids,
            } => match select_all(ctx.resource.as_ref(), &filter) {
                Ok(plan) => self.matching_ids(plan, excluded_ids.into_iter().collect()),
                Err(e) => stream::once(async move { Err(e) }).boxed(),
            },
        }
    }

    fn matching_ids(
        &self,
        plan: SelectAll,
        excluded: HashSet<u64>,
    ) -> BoxStream<'static, Result<u64, ApiError>> {
        let keep = move |id: &u64| !excluded.contains(id);
        match plan.activities {
            None => {
                let call: ApiCall<Vec<IdOnly>> = plan.call;
                self.items(call)
                    .map_ok(|item| item.id)
                    .try_filter(move |id| std::future::ready(keep(id)))
                    .boxed()
            }
            Some(rule) => {
                let call: ApiCall<Vec<Activity>> = plan.call.expecting();
                self.items(call)
                    .try_filter_map(move |activity| {
                        let id = activity.id;
                        std::future::ready(Ok((rule.matches(&activity) && keep(&id)).then_some(id)))
                    })
                    .boxed()
            }
        }
    }
}

/// How to list a select-all: the list call with the filter's parameters, and for activities the filters
/// applied by pdx.
#[derive(Debug)]
pub(crate) struct SelectAll {
    pub(crate) call: ApiCall<Vec<IdOnly>>,
    pub(crate) activities: Option<ActivityRule>,
}

/// The activities list's filters API v2 does not take.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ActivityRule {
    activity_type: Option<String>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

impl ActivityRule {
    fn matches(&self, activity: &Activity) -> bool {
        let type_ok = self
            .activity_type
            .as_ref()
            .is_none_or(|t| activity.activity_type.as_deref() == Some(t.as_str()));
        let dated = self.start.is_some() || self.end.is_some();
        let date_ok = !dated
            || activity.due_date.is_some_and(|due| {
                self.start.is_none_or(|s| due >= s) && self.end.is_none_or(|e| due <= e)
            });
        type_ok && date_ok
    }
}

/// The list endpoint of a list view's resource.
fn list_of(resource: Option<&Resource>) -> Result<&'static Endpoint, ApiError> {
    match resource {
        Some(Resource::Deal) => Ok(&endpoints::DEALS),
        Some(Resource::Person) => Ok(&endpoints::PERSONS),
        Some(Resource::Organization) => Ok(&endpoints::ORGANIZATIONS),
        Some(Resource::Activity) => Ok(&ACTIVITIES),
        Some(Resource::Product) => Ok(&PRODUCTS),
        other => Err(ApiError::InvalidCall {
            call: "select-all".to_owned(),
            reason: format!(
                "the request's `resource` is {}: pdx lists deals, persons, organizations, activities and \
                 products",
                other.map_or("missing".to_owned(), |r| format!("`{}`", r.as_str()))
            ),
        }),
    }
}

/// The list call (and pdx's own activity filters) for a select-all with this `filter`.
pub(crate) fn select_all(
    resource: Option<&Resource>,
    filter: &Map<String, Value>,
) -> Result<SelectAll, ApiError> {
    let endpoint = list_of(resource)?;
    let mut call: ApiCall<Vec<IdOnly>> = ApiCall::new(endpoint);
    let is_activity = matches!(resource, Some(Resource::Activity));
    let mut rule = ActivityRule::default();
    let wrong = |key: &str, reason: &str| ApiError::InvalidCall {
        call: format!("select-all of {endpoint}"),
        reason: format!("the list's filter `{key}` {reason}"),
    };
    for (key, value) in filter {
        match key.as_str() {
            "filter_id" => {
                call = call.query(
                    "filter_id",
                    id_of(value).ok_or_else(|| wrong(key, "is not an id"))?,
                )
            }
            "user_id" => {
                call = call.query(
                    "owner_id",
                    id_of(value).ok_or_else(|| wrong(key, "is not an id"))?,
                )
            }
            "everyone" => {}
            "activity_type" if is_activity => {
                rule.activity_type =
                    Some(text_of(value).ok_or_else(|| wrong(key, "is not a type key"))?);
            }
            "activity_start_date" | "activity_end_date" if is_activity => {
                let date = text_of(value)
                    .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
                    .ok_or_else(|| wrong(key, "is not a date (YYYY-MM-DD)"))?;
                if key == "activity_start_date" {
                    rule.start = Some(date);
                } else {
                    rule.end = Some(date);
                }
            }
            _ => {
                return Err(wrong(
                    key,
                    "is not one pdx knows how to list: the selection is refused rather than widened",
                ));
            }
        }
    }
    let activities = (is_activity && rule != ActivityRule::default()).then_some(rule);
    Ok(SelectAll { call, activities })
}

/// An id sent as a number or a string of digits.
fn id_of(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
