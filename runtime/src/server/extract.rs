//! Extractors for what the endpoint layer verified: the [`PipedriveUser`], the [`RequestContext`] and its
//! [`Selection`]. They read what [`ExtensionLayer`](super::ExtensionLayer) put in the request's extensions,
//! so they exist only behind it: every route of an [`App`](super::App) has it, and a route of your own gets it
//! with [`App::extension_layer`](super::App::extension_layer) or [`ExtensionLayer::new`](super::ExtensionLayer::new).

use crate::auth::{PipedriveUser, Rejection};
use crate::context::{RequestContext, Selection, Surface};
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;

/// The rejection when a route has no [`ExtensionLayer`](super::ExtensionLayer): a programming error, answered 500
/// and logged with what to do.
pub(crate) fn missing_layer(what: &str) -> Rejection {
    tracing::error!(
        "`{what}` extracted on a route without pdx's ExtensionLayer: register the route through `pdx::App`, or \
         add `.route_layer(app.extension_layer(..))` to it"
    );
    Rejection::new(
        Surface::Modal,
        StatusCode::INTERNAL_SERVER_ERROR,
        "This endpoint is not set up to verify Pipedrive's requests.",
    )
}

/// The verified user and company. Answers 500 (logged) on a route without the extension layer.
impl<S: Send + Sync> FromRequestParts<S> for PipedriveUser {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<PipedriveUser>()
            .cloned()
            .ok_or_else(|| missing_layer("PipedriveUser"))
    }
}

/// `Option<PipedriveUser>`: `None` only on a link action registered with
/// [`insecure_skip_token_verification`](crate::hub::LinkActionExtension::insecure_skip_token_verification).
impl<S: Send + Sync> OptionalFromRequestParts<S> for PipedriveUser {
    type Rejection = Rejection;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        if parts.extensions.get::<RequestContext>().is_none() {
            return Err(missing_layer("Option<PipedriveUser>"));
        }
        Ok(parts.extensions.get::<PipedriveUser>().cloned())
    }
}

/// The parsed query context (resource, view, selection, filter, `isShared`, refetch form and invoker).
impl<S: Send + Sync> FromRequestParts<S> for RequestContext {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .cloned()
            .ok_or_else(|| missing_layer("RequestContext"))
    }
}

/// What the user selected: ids, or select-all as the list's filter minus exclusions.
impl<S: Send + Sync> FromRequestParts<S> for Selection {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestContext>()
            .map(RequestContext::selection)
            .ok_or_else(|| missing_layer("Selection"))
    }
}
