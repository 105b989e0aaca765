use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
#[panel(list)]
struct Delivery {
    id: u64,
}

fn main() {}
