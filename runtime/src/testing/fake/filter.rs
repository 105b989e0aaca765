//! A company's saved filters (the filters of its list views), as a test defines them: a name, a kind and the
//! objects they match. Served by `api/filters.rs` and applied by every list's `filter_id`.

use super::answer::invalid;
use super::entity::Entity;
use axum::response::Response;
use serde_json::{Value, json};
use std::fmt;
use std::sync::Arc;

/// What a filter matches: a test's predicate over an object's API JSON.
pub(super) type FilterRule = Arc<dyn Fn(&Value) -> bool + Send + Sync>;

/// A saved filter.
#[derive(Clone)]
pub(super) struct Filter {
    pub(super) id: u64,
    pub(super) name: String,
    pub(super) entity: Entity,
    pub(super) user_id: u64,
    pub(super) rule: FilterRule,
}

impl fmt::Debug for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("entity", &self.entity)
            .finish_non_exhaustive()
    }
}

/// The `type` of a filter of `entity` in the filters API.
pub(super) fn filter_type(entity: Entity) -> &'static str {
    match entity {
        Entity::Deal => "deals",
        Entity::Lead => "leads",
        Entity::Organization => "org",
        Entity::Person => "people",
        Entity::Product => "products",
        Entity::Activity => "activity",
        _ => "other",
    }
}

impl Filter {
    pub(super) fn to_json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "active_flag": true, "type": filter_type(self.entity),
            "temporary_flag": null, "user_id": self.user_id, "visible_to": 7, "custom_view_id": null,
        })
    }
}

/// The rule of the filter `id` for a list of `entity`, or the 400 naming `filter_id`.
pub(super) fn rule_of(
    filters: &[Filter],
    entity: Entity,
    id: &str,
) -> Result<FilterRule, Response> {
    filters
        .iter()
        .find(|f| f.id.to_string() == id && f.entity == entity)
        .map(|f| f.rule.clone())
        .ok_or_else(|| {
            invalid(
                "filter_id",
                &format!("no {} filter with id `{id}`", filter_type(entity)),
            )
        })
}
