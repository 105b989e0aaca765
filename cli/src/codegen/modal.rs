//! A `#[derive(JsonModal)]` struct, and a `ModalChoice` enum per static list of string items, from a schema file.

use super::names::{field_ident, type_name, unique};
use super::panel::write_notes;
use super::{Generated, lit, seg};
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// Notes gathered while generating: (JSON pointer, message).
type Notes = Vec<(String, String)>;

struct Ctx {
    notes: Notes,
    /// Block key → Rust field name, for `visible_on(field, ...)`.
    idents: Vec<(String, String)>,
    /// Type names in use (the struct, the enums).
    types: Vec<String>,
    enums: String,
}

/// The source for a (checked) schema.
pub(crate) fn generate(schema: &Value, name: &str) -> Generated {
    // Enum names must not shadow the struct or what the source names.
    let mut types: Vec<String> = [
        "JsonModal",
        "ModalChoice",
        "Deserialize",
        "Option",
        "Vec",
        "String",
    ]
    .map(str::to_owned)
    .to_vec();
    types.push(name.to_owned());
    let mut cx = Ctx {
        notes: Vec::new(),
        idents: Vec::new(),
        types,
        enums: String::new(),
    };
    unknown(schema, &["type", "properties"], "", &mut cx.notes);
    let props = schema.get("properties").cloned().unwrap_or(Value::Null);
    unknown(&props, &["blocks", "actions"], "/properties", &mut cx.notes);
    let section = |s: &str| -> Map<String, Value> {
        props
            .get(s)
            .and_then(|v| v.get("properties"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    for s in ["blocks", "actions"] {
        if let Some(v) = props.get(s) {
            unknown(
                v,
                &["type", "properties"],
                &format!("/properties/{s}"),
                &mut cx.notes,
            );
        }
    }
    let blocks = section("blocks");
    let mut taken = Vec::new();
    for key in blocks.keys() {
        let ident = unique(field_ident(key), &mut taken, "_");
        cx.idents.push((key.clone(), ident));
    }
    let mut body = String::new();
    for (i, (key, def)) in blocks.iter().enumerate() {
        let ident = cx.idents[i].1.clone();
        block(&mut cx, &mut body, key, &ident, def);
    }
    let buttons = actions(&mut cx, &section("actions"));

    let mut source = String::new();
    let uses = if cx.enums.is_empty() {
        "JsonModal"
    } else {
        "{JsonModal, ModalChoice}"
    };
    let _ = writeln!(source, "use pdx::{uses};\nuse serde::Deserialize;\n");
    let top: Notes = cx
        .notes
        .iter()
        .filter(|(p, _)| !p.starts_with("/properties/blocks/properties/"))
        .cloned()
        .collect();
    write_notes(&mut source, &top, "");
    source.push_str(&cx.enums);
    let _ = writeln!(
        source,
        "/// The JSON modal's form: one field per block.\n#[derive(Debug, Deserialize, JsonModal)]\n#[modal({})]\npub struct {name} {{\n{body}}}",
        buttons.join(", ")
    );
    Generated {
        source,
        notes: cx.notes,
    }
}

fn unknown(value: &Value, known: &[&str], pointer: &str, notes: &mut Notes) {
    for key in value.as_object().into_iter().flat_map(Map::keys) {
        if !known.contains(&key.as_str()) {
            notes.push((
                format!("{pointer}{}", seg(key)),
                format!("`{key}` is not written by the derive: left out"),
            ));
        }
    }
}

/// A literal for an attribute, or `None` for JSON the attribute cannot hold.
fn value_lit(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(lit(s)),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => Some(i.to_string()),
            (None, Some(f)) if !n.is_u64() => Some(format!("{f:?}")),
            _ => None,
        },
        _ => None,
    }
}

/// One block: its notes and attributes, then the field.
fn block(cx: &mut Ctx, body: &mut String, key: &str, ident: &str, def: &Value) {
    let pointer = format!("/properties/blocks/properties{}", seg(key));
    let before = cx.notes.len();
    unknown(def, &["$ref", "options"], &pointer, &mut cx.notes);
    let element = def
        .get("$ref")
        .and_then(Value::as_str)
        .map_or("", |r| r.trim_start_matches("#/definitions/"));
    let empty = Map::new();
    let options = def
        .get("options")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let opt_ptr = format!("{pointer}/options");
    let mut attrs: Vec<String> = Vec::new();
    let mut handled: Vec<&str> = vec!["visibleOn"];
    let note = |cx: &mut Ctx, at: &str, message: String| {
        let p = if at.is_empty() {
            pointer.clone()
        } else {
            format!("{opt_ptr}{}", seg(at))
        };
        cx.notes.push((p, message));
    };

    let ty = match element {
        "element-separator" => {
            if def.get("options").is_some() {
                note(
                    cx,
                    "",
                    "a separator has no options; the derive writes none".to_owned(),
                );
            }
            "pdx::modal::Separator".to_owned()
        }
        "element-text" => {
            handled.extend(["value", "markdown"]);
            if let Some(t) = options.get("value").and_then(Value::as_str) {
                attrs.push(format!("text = {}", lit(t)));
            }
            flag(cx, options, "markdown", "markdown", &opt_ptr, &mut attrs);
            "pdx::modal::Text".to_owned()
        }
        "element-input"
        | "element-textarea"
        | "element-datepicker"
        | "element-select"
        | "element-radio-group"
        | "element-checkbox-group" => input_block(
            cx,
            key,
            element,
            options,
            &opt_ptr,
            &mut attrs,
            &mut handled,
        ),
        other => {
            note(
                cx,
                "",
                format!("`{other}` is no element the derive knows: block `{key}` left out"),
            );
            write_notes(body, &cx.notes[before..], "    ");
            return;
        }
    };
    if let Some(rule) = options.get("visibleOn") {
        visible_on(cx, rule, key, &opt_ptr, &mut attrs);
    }
    for k in options.keys() {
        if !handled.contains(&k.as_str()) {
            let message = if k == "error" {
                "`error` is set by a response, not by the derive: left out".to_owned()
            } else {
                format!("`{k}` is not an option the derive writes on {element}: left out")
            };
            note(cx, k, message);
        }
    }
    write_notes(body, &cx.notes[before..], "    ");
    if ident != key {
        let _ = writeln!(body, "    #[serde(rename = {})]", lit(key));
    }
    if !attrs.is_empty() {
        let _ = writeln!(body, "    #[modal({})]", attrs.join(", "));
    }
    let _ = writeln!(body, "    pub {ident}: {ty},");
}

/// A boolean option: `true` becomes the flag; `false` (the default) cannot be written by the derive.
fn flag(
    cx: &mut Ctx,
    options: &Map<String, Value>,
    json: &str,
    attr: &str,
    at: &str,
    attrs: &mut Vec<String>,
) {
    match options.get(json) {
        Some(Value::Bool(true)) => attrs.push(attr.to_owned()),
        Some(v) => cx.notes.push((
            format!("{at}{}", seg(json)),
            format!("`{json}: {v}`: the derive writes `{json}` only when true (false is Pipedrive's default): left out"),
        )),
        None => {}
    }
}

/// The attributes and Rust type of a block that takes input.
fn input_block<'a>(
    cx: &mut Ctx,
    key: &str,
    element: &str,
    options: &'a Map<String, Value>,
    at: &str,
    attrs: &mut Vec<String>,
    handled: &mut Vec<&'a str>,
) -> String {
    let selector = match element {
        "element-textarea" => Some("textarea"),
        "element-radio-group" => Some("radio"),
        _ => None,
    };
    attrs.extend(selector.map(str::to_owned));
    handled.extend([
        "label",
        "placeholder",
        "message",
        "value",
        "isRequired",
        "allowClear",
        "filter",
        "resize",
        "fetchOnChange",
        "type",
        "items",
    ]);
    match options.get("label").and_then(Value::as_str) {
        Some(l) => attrs.push(format!("label = {}", lit(l))),
        None => cx.notes.push((
            format!("{at}/label"),
            "no `label`: the derive always writes one (the field name in sentence case)".to_owned(),
        )),
    }
    for (json, attr) in [
        ("placeholder", "placeholder"),
        ("message", "message"),
        ("type", "type"),
    ] {
        if let Some(v) = options.get(json).and_then(Value::as_str) {
            attrs.push(format!("{attr} = {}", lit(v)));
        }
    }
    let (items_ty, item_attr) = items(cx, key, element, options.get("items"), at);
    attrs.extend(item_attr);
    if let Some(v) = options.get("value") {
        value(cx, element, v, &items_ty, at, attrs);
    }
    for (json, attr) in [
        ("allowClear", "allow_clear"),
        ("isRequired", "required"),
        ("filter", "filter"),
        ("resize", "resize"),
        ("fetchOnChange", "fetch_on_change"),
    ] {
        flag(cx, options, json, attr, at, attrs);
    }
    let inner = match (element, &items_ty) {
        ("element-input" | "element-textarea", _) => "String".to_owned(),
        ("element-datepicker", _) => "chrono::NaiveDate".to_owned(),
        ("element-checkbox-group", Some(e)) => format!("Vec<{e}>"),
        ("element-checkbox-group", None) => "Vec<String>".to_owned(),
        (_, Some(e)) => e.clone(),
        ("element-radio-group", None) => "String".to_owned(),
        _ => "pdx::modal::ChoiceValue".to_owned(),
    };
    format!("Option<{inner}>")
}

