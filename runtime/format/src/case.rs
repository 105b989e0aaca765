//! Words of a name and sentence case: how pdx turns a Rust name into a default label (`delivery_date` →
//! "Delivery date", the sentence case Pipedrive recommends for labels) and a file's key into a Rust name
//! (`visitTime` → `visit_time`). The derives and `pdx codegen` split names into words the same way.
//!
//! Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.

use alloc::string::String;
use alloc::vec::Vec;

/// The words of a name: split at every character that is not a letter or digit, and where a lower-case letter or
/// digit is followed by an upper-case letter (`pageViews` → `page`, `Views`; `invoice_URL` → `invoice`, `URL`).
pub fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(core::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(core::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// A Rust name in sentence case, pdx's default label: `delivery_date` and `DeliveryDate` → "Delivery date". A raw
/// identifier's `r#` is dropped; acronyms (`URL`, `ID`) are kept as written, other words after the first are lower
/// case.
pub fn sentence_case(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut out = String::new();
    for (i, w) in words(name).iter().enumerate() {
        let is_acronym = w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase());
        if i > 0 {
            out.push(' ');
        }
        if is_acronym {
            out.push_str(w);
            continue;
        }
        let mut chars = w.chars();
        if i == 0
            && let Some(first) = chars.next()
        {
            out.extend(first.to_uppercase());
        }
        out.extend(chars.flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_separators_and_case_changes() {
        assert_eq!(words("visitTime"), ["visit", "Time"]);
        assert_eq!(words("a-b c__d"), ["a", "b", "c", "d"]);
        assert_eq!(words("invoice_URL"), ["invoice", "URL"]);
        assert_eq!(words("page2Views"), ["page2", "Views"]);
        assert!(words("--").is_empty());
    }

    #[test]
    fn sentence_case_of_rust_names() {
        assert_eq!(sentence_case("delivery_date"), "Delivery date");
        assert_eq!(sentence_case("DeliveryDate"), "Delivery date");
        assert_eq!(sentence_case("pageViews"), "Page views");
        assert_eq!(sentence_case("id"), "Id");
        assert_eq!(sentence_case("invoice_URL"), "Invoice URL");
        assert_eq!(sentence_case("r#type"), "Type");
    }
}
