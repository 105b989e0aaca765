//! The compile errors of pdx's derives, as trybuild cases: `panel/*.rs` (`JsonPanel`), `modal/*.rs` (`JsonModal`,
//! `ModalChoice`) and `custom_fields/*.rs` (`CustomFields`), each file one mistake and its `.stderr` the message
//! the derive gives (`pass_*` files compile). The runner is `tests/derives.rs`, one trybuild run for all three;
//! regenerate expectations with `TRYBUILD=overwrite` and read them.
