//! Checks of the parsed struct: names not empty, codes shaped as Pipedrive's keys, no Pipedrive field mapped
//! twice.

use super::parse::{Model, Named};
use crate::errors::Errors;

/// A custom field's key is 40 hex characters; fields Pipedrive adds have readable keys (`birthday`,
/// `postal_address`): lowercase letters, digits and `_`.
fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

pub(super) fn model(model: &Model, errors: &mut Errors) {
    let mut seen: Vec<(bool, String)> = Vec::new();
    for member in &model.members {
        let Some(named) = &member.named else { continue };
        let (is_name, value, span) = match named {
            Named::Name(v, s) => (true, v.trim().to_lowercase(), *s),
            Named::Code(v, s) => (false, v.clone(), *s),
        };
        if is_name && value.is_empty() {
            errors.push(
                span,
                "the field's name is empty: give its name as users see it in Pipedrive",
            );
        }
        if !is_name && !is_code(&value) {
            errors.push(
                span,
                format!(
                    "`{value}` is not a field code: a custom field's code is its 40-character key (Settings > Data \
                     fields), made of lowercase hex digits; name it by `name = \"...\"` to work in every company"
                ),
            );
        }
        if !value.is_empty() && seen.contains(&(is_name, value.clone())) {
            errors.push(
                span,
                "this Pipedrive field is already mapped by another field of the struct",
            );
        }
        seen.push((is_name, value));
    }
}
