use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Deal {
    #[panel(lable = "Deal value")]
    value: f64,
}

fn main() {}
