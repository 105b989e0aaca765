//! The fake's API: endpoint families, each in one file that declares its routes with the scopes that allow
//! them and their token cost ([`ApiRoutes::add`]), and the handlers that answer them. Adding a family is one
//! file and one line in [`routes`].

pub(super) mod costs;
mod entities;
mod fields;
pub(super) mod filters;
pub(super) mod list;
pub(super) mod search;
mod v1;
pub(super) mod webhooks;

use super::gate::{RouteGate, api_fallback, api_gate, api_method_not_allowed};
use super::tokens::Credential;
use super::world::Shared;
use crate::scope::Scope;
use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, on};
use std::sync::Arc;

/// What the gate checks before an endpoint runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rule {
    /// The scopes that allow the call (any of them; `:full` includes `:read`). Empty: `base` (always granted).
    pub(super) scopes: Vec<Scope>,
    /// Its cost in API tokens (Pipedrive's "Rate limiting" table and the `x-token-cost` of its OpenAPI files).
    pub(super) cost: u64,
    /// Whether it counts in the search burst window.
    pub(super) search: bool,
}

impl Rule {
    pub(super) fn new(scopes: Vec<Scope>, cost: u64) -> Self {
        Self {
            scopes,
            cost,
            search: false,
        }
    }

    pub(super) fn search(mut self) -> Self {
        self.search = true;
        self
    }
}

/// The API's routes being declared.
pub(super) struct ApiRoutes {
    router: Router<Shared>,
    shared: Shared,
}

impl ApiRoutes {
    /// Declares a route: its method, path pattern (axum's: `/api/v2/deals/{id}`), rule and handler. The gate
    /// runs before the handler with this rule.
    pub(super) fn add<H, T>(mut self, method: Method, path: &str, rule: Rule, handler: H) -> Self
    where
        H: Handler<T, Shared>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|_| panic!("the fake declares an unsupported method {method}"));
        let gate = RouteGate {
            shared: self.shared.clone(),
            rule: Arc::new(rule),
            route: Arc::from(path),
        };
        let route = on(filter, handler).route_layer(from_fn_with_state(gate, api_gate));
        self.router = self.router.route(path, route);
        self
    }
}

/// Who an accepted call acts for (put in the request's extensions by the gate).
#[derive(Debug, Clone)]
pub(super) struct Caller {
    pub(super) company: u64,
    pub(super) user: u64,
    pub(super) credential: Credential,
}

impl Caller {
    /// Whether the call came with a personal API token (not an app's OAuth token).
    pub(super) fn is_api_token(&self) -> bool {
        matches!(self.credential, Credential::ApiToken)
    }
}

/// The API: every family's routes, and Pipedrive's answers to unknown paths (404) and methods (405).
pub(super) fn router(shared: &Shared) -> Router {
    let routes = ApiRoutes {
        router: Router::new(),
        shared: shared.clone(),
    };
    let routes = entities::routes(routes);
    let routes = v1::routes(routes);
    let routes = search::routes(routes);
    let routes = fields::routes(routes);
    let routes = filters::routes(routes);
    let routes = webhooks::routes(routes);
    routes
        .router
        .fallback(api_fallback)
        .method_not_allowed_fallback(api_method_not_allowed)
        .with_state(shared.clone())
}
