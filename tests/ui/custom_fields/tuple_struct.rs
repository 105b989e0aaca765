use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deal")]
struct Invoice(Option<String>);

fn main() {}
