//! The order people expect of references and numbers: `AS-2` before `AS-10`, clause `4.3`
//! before `10.2`, control `5.2` before `5.10`. Tables, findings and listings sort with it.

use std::cmp::Ordering;

/// Orders text with embedded numbers as people expect: `AS-2` before `AS-10`, `5.2` before `5.10`.
/// Leading blanks (the indent of a sub-clause) do not count: `4`, `  4.1`, `10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (
        a.trim_start().chars().peekable(),
        b.trim_start().chars().peekable(),
    );
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut n = String::new();
                    while let Some(&c) = it.peek().filter(|c| c.is_ascii_digit()) {
                        n.push(c);
                        it.next();
                    }
                    n
                };
                let (n, m) = (take(&mut x), take(&mut y));
                let (n, m) = (n.trim_start_matches('0'), m.trim_start_matches('0'));
                let o = n.len().cmp(&m.len()).then_with(|| n.cmp(m));
                if o != Ordering::Equal {
                    return o;
                }
            }
            (Some(c), Some(d)) => {
                let o = c.to_lowercase().cmp(d.to_lowercase());
                if o != Ordering::Equal {
                    return o;
                }
                x.next();
                y.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_inside_text_compare_as_numbers() {
        assert_eq!(
            natural_cmp("4.3 Scope", "10.2 Nonconformity"),
            Ordering::Less
        );
        assert_eq!(natural_cmp("9.2.2", "9.2.10"), Ordering::Less);
        assert_eq!(natural_cmp("AS-011", "AS-2"), Ordering::Greater);
        assert_eq!(natural_cmp("A.5.1", "a.5.1"), Ordering::Equal);
        assert_eq!(natural_cmp("R-1", "R-1 x"), Ordering::Less);
    }

    #[test]
    fn indented_sub_clauses_sort_under_their_clause() {
        let mut numbers = vec!["  10.1", "10", "  4.1", "4", "  9.2.2", "  4.4", "  9.3"];
        numbers.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            numbers,
            ["4", "  4.1", "  4.4", "  9.2.2", "  9.3", "10", "  10.1"]
        );
    }
}
