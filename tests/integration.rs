//! pdx's integration tests, in one test binary: one link of pdx and its
//! dependencies instead of one per file (most of a cold `cargo test` was linking). Each file stays a module
//! with its own helpers; `cargo test --test integration api_client::` runs one file's tests. Snapshots are named
//! after the module (`integration__panel_derive__...`).

#[path = "api_budget.rs"]
mod api_budget;
#[path = "api_client.rs"]
mod api_client;
#[path = "api_entities_read.rs"]
mod api_entities_read;
#[path = "api_entities_wire.rs"]
mod api_entities_wire;
#[path = "api_entities_write.rs"]
mod api_entities_write;
#[path = "api_errors.rs"]
mod api_errors;
#[path = "api_pages.rs"]
mod api_pages;
#[path = "api_reads.rs"]
mod api_reads;
#[path = "api_scopes.rs"]
mod api_scopes;
#[path = "api_selection.rs"]
mod api_selection;
#[path = "api_token.rs"]
mod api_token;
#[path = "auth_hs256.rs"]
mod auth_hs256;
#[path = "checks_bounded.rs"]
mod checks_bounded;
#[path = "custom_fields.rs"]
mod custom_fields;
#[path = "custom_fields_values.rs"]
mod custom_fields_values;
#[path = "custom_ui_calls.rs"]
mod custom_ui_calls;
#[path = "demo_flow.rs"]
mod demo_flow;
#[path = "demo_install.rs"]
mod demo_install;
#[path = "features.rs"]
mod features;
#[path = "install_app.rs"]
mod install_app;
#[path = "install_oauth.rs"]
mod install_oauth;
#[path = "modal_check.rs"]
mod modal_check;
#[path = "modal_derive.rs"]
mod modal_derive;
#[path = "modal_response.rs"]
mod modal_response;
#[path = "modal_submission.rs"]
mod modal_submission;
#[path = "panel_checks.rs"]
mod panel_checks;
#[path = "panel_derive.rs"]
mod panel_derive;
#[path = "panel_items_type.rs"]
mod panel_items_type;
#[path = "panel_objects.rs"]
mod panel_objects;
#[path = "panel_samples.rs"]
mod panel_samples;
#[path = "prop_parsers.rs"]
mod prop_parsers;
#[path = "prop_typed_check.rs"]
mod prop_typed_check;
#[path = "readme.rs"]
mod readme;
#[path = "registration.rs"]
mod registration;
#[path = "scopes.rs"]
mod scopes;
#[path = "server_app.rs"]
mod server_app;
#[path = "server_cli_sign.rs"]
mod server_cli_sign;
#[path = "server_log.rs"]
mod server_log;
#[path = "server_manifest.rs"]
mod server_manifest;
#[path = "server_non_exhaustive.rs"]
mod server_non_exhaustive;
#[path = "server_panel_auth.rs"]
mod server_panel_auth;
#[path = "server_pipedrive_docs.rs"]
mod server_pipedrive_docs;
#[path = "server_rejections.rs"]
mod server_rejections;
#[path = "server_responses.rs"]
mod server_responses;
#[path = "server_submit.rs"]
mod server_submit;
#[path = "store_suite.rs"]
mod store_suite;
#[path = "testing_fake.rs"]
mod testing_fake;
#[path = "webhooks_demo.rs"]
mod webhooks_demo;
#[path = "webhooks_events.rs"]
mod webhooks_events;
#[path = "webhooks_lifecycle.rs"]
mod webhooks_lifecycle;
#[path = "webhooks_review.rs"]
mod webhooks_review;
#[path = "webhooks_store.rs"]
mod webhooks_store;

// Helpers shared by the modules above, compiled once.
#[path = "common/api_fake.rs"]
mod api_fake;
#[path = "../examples/demo/app.rs"]
mod demo_app;
#[path = "common/modal_examples.rs"]
#[allow(dead_code)]
mod examples;
#[path = "common/log.rs"]
mod log;
#[path = "common/postgres.rs"]
#[allow(dead_code)]
mod postgres;
#[path = "common/entities_setup.rs"]
mod setup;
#[path = "common/temp_db.rs"]
mod temp_db;
