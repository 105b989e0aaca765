use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[modal(radio, items((1, "One"), (2, "Two")))]
    pick: Option<String>,
}

fn main() {}
