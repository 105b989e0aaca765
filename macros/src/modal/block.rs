//! One field of a `JsonModal` struct → one block: its element, the checks of its own options, and the block.

use super::element::{Class, classify, resolve_element, unwrap_option};
use super::model::RawVisibleOn;
use super::model::{Block, DefaultValue, Element, Items, Kind, Lit, VisibleOn};
use super::parse::{self, RawField};
use crate::errors::Errors;
use crate::serde_attr;
use pdx_format::case::sentence_case;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Field, Ident};

/// A block before its `visible_on` target is looked up among the other blocks (`check::visibility`).
pub(crate) struct PendingBlock {
    pub(crate) block: Block,
    pub(crate) ident: Ident,
    pub(crate) visible_on: Option<(RawVisibleOn, Span)>,
    pub(crate) span: Span,
}

/// Reads one named field; `None` when it is no block (skipped by serde) or when it has errors.
pub(crate) fn read(
    field: &Field,
    serde_container: &serde_attr::SerdeContainer,
    errors: &mut Errors,
) -> Option<PendingBlock> {
    let ident = field.ident.clone()?;
    let serde_member = serde_attr::member(&field.attrs);
    let raw = parse::field(&field.attrs, errors);
    if serde_member.skip_de {
        return None; // serde never reads it, so it is no block
    }
    if serde_member.flatten {
        errors.push(
            ident.span(),
            "`#[serde(flatten)]` is not supported: a modal's blocks are the struct's own fields",
        );
        return None;
    }
    let key = serde_container.field_key_de(&serde_member, &ident.to_string());
    if serde_container.field_key_ser(&serde_member, &ident.to_string()) != key {
        errors.push(
            ident.span(),
            "a block has one key: serde names this field differently when serializing and deserializing",
        );
    }
    let (optional, inner) = unwrap_option(&field.ty);
    let class = classify(inner);
    let (element, kind, items) = resolve_element(&class, &raw, field.ty.span(), errors)?;
    check_options(element, kind, &raw, &ident, errors);
    check_items(element, kind, &raw, &items, errors);
    let value = default_value(element, kind, &raw, errors);
    if value.is_some() {
        check_preset(&raw, &items, errors);
    }

    let takes_input = element.takes_input();
    // An empty list and an unticked checkbox are answers too: neither is required unless asked.
    let default_required =
        takes_input && !optional && !raw.hidden && !matches!(class, Class::List(..) | Class::Bool);
    let (label, items) = label_and_items(element, &raw, &ident, items);
    let block = Block {
        key,
        ty: field.ty.clone(),
        element,
        kind,
        probe: takes_input && !serde_member.default,
        text: raw.text.as_ref().map(|(t, _)| t.clone()),
        markdown: raw.markdown,
        label,
        input_type: raw.input_type.clone().or_else(|| {
            (kind == Kind::Number && element == Element::Input).then(|| "number".to_owned())
        }),
        value,
        value_span: raw.value.as_ref().map_or(ident.span(), |(_, span)| *span),
        placeholder: raw.placeholder.clone(),
        message: raw.message.clone(),
        allow_clear: raw.allow_clear,
        is_required: takes_input && raw.required.unwrap_or(default_required),
        filter: raw.filter,
        resize: raw.resize,
        items,
        visible_on: raw.hidden.then_some(VisibleOn::Never),
        fetch_on_change: raw.fetch_on_change,
    };
    Some(PendingBlock {
        block,
        span: ident.span(),
        ident,
        visible_on: raw.visible_on,
    })
}

/// The block's label (the field name in sentence case unless `label` says otherwise) and its items. A single
/// checkbox (a `bool`) shows its label beside the box, as the item's label: a group label above it would repeat the
/// same words, so the group has none.
fn label_and_items(
    element: Element,
    raw: &RawField,
    ident: &Ident,
    items: Items,
) -> (Option<String>, Items) {
    let label = match element {
        Element::Text | Element::Separator => None,
        _ => Some(
            raw.label
                .clone()
                .unwrap_or_else(|| sentence_case(&ident.to_string())),
        ),
    };
    match items {
        Items::Bool(_) => (None, Items::Bool(label.unwrap_or_default())),
        items => (label, items),
    }
}

