use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
enum Status {
    Open,
    Closed,
}

fn main() {}
