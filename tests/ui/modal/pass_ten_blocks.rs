use pdx::JsonModal;
use pdx::modal::JsonModal as _;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"), secondary(label = "Cancel"))]
#[allow(dead_code)]
struct Full {
    a1: Option<String>,
    a2: Option<String>,
    a3: Option<String>,
    a4: Option<String>,
    a5: Option<String>,
    a6: Option<String>,
    a7: Option<String>,
    a8: Option<String>,
    a9: Option<String>,
    line: pdx::modal::Separator,
}

fn main() {
    assert_eq!(
        Full::schema().block_keys().count(),
        pdx::modal::limits::MAX_BLOCKS
    );
    assert!(Full::schema().check().is_empty());
}