/// Each option is one the element has, and options do not contradict each other.
fn check_options(element: Element, kind: Kind, raw: &RawField, ident: &Ident, errors: &mut Errors) {
    for (opt, span) in &raw.opts {
        if !element.allows(*opt) {
            let on: Vec<&str> = Element::ALL
                .iter()
                .filter(|e| e.allows(*opt))
                .map(|e| e.name())
                .collect();
            let hint = if on.is_empty() {
                String::new()
            } else {
                format!("; it is allowed on: {}", on.join(", "))
            };
            errors.push(
                *span,
                format!(
                    "`{}` is not an option of {}{hint}",
                    opt.name(),
                    element.name()
                ),
            );
        }
    }
    if raw.hidden && raw.visible_on.is_some() {
        errors.push(
            raw.visible_on.as_ref().map_or(ident.span(), |v| v.1),
            "`hidden` already sets `visibleOn: \"never\"`; remove one",
        );
    }
    if kind == Kind::Checkbox
        && let Some((_, span)) = &raw.items
    {
        errors.push(
            *span,
            "a `bool` is one checkbox whose item is its label; for several checkboxes use a `Vec` of a \
             `ModalChoice` enum",
        );
    }
    if raw.items.is_some() && raw.dynamic {
        errors.push(
            raw.items.as_ref().map_or(ident.span(), |i| i.1),
            "`dynamic` means no items in the schema; remove `items` or `dynamic`",
        );
    }
    if element == Element::Input
        && kind == Kind::Number
        && raw.input_type.as_deref().is_some_and(|t| t != "number")
    {
        errors.push(
            ident.span(),
            "a number field is an input of `type = \"number\"`",
        );
    }
}

/// Static items: unique values of the JSON type the element allows.
fn check_items(element: Element, kind: Kind, raw: &RawField, items: &Items, errors: &mut Errors) {
    let (Some((written, span)), Items::Static(_)) = (&raw.items, items) else {
        return;
    };
    let misfits: Vec<String> = written
        .iter()
        .filter(|i| !element.fits(kind, &i.value))
        .map(|i| i.value.describe())
        .collect();
    if !misfits.is_empty() {
        let why = if element == Element::Select {
            "its values must deserialize into the field's type"
        } else {
            "radio and checkbox item values are strings"
        };
        errors.push(
            *span,
            format!(
                "item value(s) {} do not fit {}: {why}",
                misfits.join(", "),
                element.name()
            ),
        );
    }
    let mut seen: Vec<&Lit> = Vec::new();
    for item in written {
        if seen.contains(&&item.value) {
            errors.push(
                *span,
                format!(
                    "item value {} is used twice; values are unique in a block",
                    item.value.describe()
                ),
            );
        }
        seen.push(&item.value);
    }
}

/// The default `value`, when it fits the element (a datepicker's is a real date).
fn default_value(
    element: Element,
    kind: Kind,
    raw: &RawField,
    errors: &mut Errors,
) -> Option<DefaultValue> {
    let (v, span) = raw.value.as_ref()?;
    let fits = match (element, v) {
        (Element::Checkbox, DefaultValue::One(Lit::Bool(_))) => kind == Kind::Checkbox,
        (Element::Checkbox, DefaultValue::Many(lits)) => {
            kind != Kind::Checkbox && lits.iter().all(|l| matches!(l, Lit::Str(_)))
        }
        (Element::Checkbox, DefaultValue::One(Lit::Str(_))) => kind != Kind::Checkbox,
        (Element::Select, DefaultValue::One(l)) => element.fits(kind, l),
        (Element::Radio, DefaultValue::One(Lit::Str(_))) => true,
        (Element::Input, DefaultValue::One(Lit::Int(_) | Lit::Float(_))) => kind == Kind::Number,
        (
            Element::Input | Element::Textarea | Element::Datepicker,
            DefaultValue::One(Lit::Str(_)),
        ) => true,
        _ => false,
    };
    if !fits {
        let hint = if kind == Kind::Checkbox {
            ": a `bool`'s checkbox is ticked with `value = true`"
        } else {
            ""
        };
        errors.push(
            *span,
            format!("this `value` does not fit {}{hint}", element.name()),
        );
        return None;
    }
    if let (Element::Datepicker, DefaultValue::One(Lit::Str(d))) = (element, v)
        && !pdx_format::date::is_date(d)
    {
        errors.push(
            *span,
            format!(
                "`{d}` is not a real date in the form YYYY-MM-DD, the datepicker's `value` format"
            ),
        );
        return None;
    }
    Some(v.clone())
}

/// A preset `value` over static items is one of them: Pipedrive would preselect nothing otherwise. (Over a
/// `ModalChoice` enum the same rule is checked when the user's crate compiles: `expand::choice_default_checks`.)
fn check_preset(raw: &RawField, items: &Items, errors: &mut Errors) {
    let (Some((value, span)), Items::Static(list)) = (&raw.value, items) else {
        return;
    };
    let lits = match value {
        DefaultValue::One(l) => std::slice::from_ref(l),
        DefaultValue::Many(ls) => ls.as_slice(),
    };
    for lit in lits {
        if !list.iter().any(|item| item.value == *lit) {
            errors.push(
                *span,
                format!(
                    "{}, so leave `value` out (or add the item)",
                    pdx_format::modal::PresetNotAnItem(&lit.bare())
                ),
            );
        }
    }
}
