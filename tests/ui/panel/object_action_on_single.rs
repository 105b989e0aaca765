use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
#[panel(object_action = "Cancel order")]
struct Order {
    id: u64,
}

fn main() {}
