use pdx::ModalChoice;

#[derive(ModalChoice)]
enum Size {
    #[modal(lable = "Small")]
    Small,
    Large,
}

fn main() {}
