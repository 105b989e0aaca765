use pdx::JsonModal;
use pdx::modal::Separator;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    name: Option<String>,
    #[modal(visible_on(name, not_empty))]
    line: Separator,
}

fn main() {}
