//! What the typed calls share about Pipedrive's keys (the entities themselves are in `entities`).

/// `true` for a custom field key: Pipedrive names custom fields by a 40-character hex hash.
pub(crate) fn is_custom_field_key(key: &str) -> bool {
    key.len() == 40 && key.bytes().all(|b| b.is_ascii_hexdigit())
}
