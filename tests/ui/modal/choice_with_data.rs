use pdx::ModalChoice;

#[derive(ModalChoice)]
enum Size {
    Small,
    Custom(u32),
}

fn main() {}
