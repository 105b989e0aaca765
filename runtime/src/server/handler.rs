//! Which axum handlers serve a JSON panel or a JSON modal. A handler is any `async fn` whose arguments are axum
//! extractors, exactly as for [`axum::routing::get`]; its return type names the panel's or modal's type, so
//! [`App::json_panel`](super::App::json_panel) knows which data structure to upload and to check against with no
//! turbofish.

use crate::modal::{GlobalError, JsonModal, ModalReply};
use crate::panel::{JsonPanel, PanelError, PanelResponse};
use axum::handler::Handler;
use axum::response::IntoResponse;
use std::future::Future;

/// What a JSON panel handler may return: [`PanelResponse<T>`] or `Result<PanelResponse<T>, PanelError>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON panel answer",
    note = "a panel handler returns `PanelResponse<T>` or `Result<PanelResponse<T>, PanelError>`, where `T` derives `JsonPanel`"
)]
pub trait PanelOutput: IntoResponse {
    /// The panel's object type.
    type Panel: JsonPanel;
}

impl<T: JsonPanel> PanelOutput for PanelResponse<T> {
    type Panel = T;
}

impl<T: JsonPanel> PanelOutput for Result<PanelResponse<T>, PanelError> {
    type Panel = T;
}

/// What a JSON modal handler may return: [`ModalReply<M>`] or `Result<ModalReply<M>, GlobalError>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON modal answer",
    note = "a modal handler returns `ModalReply<M>` or `Result<ModalReply<M>, GlobalError>`, where `M` derives `JsonModal`; build it with `.into()` from a `DataResponse`, `FieldErrors`, `SuccessResponse` or `GlobalError`"
)]
pub trait ModalOutput: IntoResponse {
    /// The modal's type.
    type Modal: JsonModal;
}

impl<M: JsonModal> ModalOutput for ModalReply<M> {
    type Modal = M;
}

impl<M: JsonModal> ModalOutput for Result<ModalReply<M>, GlobalError> {
    type Modal = M;
}

impl IntoResponse for GlobalError {
    fn into_response(self) -> axum::response::Response {
        super::respond::modal_error_response(self)
    }
}

/// An axum handler of a JSON panel: its output names the panel type. Implemented for every `async fn` that is an
/// axum [`Handler`] returning a [`PanelOutput`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON panel handler",
    note = "a panel handler is an `async fn` whose arguments are axum extractors (`State<S>`, `PipedriveUser`, `RequestContext`, …) and which returns `PanelResponse<T>` or `Result<PanelResponse<T>, PanelError>`"
)]
pub trait PanelHandler<T, S>: Handler<T, S> {
    /// The panel's object type.
    type Panel: JsonPanel;
}

/// An axum handler of a JSON modal: its output names the modal type. Implemented for every `async fn` that is an
/// axum [`Handler`] returning a [`ModalOutput`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON modal handler",
    note = "a modal handler is an `async fn` whose arguments are axum extractors (`State<S>`, `PipedriveUser`, `ModalCall<M>` last, …) and which returns `ModalReply<M>` or `Result<ModalReply<M>, GlobalError>`"
)]
pub trait ModalHandler<T, S>: Handler<T, S> {
    /// The modal's type.
    type Modal: JsonModal;
}

impl<F, Fut, R, S> PanelHandler<((),), S> for F
where
    F: FnOnce() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = R> + Send,
    R: PanelOutput,
    Self: Handler<((),), S>,
{
    type Panel = R::Panel;
}

impl<F, Fut, R, S> ModalHandler<((),), S> for F
where
    F: FnOnce() -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = R> + Send,
    R: ModalOutput,
    Self: Handler<((),), S>,
{
    type Modal = R::Modal;
}

macro_rules! impl_extension_handlers {
    ([$($ty:ident),*], $last:ident) => {
        impl<F, Fut, R, S, M, $($ty,)* $last> PanelHandler<(M, $($ty,)* $last,), S> for F
        where
            F: FnOnce($($ty,)* $last,) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = R> + Send,
            R: PanelOutput,
            Self: Handler<(M, $($ty,)* $last,), S>,
        {
            type Panel = R::Panel;
        }

        impl<F, Fut, R, S, M, $($ty,)* $last> ModalHandler<(M, $($ty,)* $last,), S> for F
        where
            F: FnOnce($($ty,)* $last,) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = R> + Send,
            R: ModalOutput,
            Self: Handler<(M, $($ty,)* $last,), S>,
        {
            type Modal = R::Modal;
        }
    };
}

impl_extension_handlers!([], T1);
impl_extension_handlers!([T1], T2);
impl_extension_handlers!([T1, T2], T3);
impl_extension_handlers!([T1, T2, T3], T4);
impl_extension_handlers!([T1, T2, T3, T4], T5);
impl_extension_handlers!([T1, T2, T3, T4, T5], T6);
impl_extension_handlers!([T1, T2, T3, T4, T5, T6], T7);
impl_extension_handlers!([T1, T2, T3, T4, T5, T6, T7], T8);
