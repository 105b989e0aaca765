//! Which element a field is: from its Rust type and the element attribute (`#[modal(radio)]`...), and how its
//! submitted value is read.

use super::model::{Element, Items, Kind};
use super::parse::RawField;
use crate::errors::Errors;
use proc_macro2::Span;
use syn::{GenericArgument, PathArguments, Type};

/// The Rust type of a field, as far as the element is concerned.
#[derive(Debug, Clone)]
pub(crate) enum Class {
    Str,
    Date,
    Bool,
    Number,
    List(Box<Class>, Type),
    TextMarker,
    SeparatorMarker,
    AnyValue,
    Other(Type),
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

fn single_arg(seg: &syn::PathSegment) -> Option<&Type> {
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(t)) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

/// `Option<T>` → `(true, T)`.
pub(crate) fn unwrap_option(ty: &Type) -> (bool, &Type) {
    if let Some(seg) = last_segment(ty)
        && seg.ident == "Option"
        && let Some(inner) = single_arg(seg)
    {
        return (true, inner);
    }
    (false, ty)
}

pub(crate) fn classify(ty: &Type) -> Class {
    let Some(seg) = last_segment(ty) else {
        return Class::Other(ty.clone());
    };
    let name = seg.ident.to_string();
    match name.as_str() {
        "String" => Class::Str,
        "NaiveDate" => Class::Date,
        "bool" => Class::Bool,
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize" | "f32"
        | "f64" => Class::Number,
        "Text" => Class::TextMarker,
        "Separator" => Class::SeparatorMarker,
        "ChoiceValue" | "Value" => Class::AnyValue,
        "Vec" | "HashSet" | "BTreeSet" | "IndexSet" => match single_arg(seg) {
            Some(inner) => Class::List(Box::new(classify(inner)), inner.clone()),
            None => Class::Other(ty.clone()),
        },
        _ => Class::Other(ty.clone()),
    }
}

/// Picks the element from the type and the element attribute, and how the value is read; an error (and `None`)
/// when they do not fit.
pub(crate) fn resolve_element(
    class: &Class,
    raw: &RawField,
    ty_span: Span,
    errors: &mut Errors,
) -> Option<(Element, Kind, Items)> {
    if let Some((e, span)) = raw.selectors.get(1) {
        errors.push(
            *span,
            format!(
                "a field is one block; `{}` conflicts with an earlier element attribute",
                e.selector()
            ),
        );
        return None;
    }
    let chosen = raw.selectors.first().copied();
    if let Some(marker) = marker(class, chosen, raw, ty_span, errors) {
        return marker;
    }
    match element_for(class, chosen.map(|(e, _)| e), raw) {
        Ok(Some(block)) => Some(block),
        Ok(None) => {
            let (e, span) = chosen?;
            let what = type_description(class);
            errors.push(
                span,
                format!("`{}` does not fit a field of type {what}", e.selector()),
            );
            None
        }
        Err(Misfit::NeedsItems) => {
            let span = chosen.map_or(ty_span, |(_, span)| span);
            errors.push(
                span,
                "a radio group over a `String` needs `items((\"value\", \"Label\"), ...)`, or use a \
                 `ModalChoice` enum as the field type",
            );
            None
        }
        Err(Misfit::CheckboxList) => {
            errors.push(
                ty_span,
                "a checkbox group is a `Vec` of a `ModalChoice` enum, or a `Vec<String>` with \
                 `#[modal(items((\"value\", \"Label\"), ...))]`",
            );
            None
        }
    }
}

/// Text and separator blocks: a marker type and its element go together. `None`: neither is involved.
fn marker(
    class: &Class,
    chosen: Option<(Element, Span)>,
    raw: &RawField,
    ty_span: Span,
    errors: &mut Errors,
) -> Option<Option<(Element, Kind, Items)>> {
    let message = match (class, chosen) {
        (Class::TextMarker, None | Some((Element::Text, _))) if raw.text.is_some() => {
            return Some(Some((Element::Text, Kind::Ignored, Items::None)));
        }
        (Class::TextMarker, None | Some((Element::Text, _))) => (
            ty_span,
            "a `Text` field is a static text block: add `#[modal(text = \"...\")]` (and `markdown` if wanted)"
                .to_owned(),
        ),
        (Class::SeparatorMarker, None | Some((Element::Separator, _))) => {
            return Some(Some((Element::Separator, Kind::Ignored, Items::None)));
        }
        (_, Some((Element::Text, span))) => (
            span,
            "a text block goes on a field of type `pdx::modal::Text` (it has no value of its own)".to_owned(),
        ),
        (_, Some((Element::Separator, span))) => (
            span,
            "a separator goes on a field of type `pdx::modal::Separator`".to_owned(),
        ),
        (Class::TextMarker | Class::SeparatorMarker, Some((e, span))) => (
            span,
            format!(
                "`{}` does not fit a field of type `Text`/`Separator` (a marker without a value)",
                e.selector()
            ),
        ),
        _ => return None,
    };
    errors.push(message.0, message.1);
    Some(None)
}

/// Why a field's type and element attribute do not make a block, beyond a plain misfit.
enum Misfit {
    /// A radio or checkbox group over a `String` without `items(...)`.
    NeedsItems,
    /// A list of something that has no items.
    CheckboxList,
}

/// The block a value type and the chosen element make; `Ok(None)`: the element does not fit the type.
fn element_for(
    class: &Class,
    chosen: Option<Element>,
    raw: &RawField,
) -> Result<Option<(Element, Kind, Items)>, Misfit> {
    let static_items = raw.items.as_ref().map(|(i, _)| Items::Static(i.clone()));
    let items_or_none = || static_items.clone().unwrap_or(Items::None);
    let choice_items = |ty: &Type| match (&static_items, raw.dynamic) {
        (Some(items), _) => items.clone(),
        (None, true) => Items::None,
        (None, false) => Items::Choice(ty.clone()),
    };
    use Element as E;
    Ok(Some(match (class, chosen) {
        (Class::Str, None | Some(E::Input)) => (E::Input, Kind::Text, Items::None),
        (Class::Str, Some(E::Textarea)) => (E::Textarea, Kind::Text, Items::None),
        (Class::Str, Some(E::Select)) => (E::Select, Kind::Text, items_or_none()),
        (Class::Str, Some(e @ (E::Radio | E::Checkbox))) => (
            e,
            Kind::Choice,
            static_items.clone().ok_or(Misfit::NeedsItems)?,
        ),
        (Class::Date, None | Some(E::Datepicker)) => (E::Datepicker, Kind::Date, Items::None),
        // The item's label is the field's: filled in by `block::read`, which knows the label.
        (Class::Bool, None | Some(E::Checkbox)) => {
            (E::Checkbox, Kind::Checkbox, Items::Bool(String::new()))
        }
        (Class::Number, None | Some(E::Input)) => (E::Input, Kind::Number, Items::None),
        (Class::Number, Some(E::Select)) => (E::Select, Kind::Number, items_or_none()),
        (Class::AnyValue, None | Some(E::Select)) => (E::Select, Kind::Any, items_or_none()),
        (Class::List(inner, inner_ty), None | Some(E::Checkbox)) => {
            let items = match (&**inner, &static_items) {
                (_, Some(items)) => items.clone(),
                (Class::Other(_), None) => Items::Choice(inner_ty.clone()),
                _ => return Err(Misfit::CheckboxList),
            };
            (E::Checkbox, Kind::Choices, items)
        }
        (Class::Other(ty), None | Some(E::Select)) => {
            let kind = if static_items.is_some() || raw.dynamic {
                Kind::Any
            } else {
                Kind::Choice
            };
            (E::Select, kind, choice_items(ty))
        }
        (Class::Other(ty), Some(E::Radio)) => (E::Radio, Kind::Choice, choice_items(ty)),
        (Class::Other(_), Some(e @ (E::Input | E::Textarea))) => (e, Kind::Text, Items::None),
        _ => return Ok(None),
    }))
}

/// The field's type, for "does not fit" messages.
fn type_description(class: &Class) -> &'static str {
    match class {
        Class::Str => "`String`",
        Class::Date => "`NaiveDate` (a datepicker)",
        Class::Bool => "`bool` (a single checkbox: a checkbox group with one item)",
        Class::Number => "a number (an input of type number, or a select)",
        Class::AnyValue => "`ChoiceValue` (a select)",
        Class::List(..) => "a list (a checkbox group)",
        Class::Other(_) => "a `ModalChoice` enum (a select or a radio group)",
        Class::TextMarker | Class::SeparatorMarker => {
            "`Text`/`Separator` (a marker without a value)"
        }
    }
}
