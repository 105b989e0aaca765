//! The panel's rules that span several fields, checked at compile time. The limits are `pdx-format`'s, the ones
//! the runtime's checks read.

use super::attr::{FieldKind, PanelInput};
use crate::errors::Errors;
use pdx_format::panel::{
    MAX_ACTION_NAME_CHARS, MAX_FIELD_ACTIONS, MAX_FIELDS, MAX_GLOBAL_ACTIONS, MAX_OBJECT_ACTIONS,
};

pub(crate) fn check(model: &PanelInput, errors: &mut Errors) {
    fields(model, errors);
    actions(model, errors);
}

/// Unique keys, one header (required in a list panel), at most [`MAX_FIELDS`] other fields.
fn fields(model: &PanelInput, errors: &mut Errors) {
    // Keys, as serde writes them, must be unique.
    for (i, f) in model.fields.iter().enumerate() {
        if model.fields[..i].iter().any(|g| g.key == f.key) {
            errors.push(
                f.span,
                format!(
                    "two fields have the key `{}`: each panel field needs its own key",
                    f.key
                ),
            );
        }
    }

    let mut header: Option<&str> = None;
    let mut others = 0usize;
    for f in &model.fields {
        match &f.kind {
            FieldKind::Header(span) => match header {
                Some(first) => errors.push(
                    *span,
                    format!("a second `header` field (`{first}` is the header already): a panel object has one title"),
                ),
                None => header = Some(&f.key),
            },
            _ => {
                others += 1;
                if others == MAX_FIELDS + 1 {
                    errors.push(
                        f.span,
                        format!(
                            "too many fields: a panel object shows at most {MAX_FIELDS} fields besides the header \
                             (this is field {others})"
                        ),
                    );
                }
            }
        }
    }
    if let (Some(list), None) = (model.list, header) {
        errors.push(
            list,
            "a list panel (`#[panel(list)]`, a multiple-object panel) needs a `#[panel(header)]` string field: it \
             titles each object",
        );
    }
}

/// The actions' names and numbers: per field, global, per object (list panels only).
fn actions(model: &PanelInput, errors: &mut Errors) {
    let mut field_actions = 0usize;
    for f in &model.fields {
        if let Some(action) = &f.action {
            action_name(action, errors);
            field_actions += 1;
            if field_actions == MAX_FIELD_ACTIONS + 1 {
                errors.push(
                    action.span(),
                    format!("too many field actions: at most {MAX_FIELD_ACTIONS} fields of a panel object have one"),
                );
            }
        }
    }
    for (i, action) in model.global_actions.iter().enumerate() {
        action_name(action, errors);
        if i == MAX_GLOBAL_ACTIONS {
            errors.push(
                action.span(),
                format!("too many global actions: a panel has at most {MAX_GLOBAL_ACTIONS}"),
            );
        }
    }
    for (i, action) in model.object_actions.iter().enumerate() {
        action_name(action, errors);
        if model.list.is_none() {
            errors.push(
                action.span(),
                "object actions exist only in multiple-object panels: add `#[panel(list)]`, or make it a \
                 `global_action`",
            );
        } else if i == MAX_OBJECT_ACTIONS {
            errors.push(
                action.span(),
                format!("too many object actions: a panel has at most {MAX_OBJECT_ACTIONS}"),
            );
        }
    }
}

fn action_name(name: &syn::LitStr, errors: &mut Errors) {
    let value = name.value();
    let n = value.chars().count();
    if value.trim().is_empty() {
        errors.push(name.span(), "an action needs a name, as in Developer Hub");
    } else if n > MAX_ACTION_NAME_CHARS {
        errors.push(
            name.span(),
            format!("an action name has at most {MAX_ACTION_NAME_CHARS} characters, this one {n}"),
        );
    }
}
