use pdx::panel::PanelResponse;
use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Order {
    id: u64,
}

fn main() {
    let _ = PanelResponse::objects(vec![Order { id: 1 }]);
}
