use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Delivery(u64, String);

fn main() {}
