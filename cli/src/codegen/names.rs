//! Rust names for JSON keys and values: fields in snake_case, types and variants in UpperCamelCase.

/// Rust's strict and reserved keywords, which cannot name a field as they are.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// The words of a key: split at non-alphanumerics and at lower-to-upper case changes.
fn words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Keeps ASCII letters, digits and `_` (Rust identifiers here stay ASCII).
fn ascii(s: String) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                'x'
            }
        })
        .collect()
}

/// A snake_case field name for `key`, not a keyword, not starting with a digit.
pub(crate) fn field_ident(key: &str) -> String {
    let joined = words(key)
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    let mut name = ascii(joined);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "field_");
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// An UpperCamelCase type or variant name for `s`.
pub(crate) fn type_name(s: &str) -> String {
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
    let mut name = ascii(joined);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// `name`, or `name2`, `name3`... when already in `taken` (then records it).
pub(crate) fn unique(name: String, taken: &mut Vec<String>, sep: &str) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{sep}{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_keys() {
        assert_eq!(field_ident("visitTime"), "visit_time");
        assert_eq!(field_ident("block_key_cake_size"), "block_key_cake_size");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("2fa"), "field_2fa");
        assert_eq!(field_ident("a-b c"), "a_b_c");
        assert_eq!(type_name("app-panel-single-object"), "AppPanelSingleObject");
        assert_eq!(type_name("cranberry"), "Cranberry");
        assert_eq!(type_name("1"), "V1");
        assert_eq!(type_name("todo_modal"), "TodoModal");
        let mut taken = vec!["a".to_owned()];
        assert_eq!(unique("a".to_owned(), &mut taken, "_"), "a_2");
    }
}
