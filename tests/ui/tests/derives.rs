//! Compile errors of pdx's derives: each file under `panel/` (`JsonPanel`), `modal/` (`JsonModal`, `ModalChoice`)
//! and `custom_fields/` (`CustomFields`) holds one mistake, and its `.stderr` the one message (with its span and
//! hint) the derive gives; files named `pass_*` compile. Every file of each directory runs, all in one trybuild
//! run (one build of the cases' crate). Regenerate with `TRYBUILD=overwrite`.

use std::path::{Path, PathBuf};

/// A directory of cases: its name, the fewest cases it holds (so a moved directory fails instead of running
/// nothing), and whether it holds a passing case.
const SUITES: [(&str, usize, bool); 3] = [
    ("panel", 15, false),
    ("modal", 20, true),
    ("custom_fields", 10, true),
];

fn is_passing(case: &Path) -> bool {
    case.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("pass_"))
}

/// The `.rs` files of `dir`, relative to the package as trybuild wants them (it then shows `file:line:column` in
/// the expectations), sorted.
fn cases(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("the {dir} cases: {e}"))
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .filter(|name| name.ends_with(".rs"))
        .map(|name| Path::new(dir).join(name))
        .collect();
    cases.sort();
    cases
}

#[test]
fn derive_compile_errors() {
    let t = trybuild::TestCases::new();
    for (dir, fewest, has_passing) in SUITES {
        let cases = cases(dir);
        assert!(cases.len() >= fewest, "the cases of {dir} were not found");
        assert_eq!(
            cases.iter().any(|c| is_passing(c)),
            has_passing,
            "passing cases in {dir}"
        );
        for case in &cases {
            if is_passing(case) {
                t.pass(case);
            } else {
                t.compile_fail(case);
            }
        }
    }
}
