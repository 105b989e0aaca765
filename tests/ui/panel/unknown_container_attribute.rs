use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
#[panel(lists)]
struct Deal {
    #[panel(header)]
    title: String,
}

fn main() {}
