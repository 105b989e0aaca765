//! Reads the `#[serde(...)]` attributes that change a key's name or presence, so the emitted data structure or
//! schema names every key exactly as serde will (de)serialize it. Serde itself reports malformed serde attributes;
//! here anything not understood is skipped.

use crate::case::RenameRule;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

/// Serde attributes of a struct or enum.
#[derive(Debug, Default)]
pub(crate) struct SerdeContainer {
    pub(crate) rename_all_ser: Option<RenameRule>,
    pub(crate) rename_all_de: Option<RenameRule>,
    pub(crate) transparent: bool,
    pub(crate) tagged: bool,
}

/// Serde attributes of a field or variant.
#[derive(Debug, Default)]
pub(crate) struct SerdeMember {
    pub(crate) rename_ser: Option<String>,
    pub(crate) rename_de: Option<String>,
    pub(crate) aliases: Vec<String>,
    pub(crate) skip_ser: bool,
    pub(crate) skip_de: bool,
    pub(crate) flatten: bool,
    pub(crate) default: bool,
    pub(crate) skip_serializing_if: bool,
    pub(crate) other: bool,
}

impl SerdeContainer {
    /// The key of a field named `rust_name`, when serializing.
    pub(crate) fn field_key_ser(&self, member: &SerdeMember, rust_name: &str) -> String {
        let rust_name = rust_name.strip_prefix("r#").unwrap_or(rust_name);
        member.rename_ser.clone().unwrap_or_else(|| {
            self.rename_all_ser
                .map_or_else(|| rust_name.to_owned(), |r| r.apply_to_field(rust_name))
        })
    }

    /// The key of a field named `rust_name`, when deserializing.
    pub(crate) fn field_key_de(&self, member: &SerdeMember, rust_name: &str) -> String {
        let rust_name = rust_name.strip_prefix("r#").unwrap_or(rust_name);
        member.rename_de.clone().unwrap_or_else(|| {
            self.rename_all_de
                .map_or_else(|| rust_name.to_owned(), |r| r.apply_to_field(rust_name))
        })
    }

    /// The name of a variant named `rust_name`, when serializing.
    pub(crate) fn variant_name_ser(&self, member: &SerdeMember, rust_name: &str) -> String {
        let rust_name = rust_name.strip_prefix("r#").unwrap_or(rust_name);
        member.rename_ser.clone().unwrap_or_else(|| {
            self.rename_all_ser
                .map_or_else(|| rust_name.to_owned(), |r| r.apply_to_variant(rust_name))
        })
    }

    /// The name of a variant named `rust_name`, when deserializing.
    pub(crate) fn variant_name_de(&self, member: &SerdeMember, rust_name: &str) -> String {
        let rust_name = rust_name.strip_prefix("r#").unwrap_or(rust_name);
        member.rename_de.clone().unwrap_or_else(|| {
            self.rename_all_de
                .map_or_else(|| rust_name.to_owned(), |r| r.apply_to_variant(rust_name))
        })
    }
}

fn serde_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("serde"))
}

/// Skips the value of a nested meta item we do not care about (`= expr` or `(...)`).
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}

/// `rename = "x"` or `rename(serialize = "x", deserialize = "y")`: returns (serialize, deserialize).
fn ser_de_strings(meta: &ParseNestedMeta<'_>) -> syn::Result<(Option<String>, Option<String>)> {
    if meta.input.peek(Token![=]) {
        let s: LitStr = meta.value()?.parse()?;
        return Ok((Some(s.value()), Some(s.value())));
    }
    let (mut ser, mut de) = (None, None);
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            ser = Some(inner.value()?.parse::<LitStr>()?.value());
        } else if inner.path.is_ident("deserialize") {
            de = Some(inner.value()?.parse::<LitStr>()?.value());
        } else {
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    Ok((ser, de))
}

/// Reads the serde attributes of a container.
pub(crate) fn container(attrs: &[Attribute]) -> SerdeContainer {
    let mut out = SerdeContainer::default();
    for attr in serde_attrs(attrs) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let (ser, de) = ser_de_strings(&meta)?;
                out.rename_all_ser = ser
                    .as_deref()
                    .and_then(RenameRule::from_str)
                    .or(out.rename_all_ser);
                out.rename_all_de = de
                    .as_deref()
                    .and_then(RenameRule::from_str)
                    .or(out.rename_all_de);
            } else if meta.path.is_ident("transparent") {
                out.transparent = true;
            } else if meta.path.is_ident("tag")
                || meta.path.is_ident("untagged")
                || meta.path.is_ident("content")
            {
                out.tagged = true;
                skip_value(&meta)?;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        });
    }
    out
}

/// Reads the serde attributes of a field or variant.
pub(crate) fn member(attrs: &[Attribute]) -> SerdeMember {
    let mut out = SerdeMember::default();
    for attr in serde_attrs(attrs) {
        let _ = attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename") {
                let (ser, de) = ser_de_strings(&meta)?;
                out.rename_ser = ser.or(out.rename_ser.take());
                out.rename_de = de.or(out.rename_de.take());
            } else if p.is_ident("alias") {
                out.aliases.push(meta.value()?.parse::<LitStr>()?.value());
            } else if p.is_ident("skip") {
                out.skip_ser = true;
                out.skip_de = true;
            } else if p.is_ident("skip_serializing") {
                out.skip_ser = true;
            } else if p.is_ident("skip_deserializing") {
                out.skip_de = true;
            } else if p.is_ident("flatten") {
                out.flatten = true;
            } else if p.is_ident("other") {
                out.other = true;
            } else if p.is_ident("default") {
                out.default = true;
                skip_value(&meta)?;
            } else if p.is_ident("skip_serializing_if") {
                out.skip_serializing_if = true;
                skip_value(&meta)?;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn reads_renames_and_skips() {
        let c: syn::DeriveInput = parse_quote! {
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            struct S {
                #[serde(rename = "Header", default)]
                a: u8,
                #[serde(skip_serializing_if = "Option::is_none")]
                visit_time: u8,
                #[serde(rename(serialize = "out", deserialize = "in"), alias = "x")]
                b: u8,
                #[serde(skip)]
                c: u8,
            }
        };
        let cont = container(&c.attrs);
        assert_eq!(cont.rename_all_ser, Some(RenameRule::Camel));
        let syn::Data::Struct(s) = &c.data else {
            unreachable!()
        };
        let f: Vec<_> = s.fields.iter().map(|f| member(&f.attrs)).collect();
        assert_eq!(cont.field_key_ser(&f[0], "a"), "Header");
        assert!(f[0].default);
        assert_eq!(cont.field_key_ser(&f[1], "visit_time"), "visitTime");
        assert!(f[1].skip_serializing_if);
        assert_eq!(cont.field_key_ser(&f[2], "b"), "out");
        assert_eq!(cont.field_key_de(&f[2], "b"), "in");
        assert_eq!(f[2].aliases, vec!["x".to_owned()]);
        assert!(f[3].skip_ser && f[3].skip_de);
    }
}
