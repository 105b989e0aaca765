use chrono::NaiveDate;
use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[modal(value = "2023-02-29")]
    due: NaiveDate,
}

fn main() {}
