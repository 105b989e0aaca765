//! Serde's rename rules (so pdx names keys exactly as serde serializes them) and pdx's default labels.

/// A `#[serde(rename_all = "...")]` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    /// The rules serde accepts, by their serde spelling.
    pub(crate) const ALL: &'static [(&'static str, RenameRule)] = &[
        ("lowercase", RenameRule::Lower),
        ("UPPERCASE", RenameRule::Upper),
        ("PascalCase", RenameRule::Pascal),
        ("camelCase", RenameRule::Camel),
        ("snake_case", RenameRule::Snake),
        ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnake),
        ("kebab-case", RenameRule::Kebab),
        ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebab),
    ];

    pub(crate) fn from_str(s: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, r)| *r)
    }

    /// Renames a struct field (written in snake_case), as serde does.
    pub(crate) fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => {
                let mut out = String::new();
                let mut upper = true;
                for c in field.chars() {
                    if c == '_' {
                        upper = true;
                    } else if upper {
                        out.extend(c.to_uppercase());
                        upper = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            RenameRule::Camel => {
                let pascal = RenameRule::Pascal.apply_to_field(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_lowercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }

    /// Renames an enum variant (written in PascalCase), as serde does.
    pub(crate) fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => {
                let mut chars = variant.chars();
                match chars.next() {
                    Some(first) => first.to_lowercase().chain(chars).collect(),
                    None => String::new(),
                }
            }
            RenameRule::Snake => {
                let mut out = String::new();
                for (i, c) in variant.char_indices() {
                    if i > 0 && c.is_uppercase() {
                        out.push('_');
                    }
                    out.extend(c.to_lowercase());
                }
                out
            }
            RenameRule::ScreamingSnake => RenameRule::Snake
                .apply_to_variant(variant)
                .to_ascii_uppercase(),
            RenameRule::Kebab => RenameRule::Snake
                .apply_to_variant(variant)
                .replace('_', "-"),
            RenameRule::ScreamingKebab => RenameRule::ScreamingSnake
                .apply_to_variant(variant)
                .replace('_', "-"),
        }
    }
}

/// pdx's default label: the Rust name in sentence case (`delivery_date` → "Delivery date",
/// `DeliveryDate` → "Delivery date"). Pipedrive recommends sentence case for labels (Pipedrive's docs, *JSON panels*).
pub(crate) fn sentence_case(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Keep acronyms (`URL`, `ID`) as written; lower-case ordinary words after the first.
        let is_acronym = w.len() > 1 && w.chars().all(|c| !c.is_lowercase());
        if i == 0 {
            let mut chars = w.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                if is_acronym {
                    out.push_str(chars.as_str());
                } else {
                    out.push_str(&chars.as_str().to_lowercase());
                }
            }
        } else if is_acronym {
            out.push_str(w);
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_case_of_rust_names() {
        assert_eq!(sentence_case("delivery_date"), "Delivery date");
        assert_eq!(sentence_case("DeliveryDate"), "Delivery date");
        assert_eq!(sentence_case("pageViews"), "Page views");
        assert_eq!(sentence_case("id"), "Id");
        assert_eq!(sentence_case("invoice_URL"), "Invoice URL");
        assert_eq!(sentence_case("r#type"), "Type");
    }

    #[test]
    fn rename_rules_match_serde() {
        assert_eq!(RenameRule::Camel.apply_to_field("visit_time"), "visitTime");
        assert_eq!(RenameRule::Pascal.apply_to_field("visit_time"), "VisitTime");
        assert_eq!(RenameRule::Kebab.apply_to_field("visit_time"), "visit-time");
        assert_eq!(
            RenameRule::ScreamingSnake.apply_to_field("visit_time"),
            "VISIT_TIME"
        );
        assert_eq!(RenameRule::Snake.apply_to_variant("NextDay"), "next_day");
        assert_eq!(RenameRule::Lower.apply_to_variant("NextDay"), "nextday");
        assert_eq!(RenameRule::Camel.apply_to_variant("NextDay"), "nextDay");
        assert_eq!(
            RenameRule::ScreamingKebab.apply_to_variant("NextDay"),
            "NEXT-DAY"
        );
    }
}
