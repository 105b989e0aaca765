use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"), primary(key = "again", label = "Save again"))]
struct Form {
    name: Option<String>,
}

fn main() {}
