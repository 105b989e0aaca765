use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"), secondary(label = "Close", handler = "close"))]
struct Form {
    name: Option<String>,
}

fn main() {}
