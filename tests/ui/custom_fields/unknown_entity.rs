use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deals")]
struct Invoice {
    #[custom_field(name = "Invoice terms")]
    terms: Option<String>,
}

fn main() {}
