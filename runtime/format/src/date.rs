//! The one reading of a calendar date `YYYY-MM-DD`: a panel's `date` field, a modal datepicker's `value` (in a
//! schema, a response, a submission) and the derives' defaults all use it.
//!
//! Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>, and *JSON
//! modals component library*: <https://pipedrive.readme.io/docs/json-modals-component-library>.

/// Whether `s` is a real calendar date written `YYYY-MM-DD` (four-digit year, proleptic Gregorian calendar): no
/// sign, no time, no other width. `2024-02-29` is one, `2023-02-29` and `2024-2-9` are not.
pub const fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(b, 0, 4), digits(b, 5, 7), digits(b, 8, 10))
    else {
        return false;
    };
    day >= 1 && day <= days_in_month(year, month)
}

/// The number written by the ASCII digits `b[from..to]`, if they are all digits.
const fn digits(b: &[u8], from: usize, to: usize) -> Option<u32> {
    let mut n = 0;
    let mut i = from;
    while i < to {
        if !b[i].is_ascii_digit() {
            return None;
        }
        n = n * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    Some(n)
}

/// Days in `month` of `year`; 0 for a month that does not exist.
const fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::is_date;

    #[test]
    fn real_dates_only() {
        for good in [
            "2024-02-29",
            "2000-02-29",
            "0000-01-01",
            "9999-12-31",
            "2021-04-30",
        ] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-04-31",
            "2024-1-011",
            "2024-2-9",
            "12345-1-01",
            "+999-01-01",
            "2024-02-2x",
            "2021-02-03T00:00:00",
            "2024/02/03",
            "２０２４-01-01",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    /// Usable where a constant is needed (the derives check defaults at compile time).
    #[test]
    fn is_const() {
        const { assert!(is_date("2024-02-29") && !is_date("2023-02-29")) };
    }
}
