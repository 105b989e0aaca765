//! [`ModalReply`]: a modal handler's answer, typed by the modal it answers for, so that the `App` knows which
//! schema to check it against from the handler's signature alone.

use super::{DataResponse, FieldErrors, GlobalError, ModalResponse, SuccessResponse};
use std::marker::PhantomData;

/// The answer of a handler of the JSON modal `M`: a [`ModalResponse`] (data, block errors, success, global error)
/// or "not authorized". Build it with `.into()` from any response type:
///
/// ```
/// use pdx_runtime::modal::{ModalReply, SuccessResponse};
/// # #[derive(serde::Deserialize)] struct Task;
/// let reply: ModalReply<Task> = SuccessResponse::new("Saved").into();
/// assert_eq!(reply.status(), 200);
/// ```
#[derive(Debug, Clone)]
pub struct ModalReply<M> {
    response: ModalResponse,
    unauthorized: bool,
    modal: PhantomData<fn() -> M>,
}

impl<M> ModalReply<M> {
    /// Answers 401 with a global error: on a modal's first load, Pipedrive then shows its screen asking the user
    /// to reinstall or reconnect the app (Pipedrive's docs, *JSON modals*, "User interaction handling": "an HTTP
    /// status code 401 must be sent"). Use it when the installation's tokens are gone.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self {
            response: ModalResponse::Error(GlobalError::new(message)),
            unauthorized: true,
            modal: PhantomData,
        }
    }

    /// The HTTP status: 401 for [`ModalReply::unauthorized`], else the response's own
    /// ([`ModalResponse::status`]).
    pub fn status(&self) -> u16 {
        if self.unauthorized {
            401
        } else {
            self.response.status()
        }
    }

    /// The response body.
    pub fn response(&self) -> &ModalResponse {
        &self.response
    }
}

impl<M> From<ModalResponse> for ModalReply<M> {
    fn from(response: ModalResponse) -> Self {
        Self {
            response,
            unauthorized: false,
            modal: PhantomData,
        }
    }
}

macro_rules! reply_from {
    ($($t:ty),*) => {$(
        impl<M> From<$t> for ModalReply<M> {
            fn from(r: $t) -> Self {
                ModalResponse::from(r).into()
            }
        }
    )*};
}
reply_from!(DataResponse, FieldErrors, SuccessResponse, GlobalError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_response() {
        struct M;
        let data: ModalReply<M> = DataResponse::new().into();
        assert_eq!(data.status(), 200);
        let error: ModalReply<M> = GlobalError::new("no").into();
        assert_eq!(error.status(), 400);
        assert_eq!(ModalReply::<M>::unauthorized("reconnect").status(), 401);
    }
}
