use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Open", url = "https://example.com"))]
struct Form {
    name: Option<String>,
}

fn main() {}
