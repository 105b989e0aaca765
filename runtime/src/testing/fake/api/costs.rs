//! Which scopes allow each endpoint family and what its calls cost in API tokens, written once.
//!
//! Scopes from Pipedrive's "Scopes and permission explanations"
//! (<https://pipedrive.readme.io/docs/marketplace-scopes-and-permissions-explanations>): an endpoint listed under
//! several scopes needs any one of them, and a `:full` scope includes its `:read`. Costs from "Rate limiting"
//! (<https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting>) and the `x-token-cost` of Pipedrive's
//! OpenAPI files. Where those say nothing (the v2 Fields API's costs), the fake charges what a v2 read of the
//! same kind costs.

use crate::scope::Scope;
use crate::testing::fake::Entity;

/// v2: get one object.
pub(super) const V2_GET: u64 = 1;
/// v2: list (pipelines and stages: [`V2_LIST_SMALL`]).
pub(super) const V2_LIST: u64 = 10;
/// v2: list pipelines or stages.
pub(super) const V2_LIST_SMALL: u64 = 5;
/// v2: create or update.
pub(super) const V2_WRITE: u64 = 5;
/// v2: delete one.
pub(super) const V2_DELETE: u64 = 3;
/// v2: search.
pub(super) const V2_SEARCH: u64 = 20;
/// v2: archived deals.
pub(super) const V2_ARCHIVED: u64 = 20;
/// v1: get one.
pub(super) const V1_GET: u64 = 2;
/// v1: list.
pub(super) const V1_LIST: u64 = 20;
/// v1: create or update.
pub(super) const V1_WRITE: u64 = 10;
/// v1: delete one.
pub(super) const V1_DELETE: u64 = 6;
/// v1: search (`/users/find`).
pub(super) const V1_SEARCH: u64 = 40;
/// Webhooks: list and create.
pub(super) const WEBHOOKS_LIST_OR_CREATE: u64 = 10;
/// Webhooks: delete.
pub(super) const WEBHOOK_DELETE: u64 = 6;

/// The scopes that allow reading a kind of object.
pub(super) fn read(entity: Entity) -> Vec<Scope> {
    match entity {
        Entity::Deal => vec![Scope::DealsRead],
        Entity::Person | Entity::Organization => vec![Scope::ContactsRead],
        Entity::Activity => vec![Scope::ActivitiesRead],
        Entity::Product => vec![Scope::ProductsRead],
        Entity::Pipeline | Entity::Stage => vec![Scope::DealsRead, Scope::Admin],
        Entity::Lead => vec![Scope::LeadsRead],
        Entity::Note => vec![Scope::DealsRead, Scope::ContactsRead],
        Entity::User => vec![Scope::UsersRead],
    }
}

/// The scopes that allow creating, updating and deleting a kind of object.
pub(super) fn write(entity: Entity) -> Vec<Scope> {
    match entity {
        Entity::Deal => vec![Scope::DealsFull],
        Entity::Person | Entity::Organization => vec![Scope::ContactsFull],
        Entity::Activity => vec![Scope::ActivitiesFull],
        Entity::Product => vec![Scope::ProductsFull],
        Entity::Pipeline | Entity::Stage | Entity::User => vec![Scope::Admin],
        Entity::Lead => vec![Scope::LeadsFull],
        Entity::Note => vec![Scope::DealsFull, Scope::ContactsFull],
    }
}

/// The scopes that allow reading a kind's field definitions.
pub(super) fn fields(entity: Entity) -> Vec<Scope> {
    let mut scopes = read(entity);
    match entity {
        Entity::Deal => scopes.push(Scope::DealFieldsFull),
        Entity::Person | Entity::Organization => scopes.push(Scope::ContactFieldsFull),
        Entity::Product => scopes.push(Scope::ProductFieldsFull),
        _ => {}
    }
    if !scopes.contains(&Scope::Admin) {
        scopes.push(Scope::Admin);
    }
    scopes
}

/// The scopes that allow searching a kind (its own read scope, or `search:read`).
pub(super) fn search(entity: Entity) -> Vec<Scope> {
    let mut scopes = read(entity);
    scopes.push(Scope::SearchRead);
    scopes
}

/// The scopes that allow listing filters (filters come with the deal, contact, activity, product and lead
/// scopes).
pub(super) fn filters() -> Vec<Scope> {
    vec![
        Scope::DealsRead,
        Scope::ContactsRead,
        Scope::ActivitiesRead,
        Scope::ProductsRead,
        Scope::LeadsRead,
    ]
}

/// The scopes that allow listing the app's webhooks.
pub(super) fn webhooks_read() -> Vec<Scope> {
    vec![Scope::WebhooksRead, Scope::Admin]
}

/// The scopes that allow creating and deleting webhooks.
pub(super) fn webhooks_full() -> Vec<Scope> {
    vec![Scope::WebhooksFull, Scope::Admin]
}
