//! Test kit: build Pipedrive-like requests (signed tokens with chosen claims, algorithm and expiry, Basic auth,
//! context parameters, modal submits and refetches), send them to a router without a network, and read the
//! answers; check that an export is up to date ([`assert_export_up_to_date`]); and, with the `install` feature,
//! run a fake of Pipedrive's OAuth server and API ([`FakePipedrive`], module [`fake`]) that an app installs into
//! and calls. Tokens as Pipedrive signs them, for calls by hand, are [`crate::auth::sign_token`] and
//! [`crate::auth::signed_url`].
//!
//! ```no_run
//! # use pdx::testing::*;
//! # async fn t(router: axum::Router) {
//! let response = PipedriveRequest::get("/panel")
//!     .details("deal", 42)
//!     .signed("client-secret")
//!     .send(&router)
//!     .await;
//! assert_eq!(response.status(), 200);
//! # }
//! ```

mod export;
#[cfg(feature = "install")]
pub mod fake;
mod request;
mod response;

pub use export::{UPDATE_EXPORT_ENV, assert_export_up_to_date};
#[cfg(feature = "install")]
pub use fake::FakePipedrive;
pub use request::{DEFAULT_COMPANY_ID, DEFAULT_USER_ID, PipedriveRequest, Token, TokenAlg};
pub use response::TestResponse;
