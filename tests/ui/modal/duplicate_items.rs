use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[modal(select, items((1, "One"), (1, "Uno")))]
    pick: Option<u8>,
}

fn main() {}
