use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deal")]
struct Invoice<T> {
    #[custom_field(name = "Invoice terms")]
    terms: Option<T>,
}

fn main() {}
