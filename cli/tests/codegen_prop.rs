//! `pdx codegen` over arbitrary keys, labels, values and unknown keys (control characters, quotes, `*/`, `"}`, `#[`,
//! line breaks, U+2028, bidirectional overrides, keywords, non-ASCII, `//`, `/*`): the printed source parses with syn
//! and holds exactly the expected items and attributes (no extra item, attribute, impl or macro call), and every
//! attribute's literal is the file's string, so the derive writes the file back (checked without compiling; the
//! compiled round trip is codegen_roundtrip.rs). Runs the built `pdx`, as users do.

use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{Map, Value, json};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Pieces that try to end a comment or a literal, or to read as code.
const HOSTILE: &[&str] = &[
    "\n",
    "\r",
    "\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{feff}",
    "\0",
    "\u{7f}",
    "\u{85}",
    "\u{1b}[31m",
    "\"",
    "\\",
    "\\n",
    "*/",
    "/*",
    "//",
    "///",
    "//!",
    "\"}",
    "#[",
    "#![",
    "]",
    "{",
    "}",
    "(",
    ")",
    ",",
    "=",
    "r#",
    "'",
    "`",
    "~",
    "/",
    "é",
    "e\u{301}",
    "🎂",
    "Größe",
    " ",
    "\n#[link_section = \".init_array\"]\nstatic X: u8 = 0;\n",
    "\n}\nimpl Drop for X { fn drop(&mut self) {} }\n",
    "type",
    "self",
    "Self",
    "fn",
    "impl",
    "r#type",
    "Option",
    "String",
    "Vec",
    "JsonModal",
    "ModalChoice",
    "Deserialize",
    "Serialize",
    "crate",
    "super",
    "_",
    "true",
    "1",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(HOSTILE).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9_ -]{1,6}",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..5).prop_map(|p| p.concat())
}

/// A JSON object from pairs, later duplicates dropped (a file's keys are unique).
fn object(pairs: Vec<(String, Value)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (k, v) in pairs {
        map.entry(k).or_insert(v);
    }
    map
}

static RUN: AtomicUsize = AtomicUsize::new(0);

/// Writes `value` to a file and runs `pdx codegen <kind>` on it: (source, standard error).
fn codegen(kind: &str, value: &Value) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("pdx-codegen-prop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join(format!("case-{}.json", RUN.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&file, value.to_string()).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(["codegen", kind, "--name", "Generated"])
        .arg(&file)
        .output()
        .expect("run pdx");
    let _ = std::fs::remove_file(&file);
    let (src, err) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{err}\n{value:#}");
    (src, err)
}

/// Every note is one comment line and one warning line; no control character reaches either output.
fn assert_notes_are_lines(src: &str, err: &str) {
    let comments = src
        .lines()
        .filter(|l| l.trim_start().starts_with("// pdx codegen: "))
        .count();
    assert_eq!(comments, err.lines().count(), "{src}\n{err}");
    for output in [src, err] {
        let bad = output.chars().find(|c| {
            (c.is_control() && *c != '\n')
                || ('\u{2028}'..='\u{202e}').contains(c)
                || ('\u{2066}'..='\u{2069}').contains(c)
        });
        assert!(bad.is_none(), "{bad:?} in\n{output}");
    }
}

/// One item of a `#[panel(...)]`/`#[modal(...)]`, read as the derives read them (keys may be keywords: `type`).
#[derive(Debug)]
enum Meta {
    Flag(String),
    Value(String, syn::Expr),
    List(String, proc_macro2::TokenStream),
}

fn read_meta(meta: &syn::meta::ParseNestedMeta<'_>, out: &mut Vec<Meta>) -> syn::Result<()> {
    let name = meta
        .path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    if meta.input.peek(syn::Token![=]) {
        out.push(Meta::Value(name, meta.value()?.parse()?));
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        out.push(Meta::List(name, content.parse()?));
    } else {
        out.push(Meta::Flag(name));
    }
    Ok(())
}

/// The items of an attribute `#[name(...)]`.
fn metas(attr: &syn::Attribute) -> Vec<Meta> {
    let mut out = Vec::new();
    attr.parse_nested_meta(|meta| read_meta(&meta, &mut out))
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

/// The items inside `name(...)`.
fn nested(tokens: &proc_macro2::TokenStream) -> Vec<Meta> {
    use syn::parse::Parser;
    let mut out = Vec::new();
    syn::meta::parser(|meta| read_meta(&meta, &mut out))
        .parse2(tokens.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    out
}

/// Whether the flag `name` is among `metas`.
fn has_flag(metas: &[Meta], name: &str) -> bool {
    metas
        .iter()
        .any(|m| matches!(m, Meta::Flag(n) if n == name))
}

/// The string of `name = "..."` among `metas`.
fn string_of(metas: &[Meta], name: &str) -> Option<String> {
    metas.iter().find_map(|m| match m {
        Meta::Value(n, value) if n == name => match value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            other => panic!("`{name}` is not a string: {other:?}"),
        },
        _ => None,
    })
}

/// A member's key: its `#[serde(rename = "...")]`, else its name. Checks its attributes are only serde's rename and
/// `#[derive_name(...)]`, and returns the latter's items.
fn key_and_metas(
    attrs: &[syn::Attribute],
    ident: &syn::Ident,
    derive_name: &str,
) -> (String, Vec<Meta>) {
    let mut key = ident.to_string();
    let mut found = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("serde") {
            let m = metas(attr);
            assert_eq!(m.len(), 1, "one serde item on {ident}");
            key = string_of(&m, "rename").unwrap_or_else(|| panic!("serde(rename) on {ident}"));
        } else if attr.path().is_ident(derive_name) {
            found = metas(attr);
        } else {
            panic!(
                "unexpected attribute on {ident}: {:?}",
                attr.path().get_ident()
            );
        }
    }
    (key, found)
}

/// The type of a field: a path (possibly generic), never a macro.
fn assert_plain_type(ty: &syn::Type) {
    let syn::Type::Path(p) = ty else {
        panic!("not a path type: {ty:?}")
    };
    for seg in &p.path.segments {
        if let syn::PathArguments::AngleBracketed(args) = &seg.arguments {
            for arg in &args.args {
                let syn::GenericArgument::Type(t) = arg else {
                    panic!("{arg:?}")
                };
                assert_plain_type(t);
            }
        }
    }
}

/// The `use` items, then the struct (after the given enums); their attributes exactly `docs + derive (+ extra)`.
fn split(file: &syn::File, uses: usize) -> (Vec<&syn::ItemEnum>, &syn::ItemStruct) {
    assert!(file.attrs.is_empty());
    let (head, rest) = file.items.split_at(uses);
    assert!(
        head.iter().all(|i| matches!(i, syn::Item::Use(_))),
        "{:?}",
        file.items.len()
    );
    let (last, enums) = rest.split_last().expect("a struct");
    let syn::Item::Struct(s) = last else {
        panic!("the last item is the struct")
    };
    let enums = enums
        .iter()
        .map(|i| match i {
            syn::Item::Enum(e) => e,
            other => panic!("unexpected item: {}", item_kind(other)),
        })
        .collect();
    (enums, s)
}

fn item_kind(item: &syn::Item) -> &'static str {
    match item {
        syn::Item::Impl(_) => "impl",
        syn::Item::Macro(_) => "macro call",
        syn::Item::Static(_) => "static",
        syn::Item::Fn(_) => "fn",
        _ => "other",
    }
}

