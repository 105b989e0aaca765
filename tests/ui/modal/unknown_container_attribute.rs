use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"), secundary(label = "Cancel"))]
struct Form {
    name: Option<String>,
}

fn main() {}
