//! The endpoints of the typed entity calls, each with the scopes that allow it (any of them; a `:full` scope
//! allows its `:read` scope's calls) and its token cost (Pipedrive's OpenAPI `x-token-cost`, else its generic
//! table). API v2 wherever Pipedrive has it; leads, notes and users through API v1, which has no v2 twin yet.

use super::super::endpoint::{Endpoint, Paging};
use crate::scope::Scope;
use pdx_format::api::{COST_V2_ARCHIVED_DEALS, COST_V2_PIPELINE_LIST};

const DEALS_READ: &[Scope] = &[Scope::DealsRead];
const DEALS_FULL: &[Scope] = &[Scope::DealsFull];
const CONTACTS_FULL: &[Scope] = &[Scope::ContactsFull];
const ACTIVITIES_READ: &[Scope] = &[Scope::ActivitiesRead];
const ACTIVITIES_FULL: &[Scope] = &[Scope::ActivitiesFull];
const PRODUCTS_READ: &[Scope] = &[Scope::ProductsRead];
/// Pipelines and stages: read with a deals scope or `admin`.
const PIPELINES_READ: &[Scope] = &[Scope::DealsRead, Scope::Admin];
const LEADS_READ: &[Scope] = &[Scope::LeadsRead];
/// Notes ride on the deals or the contacts scopes (there is no `notes:*` scope).
const NOTES_READ: &[Scope] = &[Scope::DealsRead, Scope::ContactsRead];
const NOTES_FULL: &[Scope] = &[Scope::DealsFull, Scope::ContactsFull];
const SEARCH: &[Scope] = &[Scope::SearchRead];

/// `POST /api/v2/deals`: `deals:full`; 5 tokens.
pub static CREATE_DEAL: Endpoint = Endpoint::post("/api/v2/deals", DEALS_FULL);
/// `DELETE /api/v2/deals/{id}`: `deals:full`; 3 tokens.
pub static DELETE_DEAL: Endpoint = Endpoint::delete("/api/v2/deals/{id}", DEALS_FULL);
/// `GET /api/v2/deals/archived`: archived deals, which the deals list leaves out; 20 tokens a page.
pub static ARCHIVED_DEALS: Endpoint = Endpoint::get("/api/v2/deals/archived", DEALS_READ)
    .list(Paging::Cursor)
    .token_cost(COST_V2_ARCHIVED_DEALS);
/// `POST /api/v2/persons`: `contacts:full`; 5 tokens.
pub static CREATE_PERSON: Endpoint = Endpoint::post("/api/v2/persons", CONTACTS_FULL);
/// `PATCH /api/v2/persons/{id}`: `contacts:full`; 5 tokens.
pub static UPDATE_PERSON: Endpoint = Endpoint::patch("/api/v2/persons/{id}", CONTACTS_FULL);
/// `GET /api/v2/activities/{id}`: `activities:read`; 1 token.
pub static ACTIVITY: Endpoint = Endpoint::get("/api/v2/activities/{id}", ACTIVITIES_READ);
/// `GET /api/v2/activities`: cursor pages; 10 tokens a page.
pub static ACTIVITIES: Endpoint =
    Endpoint::get("/api/v2/activities", ACTIVITIES_READ).list(Paging::Cursor);
/// `POST /api/v2/activities`: `activities:full`; 5 tokens.
pub static CREATE_ACTIVITY: Endpoint = Endpoint::post("/api/v2/activities", ACTIVITIES_FULL);
/// `PATCH /api/v2/activities/{id}`: `activities:full`; 5 tokens (also marks an activity done).
pub static UPDATE_ACTIVITY: Endpoint = Endpoint::patch("/api/v2/activities/{id}", ACTIVITIES_FULL);
/// `GET /api/v2/products/{id}`: `products:read`; 1 token.
pub static PRODUCT: Endpoint = Endpoint::get("/api/v2/products/{id}", PRODUCTS_READ);
/// `GET /api/v2/products`: cursor pages; 10 tokens a page.
pub static PRODUCTS: Endpoint =
    Endpoint::get("/api/v2/products", PRODUCTS_READ).list(Paging::Cursor);
