//! Products (API v2): [`Product`] and its list's filters ([`ProductsQuery`]).

use super::query::{ListQuery, Listed};
use super::wire::{CustomFieldValues, VisibleTo, null_as_default};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A product (`GET /api/v2/products/{id}`; Pipedrive's "Products" API reference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Product {
    /// Id.
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Product code.
    #[serde(default)]
    pub code: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Unit (`pcs`, `h`...).
    #[serde(default)]
    pub unit: Option<String>,
    /// Tax in percent.
    #[serde(default)]
    pub tax: Option<f64>,
    /// Category (an option id of the category field).
    #[serde(default)]
    pub category: Option<u64>,
    /// The user who owns it.
    #[serde(default)]
    pub owner_id: Option<u64>,
    /// Whether it can be added to deals.
    #[serde(default)]
    pub is_linkable: Option<bool>,
    /// Deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// Who can see it.
    #[serde(default)]
    pub visible_to: Option<VisibleTo>,
    /// Created.
    #[serde(default)]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
    /// Its prices, one per currency.
    #[serde(default, deserialize_with = "null_as_default")]
    pub prices: Vec<ProductPrice>,
    /// Custom fields by their key in this company.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: CustomFieldValues,
    /// Fields pdx does not name (`billing_frequency`... and fields Pipedrive adds later).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One price of a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductPrice {
    /// Price per unit.
    #[serde(default)]
    pub price: Option<f64>,
    /// Currency code.
    #[serde(default)]
    pub currency: Option<String>,
    /// Cost per unit.
    #[serde(default)]
    pub cost: Option<f64>,
    /// Direct cost.
    #[serde(default)]
    pub direct_cost: Option<f64>,
    /// Notes on the price.
    #[serde(default)]
    pub notes: Option<String>,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Listed for Product {
    const LIST: &'static super::super::Endpoint = &super::endpoints::PRODUCTS;
    fn id(&self) -> u64 {
        self.id
    }
}

/// The filters of the products list (`GET /api/v2/products`): the common ones of [`ListQuery`].
pub type ProductsQuery = ListQuery<Product>;
