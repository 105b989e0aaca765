//! Small readers of `#[panel(...)]`/`#[modal(...)]` items shared by the derives (syn's `parse_nested_meta`).

use syn::meta::ParseNestedMeta;

/// The attributes named `name` (`panel` or `modal`).
pub(crate) fn attrs_named<'a>(
    attrs: &'a [syn::Attribute],
    name: &'a str,
) -> impl Iterator<Item = &'a syn::Attribute> {
    attrs.iter().filter(move |a| a.path().is_ident(name))
}

/// The key of a nested meta item, for messages (`a::b` when it is a path).
pub(crate) fn key_of(meta: &ParseNestedMeta<'_>) -> String {
    meta.path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// Skips the value of a key we reject (`= expr` or `(...)`), so the keys after it are still read.
pub(crate) fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let _: proc_macro2::TokenStream = content.parse()?;
    }
    Ok(())
}

/// A `key` or `key = true/false` flag.
pub(crate) fn flag(meta: &ParseNestedMeta<'_>) -> syn::Result<bool> {
    if meta.input.peek(syn::Token![=]) {
        Ok(meta.value()?.parse::<syn::LitBool>()?.value)
    } else {
        Ok(true)
    }
}

/// A `key = "string"`.
pub(crate) fn string(meta: &ParseNestedMeta<'_>) -> syn::Result<String> {
    Ok(meta.value()?.parse::<syn::LitStr>()?.value())
}

/// `crate = "path"`: where the generated code finds pdx (default `::pdx`).
pub(crate) fn crate_path(meta: &ParseNestedMeta<'_>) -> syn::Result<syn::Path> {
    meta.value()?.parse::<syn::LitStr>()?.parse()
}

/// `::pdx`, the path the generated code uses unless `crate = "..."` says otherwise.
pub(crate) fn default_crate() -> syn::Path {
    syn::parse_quote!(::pdx)
}
