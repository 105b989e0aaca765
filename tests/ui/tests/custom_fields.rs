//! Compile errors of `#[derive(CustomFields)]`: each file under `custom_fields/` holds
//! one mistake, and its `.stderr` the one message (with its span and hint) the derive gives; files named `pass_*`
//! compile. Every file of the directory runs. Regenerate with `TRYBUILD=overwrite`.

use std::path::{Path, PathBuf};

#[test]
fn custom_fields_derive_errors() {
    // Relative to the package, as trybuild wants them (it then shows `file:line:column` in the expectations).
    let dir = Path::new("custom_fields");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
        .expect("the custom_fields cases")
        .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
        .filter(|name| name.ends_with(".rs"))
        .map(|name| dir.join(name))
        .collect();
    cases.sort();
    let passing = |p: &PathBuf| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("pass_"))
    };
    assert!(
        cases.iter().any(passing),
        "no passing case in {}",
        dir.display()
    );
    assert!(
        cases.len() > 10,
        "the cases of {} were not found",
        dir.display()
    );
    let t = trybuild::TestCases::new();
    for case in &cases {
        if passing(case) {
            t.pass(case);
        } else {
            t.compile_fail(case);
        }
    }
}
