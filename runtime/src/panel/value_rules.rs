//! The rules on a panel's values that their JSON type does not say: real dates and times, texts Pipedrive
//! truncates, labels in sentence case, links that would run code. Written once here and run by every panel check:
//! the typed check while it serializes ([`PanelResponse::to_checked_json`](super::PanelResponse::to_checked_json)),
//! the schema check of a `serde_json::Value`, the structure check (field labels) and the error state, so all
//! report the same words at the same pointers. `at` builds a pointer only when there is a problem.

use super::field_type::FieldType;
use super::limits::{MAX_EXTERNAL_LINK_LABEL_CHARS, MAX_LABEL_CHARS, MAX_OBJECTS, MAX_TEXT_CHARS};
use super::value::{Time, is_date_time};
use crate::problem::{Problems, Severity};
use crate::script_url;
use pdx_format::date::is_date;
use pdx_format::page::JSON_PANELS;

/// The rules of a string value of a field: real dates and times, text truncation, the scheme of a link.
pub(crate) fn string_rules(
    field_type: FieldType,
    s: &str,
    at: &dyn Fn() -> String,
    problems: &mut Problems,
) {
    match field_type {
        FieldType::Date if !is_date(s) => problems.push_lazy(Severity::Error, at, || {
            format!("`{s}` is not a real date written `YYYY-MM-DD` (a `date` field)")
        }),
        FieldType::Time if Time::parse(s).is_none() => problems.push_lazy(Severity::Error, at, || {
            format!("`{s}` is not a time `hh:mm:ss` with an offset such as `+02:00` or `Z` (a `time` field)")
        }),
        FieldType::DateTime if !is_date_time(s) => problems.push_lazy(Severity::Error, at, || {
            format!(
                "`{s}` is not an RFC 3339 date-time with an offset, e.g. `2021-08-31T07:00:00.000Z` (a `date-time` \
                 field)"
            )
        }),
        FieldType::Text => text_rules(s, at, problems),
        FieldType::Link => script_url::check_url(s, at, problems),
        _ => {}
    }
}

/// A `text` value longer than Pipedrive shows is a warning.
pub(crate) fn text_rules(s: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    if let Some(n) = longer_than(s, MAX_TEXT_CHARS) {
        problems.push_lazy(Severity::Warning, at, || {
            format!("{n} characters: Pipedrive truncates text after {MAX_TEXT_CHARS}")
        });
    }
}

/// The `value` of a markdown text: truncation, and the links Pipedrive would open.
pub(crate) fn markdown_rules(s: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    text_rules(s, at, problems);
    script_url::check_markdown(s, at, problems);
}

/// A `label` value's text: truncation and sentence case (both warnings).
pub(crate) fn label_rules(s: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    if let Some(n) = longer_than(s, MAX_LABEL_CHARS) {
        problems.push_lazy(Severity::Warning, at, || {
            format!("{n} characters: Pipedrive truncates a label after {MAX_LABEL_CHARS}")
        });
    }
    sentence_case_rule(s, at, problems);
}

/// A label (a `label` value, a field's label in the data structure) not in sentence case is a warning.
pub(crate) fn sentence_case_rule(s: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    if !is_sentence_case(s) {
        problems.push_lazy(Severity::Warning, at, || {
            format!(
                "`{s}` is not in sentence case, which Pipedrive recommends for labels (e.g. `In progress`; \
                 {JSON_PANELS})"
            )
        });
    }
}

/// The response's `external_link.label`, shown up to 40 characters.
pub(crate) fn external_link_label_rules(s: &str, problems: &mut Problems) {
    if let Some(n) = longer_than(s, MAX_EXTERNAL_LINK_LABEL_CHARS) {
        problems.warning(
            "/external_link/label",
            format!(
                "{n} characters: Pipedrive shows the external link's label up to \
                 {MAX_EXTERNAL_LINK_LABEL_CHARS}"
            ),
        );
    }
}

/// More than `MAX_OBJECTS` objects in `data` (an error at `/data`).
pub(crate) fn too_many_objects(n: usize) -> String {
    format!("{n} objects: a panel shows at most {MAX_OBJECTS}")
}

/// The number of characters of `s` when it has more than `limit`, counted without a pass over a short string:
/// a string of at most `limit` bytes has at most `limit` characters.
pub(crate) fn longer_than(s: &str, limit: usize) -> Option<usize> {
    if s.len() <= limit {
        return None;
    }
    let n = s.chars().count();
    (n > limit).then_some(n)
}