/// Static items: a `ModalChoice` enum when every value is a string, else `items(...)` on a select.
/// Returns the enum's name (if one was written) and the attribute to add (if any).
fn items(
    cx: &mut Ctx,
    key: &str,
    element: &str,
    items: Option<&Value>,
    at: &str,
) -> (Option<String>, Option<String>) {
    let Some(list) = items.and_then(Value::as_array) else {
        if element == "element-radio-group" || element == "element-checkbox-group" {
            cx.notes.push((
                format!("{at}/items"),
                "no `items`: the derive always writes a radio or checkbox group's items (send them in a response \
                 instead? the derive cannot leave them out): written as an empty list"
                    .to_owned(),
            ));
            return (None, Some("items()".to_owned()));
        }
        return (None, None);
    };
    for (i, item) in list.iter().enumerate() {
        let p = format!("{at}/items/{i}");
        unknown(
            item,
            &["value", "label", "isDisabled", "visibleOn"],
            &p,
            &mut cx.notes,
        );
        if let Some(v) = item.get("isDisabled").filter(|v| **v != Value::Bool(true)) {
            cx.notes.push((
                format!("{p}/isDisabled"),
                format!("`isDisabled: {v}`: the derive writes it only when true: left out"),
            ));
        }
    }
    let all_strings = list
        .iter()
        .all(|i| i.get("value").is_some_and(Value::is_string));
    if all_strings && !list.is_empty() {
        let name = unique(type_name(&field_ident(key)), &mut cx.types, "");
        let mut variants = Vec::new();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "/// The items of block `{key}`.\n#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ModalChoice)]\npub enum {name} {{"
        );
        for (i, item) in list.iter().enumerate() {
            let value = item
                .get("value")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let label = item
                .get("label")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let variant = unique(type_name(value), &mut variants, "");
            if variant != value {
                let _ = writeln!(out, "    #[serde(rename = {})]", lit(value));
            }
            let disabled = if item.get("isDisabled") == Some(&Value::Bool(true)) {
                ", disabled"
            } else {
                ""
            };
            let shown = item_visible_on(cx, item, &format!("{at}/items/{i}"), true)
                .map(|v| format!(", {v}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    #[modal(label = {}{disabled}{shown})]\n    {variant},",
                lit(label)
            );
        }
        out.push_str("}\n\n");
        cx.enums.push_str(&out);
        return (Some(name), None);
    }
    let mut each = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let label = item
            .get("label")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(v) = item.get("value").and_then(value_lit) else {
            cx.notes.push((
                format!("{at}/items/{i}/value"),
                "this item value cannot be written in an attribute: left out".to_owned(),
            ));
            continue;
        };
        let disabled = if item.get("isDisabled") == Some(&Value::Bool(true)) {
            ", disabled"
        } else {
            ""
        };
        let shown = item_visible_on(cx, item, &format!("{at}/items/{i}"), false)
            .map(|v| format!(", {v}"))
            .unwrap_or_default();
        each.push(format!("({v}, {}{disabled}{shown})", lit(label)));
    }
    let selector = if element == "element-select" {
        "select, "
    } else {
        ""
    };
    (None, Some(format!("{selector}items({})", each.join(", "))))
}