fn attr_names(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .map(|a| {
            a.path()
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default()
        })
        .collect()
}

fn panel_structure() -> impl Strategy<Value = (Value, Vec<(String, Option<String>)>)> {
    // Every field type but `header` (a single-object panel with one header, or none, is valid either way).
    let types: Vec<&str> = pdx_format::panel::FIELD_TYPES
        .iter()
        .copied()
        .filter(|t| *t != "header")
        .collect();
    let field = (
        text(),
        prop::option::of(text()),
        prop::sample::select(types),
        any::<bool>(),
    );
    (prop::collection::vec(field, 1..8), text()).prop_map(|(fields, unknown)| {
        let mut required = Vec::new();
        let mut pairs = Vec::new();
        for (i, (key, label, ty, req)) in fields.into_iter().enumerate() {
            let mut def = json!({ "$ref": format!("#/definitions/{ty}") });
            if let Some(l) = label {
                def["label"] = json!(l);
            }
            if i == 0 {
                def[format!("x-{unknown}")] = json!(true); // a key the format does not know: a note
            }
            if req {
                required.push(key.clone());
            }
            pairs.push((key, def));
        }
        let properties = object(pairs);
        required.retain(|k| properties.contains_key(k));
        required.dedup();
        let expected = properties
            .iter()
            .map(|(k, d)| {
                (
                    k.clone(),
                    d.get("label").and_then(Value::as_str).map(str::to_owned),
                )
            })
            .collect();
        (
            json!({ "type": "object", "required": required, "properties": properties }),
            expected,
        )
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn panel_source_holds_exactly_the_fields((structure, fields) in panel_structure()) {
        assert!(!pdx::panel::check_data_structure(&structure).has_errors(), "{structure:#}");
        let (src, err) = codegen("panel-structure", &structure);
        assert_notes_are_lines(&src, &err);
        assert!(!err.is_empty(), "the unknown key is noted\n{src}");
        let file = syn::parse_file(&src).unwrap_or_else(|e| panic!("{e}\n{src}"));
        let (enums, s) = split(&file, 2);
        assert!(enums.is_empty());
        assert_eq!(attr_names(&s.attrs), ["doc", "derive"], "{src}");
        assert_eq!(s.fields.len(), fields.len(), "{src}");
        for (field, (key, label)) in s.fields.iter().zip(&fields) {
            let ident = field.ident.as_ref().expect("named");
            let (found, metas) = key_and_metas(&field.attrs, ident, "panel");
            prop_assert_eq!(&found, key);
            prop_assert_eq!(string_of(&metas, "label"), label.clone());
            prop_assert_eq!(has_flag(&metas, "no_label"), label.is_none());
            assert_plain_type(&field.ty);
        }
    }

    #[test]
    fn modal_source_holds_exactly_the_blocks(spec in modal_schema()) {
        let (schema, blocks, button) = spec;
        assert!(!pdx::modal::check_schema(&schema).has_errors(), "{:#}", pdx::modal::check_schema(&schema));
        let (src, err) = codegen("modal-schema", &schema);
        assert_notes_are_lines(&src, &err);
        let file = syn::parse_file(&src).unwrap_or_else(|e| panic!("{e}\n{src}"));
        let (enums, s) = split(&file, 2);
        assert_eq!(attr_names(&s.attrs), ["doc", "derive", "modal"], "{src}");
        let container = s.attrs.iter().find(|a| a.path().is_ident("modal")).map(metas).unwrap_or_default();
        let [Meta::List(kind, primary)] = container.as_slice() else { panic!("one button\n{src}") };
        prop_assert_eq!(kind, "primary");
        let inner = nested(primary);
        prop_assert_eq!(string_of(&inner, "key"), Some(button.0.clone()));
        prop_assert_eq!(string_of(&inner, "label"), Some(button.1.clone()));
        prop_assert_eq!(s.fields.len(), blocks.len());
        let mut enum_index = 0;
        for (field, block) in s.fields.iter().zip(&blocks) {
            let ident = field.ident.as_ref().expect("named");
            let (key, metas) = key_and_metas(&field.attrs, ident, "modal");
            prop_assert_eq!(&key, &block.key);
            let shown = if block.element == "text" { "text" } else { "label" };
            prop_assert_eq!(string_of(&metas, shown), Some(block.label.clone()));
            assert_plain_type(&field.ty);
            if block.items.is_empty() {
                continue;
            }
            let e = enums.get(enum_index).unwrap_or_else(|| panic!("an enum for {key:?}\n{src}"));
            enum_index += 1;
            assert_eq!(attr_names(&e.attrs), ["doc", "derive"], "{src}");
            prop_assert_eq!(e.variants.len(), block.items.len());
            for (variant, (value, label)) in e.variants.iter().zip(&block.items) {
                assert!(matches!(variant.fields, syn::Fields::Unit));
                let (found, metas) = key_and_metas(&variant.attrs, &variant.ident, "modal");
                prop_assert_eq!(&found, value);
                prop_assert_eq!(string_of(&metas, "label"), Some(label.clone()));
            }
        }
        prop_assert_eq!(enum_index, enums.len());
    }
}

/// One block of a generated schema: its key, element, label (a text block's text), and string items.
#[derive(Debug, Clone)]
struct BlockSpec {
    key: String,
    element: &'static str,
    label: String,
    items: Vec<(String, String)>,
}

fn modal_schema() -> impl Strategy<Value = (Value, Vec<BlockSpec>, (String, String))> {
    let items = prop::collection::vec((text(), text()), 1..4);
    let block = (
        text(),
        prop::sample::select(
            &[
                "input",
                "textarea",
                "text",
                "select",
                "radio-group",
                "checkbox-group",
            ][..],
        ),
        text(),
        text(),
        items,
    );
    (prop::collection::vec(block, 1..8), (text(), text())).prop_map(|(blocks, button)| {
        let mut specs: Vec<BlockSpec> = Vec::new();
        let mut pairs = Vec::new();
        for (key, element, label, extra, items) in blocks {
            if specs.iter().any(|b| b.key == key) {
                continue;
            }
            let mut items = object(items.into_iter().map(|(v, l)| (v, json!(l))).collect())
                .into_iter()
                .map(|(v, l)| (v, l.as_str().unwrap_or_default().to_owned()))
                .collect::<Vec<_>>();
            let options = match element {
                "text" => json!({ "value": label }),
                "input" | "textarea" => {
                    let mut o = json!({ "label": label, "placeholder": extra, "allowClear": false });
                    if element == "textarea" {
                        o = json!({ "label": label, "placeholder": extra, "resize": false });
                    }
                    // A rule on the previous block that takes input: its field is named in `visible_on(...)`.
                    if let Some(prev) = specs.iter().rev().find(|b| b.element != "text") {
                        o["visibleOn"] = json!({ prev.key.clone(): { "includes": extra } });
                    }
                    o
                }
                _ => {
                    let list: Vec<Value> = items.iter().map(|(v, l)| json!({ "value": v, "label": l })).collect();
                    json!({ "label": label, "items": list, "message": extra })
                }
            };
            if matches!(element, "text" | "input" | "textarea") {
                items.clear();
            }
            pairs.push((key.clone(), json!({ "$ref": format!("#/definitions/element-{element}"), "options": options })));
            specs.push(BlockSpec { key, element, label, items });
        }
        let schema = json!({
            "type": "object",
            "properties": {
                "blocks": { "type": "object", "properties": object(pairs) },
                "actions": { "type": "object", "properties": {
                    button.0.clone(): { "$ref": "#/definitions/action-primary",
                                        "options": { "label": button.1.clone(), "handler": "request" } } } }
            }
        });
        (schema, specs, button)
    })
}
