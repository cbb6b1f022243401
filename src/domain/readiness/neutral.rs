//! A finding's fix in a document's words. The app's fixes say where to make them ("on the
//! Risks screen", "(v on the Documents screen)"), which helps in the app and `isms check` but
//! means nothing to a client reading a report: a document says what to do, not where to press.
//! The app keeps `Finding::fix`; exports use [`Finding::document_fix`].

use super::Finding;

/// App-only wording and its neutral counterpart, replaced before the places are taken out.
const PHRASES: &[(&str, &str)] = &[
    (
        "save its form to confirm the assessment",
        "confirm its assessment",
    ),
    (" (bulk decisions help)", ""),
];

impl Finding {
    /// [`Finding::fix`] without the app's places and keys, for exports.
    pub fn document_fix(&self) -> String {
        for_documents(&self.fix)
    }
}

/// `fix` with every reference to a screen taken out: a parenthesis that names one (or a view,
/// a tab) goes whole,
/// and "on the X screen", "on the X and Y screens", "on the X screen's statements" and "on its
/// screen" go with the comma before them.
pub fn for_documents(fix: &str) -> String {
    let mut s = fix.to_string();
    for (app, neutral) in PHRASES {
        s = s.replace(app, neutral);
    }
    s = without_screen_parentheses(&s);
    s = without_places(&s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` names a place in the app: a screen, a view or a tab.
fn names_screen(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["screen", "screens", "view", "views", "tab", "tabs"]
            .iter()
            .any(|place| w.eq_ignore_ascii_case(place))
    })
}

/// Drops each ` (...)` whose text names a screen.
fn without_screen_parentheses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inside = &rest[open + 1..close];
        if names_screen(inside) {
            out.push_str(rest[..open].trim_end());
        } else {
            out.push_str(&rest[..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Drops each `[,] on the Word [and Word] screen[s]['s statements]` and `[,] on its screen`.
fn without_places(s: &str) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    let mut kept: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if words[i] == "on"
            && let Some(end) = place_end(&words[i + 1..])
        {
            if let Some(last) = kept.last_mut()
                && let Some(stripped) = last.strip_suffix(',')
            {
                *last = stripped.to_string();
            }
            // Keep the punctuation that closed the place ("screen," → ",").
            let closing =
                words[i + end].trim_start_matches(|c: char| c.is_alphanumeric() || c == '\'');
            let closing = closing.trim_start_matches("statements");
            if !closing.is_empty()
                && let Some(last) = kept.last_mut()
            {
                last.push_str(closing);
            }
            i += end + 1;
            continue;
        }
        kept.push(words[i].to_string());
        i += 1;
    }
    kept.join(" ")
}

/// How many words after `on` make up a place (`the Risks screen` → 3, `its screen` → 2, `the
/// Scope screen's statements` → 4), if they do: at most three words before `screen`.
fn place_end(after: &[&str]) -> Option<usize> {
    let first = after.first()?;
    if *first != "the" && *first != "its" {
        return None;
    }
    for (at, word) in after.iter().enumerate().take(5).skip(1) {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        match bare {
            "screen" | "screens" => return Some(at + 1),
            "screen's" => {
                let statements = after.get(at + 1).is_some_and(|w| {
                    w.trim_end_matches(|c: char| !c.is_alphanumeric()) == "statements"
                });
                return Some(at + 1 + usize::from(statements));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_app_hints_are_taken_out() {
        for (app, document) in [
            ("Name an owner on the Assets screen", "Name an owner"),
            (
                "Finish it, or agree a new due date with its owner, on the Treatment screen",
                "Finish it, or agree a new due date with its owner",
            ),
            (
                "Have the residual risk accepted by that authority, or plan further treatment, on the Risks and Treatment screens",
                "Have the residual risk accepted by that authority, or plan further treatment",
            ),
            (
                "Record whether climate change is relevant, and why, on the Scope screen's statements",
                "Record whether climate change is relevant, and why",
            ),
            (
                "Hand each item over to a person who stays, on its screen",
                "Hand each item over to a person who stays",
            ),
            (
                "Have it approved: record the approved version with its approver (v on the Documents screen)",
                "Have it approved: record the approved version with its approver",
            ),
            (
                "Record a measurement (Objectives screen: m, or r for a built-in measure)",
                "Record a measurement",
            ),
            (
                "Link the information or processes that rely on it on the Assets screen, or retire it",
                "Link the information or processes that rely on it, or retire it",
            ),
            (
                "Implement C-001 and name its evidence, or justify the exclusion on its own, on the SoA screen",
                "Implement C-001 and name its evidence, or justify the exclusion on its own",
            ),
            (
                "Review the risk and save its form to confirm the assessment on the Risks screen",
                "Review the risk and confirm its assessment",
            ),
            (
                "Record the training that shows it (People, Competence view), or end the role",
                "Record the training that shows it, or end the role",
            ),
            (
                "Decide each control on the SoA screen (bulk decisions help)",
                "Decide each control",
            ),
            (
                "Link the document that holds it (from the Documents register) on the Clauses screen",
                "Link the document that holds it (from the Documents register)",
            ),
        ] {
            assert_eq!(for_documents(app), document, "{app}");
        }
    }

    #[test]
    fn a_fix_without_a_place_stays_as_it_is() {
        let fix = "Rate the residual risk once the treatment is done, and have it accepted if it stays above the criteria";
        assert_eq!(for_documents(fix), fix);
    }

    /// Every literal fix the rules write, read from their sources: none keeps app language
    /// in a document, so a new rule's wording is caught here.
    #[test]
    fn no_rule_s_fix_names_a_screen_or_a_key_in_a_document() {
        let sources = [
            include_str!("assets.rs"),
            include_str!("audits.rs"),
            include_str!("clauses.rs"),
            include_str!("cycle.rs"),
            include_str!("documents.rs"),
            include_str!("objectives.rs"),
            include_str!("people.rs"),
            include_str!("reviews.rs"),
            include_str!("risks.rs"),
            include_str!("scope.rs"),
            include_str!("soa.rs"),
        ];
        let mut checked = 0;
        for source in sources {
            // String literals, joined across `\` line continuations.
            let joined = source.replace("\\\n", " ");
            for literal in joined.split('"').skip(1).step_by(2) {
                if !names_screen(literal) {
                    continue;
                }
                checked += 1;
                let document = for_documents(literal);
                assert!(!names_screen(&document), "{literal} → {document}");
                for app in ["press", " key", "save its form", "bulk"] {
                    assert!(!document.contains(app), "{literal} → {document}");
                }
                assert!(
                    !document.contains(" ,")
                        && !document.ends_with(',')
                        && !document.contains("()"),
                    "{literal} → {document}"
                );
            }
        }
        assert!(checked > 40, "the rules' fixes were read: {checked}");
    }
}