/// A default `value`.
fn value(
    cx: &mut Ctx,
    element: &str,
    v: &Value,
    items_ty: &Option<String>,
    at: &str,
    attrs: &mut Vec<String>,
) {
    let fits = match (element, v) {
        ("element-checkbox-group", Value::Array(vs)) => {
            let lits: Option<Vec<String>> = vs.iter().map(|x| x.as_str().map(lit)).collect();
            if let Some(lits) = lits {
                attrs.push(format!("value = [{}]", lits.join(", ")));
                true
            } else {
                false
            }
        }
        ("element-checkbox-group", _) | (_, Value::Array(_)) => false,
        ("element-select", _) if items_ty.is_none() => value_lit(v)
            .map(|l| attrs.push(format!("value = {l}")))
            .is_some(),
        (_, Value::String(s)) => {
            attrs.push(format!("value = {}", lit(s)));
            true
        }
        _ => false,
    };
    if !fits {
        cx.notes.push((
            format!("{at}/value"),
            format!("`value: {v}` does not fit the derive's {element}: left out"),
        ));
    }
}

/// `visibleOn`: `hidden`, `visible_on = "always"`, or one condition on another block.
fn visible_on(cx: &mut Ctx, rule: &Value, key: &str, at: &str, attrs: &mut Vec<String>) {
    match rule {
        Value::String(s) if s == "never" => attrs.push("hidden".to_owned()),
        Value::String(s) if s == "always" => attrs.push("visible_on = \"always\"".to_owned()),
        _ => {
            let ident = |cx: &Ctx, target: &str| {
                cx.idents
                    .iter()
                    .find(|(k, _)| k == target)
                    .map(|(_, i)| i.clone())
            };
            match condition(cx, rule, Some(key), ident) {
                Ok(attr) => attrs.push(attr),
                Err(why) => left_out(cx, rule, at, why),
            }
        }
    }
}

