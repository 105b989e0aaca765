//! Which axum handlers serve an extension. A handler is any `async fn` whose arguments are axum extractors,
//! exactly as for [`axum::routing::get`]. Its argument types tell [`App`](super::App) what it extracts (so an
//! extractor the app cannot serve is refused when the router is built, not on every request), and for a JSON
//! panel or modal its return type names the panel's or modal's type, so
//! [`App::json_panel`](super::App::json_panel) knows which data structure to upload and to check against with no
//! turbofish.

use crate::modal::{GlobalError, JsonModal, ModalReply};
use crate::panel::{JsonPanel, PanelError, PanelResponse};
use axum::handler::Handler;
use axum::response::IntoResponse;
use std::any::TypeId;
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

/// An axum handler of an extension route: an `async fn` whose arguments are axum extractors, returning a response.
/// Implemented for every such function; [`App`](super::App) reads its argument types.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an extension handler",
    note = "an extension handler is an `async fn` whose arguments are axum extractors (`State<S>`, `PipedriveUser`, `RequestContext`, …) and which returns a response"
)]
pub trait ExtensionHandler<T, S>: Handler<T, S> {
    /// The [`TypeId`] of each argument (extractor), in order.
    fn argument_types() -> Vec<TypeId>;
}

/// An axum handler of a JSON panel: its output names the panel type. Implemented for every `async fn` that is an
/// axum [`Handler`] returning a [`PanelOutput`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON panel handler",
    note = "a panel handler is an `async fn` whose arguments are axum extractors (`State<S>`, `PipedriveUser`, `RequestContext`, …) and which returns `PanelResponse<T>` or `Result<PanelResponse<T>, PanelError>`"
)]
pub trait PanelHandler<T, S>: ExtensionHandler<T, S> {
    /// The panel's object type.
    type Panel: JsonPanel;
}

/// An axum handler of a JSON modal: its output names the modal type. Implemented for every `async fn` that is an
/// axum [`Handler`] returning a [`ModalOutput`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON modal handler",
    note = "a modal handler is an `async fn` whose arguments are axum extractors (`State<S>`, `PipedriveUser`, `ModalCall<M>` last, …) and which returns `ModalReply<M>` or `Result<ModalReply<M>, GlobalError>`"
)]
pub trait ModalHandler<T, S>: ExtensionHandler<T, S> {
    /// The modal's type.
    type Modal: JsonModal;
}

/// The three handler traits for the `async fn`s of one arity: `$generics` are the impl's own type parameters
/// (axum's marker `M` of whether the last argument reads the body, then the arguments), `$tuple` is axum's
/// `Handler` parameter of that arity, `$arg` the arguments.
macro_rules! impl_extension_handlers {
    ([$($generics:ident),*], $tuple:ty, [$($arg:ident),*]) => {
        impl<F, Fut, S, $($generics,)*> ExtensionHandler<$tuple, S> for F
        where
            F: FnOnce($($arg,)*) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future + Send,
            Self: Handler<$tuple, S>,
            $($arg: 'static,)*
        {
            fn argument_types() -> Vec<TypeId> {
                vec![$(TypeId::of::<$arg>()),*]
            }
        }

        impl<F, Fut, R, S, $($generics,)*> PanelHandler<$tuple, S> for F
        where
            F: FnOnce($($arg,)*) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = R> + Send,
            R: PanelOutput,
            Self: Handler<$tuple, S>,
            $($arg: 'static,)*
        {
            type Panel = R::Panel;
        }

        impl<F, Fut, R, S, $($generics,)*> ModalHandler<$tuple, S> for F
        where
            F: FnOnce($($arg,)*) -> Fut + Clone + Send + Sync + 'static,
            Fut: Future<Output = R> + Send,
            R: ModalOutput,
            Self: Handler<$tuple, S>,
            $($arg: 'static,)*
        {
            type Modal = R::Modal;
        }
    };
}

impl_extension_handlers!([], ((),), []);
impl_extension_handlers!([M, T1], (M, T1), [T1]);
impl_extension_handlers!([M, T1, T2], (M, T1, T2), [T1, T2]);
impl_extension_handlers!([M, T1, T2, T3], (M, T1, T2, T3), [T1, T2, T3]);
impl_extension_handlers!([M, T1, T2, T3, T4], (M, T1, T2, T3, T4), [T1, T2, T3, T4]);
impl_extension_handlers!(
    [M, T1, T2, T3, T4, T5],
    (M, T1, T2, T3, T4, T5),
    [T1, T2, T3, T4, T5]
);
impl_extension_handlers!(
    [M, T1, T2, T3, T4, T5, T6],
    (M, T1, T2, T3, T4, T5, T6),
    [T1, T2, T3, T4, T5, T6]
);
impl_extension_handlers!(
    [M, T1, T2, T3, T4, T5, T6, T7],
    (M, T1, T2, T3, T4, T5, T6, T7),
    [T1, T2, T3, T4, T5, T6, T7]
);
impl_extension_handlers!(
    [M, T1, T2, T3, T4, T5, T6, T7, T8],
    (M, T1, T2, T3, T4, T5, T6, T7, T8),
    [T1, T2, T3, T4, T5, T6, T7, T8]
);
