use serde::Serialize;

#[derive(Serialize)]
struct Common {
    id: u64,
}

#[derive(Serialize, pdx::JsonPanel)]
struct Delivery {
    #[serde(flatten)]
    common: Common,
    note: String,
}

fn main() {}
