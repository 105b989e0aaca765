use serde::Serialize;

#[derive(Serialize)]
struct Weight {
    grams: u32,
}

#[derive(Serialize, pdx::JsonPanel)]
struct Delivery {
    weight: Weight,
}

fn main() {}
