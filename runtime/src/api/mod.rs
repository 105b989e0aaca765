//! Calling Pipedrive's API: [`Client`] (of an installation, from
//! [`Installations::client`](crate::install::Installations::client) or the [`PipedriveApi`] extractor; or of a
//! personal API token, [`Client::from_api_token`]).
//!
//! Every call is an [`ApiCall`] of an [`Endpoint`], which knows its method, path, the scopes that allow it and
//! its token cost; a raw call ([`ApiCall::raw`], [`Client::request`]) is one whose scopes pdx does not know
//! unless it declares them. Each call takes one path:
//! 1. **Scopes**: an installation's call outside its granted scopes is refused before sending
//!    ([`ApiError::MissingScope`]), and recorded in the [`ScopeLedger`] for the app's [`ScopeReport`].
//! 2. **Reads shared**: a `GET` answered from the optional [`ReadCache`], or joined to the same read already in
//!    flight for the same installation ([`ReadSharing`]).
//! 3. **The customer's budget**: the company's daily token budget and the token's 2-second burst window, known
//!    from the headers of every answer ([`RateLimitInfo`]), are respected *before* sending: the call waits for
//!    room (within the [`RetryPolicy`]'s `max_wait`) or fails at once ([`ApiError::RateLimited`],
//!    [`ApiError::DailyBudgetExhausted`]).
//! 4. **Sent** to the company's `api_domain`, the access token refreshed before it expires and once after a 401
//!    (one refresh per installation at a time, across instances); a 429 waited out (`Retry-After`, else
//!    `x-ratelimit-reset`, else a default wait with jitter) and a 5xx or network error retried for calls that
//!    may be sent twice, within the [`RetryPolicy`].
//! 5. **Errors** name the call and why ([`ApiError`]), and convert into a panel error state or a modal's global
//!    error so `?` works in handlers.
//!
//! What was done is counted ([`ApiStats`]: requests, tokens spent, throttled, coalesced, cache hits, 429s).
//! Lists page as streams ([`Client::pages`], [`Client::items`]; [`Page`], [`Cursor`]); `ids` filters go 100 at a
//! time ([`Client::by_ids`]).
//!
//! Pipedrive's entities are typed ([`Deal`], [`Person`], [`Organization`], [`Activity`], [`Product`],
//! [`Pipeline`], [`Stage`], search results; [`Lead`], [`Note`] and [`User`] through API v1 until Pipedrive moves
//! them): lists with their documented filters ([`Client::list`] with a [`ListQuery`] such as [`DealsQuery`]),
//! objects by id in the order asked ([`Client::objects_by_id`]; deals with the archived ones said so,
//! [`Client::deals_by_id`]), writes with bodies that send only what is set ([`NewDeal`], [`DealUpdate`],
//! [`NewPerson`], [`NewActivity`], [`NewNote`]), search ([`Client::person_by_email`]) and a list view's
//! selection as ids ([`Client::selected_ids`]).

mod answer;
mod cache;
mod call;
mod calls;
mod client;
mod coalesce;
mod endpoint;
mod entities;
mod error;
mod extract;
mod fields;
mod ledger;
mod page;
mod rate;
mod send;
mod settings;
mod state;
mod stats;
mod types;

pub use call::{ApiCall, DEFAULT_MAX_PAGES};
pub use calls::endpoints;
pub use client::Client;
pub use endpoint::{Endpoint, Paging};
pub use entities::{
    ActivitiesQuery, Activity, ActivityUpdate, Address, Attendee, ContactDetail, CustomFieldValues,
    Deal, DealHit, DealStatus, DealUpdate, DealsById, DealsQuery, EntitySearch, FoundItem,
    ItemSearch, Lead, LeadHit, LeadValue, ListQuery, Listed, NamedHit, NewActivity, NewDeal,
    NewNote, NewPerson, Note, NotesQuery, Organization, OrganizationsQuery, Participant, Person,
    PersonHit, PersonUpdate, PersonsQuery, Pipeline, PipelinesQuery, Product, ProductPrice,
    ProductsQuery, SearchHit, SearchRef, SortBy, SortDirection, Stage, StagesQuery, User,
    UserAccess, VisibleTo,
};
pub use error::ApiError;
pub use extract::PipedriveApi;
pub(crate) use extract::needs_installations;
pub use fields::{FieldCache, FieldsError, field_endpoints};
/// The stream traits of the `futures-util` pdx is built on, so an app consumes [`Client::pages`] and
/// [`Client::items`] (`.try_collect()`, `.next()`) without a dependency of its own.
pub use futures_util::stream::{Stream, StreamExt, TryStreamExt};
pub(crate) use ledger::check_declared as check_declared_scopes;
pub use ledger::{ScopeLedger, ScopeNeed, ScopeReport};
pub use page::{Cursor, Page};
pub use rate::RateLimitInfo;
pub(crate) use rate::Spender;
/// The HTTP method of a raw call ([`Client::request`], [`ApiCall::raw`]).
pub use reqwest::Method;
pub use settings::{ApiSettings, BurstLimits, ReadCache, ReadSharing, RetryPolicy};
pub(crate) use state::{ApiState, TokenKind, http_client};
pub use stats::ApiStats;

/// An access token expiring within this many seconds is refreshed before use.
pub const REFRESH_MARGIN_SECS: i64 = 60;
