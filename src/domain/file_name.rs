//! The file name a new workspace gets from its organisation's name: lowercase ASCII letters and
//! digits joined by `-`, German umlauts and common accents spelt out, so that the name is safe on
//! every file system and reads like the organisation (`Müller & Söhne GmbH` → `mueller-soehne-gmbh.isms`).
//! Exports are named the same way, after the organisation, what they hold, the SoA version and
//! the date (`nordwind-logistik-soa-v3-2026-03-31`).

use chrono::NaiveDate;

use super::ValidationError;

/// The field the organisation's name is entered in, as validation errors and forms name it: the file is named after it.
pub mod field {
    use crate::domain::text::Field;

    pub const ORGANISATION: Field = Field::new("organisation");
}

/// The extension every workspace file gets.
pub const EXTENSION: &str = "isms";

/// Longest stem kept, in characters: file systems allow more, but a list of clients stays readable.
const MAX_STEM: usize = 60;

/// `acme-gmbh.isms` for `Acme GmbH`; an error when the name has no letter or digit to keep.
pub fn workspace_file_name(organisation: &str) -> Result<String, ValidationError> {
    let stem = slug(organisation);
    if stem.is_empty() {
        return Err(ValidationError::new(
            field::ORGANISATION,
            "expected a name with at least one letter or digit to name the file after",
        ));
    }
    Ok(format!("{stem}.{EXTENSION}"))
}

/// Lowercase ASCII letters and digits joined by `-`, at most [`MAX_STEM`] characters, without a
/// dash at either end; empty when `text` has no letter or digit to keep.
fn slug(text: &str) -> String {
    let mut stem = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let spelt = transliterate(c);
        for out in spelt.chars() {
            if out.is_ascii_alphanumeric() {
                stem.push(out);
            } else if !stem.is_empty() && !stem.ends_with('-') {
                stem.push('-');
            }
        }
    }
    let mut stem: String = stem.chars().take(MAX_STEM).collect();
    while stem.ends_with('-') {
        stem.pop();
    }
    stem
}

/// Legal forms that end many organisation names (as slug words): a deliverable's name is
/// shorter without them and still says whose it is.
const LEGAL_FORMS: &[&str] = &[
    "gmbh", "mbh", "ag", "kg", "kgaa", "co", "ohg", "ug", "se", "ltd", "limited", "inc", "llc",
    "plc", "sa", "sarl", "bv", "nv",
];

/// The name of an export without its extension: the organisation (without a trailing legal
/// form), what is exported (`soa`, `risks`...), the SoA version when one was issued, and the
/// date: `nordwind-logistik-risks-v3-2026-03-31` (the live SoA: `soa-draft-after-v3`). An organisation without letters or digits is
/// left out rather than refused: the export still needs a name.
pub fn export_stem(
    organisation: &str,
    what: &str,
    soa_version: Option<u32>,
    date: NaiveDate,
) -> String {
    let org = slug(organisation);
    let mut words: Vec<&str> = org.split('-').filter(|w| !w.is_empty()).collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_FORMS.contains(w)) {
        words.pop();
    }
    let mut parts: Vec<String> = words.into_iter().map(str::to_string).collect();
    parts.push(slug(what));
    match soa_version.filter(|_| names_soa_version(what)) {
        // The live SoA is not version n but a draft after it (`export soa --version` writes n).
        Some(n) if what == "soa" => parts.push(format!("draft-after-v{n}")),
        Some(n) => parts.push(format!("v{n}")),
        None => {}
    }
    parts.push(date.to_string());
    parts.retain(|p| !p.is_empty());
    parts.join("-")
}

/// What an export named `what` reflects besides the date: the SoA version for the registers and
/// the report, nothing for the minutes of a workshop or an audit's report (they reflect the
/// workshop or the audit, see [`minutes_stem`] and [`audit_stem`]).
fn names_soa_version(what: &str) -> bool {
    what != "minutes" && what != "audit"
}

/// The name of a workshop's minutes without its extension: the organisation, `minutes`, the
/// workshop and the date: `nordwind-logistik-minutes-w-001-2026-03-31`.
pub fn minutes_stem(organisation: &str, workshop: &str, date: NaiveDate) -> String {
    export_stem(organisation, &format!("minutes {workshop}"), None, date)
}

