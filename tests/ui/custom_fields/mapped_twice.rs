use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deal")]
struct Invoice {
    #[custom_field(name = "Invoice terms")]
    terms: Option<String>,
    #[custom_field(name = "invoice terms")]
    again: Option<String>,
}

fn main() {}
