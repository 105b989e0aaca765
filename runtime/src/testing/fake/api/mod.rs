//! The fake's API: endpoint families, each in one file that declares its routes with the scopes that allow
//! them and their token cost ([`ApiRoutes::add`]), and the handlers that answer them. Adding a family is one
//! file and one line in [`routes`].

pub(super) mod costs;
mod entities;
mod fields;
mod filters;
pub(super) mod list;
pub(super) mod search;
mod v1;
mod webhooks;

use super::gate::{ApiHost, RouteGate, api_gate, unrouted};
pub(super) use super::gate::{Caller, Rule};
use super::world::Shared;
use axum::Router;
use axum::extract::{Extension, Request, State};
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, on};
use std::sync::Arc;

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
        .fallback(|s: State<Shared>, h: Extension<ApiHost>, r: Request| {
            unrouted(s, h, r, StatusCode::NOT_FOUND)
        })
        .method_not_allowed_fallback(|s: State<Shared>, h: Extension<ApiHost>, r: Request| {
            unrouted(s, h, r, StatusCode::METHOD_NOT_ALLOWED)
        })
        .with_state(shared.clone())
}
