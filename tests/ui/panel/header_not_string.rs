use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Delivery {
    #[panel(header)]
    id: u64,
}

fn main() {}
