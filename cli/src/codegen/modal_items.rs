//! The items of choice blocks (a `ModalChoice` enum, or `items(...)` tuples), their preset `value`s, and `visibleOn`
//! rules, for `modal`.

use super::modal::Cx;
use super::names::{type_name, unique};
use super::notes::Notes;
use super::source::{Attr, Ident, Item, Lit, Member, Meta};
use pdx::modal::{ChoiceValue, Condition, Item as WireItem, Visibility, VisibleOn};
use pdx_format::modal::{PresetNotAnItem, item_attribute};

/// One item of a select, radio group or checkbox group, whatever the type of its value.
pub(crate) struct Choice<'a> {
    pub(crate) value: ChoiceValue,
    pub(crate) label: &'a str,
    pub(crate) is_disabled: Option<bool>,
    pub(crate) visible_on: Option<&'a VisibleOn>,
}

impl<'a> Choice<'a> {
    /// The items of a radio or checkbox group (string values).
    pub(crate) fn strings(items: &'a [WireItem<String>]) -> Vec<Choice<'a>> {
        items
            .iter()
            .map(|i| Choice::of(i, ChoiceValue::String(i.value.clone())))
            .collect()
    }

    /// The items of a select.
    pub(crate) fn values(items: &'a [WireItem<ChoiceValue>]) -> Vec<Choice<'a>> {
        items
            .iter()
            .map(|i| Choice::of(i, i.value.clone()))
            .collect()
    }

    fn of<V>(item: &'a WireItem<V>, value: ChoiceValue) -> Choice<'a> {
        Choice {
            value,
            label: &item.label,
            is_disabled: item.is_disabled,
            visible_on: item.visible_on.as_ref(),
        }
    }

    fn as_str(&self) -> Option<&str> {
        match &self.value {
            ChoiceValue::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Whether every item's value is a string (so a `ModalChoice` enum can hold them), and there is one at least.
pub(crate) fn all_strings(items: &[Choice<'_>]) -> bool {
    !items.is_empty() && items.iter().all(|i| i.as_str().is_some())
}

/// A literal for a choice value.
pub(crate) fn lit(value: &ChoiceValue) -> Lit {
    match value {
        ChoiceValue::String(s) => Lit::Str(s.clone()),
        ChoiceValue::Integer(i) => Lit::Int(*i),
        ChoiceValue::Float(f) => Lit::Float(*f),
        ChoiceValue::Bool(b) => Lit::Bool(*b),
    }
}

/// `disabled`, when the item says `isDisabled: true`; a note for an explicit `false` (the derive writes it only when
/// true).
fn disabled(item: &Choice<'_>, at: &str, notes: &mut Notes) -> Option<Meta> {
    let key = item_attribute("isDisabled").unwrap_or("disabled");
    match item.is_disabled {
        Some(true) => Some(Meta::Flag(key)),
        Some(false) => {
            notes.push(
                format!("{at}/isDisabled"),
                "`isDisabled: false`: the derive writes it only when true (false is Pipedrive's default): left out",
            );
            None
        }
        None => None,
    }
}

/// A `ModalChoice` enum for a block's string items: one variant per item, named after its value. Returns the enum's
/// name; the enum goes with the others in `cx`.
pub(crate) fn choice_enum(cx: &mut Cx, key: &str, items: &[Choice<'_>], at: &str) -> Ident {
    let name = unique(type_name(cx.field(key).as_str()), &mut cx.types, "");
    let mut taken = Vec::new();
    let mut variants = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_at = format!("{at}/{i}");
        let value = item.as_str().unwrap_or_default();
        let ident = unique(type_name(value), &mut taken, "");
        let mut notes = Notes::default();
        let mut metas = vec![Meta::Value("label", Lit::Str(item.label.to_owned()))];
        metas.extend(disabled(item, &item_at, &mut notes));
        if let Some(rule) = item.visible_on {
            metas.extend(variant_rule(cx, rule, &item_at, &mut notes));
        }
        let mut attrs = Vec::new();
        if ident.as_str() != value {
            attrs.push(Attr::SerdeRename(value.to_owned()));
        }
        attrs.push(Attr::Derives("modal", metas));
        variants.push(Member::variant(notes.into_vec(), attrs, ident));
    }
    cx.enums.push(Item {
        notes: Vec::new(),
        attrs: vec![
            Attr::Doc(format!("The items of block `{key}`.")),
            Attr::Derive(&[
                "Debug",
                "Clone",
                "Copy",
                "PartialEq",
                "Eq",
                "Deserialize",
                "ModalChoice",
            ]),
        ],
        keyword: "enum",
        ident: name.clone(),
        members: variants,
    });
    name
}

/// `items((value, "label", disabled, visible_on(field, ...)), ...)`: a select's items written in place.
pub(crate) fn tuples(
    cx: &Cx,
    own: &str,
    items: &[Choice<'_>],
    at: &str,
    notes: &mut Notes,
) -> Meta {
    let each = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item_at = format!("{at}/{i}");
            let mut parts = vec![
                Meta::Lit(lit(&item.value)),
                Meta::Lit(Lit::Str(item.label.to_owned())),
            ];
            parts.extend(disabled(item, &item_at, notes));
            if let Some(rule) = item.visible_on {
                parts.extend(match rule {
                    VisibleOn::When(_) => cx.field_rule(rule, Some(own), &item_at, notes),
                    VisibleOn::Fixed(_) => left_out(
                        rule,
                        &item_at,
                        "is not written on an item of `items(...)` (a `ModalChoice` variant can say it)",
                        notes,
                    ),
                });
            }
            Meta::Tuple(parts)
        })
        .collect();
    Meta::List("items", each)
}

/// A `ModalChoice` variant's `visible_on`: `"never"`, `"always"`, or one condition on a block named by its key (the
/// enum cannot see the modal's fields), which must then be a plain Rust name.
fn variant_rule(cx: &Cx, rule: &VisibleOn, at: &str, notes: &mut Notes) -> Option<Meta> {
    let conditions = match rule {
        VisibleOn::Fixed(fixed) => return Some(fixed_rule(*fixed)),
        VisibleOn::When(conditions) => &conditions.0,
    };
    let (target, condition) = single(conditions.iter(), rule, at, notes)?;
    if !cx.takes_input(target) {
        return left_out(
            rule,
            at,
            "names no block of this modal that takes input",
            notes,
        );
    }
    match Ident::checked(target) {
        Some(key) => Some(Meta::List(
            "visible_on",
            vec![Meta::Path(key), condition_meta(condition)],
        )),
        None => left_out(
            rule,
            at,
            "names a block whose key is not a Rust name, and a `ModalChoice` variant names blocks by their key",
            notes,
        ),
    }
}

/// `visible_on = "never"` or `"always"`.
pub(crate) fn fixed_rule(fixed: Visibility) -> Meta {
    let word = match fixed {
        Visibility::Never => "never",
        Visibility::Always => "always",
    };
    Meta::Value("visible_on", Lit::Str(word.to_owned()))
}

/// The one condition of a rule; a note when there are several (the derive writes one per rule).
pub(crate) fn single<'a>(
    mut conditions: impl ExactSizeIterator<Item = (&'a String, &'a Condition)>,
    rule: &VisibleOn,
    at: &str,
    notes: &mut Notes,
) -> Option<(&'a str, &'a Condition)> {
    match (conditions.len(), conditions.next()) {
        (1, Some((target, condition))) => Some((target.as_str(), condition)),
        _ => left_out(
            rule,
            at,
            "has not exactly one condition (the derive writes one per rule)",
            notes,
        ),
    }
}

/// `not_empty`, `equals = value` or `includes = "text"`.
pub(crate) fn condition_meta(condition: &Condition) -> Meta {
    match condition {
        Condition::NotEmpty(_) => Meta::Flag("not_empty"),
        Condition::Equals(e) => Meta::Value("equals", lit(&e.equals)),
        Condition::Includes(i) => Meta::Value("includes", Lit::Str(i.includes.clone())),
    }
}

/// Notes a `visibleOn` the derive cannot write; `None`.
pub(crate) fn left_out<T>(rule: &VisibleOn, at: &str, why: &str, notes: &mut Notes) -> Option<T> {
    let shown = serde_json::to_string(rule).unwrap_or_default();
    notes.push(
        format!("{at}/visibleOn"),
        format!("`visibleOn: {shown}` {why}: left out"),
    );
    None
}

/// A preset `value` over static items: kept when it is one of them; else a note (Pipedrive preselects nothing, so
/// the derived modal, which leaves it out, shows the same form).
pub(crate) fn preset(
    items: &[Choice<'_>],
    value: &ChoiceValue,
    at: &str,
    notes: &mut Notes,
) -> Option<Lit> {
    if items.iter().any(|i| i.value == *value) {
        return Some(lit(value));
    }
    let shown = value.as_str().map_or_else(
        || serde_json::to_string(value).unwrap_or_default(),
        str::to_owned,
    );
    notes.push(
        at,
        format!(
            "{}, so the derive leaves it out (the same form)",
            PresetNotAnItem(&shown)
        ),
    );
    None
}

/// A checkbox group's preset values: those that are items are kept; the others are noted together (the list
/// changes as a whole), as Pipedrive preselects nothing for them.
pub(crate) fn presets(
    items: &[Choice<'_>],
    values: &[String],
    at: &str,
    notes: &mut Notes,
) -> Vec<Lit> {
    let (kept, dropped): (Vec<&String>, Vec<&String>) = values
        .iter()
        .partition(|v| items.iter().any(|i| i.as_str() == Some(v.as_str())));
    if !dropped.is_empty() {
        let shown = serde_json::to_string(&dropped).unwrap_or_default();
        let rest = serde_json::to_string(&kept).unwrap_or_default();
        notes.push(
            at,
            format!(
                "{}, so the derive leaves them out (the same form) and writes {rest}",
                PresetNotAnItem(&shown)
            ),
        );
    }
    kept.into_iter().map(|v| Lit::Str(v.clone())).collect()
}
