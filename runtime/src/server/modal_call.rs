//! [`ModalCall`]: what a JSON modal request asks for — the initial load, a refetch after a `fetchOnChange` block
//! changed, or the submit of the primary button parsed into the modal's type.

use crate::auth::Rejection;
use crate::context::{RefetchForm, RequestContext, Surface};
use crate::modal::{
    FieldErrors, GlobalError, JsonModal, ModalReply, SubmissionError, required_blocks_sent_empty,
};
use axum::extract::{FromRequest, Request};
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What a modal request asks for. Extract it as the LAST argument of a modal handler (it reads the body).
///
/// Pipedrive calls a modal's one endpoint three ways (Pipedrive's docs, *JSON modals*:
/// <https://pipedrive.readme.io/docs/app-extensions-json-modals>): a GET when the modal opens, a GET with `form` and
/// `invoker` when a block with `fetchOnChange` changes, and a POST of the form when the primary button is pressed.
///
/// A submit that does not parse never reaches the handler. pdx answers it with an error under each block at fault
/// (a required block not sent, or sent empty; a value its field does not accept), with the status of block errors;
/// or with a global error when the body as a whole is wrong or the block is one the user may not see
/// ([`SubmissionError::block_to_show`]).
///
/// Exhaustive on purpose: each variant is a different call Pipedrive makes, and a new one should make every
/// handler's `match` say how it answers it rather than fall into a wildcard arm.
#[derive(Debug, Clone)]
pub enum ModalCall<M> {
    /// The initial GET: answer the initial data.
    Load,
    /// A refetch GET after a `fetchOnChange` block changed.
    Refetch {
        /// The key of the block that changed, as sent.
        invoker: String,
        /// The current form state.
        form: RefetchForm,
    },
    /// The POST of the primary button, parsed into the modal's type.
    Submit(M),
    /// The browser GET of a primary button with `handler: "open-url"` and no `url` of its own: Pipedrive opens
    /// the modal's endpoint in a new tab "with the form data serialized into query parameters" (*JSON modals*).
    /// pdx reads the form from a `form` parameter without `invoker`, or from parameters named after blocks.
    /// Answer a page or a redirect: this is the user's browser, not Pipedrive.
    OpenUrl {
        /// The form state, as far as it was sent.
        form: RefetchForm,
    },
}

/// Why a modal request could not become a [`ModalCall`]: the modal's global error body.
#[derive(Debug)]
pub struct ModalCallRejection(Response);

impl IntoResponse for ModalCallRejection {
    fn into_response(self) -> Response {
        self.0
    }
}

fn reject(status: StatusCode, message: impl Into<String>) -> ModalCallRejection {
    let message = message.into();
    tracing::warn!(status = status.as_u16(), reason = %super::Untrusted(&message), "modal request refused");
    ModalCallRejection(Rejection::new(Surface::Modal, status, message).into_response())
}

impl<S: Send + Sync, M: JsonModal> FromRequest<S> for ModalCall<M> {
    type Rejection = ModalCallRejection;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let Some(context) = req.extensions().get::<RequestContext>().cloned() else {
            return Err(ModalCallRejection(
                super::extract::missing_layer("ModalCall").into_response(),
            ));
        };
        if req.method() == Method::POST {
            return submit(req).await;
        }
        match (context.form, context.invoker) {
            (None, None) => match open_url_form::<M>(req.uri().query().unwrap_or_default()) {
                Some(form) => Ok(ModalCall::OpenUrl { form }),
                None => Ok(ModalCall::Load),
            },
            (Some(form), Some(invoker)) => {
                if !M::schema().is_fetch_on_change(&invoker) {
                    // Pipedrive's own component-library sample sends `invoker=datepicker` for the block
                    // `block_key_datepicker`: the handler decides what the invoker means.
                    tracing::warn!(invoker = %super::Untrusted(&invoker), "refetch `invoker` is not a block key with `fetchOnChange`");
                }
                Ok(ModalCall::Refetch { invoker, form })
            }
            (Some(form), None) => Ok(ModalCall::OpenUrl { form }),
            (None, Some(_)) => Err(reject(
                StatusCode::BAD_REQUEST,
                "query parameter `form`: required with `invoker` (refetch)",
            )),
        }
    }
}

/// An `open-url` navigation that carries blocks as separate query parameters: `None` when no parameter names a
/// block (an initial load).
fn open_url_form<M: JsonModal>(query: &str) -> Option<RefetchForm> {
    let schema = M::schema();
    let mut form = serde_json::Map::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if schema.block_keys().any(|k| k == key) {
            form.insert(
                key.into_owned(),
                serde_json::Value::String(value.into_owned()),
            );
        }
    }
    if form.is_empty() {
        return None;
    }
    RefetchForm::parse(&serde_json::Value::Object(form).to_string()).ok()
}

/// Whether a modal request is the browser navigation of an `open-url` button (answered with pages, not JSON).
pub(crate) fn is_open_url_navigation(req: &Request) -> bool {
    if req.method() != Method::GET {
        return false;
    }
    let mut form = false;
    for (key, _) in form_urlencoded::parse(req.uri().query().unwrap_or_default().as_bytes()) {
        match key.as_ref() {
            "invoker" => return false,
            "form" => form = true,
            _ => {}
        }
    }
    form
}

async fn submit<M: JsonModal>(req: Request) -> Result<ModalCall<M>, ModalCallRejection> {
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|mime| {
            let mime = mime.trim();
            mime.eq_ignore_ascii_case("application/json")
                || (mime.starts_with("application/") && mime.ends_with("+json"))
        });
    if !is_json {
        return Err(reject(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "a modal submit must be JSON (`content-type: application/json`)",
        ));
    }
    let limit = super::MAX_BODY_BYTES;
    let Ok(bytes) = axum::body::to_bytes(req.into_body(), limit).await else {
        return Err(reject(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {limit} bytes"),
        ));
    };
    let body: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        reject(
            StatusCode::BAD_REQUEST,
            format!("the submitted body is not valid JSON: {e}"),
        )
    })?;
    let schema = M::schema();
    let mut errors = required_blocks_sent_empty(schema, &body);
    match M::from_submission(&body) {
        Ok(modal) if errors.is_empty() => return Ok(ModalCall::Submit(modal)),
        Ok(_) => {}
        Err(e) => {
            if e.field.is_none() || !errors.iter().any(|seen| seen.field == e.field) {
                errors.push(e);
            }
        }
    }
    Err(refuse_submission::<M>(&errors))
}

/// Answers a submit that does not parse: an error under each block at fault when the user can see them all
/// ([`SubmissionError::block_to_show`]), with the status of block errors; else a global error (400).
fn refuse_submission<M: JsonModal>(errors: &[SubmissionError]) -> ModalCallRejection {
    let listed = errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    tracing::warn!(error = %super::Untrusted(&listed), "submission does not parse");
    let schema = M::schema();
    let blocks: Option<Vec<(&str, String)>> = errors
        .iter()
        .map(|e| e.block_to_show(schema).map(|key| (key, e.block_message())))
        .collect();
    let reply: ModalReply<M> = match blocks {
        Some(blocks) if !blocks.is_empty() => blocks
            .into_iter()
            .fold(FieldErrors::new(), |all, (key, message)| {
                all.error(key, message)
            })
            .into(),
        _ => GlobalError::new(format!("The form could not be read ({listed}).")).into(),
    };
    ModalCallRejection(reply.into_response())
}
