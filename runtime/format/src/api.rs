//! Pipedrive's REST API: what each call costs of the company's daily token budget, the burst limits per token,
//! the rate-limit headers, page sizes and the bodies that tell one refusal from another.
//!
//! Pipedrive's docs: *Rate limiting* (<https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting>),
//! *Pagination* (<https://pipedrive.readme.io/docs/core-api-concepts-pagination>), *HTTP status codes*
//! (<https://pipedrive.readme.io/docs/core-api-concepts-http-status-codes>), the Marketplace FAQ ("Scope and URL
//! mismatch": <https://pipedrive.readme.io/docs/faq>); the per-endpoint `x-token-cost` of Pipedrive's OpenAPI
//! files (<https://developers.pipedrive.com/docs/api/v1/openapi.yaml> and `openapi-v2.yaml`).

/// Tokens of the daily budget one call costs, per API version and kind of call (*Rate limiting*'s table;
/// Pipedrive's OpenAPI files give the same numbers per endpoint, with the exceptions named below).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenCosts {
    /// Reading one object (`GET /deals/{id}`).
    pub get_one: u32,
    /// A list (`GET /deals`), whatever its `limit`.
    pub list: u32,
    /// Creating or updating one object.
    pub write: u32,
    /// Deleting one object.
    pub delete: u32,
    /// A search (`/itemSearch`, `/deals/search`, ...).
    pub search: u32,
}

/// API v1 (`/api/v1/...`).
pub const COST_V1: TokenCosts = TokenCosts {
    get_one: 2,
    list: 20,
    write: 10,
    delete: 6,
    search: 40,
};

/// API v2 (`/api/v2/...`): about half of v1.
pub const COST_V2: TokenCosts = TokenCosts {
    get_one: 1,
    list: 10,
    write: 5,
    delete: 3,
    search: 20,
};

/// A v2 list of pipelines or stages costs 5, not 10 (OpenAPI `x-token-cost`).
pub const COST_V2_PIPELINE_LIST: u32 = 5;

/// `GET /api/v2/deals/archived` costs 20 (OpenAPI `x-token-cost`).
pub const COST_V2_ARCHIVED_DEALS: u32 = 20;

/// Webhook management (`/api/v1/webhooks`): list and create 10, delete 6 (OpenAPI `x-token-cost`).
pub const COST_WEBHOOKS_LIST_OR_CREATE: u32 = 10;

/// The daily token budget of a company: this many tokens × the plan's multiplier × seats (plus purchased
/// top-ups), shared by every user, API token and app of the company.
pub const DAILY_BUDGET_BASE: u64 = 30_000;

/// The burst window: limits count requests per token over a rolling 2 seconds.
pub const BURST_WINDOW_MILLIS: u64 = 2_000;

/// Requests per burst window of an OAuth app's token (one per user), by plan: Lite, Growth, Premium,
/// Ultimate. pdx assumes the lowest until Pipedrive's `x-ratelimit-limit` says otherwise.
pub const BURST_OAUTH: [u32; 4] = [80, 160, 400, 480];

/// Requests per burst window of a personal API token, by plan: Lite, Growth, Premium, Ultimate.
pub const BURST_API_TOKEN: [u32; 4] = [20, 40, 100, 120];

/// Search requests per burst window, whatever the plan and the authentication.
pub const BURST_SEARCH: u32 = 10;

/// Header: requests allowed per burst window for this token.
pub const HEADER_LIMIT: &str = "x-ratelimit-limit";
/// Header: requests left in the current burst window.
pub const HEADER_REMAINING: &str = "x-ratelimit-remaining";
/// Header: time left before the burst window resets. The unit is not stated; the docs' example (`2`) matches
/// the 2-second window, so pdx reads seconds.
pub const HEADER_RESET: &str = "x-ratelimit-reset";
/// Header (not in the docs; other clients read it): the company's daily token budget.
pub const HEADER_DAILY_TOKEN_LIMIT: &str = "x-daily-ratelimit-token-limit";
/// Header (not in the docs; other clients read it): tokens left of the company's daily budget. `0` on a 429 is
/// the only sign Pipedrive gives that the daily budget, not the burst window, is spent.
pub const HEADER_DAILY_TOKEN_REMAINING: &str = "x-daily-ratelimit-token-remaining";
/// Header of API-token answers: POST/PUT requests left today (the 10,000 per user per day fair-use limit).
pub const HEADER_DAILY_REQUESTS_LEFT: &str = "x-daily-requests-left";

/// The request header of a personal API token. Older examples put `api_token` in the query string, where it
/// ends up in logs; Pipedrive's own client sends this header.
pub const HEADER_API_TOKEN: &str = "x-api-token";

/// `error` of the 403 Pipedrive answers when the token's scopes do not cover the endpoint.
pub const SCOPE_MISMATCH: &str = "Scope and URL mismatch";

/// Items per page when a list asks for none.
pub const PAGE_LIMIT_DEFAULT: u32 = 100;
/// Most items per page of a list (`limit`).
pub const PAGE_LIMIT_MAX: u32 = 500;
/// Most items per page of `GET /api/v2/itemSearch`.
pub const SEARCH_LIMIT_MAX: u32 = 100;
/// Most ids in one `ids` filter of a v2 list.
pub const IDS_MAX: usize = 100;
/// Most custom field keys in one `custom_fields` selection of a v2 list.
pub const CUSTOM_FIELDS_MAX: usize = 15;

/// Most characters in a text (`varchar`) or autocomplete (`varchar_auto`) custom field.
///
/// Pipedrive's docs, *Custom fields*: <https://pipedrive.readme.io/docs/core-api-concepts-custom-fields>.
pub const CUSTOM_FIELD_TEXT_MAX: usize = 255;
