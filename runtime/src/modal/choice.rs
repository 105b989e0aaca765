//! [`ModalChoice`]: a fieldless enum whose variants are the items of a select, radio group or checkbox group.

use super::document::{ChoiceValue, Item, VisibleOn};

/// One choice of a [`ModalChoice`] enum: an item of a select, radio group or checkbox group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceItem {
    /// The item's value: the variant's serde name.
    pub value: &'static str,
    /// The text shown.
    pub label: &'static str,
    /// Shown but cannot be chosen (`isDisabled`).
    pub disabled: bool,
}

impl ChoiceItem {
    /// The item in the wire model; `V` is `ChoiceValue` for a select, `String` for radio and checkbox groups.
    pub fn to_item<V: From<&'static str>>(&self) -> Item<V> {
        let item = Item::new(self.value, self.label);
        if self.disabled { item.disabled() } else { item }
    }
}

/// A fieldless enum whose variants are the items of a select, radio group or checkbox group. Implemented by
/// `#[derive(ModalChoice)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the value of a choice block",
    label = "a select, radio or checkbox field needs a `ModalChoice` enum here",
    note = "derive `pdx::ModalChoice` on a fieldless enum, or pick the element with `#[modal(input)]`, \
            `#[modal(textarea)]`, or static items `#[modal(select, items((1, \"One\"), (2, \"Two\")))]`"
)]
pub trait ModalChoice: Sized {
    /// The item values, in variant order (the `value` of each of [`choices`](Self::choices)). A constant, so
    /// that `#[derive(JsonModal)]` checks a default `value = "..."` against it at compile time.
    const VALUES: &'static [&'static str];

    /// The items, in variant order.
    fn choices() -> &'static [ChoiceItem];

    /// When the item of `value` is shown (`#[modal(visible_on(...))]` on its variant; its `visibleOn`). `None`:
    /// the item has no rule, it is shown with its block.
    fn item_visible_on(value: &str) -> Option<VisibleOn> {
        let _ = value;
        None
    }

    /// This variant's item value (its serde name).
    fn value(&self) -> &'static str;

    /// The items of a select.
    fn select_items() -> Vec<Item<ChoiceValue>> {
        Self::choices().iter().map(Self::item).collect()
    }

    /// The items of a radio or checkbox group.
    fn string_items() -> Vec<Item<String>> {
        Self::choices().iter().map(Self::item).collect()
    }

    /// One item in the wire model, with its `visibleOn` rule.
    fn item<V: From<&'static str>>(choice: &ChoiceItem) -> Item<V> {
        let item = choice.to_item();
        match Self::item_visible_on(choice.value) {
            Some(rule) => item.visible_on(rule),
            None => item,
        }
    }
}
