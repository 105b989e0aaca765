//! [`ModalReply`]: a modal handler's answer, typed by the modal it answers for, so that the `App` knows which
//! schema to check it against from the handler's signature alone.

use super::{DataResponse, FieldErrors, GlobalError, ModalResponse, SuccessResponse};
use std::marker::PhantomData;

/// The answer of a handler of the JSON modal `M`: a [`ModalResponse`] (data, block errors, success, global error)
/// or "not authorized". Build it with `.into()` from any response type:
///
/// ```
/// use pdx::modal::{ModalReply, SuccessResponse};
/// # #[derive(serde::Deserialize)] struct Task;
/// let reply: ModalReply<Task> = SuccessResponse::new("Saved").into();
/// assert_eq!(reply.status(), 200);
/// ```
#[derive(Debug, Clone)]
pub struct ModalReply<M> {
    answer: Answer,
    modal: PhantomData<fn() -> M>,
}

/// What the reply holds.
#[derive(Debug, Clone)]
enum Answer {
    Response(ModalResponse),
    Unauthorized(ModalResponse),
    /// A browser tab (`open-url`) sent elsewhere.
    Redirect(String),
    /// A browser tab (`open-url`) shown a page.
    Page(String),
}

/// What a [`ModalReply`] asks the server to send.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum ReplyKind<'a> {
    /// A JSON body checked against the modal's schema, with this status.
    Json(u16, &'a ModalResponse),
    /// A `303 See Other` to this URL (an `open-url` tab).
    Redirect(&'a str),
    /// This HTML page (an `open-url` tab).
    Page(&'a str),
}

impl<M> ModalReply<M> {
    /// Answers 401 with a global error: on a modal's first load, Pipedrive then shows its screen asking the user
    /// to reinstall or reconnect the app (Pipedrive's docs, *JSON modals*, "User interaction handling": "an HTTP
    /// status code 401 must be sent"). Use it when the installation's tokens are gone.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::of(Answer::Unauthorized(ModalResponse::Error(
            GlobalError::new(message),
        )))
    }

    /// Sends the browser tab of an `open-url` button to `url` (`303 See Other`).
    pub fn redirect(url: impl Into<String>) -> Self {
        Self::of(Answer::Redirect(url.into()))
    }

    /// Shows the browser tab of an `open-url` button this HTML page.
    pub fn page(html: impl Into<String>) -> Self {
        Self::of(Answer::Page(html.into()))
    }

    fn of(answer: Answer) -> Self {
        Self {
            answer,
            modal: PhantomData,
        }
    }

    /// The HTTP status: 401 for [`ModalReply::unauthorized`], 303 for a redirect, 200 for a page, else the
    /// response's own ([`ModalResponse::status`]).
    pub fn status(&self) -> u16 {
        match &self.answer {
            Answer::Response(r) => r.status(),
            Answer::Unauthorized(_) => 401,
            Answer::Redirect(_) => 303,
            Answer::Page(_) => 200,
        }
    }

    /// What to send.
    pub fn kind(&self) -> ReplyKind<'_> {
        match &self.answer {
            Answer::Response(r) | Answer::Unauthorized(r) => ReplyKind::Json(self.status(), r),
            Answer::Redirect(url) => ReplyKind::Redirect(url),
            Answer::Page(html) => ReplyKind::Page(html),
        }
    }
}

impl<M> From<ModalResponse> for ModalReply<M> {
    fn from(response: ModalResponse) -> Self {
        Self::of(Answer::Response(response))
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
        assert_eq!(ModalReply::<M>::redirect("https://x.test").status(), 303);
        assert!(matches!(
            ModalReply::<M>::page("<p>hi</p>").kind(),
            ReplyKind::Page("<p>hi</p>")
        ));
    }
}
