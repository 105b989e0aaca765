//! The v2 Fields API (`GET /api/v2/dealFields` and its twins: Pipedrive's "Fields API v2") and custom fields
//! per company: [`FieldCache`] resolves a [`CustomFields`](crate::custom_fields::CustomFields) struct's fields
//! in each company's definitions, caches them, and reads and writes objects' custom fields through the client.

mod cache;
mod error;

pub use cache::FieldCache;
pub use error::FieldsError;

use super::call::ApiCall;
use super::endpoint::{Endpoint, Paging};
use super::{ApiError, Client, TryStreamExt};
use crate::custom_fields::{FieldDefinition, FieldEntity};
use crate::scope::Scope;

/// The Fields and object endpoints custom fields use, per kind of object.
pub mod field_endpoints {
    use super::*;

    /// `GET /api/v2/dealFields`: `deals:read`, `deal-fields:full` or `admin`; a cursor-paged list.
    pub static DEAL_FIELDS: Endpoint = Endpoint::get(
        "/api/v2/dealFields",
        &[Scope::DealsRead, Scope::DealFieldsFull, Scope::Admin],
    )
    .list(Paging::Cursor);
    /// `GET /api/v2/personFields`: `contacts:read`, `contact-fields:full` or `admin`.
    pub static PERSON_FIELDS: Endpoint = Endpoint::get(
        "/api/v2/personFields",
        &[Scope::ContactsRead, Scope::ContactFieldsFull, Scope::Admin],
    )
    .list(Paging::Cursor);
    /// `GET /api/v2/organizationFields`: `contacts:read`, `contact-fields:full` or `admin`.
    pub static ORGANIZATION_FIELDS: Endpoint = Endpoint::get(
        "/api/v2/organizationFields",
        &[Scope::ContactsRead, Scope::ContactFieldsFull, Scope::Admin],
    )
    .list(Paging::Cursor);
    /// `GET /api/v2/productFields`: `products:read`, `product-fields:full` or `admin`.
    pub static PRODUCT_FIELDS: Endpoint = Endpoint::get(
        "/api/v2/productFields",
        &[Scope::ProductsRead, Scope::ProductFieldsFull, Scope::Admin],
    )
    .list(Paging::Cursor);
    /// `GET /api/v2/products/{id}`: `products:read`; 1 token.
    pub static PRODUCT: Endpoint = Endpoint::get("/api/v2/products/{id}", &[Scope::ProductsRead]);
    /// `PATCH /api/v2/persons/{id}`: `contacts:full`; 5 tokens.
    pub static UPDATE_PERSON: Endpoint =
        Endpoint::patch("/api/v2/persons/{id}", &[Scope::ContactsFull]);
    /// `PATCH /api/v2/organizations/{id}`: `contacts:full`; 5 tokens.
    pub static UPDATE_ORGANIZATION: Endpoint =
        Endpoint::patch("/api/v2/organizations/{id}", &[Scope::ContactsFull]);
    /// `PATCH /api/v2/products/{id}`: `products:full`; 5 tokens.
    pub static UPDATE_PRODUCT: Endpoint =
        Endpoint::patch("/api/v2/products/{id}", &[Scope::ProductsFull]);

    /// The Fields endpoint of a kind.
    pub fn fields_of(entity: FieldEntity) -> &'static Endpoint {
        match entity {
            FieldEntity::Deal => &DEAL_FIELDS,
            FieldEntity::Person => &PERSON_FIELDS,
            FieldEntity::Organization => &ORGANIZATION_FIELDS,
            FieldEntity::Product => &PRODUCT_FIELDS,
        }
    }

    /// The endpoint reading one object of a kind.
    pub fn object_of(entity: FieldEntity) -> &'static Endpoint {
        use super::super::endpoints;
        match entity {
            FieldEntity::Deal => &endpoints::DEAL,
            FieldEntity::Person => &endpoints::PERSON,
            FieldEntity::Organization => &endpoints::ORGANIZATION,
            FieldEntity::Product => &PRODUCT,
        }
    }

    /// The endpoint updating one object of a kind.
    pub fn update_of(entity: FieldEntity) -> &'static Endpoint {
        match entity {
            FieldEntity::Deal => &super::super::endpoints::UPDATE_DEAL,
            FieldEntity::Person => &UPDATE_PERSON,
            FieldEntity::Organization => &UPDATE_ORGANIZATION,
            FieldEntity::Product => &UPDATE_PRODUCT,
        }
    }
}

impl Client {
    /// Every field definition of a kind of object in the client's company, standard and custom, page after
    /// page (`GET /api/v2/dealFields`...). [`FieldCache`] keeps them per company.
    pub async fn field_definitions(
        &self,
        entity: FieldEntity,
    ) -> Result<Vec<FieldDefinition>, ApiError> {
        let call = ApiCall::<Vec<FieldDefinition>>::new(field_endpoints::fields_of(entity))
            .limit(pdx_format::api::PAGE_LIMIT_MAX);
        self.items(call).try_collect().await
    }
}
