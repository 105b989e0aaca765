use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
struct Invoice {
    #[custom_field(name = "Invoice terms")]
    terms: Option<String>,
}

fn main() {}
