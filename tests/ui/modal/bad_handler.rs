use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save", handler = "submit"))]
struct Form {
    name: Option<String>,
}

fn main() {}