/// The name of an audit's report without its extension: the organisation, `audit`, the audit
/// and the date: `nordwind-logistik-audit-au-001-2026-03-31`.
pub fn audit_stem(organisation: &str, audit: &str, date: NaiveDate) -> String {
    export_stem(organisation, &format!("audit {audit}"), None, date)
}

/// The ASCII spelling of a lowercase letter; anything else stays as it is (and becomes a `-`
/// unless it is an ASCII letter or digit).
fn transliterate(c: char) -> String {
    let s = match c {
        'ä' => "ae",
        'ö' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'å' | 'à' | 'á' | 'â' | 'ã' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' => "o",
        'ù' | 'ú' | 'û' => "u",
        'ý' | 'ÿ' => "y",
        _ => return c.to_string(),
    };
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_lowercase_words_joined_by_dashes() {
        assert_eq!(workspace_file_name("Acme GmbH").unwrap(), "acme-gmbh.isms");
        assert_eq!(
            workspace_file_name("  Nordwind Logistik GmbH & Co. KG ").unwrap(),
            "nordwind-logistik-gmbh-co-kg.isms"
        );
        assert_eq!(workspace_file_name("ACME/../etc").unwrap(), "acme-etc.isms");
    }

    #[test]
    fn umlauts_and_accents_are_spelt_out() {
        assert_eq!(
            workspace_file_name("Müller & Söhne Straßenbau").unwrap(),
            "mueller-soehne-strassenbau.isms"
        );
        assert_eq!(workspace_file_name("ÄÖÜ").unwrap(), "aeoeue.isms");
        assert_eq!(
            workspace_file_name("Café Crème").unwrap(),
            "cafe-creme.isms"
        );
    }

    #[test]
    fn a_name_without_letters_or_digits_is_refused() {
        for bad in ["", "   ", "!!!", "東京"] {
            let err = workspace_file_name(bad).unwrap_err().to_string();
            assert!(err.contains("organisation"), "{bad}: {err}");
            assert!(err.contains("at least one letter or digit"), "{bad}: {err}");
        }
    }

    #[test]
    fn exports_are_named_after_organisation_what_version_and_date() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        assert_eq!(
            export_stem("Nordwind Logistik GmbH", "soa", Some(3), day),
            "nordwind-logistik-soa-draft-after-v3-2026-03-31"
        );
        assert_eq!(
            export_stem("Müller & Söhne GmbH & Co. KG", "risks", None, day),
            "mueller-soehne-risks-2026-03-31"
        );
        // A name that is only a legal form keeps it; one without letters is left out.
        assert_eq!(export_stem("AG", "soa", None, day), "ag-soa-2026-03-31");
        assert_eq!(
            export_stem("東京", "soa", Some(1), day),
            "soa-draft-after-v1-2026-03-31"
        );
        assert_eq!(
            export_stem("Nordwind Logistik GmbH", "risks", Some(3), day),
            "nordwind-logistik-risks-v3-2026-03-31"
        );
        // Nothing of the organisation can reach another folder.
        assert_eq!(
            export_stem("../../etc", "treatment-plan", None, day),
            "etc-treatment-plan-2026-03-31"
        );
    }

    #[test]
    fn minutes_are_named_after_their_workshop_not_the_soa() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        assert_eq!(
            minutes_stem("Acme GmbH", "W-001", day),
            "acme-minutes-w-001-2026-03-31"
        );
        assert_eq!(
            export_stem("Nordwind Logistik GmbH", "minutes", Some(1), day),
            "nordwind-logistik-minutes-2026-03-31"
        );
        assert_eq!(
            audit_stem("Acme GmbH", "AU-002", day),
            "acme-audit-au-002-2026-03-31"
        );
        assert_eq!(
            export_stem("Acme GmbH", "audit", Some(1), day),
            "acme-audit-2026-03-31"
        );
    }

    #[test]
    fn long_names_are_cut_without_a_trailing_dash() {
        let name = workspace_file_name(&"ab ".repeat(50)).unwrap();
        let stem = name.strip_suffix(".isms").unwrap();
        assert!(stem.len() <= MAX_STEM, "{name}");
        assert!(!stem.ends_with('-'), "{name}");
    }
}
