//! Risks from a spreadsheet: ratings as step numbers or names of the methodology, the assets
//! concerned by reference or name, treatment and status by code or label.

use super::columns::{Header, Spec, header, level, list, normalise};
use super::table::{Line, Table};
use super::{BadLine, ImportError, ImportPlan, Names, REF, Register, numbering, refuse_bad};
use super::{Prepared, Rows};
use crate::domain::methodology::{Methodology, Rating};
use crate::domain::protection::Objective;
use crate::domain::reference::RefKind;
use crate::domain::risk::{Risk, RiskStatus, TreatmentOption};
use crate::domain::text;
use crate::store::{Store, StoreError, Writer};

const SPECS: &[Spec] = &[
    REF,
    Spec {
        names: &["title", "risk", "risk title", "name", "risk name"],
        required: true,
    },
    Spec {
        names: &["description", "risk description", "details", "scenario"],
        required: false,
    },
    Spec {
        names: &["threat", "threats"],
        required: false,
    },
    Spec {
        names: &["vulnerability", "vulnerabilities", "weakness"],
        required: false,
    },
    Spec {
        names: &["owner", "risk owner", "responsible"],
        required: false,
    },
    Spec {
        names: &["assets", "asset", "affected assets", "assets concerned"],
        required: false,
    },
    Spec {
        names: &[
            "objectives",
            "protection objectives",
            "cia",
            "affected objectives",
        ],
        required: false,
    },
    Spec {
        names: &[
            "likelihood",
            "inherent likelihood",
            "probability",
            "inherent probability",
        ],
        required: false,
    },
    Spec {
        names: &["impact", "inherent impact", "consequence", "severity"],
        required: false,
    },
    Spec {
        names: &["residual likelihood", "residual probability"],
        required: false,
    },
    Spec {
        names: &["residual impact", "residual consequence"],
        required: false,
    },
    Spec {
        names: &["treatment", "option", "treatment option", "risk treatment"],
        required: false,
    },
    Spec {
        names: &[
            "treatment rationale",
            "rationale",
            "treatment justification",
        ],
        required: false,
    },
    Spec {
        names: &["status", "risk status"],
        required: false,
    },
    Spec {
        names: &["next review", "review", "review date", "next review date"],
        required: false,
    },
    Spec {
        names: &["assessed on", "last assessed", "assessment date"],
        required: false,
    },
    Spec {
        names: &["plan approved by", "plan approver"],
        required: false,
    },
    Spec {
        names: &["plan approved on", "plan approval date"],
        required: false,
    },
];

pub(super) fn prepare(store: &Store, table: &Table) -> Result<Prepared, ImportError> {
    let mut bad = table.problems.clone();
    let (head, lines) = header(table, SPECS, &mut bad);
    let methodology = store.methodology()?;
    let last = store.risks()?.iter().map(|r| r.number).max().unwrap_or(0);
    let mut assets = Names::new(RefKind::Asset, "asset");
    for a in store.assets()? {
        assets.add(a.id, a.number, &a.name, 1);
    }
    let mut risks = Vec::new();
    for slot in numbering(RefKind::Risk, &head, &lines, last, &mut bad) {
        let line = lines[slot.index];
        if let Some(b) = head.overflow(line) {
            bad.push(b);
        }
        match draft(&head, line, &methodology, &assets) {
            Ok(mut r) => {
                r.number = slot.number;
                risks.push(r);
            }
            Err(why) => bad.extend(why.into_iter().map(|why| BadLine {
                line: line.line,
                why,
            })),
        }
    }
    refuse_bad(bad)?;
    let plan = ImportPlan {
        register: Register::Risks,
        rows: lines.len(),
        created: risks.iter().map(|r| describe(r, &methodology)).collect(),
        ignored_columns: head.ignored.clone(),
        confirmed: 0,
        unjustified: Vec::new(),
    };
    Ok(Prepared {
        plan,
        rows: Rows::Risks(risks),
    })
}

/// Writes the risks, each with the number its row gave it.
pub(super) fn write(risks: Vec<Risk>, w: &mut Writer<'_>) -> Result<(), StoreError> {
    let methodology = w.stored_methodology()?;
    for r in risks {
        let number = r.number;
        let stored = w.insert_risk(r, &methodology)?;
        // The store numbers on from the last risk; a gap in the file's refs is kept.
        if stored.number != number {
            w.import_number(RefKind::Risk, stored.id, number)?;
        }
    }
    Ok(())
}

/// `R-012 Ransomware (owner IT lead, inherent high, residual medium)`.
fn describe(r: &Risk, m: &Methodology) -> String {
    let mut parts = vec![if r.owner.is_empty() {
        "no owner".to_string()
    } else {
        format!("owner {}", r.owner)
    }];
    for (what, rating) in [("inherent", r.inherent), ("residual", r.residual)] {
        if let Some(level) = rating.and_then(|x| m.level(x)) {
            parts.push(format!("{what} {}", level.name));
        }
    }
    if r.inherent.is_none() && r.residual.is_none() {
        parts.push("not rated".to_string());
    }
    format!(
        "{} {} ({})",
        RefKind::Risk.format(r.number),
        r.title,
        parts.join(", ")
    )
}

