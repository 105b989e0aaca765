//! What the README says that cannot be a doctest: its test command is the one `.ci/run` runs, and its code
//! examples are the crate's doctests. (The examples themselves, and the JSON the README shows for them, are
//! checked inside the README's own code blocks.)

const README: &str = include_str!("../README.md");
const CI: &str = include_str!("../.ci/run");
const CRATE_DOCS: &str = include_str!("../src/lib.rs");

/// The command of the README's "Two commands" block that runs the tests.
fn readme_test_command() -> &'static str {
    let block = README
        .split("## Two commands\n\n```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the README's command block");
    block
        .lines()
        .find_map(|line| {
            line.starts_with("cargo test")
                .then(|| line.split('#').next())
        })
        .flatten()
        .expect("a `cargo test` line")
        .trim()
}

#[test]
fn readme_test_command_is_what_ci_runs() {
    let command = readme_test_command();
    assert_eq!(command, "cargo test --workspace");
    let ci_runs: Vec<&str> = CI
        .lines()
        .filter(|line| !line.trim_start().starts_with('#') && !line.starts_with("echo"))
        .filter_map(|line| line.find("cargo test").map(|at| line[at..].trim()))
        .collect();
    assert_eq!(
        ci_runs,
        [command],
        ".ci/run runs the README's command, as written"
    );
}

#[test]
fn readme_code_blocks_are_doctests() {
    assert!(
        CRATE_DOCS.contains("#![doc = include_str!(\"../README.md\")]"),
        "the README is the crate docs, so `cargo test --doc` runs its code blocks"
    );
    let rust_blocks = README.matches("\n```rust").count();
    assert!(rust_blocks >= 10, "{rust_blocks} rust blocks");
    assert!(
        !README.contains("```rust,ignore"),
        "every rust block compiles (no_run is fine)"
    );
}
