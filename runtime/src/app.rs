//! SKELETON: owned by the server helper.
