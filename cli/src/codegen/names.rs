//! Rust names for JSON keys and values: fields in snake_case, types and variants in UpperCamelCase. A key is split
//! into words as the derives split Rust names (`pdx_format::case::words`), kept to ASCII letters, digits and `_`,
//! kept clear of keywords, and then checked ([`Ident::checked`]); a name that still fails becomes a numbered
//! fallback, never an error.

use super::source::Ident;
use pdx_format::case::words;

/// Rust's strict and reserved keywords (2024 edition), which cannot name a field as they are. syn refuses them too;
/// this list lets a keyword become `type_` rather than a fallback.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keeps ASCII letters, digits and `_` (generated names stay ASCII); any other character becomes `other`.
fn ascii(s: String, other: char) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                other
            }
        })
        .collect()
}

/// The checked identifier of a sanitized name, or `fallback` (a plain identifier of pdx's own).
fn checked_or(name: &str, fallback: &'static str) -> Ident {
    Ident::checked(name).unwrap_or_else(|| Ident::own(fallback))
}

/// A snake_case field name for `key`: not a keyword, not starting with a digit.
pub(crate) fn field_ident(key: &str) -> Ident {
    let joined = words(key)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    let mut name = ascii(joined, 'x');
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "field_");
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    checked_or(&name, "field")
}

/// An UpperCamelCase type or variant name for `s` (`Self` becomes `SelfValue`: an underscore would not be
/// UpperCamelCase).
pub(crate) fn type_name(s: &str) -> Ident {
    let joined: String = words(s)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(cs.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect();
    let mut name = ascii(joined, 'X');
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push_str("Value");
    }
    checked_or(&name, "Value")
}

/// `name`, or `name2`, `name3`... (with `sep` before the number) when already in `taken`; records the result.
pub(crate) fn unique(name: Ident, taken: &mut Vec<String>, sep: &str) -> Ident {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.iter().any(|t| t == candidate.as_str()) {
        candidate = checked_or(&format!("{}{sep}{n}", name.as_str()), "field");
        n += 1;
    }
    taken.push(candidate.as_str().to_owned());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_keys() {
        let f = |k: &str| field_ident(k).as_str().to_owned();
        let t = |k: &str| type_name(k).as_str().to_owned();
        assert_eq!(f("visitTime"), "visit_time");
        assert_eq!(f("block_key_cake_size"), "block_key_cake_size");
        assert_eq!(f("type"), "type_");
        assert_eq!(f("2fa"), "field_2fa");
        assert_eq!(f("a-b c"), "a_b_c");
        assert_eq!(f("a\n#[link_section]\nb"), "a_link_section_b");
        assert_eq!(f("Größe"), "grxxe");
        assert_eq!(f(""), "field_");
        assert_eq!(f("_"), "field_");
        assert_eq!(t("app-panel-single-object"), "AppPanelSingleObject");
        assert_eq!(t("cranberry"), "Cranberry");
        assert_eq!(t("1"), "V1");
        assert_eq!(t("todo_modal"), "TodoModal");
        assert_eq!(t("self"), "SelfValue");
        assert_eq!(t("é"), "X");
        assert_eq!(t("\"}*/"), "V");
        let mut taken = vec!["a".to_owned()];
        assert_eq!(unique(field_ident("a"), &mut taken, "_").as_str(), "a_2");
        for own in ["field", "Value"] {
            assert_eq!(Ident::checked(own), Some(Ident::own(own)));
        }
    }
}