/// `GET /api/v2/pipelines/{id}`: `deals:read` or `admin`; 1 token.
pub static PIPELINE: Endpoint = Endpoint::get("/api/v2/pipelines/{id}", PIPELINES_READ);
/// `GET /api/v2/pipelines`: cursor pages; 5 tokens a page.
pub static PIPELINES: Endpoint = Endpoint::get("/api/v2/pipelines", PIPELINES_READ)
    .list(Paging::Cursor)
    .token_cost(COST_V2_PIPELINE_LIST);
/// `GET /api/v2/stages/{id}`: `deals:read` or `admin`; 1 token.
pub static STAGE: Endpoint = Endpoint::get("/api/v2/stages/{id}", PIPELINES_READ);
/// `GET /api/v2/stages`: cursor pages (`pipeline_id` filter); 5 tokens a page.
pub static STAGES: Endpoint = Endpoint::get("/api/v2/stages", PIPELINES_READ)
    .list(Paging::Cursor)
    .token_cost(COST_V2_PIPELINE_LIST);
/// `GET /api/v2/itemSearch`: `search:read`; 20 tokens.
pub static ITEM_SEARCH: Endpoint = Endpoint::get("/api/v2/itemSearch", SEARCH).search();
/// `GET /api/v2/persons/search`: `search:read` (or `contacts:read`); 20 tokens.
pub static PERSON_SEARCH: Endpoint = Endpoint::get(
    "/api/v2/persons/search",
    &[Scope::SearchRead, Scope::ContactsRead],
)
.search();
/// `GET /api/v2/organizations/search`: `search:read` (or `contacts:read`); 20 tokens.
pub static ORGANIZATION_SEARCH: Endpoint = Endpoint::get(
    "/api/v2/organizations/search",
    &[Scope::SearchRead, Scope::ContactsRead],
)
.search();
/// `GET /api/v2/deals/search`: `search:read` (or `deals:read`); 20 tokens.
pub static DEAL_SEARCH: Endpoint = Endpoint::get(
    "/api/v2/deals/search",
    &[Scope::SearchRead, Scope::DealsRead],
)
.search();
/// `GET /api/v2/products/search`: `search:read` (or `products:read`); 20 tokens.
pub static PRODUCT_SEARCH: Endpoint = Endpoint::get(
    "/api/v2/products/search",
    &[Scope::SearchRead, Scope::ProductsRead],
)
.search();
/// `GET /api/v1/leads/{id}`: `leads:read` (v1: leads have no v2 endpoint yet); 2 tokens.
pub static LEAD: Endpoint = Endpoint::get("/api/v1/leads/{id}", LEADS_READ);
/// `GET /api/v1/leads`: offset pages; 20 tokens a page.
pub static LEADS: Endpoint = Endpoint::get("/api/v1/leads", LEADS_READ).list(Paging::Offset);
/// `GET /api/v1/notes/{id}`: a deals or contacts scope (v1: notes have no v2 endpoint); 2 tokens.
pub static NOTE: Endpoint = Endpoint::get("/api/v1/notes/{id}", NOTES_READ);
/// `GET /api/v1/notes`: offset pages; 20 tokens a page.
pub static NOTES: Endpoint = Endpoint::get("/api/v1/notes", NOTES_READ).list(Paging::Offset);
/// `POST /api/v1/notes`: `deals:full` or `contacts:full`; 10 tokens.
pub static CREATE_NOTE: Endpoint = Endpoint::post("/api/v1/notes", NOTES_FULL);
/// `GET /api/v1/users`: `users:read` (v1: users have no v2 endpoint); offset pages, 20 tokens a page.
pub static USERS: Endpoint =
    Endpoint::get("/api/v1/users", &[Scope::UsersRead]).list(Paging::Offset);
/// `GET /api/v1/users/find`: `users:read`; a search, 40 tokens.
pub static FIND_USERS: Endpoint = Endpoint::get("/api/v1/users/find", &[Scope::UsersRead]).search();
/// `GET /api/v2/leads/search`: `search:read` (or `leads:read`); 20 tokens.
pub static LEAD_SEARCH: Endpoint = Endpoint::get(
    "/api/v2/leads/search",
    &[Scope::SearchRead, Scope::LeadsRead],
)
.search();
