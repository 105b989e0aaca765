//! The error types and request-facing enums of the server layer may grow without a breaking release: each is
//! `#[non_exhaustive]`. `ModalCall` and `Selection` are exhaustive on purpose (their docs say why): a new kind of
//! call or selection must make every handler's `match` decide what to do with it.

/// Files of the server layer and the types they declare, with whether each must be `#[non_exhaustive]`.
const TYPES: [(&str, &str, &str, bool); 13] = [
    (
        "auth.rs",
        include_str!("../runtime/src/auth.rs"),
        "pub enum AuthError",
        true,
    ),
    (
        "auth.rs",
        include_str!("../runtime/src/auth.rs"),
        "pub enum VerifiedBy",
        true,
    ),
    (
        "credentials.rs",
        include_str!("../runtime/src/credentials.rs"),
        "pub enum BasicError",
        true,
    ),
    (
        "context.rs",
        include_str!("../runtime/src/context.rs"),
        "pub enum Surface",
        true,
    ),
    (
        "context.rs",
        include_str!("../runtime/src/context.rs"),
        "pub struct ContextError",
        true,
    ),
    (
        "context.rs",
        include_str!("../runtime/src/context.rs"),
        "pub enum Selection",
        false,
    ),
    (
        "modal/submission.rs",
        include_str!("../runtime/src/modal/submission.rs"),
        "pub struct SubmissionError",
        true,
    ),
    (
        "modal/submission.rs",
        include_str!("../runtime/src/modal/submission.rs"),
        "pub enum SubmissionErrorKind",
        true,
    ),
    (
        "modal/reply.rs",
        include_str!("../runtime/src/modal/reply.rs"),
        "pub enum ReplyKind",
        true,
    ),
    (
        "server/settings.rs",
        include_str!("../runtime/src/server/settings.rs"),
        "pub enum ResponseChecks",
        true,
    ),
    (
        "server/modal_call.rs",
        include_str!("../runtime/src/server/modal_call.rs"),
        "pub enum ModalCall",
        false,
    ),
    (
        "api/error.rs",
        include_str!("../runtime/src/api/error.rs"),
        "pub enum ApiError",
        true,
    ),
    (
        "testing/request.rs",
        include_str!("../runtime/src/testing/request.rs"),
        "pub enum TokenAlg",
        true,
    ),
];

/// The attributes and doc lines right above `declaration` in `source`.
fn attributes_of<'s>(source: &'s str, declaration: &str) -> Vec<&'s str> {
    let lines: Vec<&str> = source.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(declaration))
        .unwrap_or_else(|| panic!("`{declaration}` is declared"));
    lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.starts_with("#[") || l.starts_with("///"))
        .copied()
        .collect()
}

#[test]
fn error_and_request_enums_may_grow() {
    for (file, source, declaration, non_exhaustive) in TYPES {
        let attributes = attributes_of(source, declaration);
        let marked = attributes.contains(&"#[non_exhaustive]");
        assert_eq!(
            marked,
            non_exhaustive,
            "runtime/src/{file}: `{declaration}` should{} be #[non_exhaustive]",
            if non_exhaustive { "" } else { " not" }
        );
        if !non_exhaustive {
            assert!(
                attributes
                    .iter()
                    .any(|l| l.contains("Exhaustive on purpose")),
                "runtime/src/{file}: `{declaration}` says why it is exhaustive"
            );
        }
    }
}
