use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize)]
enum Size {
    Small,
    Large,
}

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    size: Size,
}

fn main() {}
