//! The [`PipedriveApi`] extractor: the API client of the verified request's company and user.

use super::{ApiError, Client};
use crate::auth::{PipedriveUser, Rejection};
use crate::context::Surface;
use crate::install::Installations;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use std::any::TypeId;
use std::ops::Deref;

/// A handler argument: the [`Client`] of the verified [`PipedriveUser`]'s installation.
///
/// Reads the [`Installations`] handle and the verified user from the request extensions (the app puts them
/// there before the handler runs). When the app is not installed for the user, the request is answered 401 with
/// the surface's error body, so a panel shows Pipedrive's reconnect screen. Take `Option<PipedriveApi>` instead
/// to answer something else (e.g. an "Install the app" panel) when it is not installed.
///
/// It needs an app built with [`App::with_installations`](crate::server::App::with_installations): a handler of
/// an [`App`](crate::server::App) without installations that takes `PipedriveApi`, `Option<PipedriveApi>` or
/// `Result<PipedriveApi, _>` as an argument makes [`App::check`](crate::server::App::check) report it and
/// [`App::into_router`](crate::server::App::into_router) refuse, naming the route. What pdx cannot see keeps
/// answering 500 (and logging why) on every request: a route of your own (e.g. under
/// [`App::extension_layer`](crate::server::App::extension_layer)) without the installations handle, or an
/// extractor of yours that extracts `PipedriveApi` inside.
#[derive(Debug, Clone)]
pub struct PipedriveApi(pub Client);

impl Deref for PipedriveApi {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.0
    }
}

/// The problem of an extension route at `path`, whose handler's arguments have these types, on an app without
/// installations: `Some` when one of them is the API client's extractor.
pub(crate) fn needs_installations(path: &str, argument_types: &[TypeId]) -> Option<String> {
    let extractors = [
        (TypeId::of::<PipedriveApi>(), "PipedriveApi"),
        (TypeId::of::<Option<PipedriveApi>>(), "Option<PipedriveApi>"),
        (
            TypeId::of::<Result<PipedriveApi, Rejection>>(),
            "Result<PipedriveApi, _>",
        ),
    ];
    let (_, name) = extractors
        .iter()
        .find(|(id, _)| argument_types.contains(id))?;
    Some(format!(
        "`{path}` extracts `{name}`, but the app has no installations: build it with \
         `App::with_installations(Installations::connect(InstallConfig::from_env()?).await?)` (the installations \
         give the API client its tokens)"
    ))
}

/// The surface of the request, for the shape of error bodies: the one the extension layer recorded, else a
/// panel.
fn surface(parts: &Parts) -> Surface {
    parts
        .extensions
        .get::<Surface>()
        .copied()
        .unwrap_or(Surface::Panel)
}

/// The client of the request's installation: `Ok(None)` when the app is not installed for the user; `Err` when
/// the handle or the verified user is missing (the app's mistake: 500) or the store fails.
async fn client(parts: &Parts) -> Result<Option<Client>, Rejection> {
    let surface = surface(parts);
    let Some(installations) = parts.extensions.get::<Installations>().cloned() else {
        tracing::error!(
            "PipedriveApi extracted on a route without pdx's Installations handle: build the app with \
             `App::with_installations(...)`, or add `.layer(axum::Extension(installations.clone()))` to a route of \
             your own"
        );
        return Err(Rejection::new(
            surface,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the app's Pipedrive connection is not configured",
        ));
    };
    let Some(user) = parts.extensions.get::<PipedriveUser>().cloned() else {
        tracing::error!(
            "no verified PipedriveUser in the request extensions: PipedriveApi needs a route verified by pdx"
        );
        return Err(Rejection::new(
            surface,
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request was not verified",
        ));
    };
    match installations
        .client(user.company_id(), user.user_id())
        .await
    {
        Ok(client) => Ok(Some(client)),
        Err(ApiError::NotInstalled) => Ok(None),
        Err(e) => Err(e.into_rejection(surface)),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for PipedriveApi {
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        client(parts)
            .await?
            .map(PipedriveApi)
            .ok_or_else(|| ApiError::NotInstalled.into_rejection(surface(parts)))
    }
}

/// `Option<PipedriveApi>`: `None` when the app is not installed for the user.
impl<S: Send + Sync> OptionalFromRequestParts<S> for PipedriveApi {
    type Rejection = Rejection;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(client(parts).await?.map(PipedriveApi))
    }
}
