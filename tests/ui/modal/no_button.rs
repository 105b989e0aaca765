use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
struct Form {
    name: Option<String>,
}

fn main() {}
