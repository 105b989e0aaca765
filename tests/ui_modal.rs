//! Compile errors of `#[derive(JsonModal)]` and `#[derive(ModalChoice)]`: each file one mistake, one message.

#[test]
fn modal_derive_errors() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/modal/*_pass.rs");
    t.compile_fail("tests/ui/modal/[!t]*.rs");
    t.compile_fail("tests/ui/modal/text_without_text.rs");
    t.compile_fail("tests/ui/modal/too_many_blocks.rs");
    t.compile_fail("tests/ui/modal/two_primary_buttons.rs");
}