fn draft(head: &Header, line: &Line, m: &Methodology, assets: &Names) -> Result<Risk, Vec<String>> {
    let mut why = Vec::new();
    let cell = |key: &str| head.cell(line, key);
    let mut risk = Risk::new(cell("title"));
    risk.description = cell("description").to_string();
    risk.threat = cell("threat").to_string();
    risk.vulnerability = cell("vulnerability").to_string();
    risk.owner = cell("owner").to_string();
    risk.treatment_rationale = cell("treatment rationale").to_string();
    for token in list(cell("assets")) {
        match assets.resolve("assets", &token) {
            Ok(id) => risk.assets.push(id),
            Err(e) => why.push(e),
        }
    }
    match objectives(cell("objectives")) {
        Ok(o) => risk.objectives = o,
        Err(e) => why.push(e),
    }
    let likelihood: Vec<&str> = m.likelihood.iter().map(|s| s.name.as_str()).collect();
    let impact: Vec<&str> = m.impact.iter().map(|s| s.name.as_str()).collect();
    let mut rating = |l: &str, i: &str| -> Option<Rating> {
        let lv = level(l, cell(l), &likelihood)
            .map_err(|e| why.push(e))
            .ok()
            .flatten();
        let iv = level(i, cell(i), &impact)
            .map_err(|e| why.push(e))
            .ok()
            .flatten();
        match (lv, iv) {
            (Some(likelihood), Some(impact)) => Some(Rating { likelihood, impact }),
            (Some(_), None) if cell(i).is_empty() => {
                why.push(format!("{i}: is required when {l} is given"));
                None
            }
            (None, Some(_)) if cell(l).is_empty() => {
                why.push(format!("{l}: is required when {i} is given"));
                None
            }
            _ => None,
        }
    };
    risk.inherent = rating("likelihood", "impact");
    risk.residual = rating("residual likelihood", "residual impact");
    if !cell("treatment").is_empty() {
        risk.treatment = treatment(cell("treatment")).map_err(|e| why.push(e)).ok();
    }
    if !cell("status").is_empty() {
        match cell("status").parse::<RiskStatus>() {
            Ok(s) => risk.status = s,
            Err(e) => why.push(format!("status: {e}")),
        }
    }
    risk.next_review = text::date(crate::domain::risk::field::NEXT_REVIEW, cell("next review"))
        .map_err(|e| why.push(e.to_string()))
        .ok()
        .flatten();
    let mut date_of = |field, column: &str| {
        text::date(field, cell(column))
            .map_err(|e| why.push(e.to_string()))
            .ok()
            .flatten()
    };
    risk.assessed_on = date_of(crate::domain::risk::field::ASSESSED_ON, "assessed on");
    risk.plan_approved_on = date_of(
        crate::domain::risk::field::PLAN_APPROVED_ON,
        "plan approved on",
    );
    risk.plan_approved_by = cell("plan approved by").to_string();
    match risk.validated_all(m) {
        Ok(r) if why.is_empty() => Ok(r),
        Ok(_) => Err(why),
        Err(problems) => {
            why.extend(problems.iter().map(ToString::to_string));
            Err(why)
        }
    }
}

/// The four options by code or label, and the words ISO/IEC 27005 and common practice use.
fn treatment(value: &str) -> Result<TreatmentOption, String> {
    if let Ok(t) = value.parse::<TreatmentOption>() {
        return Ok(t);
    }
    match normalise(value).as_str() {
        "modify" | "mitigate" | "reduce modify" | "treat" => Ok(TreatmentOption::Reduce),
        "share" | "transfer share" | "insure" => Ok(TreatmentOption::Transfer),
        "retain" | "accept retain" | "tolerate" => Ok(TreatmentOption::Accept),
        "terminate" => Ok(TreatmentOption::Avoid),
        _ => Err(format!(
            "treatment: '{}' is not known; expected {}",
            value.trim(),
            TreatmentOption::expected()
        )),
    }
}

/// `C, I`, `confidentiality; availability` or `CIA`.
fn objectives(value: &str) -> Result<Vec<Objective>, String> {
    let mut out = Vec::new();
    for token in value
        .split([',', ';', '/', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let letter = Objective::ALL
            .iter()
            .copied()
            .find(|o| o.letter().eq_ignore_ascii_case(token));
        if let Some(o) = letter.or_else(|| token.parse().ok()) {
            out.push(o);
        } else if token.chars().all(|c| "ciaCIA".contains(c)) {
            out.extend(token.chars().filter_map(|c| {
                Objective::TRIAD
                    .iter()
                    .copied()
                    .find(|o| o.letter().eq_ignore_ascii_case(&c.to_string()))
            }));
        } else {
            return Err(format!(
                "objectives: '{token}' is not a protection objective; expected {} or the letters C, I, A",
                Objective::expected()
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objectives_as_letters_names_or_cia() {
        use Objective::*;
        assert_eq!(objectives("C, I").unwrap(), [Confidentiality, Integrity]);
        assert_eq!(
            objectives("CIA").unwrap(),
            [Confidentiality, Integrity, Availability]
        );
        assert_eq!(
            objectives("availability; privacy").unwrap(),
            [Availability, Privacy]
        );
        assert!(objectives("speed").is_err());
    }

    #[test]
    fn treatment_words() {
        assert_eq!(treatment("Reduce (modify)"), Ok(TreatmentOption::Reduce));
        assert_eq!(treatment("share"), Ok(TreatmentOption::Transfer));
        assert!(treatment("ignore").is_err());
    }
}
