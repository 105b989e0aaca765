//! The modal's rules across blocks and buttons, checked at compile time with `pdx-format`'s limits (the ones the
//! runtime's checks read).

use super::block::PendingBlock;
use super::model::RawVisibleOn;
use super::model::{Action, Element, Items, VisibleOn};
use super::parse::Button;
use crate::errors::Errors;
use crate::hint::did_you_mean;
use pdx_format::modal::{MAX_ACTIONS, MAX_BLOCKS, MIN_ACTIONS};

/// 1 or 2 buttons, at most one primary and one secondary, distinct keys.
pub(crate) fn buttons(buttons: &[Button], ident: &syn::Ident, errors: &mut Errors) {
    for (primary, kind) in [(true, "primary"), (false, "secondary")] {
        if let Some(b) = buttons
            .iter()
            .filter(|b| b.action.primary == primary)
            .nth(1)
        {
            errors.push(b.span, format!("a modal has at most one {kind} button"));
        }
    }
    if buttons.len() > 1 && buttons[0].action.key == buttons[1].action.key {
        errors.push(
            buttons[1].span,
            format!("two buttons with the key `{}`", buttons[0].action.key),
        );
    }
    if buttons.len() < MIN_ACTIONS && errors.is_empty() {
        errors.push(
            ident.span(),
            format!(
                "a JSON modal needs {MIN_ACTIONS} or {MAX_ACTIONS} buttons: add `#[modal(primary(label = \"Save\"))]` \
                 and optionally `secondary(label = \"Cancel\", handler = \"cancel\")`"
            ),
        );
    }
}

/// At most [`MAX_BLOCKS`] blocks, each with its own key.
pub(crate) fn blocks(pending: &[PendingBlock], errors: &mut Errors) {
    if pending.len() > MAX_BLOCKS {
        errors.push(
            pending[MAX_BLOCKS].span,
            format!(
                "a JSON modal has at most {MAX_BLOCKS} blocks and this is block {} (separators and text count); \
                 split the form or drop a field",
                MAX_BLOCKS + 1
            ),
        );
    }
    for (i, p) in pending.iter().enumerate() {
        if let Some(first) = pending[..i].iter().find(|q| q.block.key == p.block.key) {
            errors.push(
                p.span,
                format!(
                    "block key `{}` is already used by field `{}`",
                    p.block.key, first.ident
                ),
            );
        }
    }
}

/// The blocks a `visible_on` rule may name: `(field name, block key, element)`.
pub(crate) struct Targets(Vec<(String, String, Element)>);

impl Targets {
    pub(crate) fn of(pending: &[PendingBlock]) -> Self {
        Targets(
            pending
                .iter()
                .map(|p| (p.ident.to_string(), p.block.key.clone(), p.block.element))
                .collect(),
        )
    }

    /// The rule a `visible_on` attribute means; `of` is the field (or item, or button) that carries it, when it
    /// is a block (a block cannot depend on itself). Errors name the wrong target.
    pub(crate) fn resolve(
        &self,
        rule: &RawVisibleOn,
        of: Option<&str>,
        errors: &mut Errors,
    ) -> Option<VisibleOn> {
        let (target, condition) = match rule {
            RawVisibleOn::Fixed(true) => return Some(VisibleOn::Always),
            RawVisibleOn::Fixed(false) => return Some(VisibleOn::Never),
            RawVisibleOn::When(target, condition) => (target, condition),
        };
        let t = target.to_string();
        let Some((_, key, element)) = self.0.iter().find(|(n, _, _)| *n == t) else {
            let names: Vec<&str> = self.0.iter().map(|(n, _, _)| n.as_str()).collect();
            errors.push(
                target.span(),
                format!(
                    "`visible_on` names `{t}`, which is no block of this modal; {}",
                    did_you_mean(&t, &names)
                ),
            );
            return None;
        };
        if of == Some(t.as_str()) {
            errors.push(
                target.span(),
                "a block's `visible_on` cannot depend on itself",
            );
            return None;
        }
        if !element.takes_input() {
            errors.push(
                target.span(),
                format!(
                    "`visible_on` names `{t}`, an {} that has no value to test",
                    element.name()
                ),
            );
            return None;
        }
        Some(VisibleOn::When {
            key: key.clone(),
            condition: condition.clone(),
        })
    }
}

/// Turns each button's `visible_on` attribute into its rule; the buttons, checked.
pub(crate) fn button_visibility(
    pending: &[PendingBlock],
    buttons: Vec<Button>,
    errors: &mut Errors,
) -> Vec<Action> {
    let targets = Targets::of(pending);
    buttons
        .into_iter()
        .map(|b| {
            let mut action = b.action;
            if let Some(rule) = &b.visible_on {
                action.visible_on = targets.resolve(rule, None, errors);
            }
            action
        })
        .collect()
}

/// Turns each block's `visible_on` attribute into its rule.
pub(crate) fn visibility(pending: &mut [PendingBlock], errors: &mut Errors) {
    let targets = Targets::of(pending);
    for p in pending.iter_mut() {
        let Some((rule, _)) = &p.visible_on else {
            continue;
        };
        if let Some(rule) = targets.resolve(rule, Some(&p.ident.to_string()), errors) {
            p.block.visible_on = Some(rule);
        }
    }
    for p in pending.iter_mut() {
        let Items::Static(items) = &mut p.block.items else {
            continue;
        };
        for item in items {
            if let Some(rule) = &item.rule {
                item.visible_on = targets.resolve(rule, Some(&p.ident.to_string()), errors);
            }
        }
    }
}
