use pdx::{JsonModal, ModalChoice};
use serde::Deserialize;

#[derive(Deserialize, ModalChoice)]
enum Size {
    Small,
    Large,
}

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[modal(radio, placeholder = "Pick one")]
    size: Size,
}

fn main() {}
