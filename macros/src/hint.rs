//! The one "did you mean" helper of the derives' messages.

/// "did you mean `x`?" for the closest of `candidates` when it is close enough, else "expected one of `a`, `b`".
pub(crate) fn did_you_mean(found: &str, candidates: &[&str]) -> String {
    let best = candidates
        .iter()
        .map(|c| (levenshtein(found, c), *c))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((d, c)) if d <= 2.max(found.len().max(c.len()) / 3) => format!("did you mean `{c}`?"),
        _ => format!(
            "expected one of {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_the_closest_or_lists_all() {
        assert_eq!(
            did_you_mean("lable", &["label", "value"]),
            "did you mean `label`?"
        );
        assert_eq!(
            did_you_mean("emial", &["email", "phone"]),
            "did you mean `email`?"
        );
        assert_eq!(
            did_you_mean("zzzzzzzz", &["list", "crate"]),
            "expected one of `list`, `crate`"
        );
    }
}
