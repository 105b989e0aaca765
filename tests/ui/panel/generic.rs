use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Order<T> {
    id: T,
}

fn main() {}
