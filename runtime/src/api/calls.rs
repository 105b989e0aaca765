//! The typed calls extensions need most, each an [`Endpoint`] (API v2 where Pipedrive has one; users through
//! v1, which has no v2 twin) and a method of [`Client`].

use super::call::ApiCall;
use super::endpoint::{Endpoint, Paging};
use super::types::is_custom_field_key;
use super::{ApiError, Client, Deal, Organization, Person, User};
use crate::scope::Scope;
use serde::Serialize;
use serde_json::{Value, json};

/// The endpoints of the typed calls, for [`App::calls_api`](crate::server::App::calls_api) and for calls of
/// your own ([`ApiCall::new`]).
pub mod endpoints {
    use super::*;

    /// `GET /api/v2/deals/{id}`: `deals:read` (or `deals:full`); 1 token.
    pub static DEAL: Endpoint = Endpoint::get("/api/v2/deals/{id}", &[Scope::DealsRead]);
    /// `GET /api/v2/deals`: a cursor-paged list (filters such as `ids`, `owner_id`, `stage_id`); 10 tokens a
    /// page.
    pub static DEALS: Endpoint =
        Endpoint::get("/api/v2/deals", &[Scope::DealsRead]).list(Paging::Cursor);
    /// `PATCH /api/v2/deals/{id}`: `deals:full`; 5 tokens.
    pub static UPDATE_DEAL: Endpoint = Endpoint::patch("/api/v2/deals/{id}", &[Scope::DealsFull]);
    /// `GET /api/v2/persons/{id}`: `contacts:read` (or `contacts:full`); 1 token.
    pub static PERSON: Endpoint = Endpoint::get("/api/v2/persons/{id}", &[Scope::ContactsRead]);
    /// `GET /api/v2/persons`: a cursor-paged list; 10 tokens a page.
    pub static PERSONS: Endpoint =
        Endpoint::get("/api/v2/persons", &[Scope::ContactsRead]).list(Paging::Cursor);
    /// `GET /api/v2/organizations/{id}`: `contacts:read` (or `contacts:full`); 1 token.
    pub static ORGANIZATION: Endpoint =
        Endpoint::get("/api/v2/organizations/{id}", &[Scope::ContactsRead]);
    /// `GET /api/v2/organizations`: a cursor-paged list; 10 tokens a page.
    pub static ORGANIZATIONS: Endpoint =
        Endpoint::get("/api/v2/organizations", &[Scope::ContactsRead]).list(Paging::Cursor);
    /// `GET /api/v1/users/{id}`: `users:read`; 2 tokens (users have no v2 endpoint).
    pub static USER: Endpoint = Endpoint::get("/api/v1/users/{id}", &[Scope::UsersRead]);
    /// `GET /api/v1/users/me`: `base` (always granted); 2 tokens.
    pub static ME: Endpoint = Endpoint::get("/api/v1/users/me", &[Scope::Base]);
    pub use super::super::entities::endpoints::*;
}

impl Client {
    /// A deal (`GET /api/v2/deals/{id}`).
    pub async fn deal(&self, id: u64) -> Result<Deal, ApiError> {
        self.call(ApiCall::new(&endpoints::DEAL).param(id)).await
    }

    /// A person (`GET /api/v2/persons/{id}`).
    pub async fn person(&self, id: u64) -> Result<Person, ApiError> {
        self.call(ApiCall::new(&endpoints::PERSON).param(id)).await
    }

    /// An organization (`GET /api/v2/organizations/{id}`).
    pub async fn organization(&self, id: u64) -> Result<Organization, ApiError> {
        self.call(ApiCall::new(&endpoints::ORGANIZATION).param(id))
            .await
    }

    /// A user of the company (`GET /api/v1/users/{id}`).
    pub async fn user(&self, id: u64) -> Result<User, ApiError> {
        self.call(ApiCall::new(&endpoints::USER).param(id)).await
    }

    /// The client's own user (`GET /api/v1/users/me`).
    pub async fn me(&self) -> Result<User, ApiError> {
        self.call(ApiCall::new(&endpoints::ME)).await
    }

    /// Deals by id, e.g. a list view's `selectedIds`: 100 ids per call (see [`Client::by_ids`]). Archived
    /// deals are left out, as Pipedrive's deals list does: [`Client::deals_by_id`] finds them.
    pub async fn deals(&self, ids: &[u64]) -> Result<Vec<Deal>, ApiError> {
        self.by_ids(ApiCall::new(&endpoints::DEALS), ids).await
    }

    /// Persons by id: 100 ids per call.
    pub async fn persons(&self, ids: &[u64]) -> Result<Vec<Person>, ApiError> {
        self.by_ids(ApiCall::new(&endpoints::PERSONS), ids).await
    }

    /// Organizations by id: 100 ids per call.
    pub async fn organizations(&self, ids: &[u64]) -> Result<Vec<Organization>, ApiError> {
        self.by_ids(ApiCall::new(&endpoints::ORGANIZATIONS), ids)
            .await
    }

    /// Updates a deal (`PATCH /api/v2/deals/{id}`): a [`DealUpdate`](super::DealUpdate) sends only the
    /// fields it sets; a JSON value is sent as it is.
    pub async fn update_deal<B: Serialize + ?Sized>(
        &self,
        id: u64,
        fields: &B,
    ) -> Result<Deal, ApiError> {
        let body = serde_json::to_value(fields)
            .map_err(|e| ApiError::Decode(format!("a request body: {e}")))?;
        self.call(ApiCall::new(&endpoints::UPDATE_DEAL).param(id).body(body))
            .await
    }

    /// Updates one deal field: a standard field by its key (`title`, `value`...), a custom field by its
    /// 40-character hash key (sent inside `custom_fields`, as API v2 expects).
    pub async fn update_deal_field(
        &self,
        id: u64,
        key: &str,
        value: Value,
    ) -> Result<Deal, ApiError> {
        let body = if is_custom_field_key(key) {
            json!({"custom_fields": {key: value}})
        } else {
            json!({key: value})
        };
        self.update_deal(id, &body).await
    }
}
