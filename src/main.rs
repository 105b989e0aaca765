//! The `pdx` command line. SKELETON.
fn main() {}