/// Pipedrive's style rule for label texts (the `label` row of *JSON panels*: sentence case recommended).
///
/// pdx's reading of it: a text is in sentence case when its first letter is not lower case and no later word is
/// Capitalized (`In Progress`); words in capitals (`DHL`) pass as acronyms, unless every word of a
/// several-word text is in capitals (`IN PROGRESS`). A failure is a warning (a style rule).
pub fn is_sentence_case(text: &str) -> bool {
    let trimmed = text.trim_start();
    if trimmed.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    // One pass over the words (this runs on every label of every response). Words without letters do not count.
    let skip_first = trimmed.starts_with(char::is_alphabetic);
    let (mut words, mut every_word_in_caps, mut capitalized_later) = (0usize, true, false);
    for word in text.split_whitespace() {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            continue;
        };
        let lower_after_first = letters.any(char::is_lowercase);
        words += 1;
        every_word_in_caps &= !first.is_lowercase() && !lower_after_first;
        // A later word Capitalized (`In Progress`); the first word may be, when the text starts with it.
        if (words > 1 || !skip_first) && first.is_uppercase() && lower_after_first {
            capitalized_later = true;
        }
    }
    let shouting = words > 1 && every_word_in_caps;
    !(shouting || capitalized_later)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_case_rule() {
        assert!(is_sentence_case("In progress"));
        assert!(is_sentence_case("Shipped via DHL"));
        assert!(is_sentence_case("Assembling"));
        assert!(is_sentence_case("2 days late"));
        assert!(!is_sentence_case("In Progress"));
        assert!(!is_sentence_case("in progress"));
        assert!(!is_sentence_case("IN PROGRESS"));
        assert!(is_sentence_case(""));
        assert!(!is_sentence_case("- Done Now"));
        assert!(!is_sentence_case("2 Days late"));
        assert!(is_sentence_case("Über uns"));
        assert!(is_sentence_case("OK"));
    }

    /// The first, two-pass writing of the rule, kept to check the one-pass one.
    fn reference_sentence_case(text: &str) -> bool {
        if text
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            return false;
        }
        let words: Vec<&str> = text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let all_caps = |w: &&str| !w.chars().any(char::is_lowercase);
        if words.len() > 1 && words.iter().all(all_caps) {
            return false;
        }
        let later = if text.trim_start().starts_with(char::is_alphabetic) {
            1
        } else {
            0
        };
        words.iter().skip(later).all(|w| {
            let mut letters = w.chars().filter(|c| c.is_alphabetic());
            match letters.next() {
                Some(c) if c.is_uppercase() => !letters.any(char::is_lowercase),
                _ => true,
            }
        })
    }

    #[test]
    fn one_pass_sentence_case_agrees_with_the_reference() {
        let samples = [
            "In progress",
            "In Progress",
            "in progress",
            "IN PROGRESS",
            "DHL",
            "Shipped via DHL",
            "",
            "   ",
            "- Done",
            "- Done Now",
            "2 Days late",
            "Über Uns",
            "über uns",
            "ⓐbc Def",
            "Ǆemal Ǆ",
            "x",
            "X y",
            "X Y",
            "ΣΑΣ σας",
            "ªb Cd",
            "Ⅻ Ab",
            "a1 B2",
            "A\u{b}B",
            "Hello\tWorld",
            "ÉCOLE Paris",
            "iPhone case",
            "Mc Donald",
        ];
        for s in samples {
            assert_eq!(is_sentence_case(s), reference_sentence_case(s), "{s:?}");
        }
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            for s in [
                format!("{c}"),
                format!("A {c}b"),
                format!("{c}{c} {c}"),
                format!("Ab {c}"),
            ] {
                assert_eq!(is_sentence_case(&s), reference_sentence_case(&s), "{s:?}");
            }
        }
    }

    /// The one date rule of pdx reads every date as chrono does.
    #[test]
    fn the_date_rule_agrees_with_chrono() {
        use chrono::Datelike;
        let chrono_date =
            |s: &str| s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
        for s in [
            "2024-02-29",
            "2023-02-29",
            "0000-01-01",
            "9999-12-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-04-31",
            "2024-1-011",
            "12345-1-01",
            "2024-02-2x",
            "",
        ] {
            assert_eq!(is_date(s), chrono_date(s), "{s}");
        }
        // chrono reads a signed year; `YYYY-MM-DD` has none.
        for signed in ["+999-01-01", "-999-01-01"] {
            assert!(chrono_date(signed) && !is_date(signed), "{signed}");
        }
        let mut day = chrono::NaiveDate::from_ymd_opt(1899, 12, 25);
        while let Some(d) = day.filter(|d| d.year() < 2101) {
            let text = d.format("%Y-%m-%d").to_string();
            assert!(is_date(&text), "{text}");
            day = d.succ_opt();
        }
    }
}
