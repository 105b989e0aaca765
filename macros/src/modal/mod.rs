//! `#[derive(JsonModal)]` and `#[derive(ModalChoice)]`.
//!
//! `attr.rs` reads the `#[modal(...)]` and `#[serde(...)]` attributes into a typed model and checks it (every
//! limit visible at compile time), collecting all errors; `expand.rs` generates the code from a valid model;
//! `choice.rs` does both for `ModalChoice`.

mod attr;
mod choice;
mod expand;

use proc_macro2::TokenStream;
use syn::DeriveInput;

pub(crate) fn expand(input: &DeriveInput) -> TokenStream {
    match attr::parse(input) {
        Ok(model) => expand::expand(&model),
        Err(errors) => {
            let compile_errors = errors.iter().map(syn::Error::to_compile_error);
            let dummy = expand::dummy(input);
            quote::quote! { #(#compile_errors)* #dummy }
        }
    }
}

pub(crate) fn expand_choice(input: &DeriveInput) -> TokenStream {
    choice::expand(input)
}

/// "did you mean `x`?" for the closest of `candidates`, if close enough.
pub(crate) fn did_you_mean(name: &str, candidates: &[&str]) -> String {
    let best = candidates
        .iter()
        .map(|c| (levenshtein(name, c), *c))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, c)| *d <= 2.max(c.len() / 3));
    match best {
        Some((_, c)) => format!("; did you mean `{c}`?"),
        None => format!("; expected one of: {}", candidates.join(", ")),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The `crate = "path"` value, or `::pdx`.
pub(crate) fn default_crate() -> syn::Path {
    syn::parse_quote!(::pdx)
}

/// Whether `s` is a real date `YYYY-MM-DD` (the runtime uses chrono; the macro crate has no such dependency).
pub(crate) fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?
            .parse::<u32>()
            .ok()
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("lable", &["label", "value"]),
            "; did you mean `label`?"
        );
        assert_eq!(
            did_you_mean("zzzzzz", &["a", "b"]),
            "; expected one of: a, b"
        );
    }

    #[test]
    fn dates() {
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("2023-1-01"));
    }
}
