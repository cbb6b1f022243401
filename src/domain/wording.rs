//! Counts as a sentence says them: `1 risk`, `3 risks`, `no risks`, never `risk(s)`.

/// `n` with the noun it counts: `one` for exactly one, else `many`.
pub fn count<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// The plural of an English noun as the registers name their rows: `risk` → `risks`,
/// `interested party` → `interested parties`, `issue` → `issues`.
pub fn plural(noun: &str) -> String {
    let consonant_y = noun.ends_with('y')
        && !noun
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| "aeiou".contains(c));
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "ch", "sh"].iter().any(|end| noun.ends_with(end)) {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// `n` with `noun` in the number it needs: `1 scope item`, `2 interested parties`.
pub fn count_of(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural(noun))
    }
}

/// The noun with its indefinite article: `a risk`, `an asset`, `an interested party`.
/// `text` as the end of a sentence: a full stop added unless it ends in one already (or in a
/// question or exclamation mark), so that `Saved Q-001 Who signs?` is not followed by a dot.
pub fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

pub fn with_article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_once() {
        assert_eq!(sentence("Saved AS-001 Server"), "Saved AS-001 Server.");
        assert_eq!(sentence("Saved Q-001 Who signs?"), "Saved Q-001 Who signs?");
        assert_eq!(sentence("Saved T-001 Patch v1."), "Saved T-001 Patch v1.");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "risk", "risks"), "1 risk");
        assert_eq!(count(0, "risk", "risks"), "0 risks");
        assert_eq!(count(3, "bad line", "bad lines"), "3 bad lines");
        assert_eq!(
            count(2, "dependency link", "dependency links"),
            "2 dependency links"
        );
    }

    #[test]
    fn nouns_take_a_or_an() {
        assert_eq!(with_article("risk"), "a risk");
        assert_eq!(with_article("asset"), "an asset");
        assert_eq!(with_article("interested party"), "an interested party");
        assert_eq!(with_article("scope item"), "a scope item");
    }

    #[test]
    fn register_nouns_take_their_plural() {
        assert_eq!(count_of(1, "interested party"), "1 interested party");
        assert_eq!(count_of(2, "interested party"), "2 interested parties");
        assert_eq!(count_of(3, "scope item"), "3 scope items");
        assert_eq!(count_of(2, "key"), "2 keys");
        assert_eq!(count_of(2, "box"), "2 boxes");
        assert_eq!(count_of(0, "acceptance"), "0 acceptances");
    }
}
