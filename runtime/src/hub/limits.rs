//! Developer Hub's limits on an app's extensions, read from `pdx-format`, where each is written once with the
//! Pipedrive page it comes from.

pub use pdx_format::hub::*;
