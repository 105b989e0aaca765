use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    campaign_name: Option<String>,
    #[modal(visible_on(campaign_nam, not_empty))]
    send_on: Option<String>,
}

fn main() {}