/// An item's `visibleOn`: on a `ModalChoice` variant the block is named by its key (the enum cannot see the
/// modal's fields); in an `items(...)` tuple by its field. `never`/`always` exist on variants only.
fn item_visible_on(cx: &mut Ctx, item: &Value, at: &str, on_variant: bool) -> Option<String> {
    let rule = item.get("visibleOn")?;
    match rule {
        Value::String(s) if on_variant && (s == "never" || s == "always") => {
            Some(format!("visible_on = {}", lit(s)))
        }
        _ => {
            let named = |cx: &Ctx, target: &str| {
                let ident = cx.idents.iter().find(|(k, _)| k == target);
                ident.map(|(k, i)| if on_variant { k.clone() } else { i.clone() })
            };
            match condition(cx, rule, None, named) {
                Ok(attr) => Some(attr),
                Err(why) => {
                    left_out(cx, rule, at, why);
                    None
                }
            }
        }
    }
}

/// `visible_on(target, condition)` for a rule `{"block": condition}` on another block than `own`.
fn condition(
    cx: &Ctx,
    rule: &Value,
    own: Option<&str>,
    name: impl Fn(&Ctx, &str) -> Option<String>,
) -> Result<String, &'static str> {
    let Value::Object(map) = rule else {
        return Err("has not exactly one condition");
    };
    let (Some((target, condition)), 1) = (map.iter().next(), map.len()) else {
        return Err("has not exactly one condition");
    };
    let target_name = name(cx, target).ok_or("names no block of this modal")?;
    if own == Some(target.as_str()) {
        return Err("depends on its own block");
    }
    let cond = match condition {
        Value::String(s) if s == "not_empty" => Some("not_empty".to_owned()),
        Value::Object(c) if c.len() == 1 => {
            match (c.get("equals").and_then(value_lit), c.get("includes")) {
                (Some(l), _) => Some(format!("equals = {l}")),
                (None, Some(Value::String(s))) => Some(format!("includes = {}", lit(s))),
                _ => None,
            }
        }
        _ => None,
    };
    cond.map(|c| format!("visible_on({target_name}, {c})"))
        .ok_or("is no condition the derive knows (not_empty, equals, includes)")
}

fn left_out(cx: &mut Ctx, rule: &Value, at: &str, why: &str) {
    cx.notes.push((
        format!("{at}/visibleOn"),
        format!("`visibleOn: {rule}` {why}: left out"),
    ));
}

/// The container's `primary(...)` and `secondary(...)`.
fn actions(cx: &mut Ctx, actions: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    let (mut primary, mut secondary) = (false, false);
    for (key, def) in actions {
        let at = format!("/properties/actions/properties{}", seg(key));
        unknown(def, &["$ref", "options"], &at, &mut cx.notes);
        let kind = def
            .get("$ref")
            .and_then(Value::as_str)
            .map_or("", |r| r.trim_start_matches("#/definitions/"));
        let (name, seen, keys): (&str, &mut bool, &[&str]) = match kind {
            "action-primary" => ("primary", &mut primary, &["label", "handler", "url"]),
            "action-secondary" => ("secondary", &mut secondary, &["label", "handler"]),
            other => {
                cx.notes.push((
                    format!("{at}/$ref"),
                    format!("`{other}` is no button the derive knows: left out"),
                ));
                continue;
            }
        };
        if *seen {
            cx.notes.push((
                at,
                format!("a second {name} button: the derive writes at most one: left out"),
            ));
            continue;
        }
        *seen = true;
        let empty = Map::new();
        let options = def
            .get("options")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        unknown(
            &Value::Object(options.clone()),
            keys,
            &format!("{at}/options"),
            &mut cx.notes,
        );
        let mut parts = vec![format!("key = {}", lit(key))];
        for k in keys {
            if let Some(v) = options.get(*k).and_then(Value::as_str) {
                parts.push(format!("{k} = {}", lit(v)));
            }
        }
        out.push(format!("{name}({})", parts.join(", ")));
    }
    out
}
