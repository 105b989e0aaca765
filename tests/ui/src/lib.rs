//! The compile errors of pdx's derives, as trybuild cases: `modal/*.rs` (`JsonModal`, `ModalChoice`) and
//! `panel/*.rs` (`JsonPanel`), each file one mistake and its `.stderr` the message the derive gives. The runners
//! are `tests/modal.rs` and `tests/panel.rs`; regenerate expectations with `TRYBUILD=overwrite` and read them.
