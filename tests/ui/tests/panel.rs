//! Compile errors of `#[derive(JsonPanel)]`: each file under `panel/` holds one mistake, and its
//! `.stderr` the one message (with its span and hint) the derive gives. Regenerate with `TRYBUILD=overwrite`.

#[test]
fn panel_derive_compile_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("panel/*.rs");
}
