use super::inputs::*;
use super::*;
use crate::domain::audit::{Audit, AuditFinding, AuditKind, AuditStatus, FindingGrade};
use crate::domain::baseline::{self, Baseline, Part, Snapshot};
use crate::domain::methodology::{Methodology, Rating};
use crate::domain::nonconformity::{CorrectiveAction, NcGrade, NcSource, NcState, Nonconformity};
use crate::domain::objective::{Measurement, SecurityObjective, Trend};
use crate::domain::party::{InterestedParty, PartyKind};
use crate::domain::risk::Risk;
use crate::domain::scope::{ContextIssue, IssueKind};
use crate::domain::treatment::{Action, ActionStatus};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn today() -> NaiveDate {
    d("2026-03-31")
}

fn held(id: i64, number: u32, on: &str) -> Review {
    Review {
        id,
        number,
        status: ReviewStatus::Held,
        held_on: Some(d(on)),
        ..Review::new("Management review")
    }
}

fn planned(id: i64, number: u32) -> Review {
    Review {
        id,
        number,
        ..Review::new("Management review 2026")
    }
}

/// The change log of a fixture: issues and parties created before the last review, changed,
/// added and removed after it.
fn log() -> Vec<Logged<'static>> {
    let e = |on: &str, entity, reference, action, before, after| Logged {
        on: d(on),
        entity,
        reference,
        action,
        before,
        after,
    };
    let issue = |title: &str| -> Option<&'static str> {
        Some(Box::leak(
            format!(r#"{{"id":1,"kind":"external","title":"{title}","note":""}}"#).into_boxed_str(),
        ))
    };
    vec![
        e(
            "2025-01-10",
            "context_issue",
            "CI-001",
            "create",
            None,
            issue("NIS2"),
        ),
        e(
            "2025-01-10",
            "context_issue",
            "CI-002",
            "create",
            None,
            issue("Skills"),
        ),
        e(
            "2025-01-12",
            "party",
            "IP-001",
            "create",
            None,
            Some(r#"{"name":"Customers","requirements":"ISO"}"#),
        ),
        // After the review of 2025-11-20:
        e(
            "2025-12-01",
            "context_issue",
            "CI-001",
            "update",
            issue("NIS2"),
            issue("NIS2 in force"),
        ),
        e(
            "2026-01-05",
            "context_issue",
            "CI-003",
            "create",
            None,
            issue("Cloud move"),
        ),
        e(
            "2026-01-06",
            "context_issue",
            "CI-002",
            "delete",
            issue("Skills"),
            None,
        ),
        // Added and removed within the period: no change to report.
        e(
            "2026-02-01",
            "context_issue",
            "CI-004",
            "create",
            None,
            issue("Typo"),
        ),
        e(
            "2026-02-01",
            "context_issue",
            "CI-004",
            "delete",
            issue("Typo"),
            None,
        ),
        // Changed and changed back: no change either.
        e(
            "2026-02-02",
            "party",
            "IP-001",
            "update",
            Some(r#"{"name":"Customers","requirements":"ISO"}"#),
            Some(r#"{"name":"Customers","requirements":"TISAX"}"#),
        ),
        e(
            "2026-02-03",
            "party",
            "IP-001",
            "update",
            Some(r#"{"name":"Customers","requirements":"TISAX"}"#),
            Some(r#"{"name":"Customers","requirements":"ISO"}"#),
        ),
        e(
            "2026-02-04",
            "party",
            "IP-002",
            "create",
            None,
            Some(r#"{"name":"Insurer","requirements":"MFA"}"#),
        ),
        e("2026-02-05", "risk", "R-002", "create", None, Some("{}")),
    ]
}

fn methodology() -> Methodology {
    Methodology::default()
}

fn risk(id: i64, number: u32, l: u8, i: u8) -> Risk {
    Risk {
        id,
        number,
        inherent: Some(Rating {
            likelihood: l,
            impact: i,
        }),
        ..Risk::new(&format!("Risk {number}"))
    }
}

struct Fixture {
    log: Vec<Logged<'static>>,
    reviews: Vec<Review>,
    actions: Vec<ReviewAction>,
    ncs: Vec<Nonconformity>,
    audits: Vec<Audit>,
    findings: Vec<AuditFinding>,
    methodology: Methodology,
    risks: Vec<Risk>,
    plan: Vec<Action>,
    objectives: Vec<SecurityObjective>,
    measurements: Vec<Measurement>,
    issues: Vec<ContextIssue>,
    parties: Vec<InterestedParty>,
    baselines: Vec<Baseline>,
}

fn fixture() -> Fixture {
    let action = |id, review, number, status, due: &str| ReviewAction {
        id,
        number,
        status,
        due_on: Some(d(due)),
        owner: "Anna Weber".into(),
        ..ReviewAction::new(review, &format!("Action {id}"))
    };
    let mut nc_open = Nonconformity::new(
        NcSource::Incident,
        NcGrade::Minor,
        d("2026-01-15"),
        "Backup not tested",
    );
    nc_open.number = 2;
    nc_open.actions = vec![CorrectiveAction {
        due_on: Some(d("2026-02-28")),
        ..CorrectiveAction::new("Test restores")
    }];
    let mut nc_old = Nonconformity::new(NcSource::Incident, NcGrade::Major, d("2025-03-01"), "Old");
    nc_old.number = 1;
    nc_old.closed_on = Some(d("2025-06-01"));
    let mut nc_closed = Nonconformity::new(
        NcSource::Incident,
        NcGrade::Minor,
        d("2025-10-01"),
        "Closed since",
    );
    nc_closed.number = 3;
    nc_closed.closed_on = Some(d("2026-01-20"));
    let audit = Audit {
        id: 7,
        number: 2,
        status: AuditStatus::Reported,
        held_on: Some(d("2026-02-10")),
        reported_on: Some(d("2026-02-20")),
        ..Audit::new("Internal audit 2026", AuditKind::Internal)
    };
    let old_audit = Audit {
        id: 6,
        number: 1,
        status: AuditStatus::Closed,
        held_on: Some(d("2025-05-10")),
        reported_on: Some(d("2025-05-20")),
        ..Audit::new("Internal audit 2025", AuditKind::Internal)
    };
    let finding = |id, audit, number, grade, text: &str| AuditFinding {
        id,
        number,
        ..AuditFinding::new(audit, grade, text)
    };
    let mut treat = Action::new("Offsite backup");
    treat.number = 4;
    treat.due = Some(d("2026-03-01"));
    treat.risks = vec![1];
    let mut done = Action::new("MFA");
    done.number = 5;
    done.status = ActionStatus::Done;
    let objective = SecurityObjective {
        id: 1,
        number: 1,
        target: Some(90.0),
        unit: "%".into(),
        ..SecurityObjective::new("Everyone aware", d("2025-06-01"))
    };
    Fixture {
        log: log(),
        reviews: vec![
            held(1, 1, "2024-11-15"),
            held(2, 2, "2025-11-20"),
            planned(3, 3),
        ],
        actions: vec![
            action(1, 1, 1, ReviewActionStatus::Done, "2025-03-01"),
            action(2, 1, 2, ReviewActionStatus::Open, "2025-06-01"),
            action(3, 2, 1, ReviewActionStatus::Done, "2026-01-31"),
            action(4, 2, 2, ReviewActionStatus::InProgress, "2026-06-30"),
            action(5, 3, 1, ReviewActionStatus::Open, "2026-12-31"),
        ],
        ncs: vec![nc_open, nc_old, nc_closed],
        audits: vec![old_audit, audit],
        findings: vec![
            finding(1, 7, 1, FindingGrade::Minor, "No restore test"),
            finding(
                2,
                7,
                2,
                FindingGrade::Improvement,
                "Automate the access review",
            ),
            finding(3, 6, 1, FindingGrade::Improvement, "Older idea"),
        ],
        methodology: methodology(),
        risks: vec![
            risk(1, 1, 5, 5),
            risk(2, 2, 1, 1),
            Risk {
                id: 3,
                number: 3,
                ..Risk::new("Unrated")
            },
        ],
        plan: vec![treat, done],
        objectives: vec![objective],
        measurements: vec![
            Measurement::new(1, d("2025-12-31"), 80.0),
            Measurement::new(1, d("2026-03-15"), 85.0),
            Measurement::new(1, d("2026-04-15"), 95.0),
        ],
        issues: Vec::new(),
        parties: Vec::new(),
        baselines: Vec::new(),
    }
}

/// A baseline closed on `closed_on` that kept `items`.
fn baseline(id: i64, name: &str, closed_on: &str, items: Vec<baseline::Item>) -> Baseline {
    Baseline {
        id,
        name: name.into(),
        closed_on: d(closed_on),
        snapshot: Snapshot {
            taken_on: d(closed_on),
            parts: Part::ALL.to_vec(),
            items,
        },
        risks_marked: 0,
        needs_marked: 0,
    }
}

fn sources(f: &Fixture) -> Sources<'_> {
    Sources {
        log: &f.log,
        reviews: &f.reviews,
        review_actions: &f.actions,
        nonconformities: &f.ncs,
        audits: &f.audits,
        findings: &f.findings,
        methodology: &f.methodology,
        issues: &f.issues,
        parties: &f.parties,
        baselines: &f.baselines,
        risks: &f.risks,
        actions: &f.plan,
        acceptances: &[],
        objectives: &f.objectives,
        measurements: &f.measurements,
    }
}

fn assembled(f: &Fixture, review: &Review) -> Inputs {
    of(review, &sources(f), today())
}

#[test]
fn the_period_runs_from_the_previous_held_review_to_today_while_prepared() {
    let f = fixture();
    let inputs = assembled(&f, &f.reviews[2]);
    assert_eq!((inputs.from, inputs.to), (Some(d("2025-11-20")), today()));
    // The review of 2025-11-20 looks back to the one before it, up to its own day.
    let second = assembled(
        &f,
        &Review {
            inputs: None,
            ..f.reviews[1].clone()
        },
    );
    assert_eq!(
        (second.from, second.to),
        (Some(d("2024-11-15")), d("2025-11-20"))
    );
    let first = assembled(
        &f,
        &Review {
            inputs: None,
            ..f.reviews[0].clone()
        },
    );
    assert_eq!(first.from, None);
}

#[test]
fn a_is_the_previous_reviews_actions_and_older_ones_still_open() {
    let f = fixture();
    let inputs = assembled(&f, &f.reviews[2]);
    let refs: Vec<&str> = inputs
        .actions
        .iter()
        .map(|a| a.reference.as_str())
        .collect();
    assert_eq!(refs, ["MR-001/2", "MR-002/1", "MR-002/2"]);
    assert!(inputs.actions[0].overdue, "due 2025-06-01, still open");
    assert!(!inputs.actions[1].overdue, "done");
    assert!(!inputs.actions[2].overdue, "due in June");
    // The first review has no earlier actions; its own are for the next.
    assert!(
        assembled(
            &f,
            &Review {
                inputs: None,
                ..f.reviews[0].clone()
            }
        )
        .actions
        .is_empty()
    );
}

#[test]
fn b_and_c_are_the_changes_of_the_period_from_the_change_log() {
    let f = fixture();
    let inputs = assembled(&f, &f.reviews[2]);
    let issues: Vec<(&str, &str, ChangeKind)> = inputs
        .issues
        .iter()
        .map(|c| (c.reference.as_str(), c.title.as_str(), c.change))
        .collect();
    assert_eq!(
        issues,
        [
            ("CI-001", "NIS2 in force", ChangeKind::Changed),
            ("CI-002", "Skills", ChangeKind::Removed),
            ("CI-003", "Cloud move", ChangeKind::Added),
        ]
    );
    assert_eq!(inputs.issues[0].fields, ["title"]);
    assert_eq!(inputs.issues[0].on, d("2025-12-01"));
    let parties: Vec<&str> = inputs
        .parties
        .iter()
        .map(|c| c.reference.as_str())
        .collect();
    assert_eq!(parties, ["IP-002"], "IP-001 changed and changed back");
    // Before the previous review: the first entries, all added.
    let second = assembled(
        &f,
        &Review {
            inputs: None,
            ..f.reviews[1].clone()
        },
    );
    assert_eq!(second.issues.len(), 2);
    assert!(second.issues.iter().all(|c| c.change == ChangeKind::Added));
}

#[test]
fn d_counts_nonconformities_and_audit_results_of_the_period() {
    let f = fixture();
    let p = assembled(&f, &f.reviews[2]).performance;
    let refs: Vec<&str> = p
        .nonconformities
        .iter()
        .map(|n| n.reference.as_str())
        .collect();
    assert_eq!(
        refs,
        ["NC-002", "NC-003"],
        "NC-001 was closed before the period"
    );
    assert_eq!((p.raised, p.closed, p.open), (1, 1, 1));
    assert_eq!(p.nonconformities[0].state, NcState::ActionsOpen);
    assert_eq!(p.nonconformities[0].overdue_actions, 1);
    assert_eq!(p.audits.len(), 1);
    assert_eq!(p.audits[0].reference, "AU-002");
    let count = |g| {
        p.audits[0]
            .findings
            .iter()
            .find(|(x, _)| *x == g)
            .unwrap()
            .1
    };
    assert_eq!(
        (count(FindingGrade::Minor), count(FindingGrade::Improvement)),
        (1, 1)
    );
}

#[test]
fn d_shows_each_objective_s_latest_result_by_the_end_of_the_period() {
    let f = fixture();
    let o = &assembled(&f, &f.reviews[2]).performance.objectives;
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].reference, "O-001");
    assert_eq!(
        o[0].latest.as_deref(),
        Some("85 %"),
        "the April result is after today"
    );
    assert_eq!(o[0].measured_on, Some(d("2026-03-15")));
    assert_eq!(o[0].meets, Some(false));
    assert_eq!(o[0].trend, Some(Trend::Better));
    let second = assembled(
        &f,
        &Review {
            inputs: None,
            ..f.reviews[1].clone()
        },
    );
    assert_eq!(
        second.performance.objectives[0].latest, None,
        "no result by 2025-11-20"
    );
}

#[test]
fn f_asks_the_evaluation_and_the_treatment_plan() {
    let f = fixture();
    let r = assembled(&f, &f.reviews[2]).risks;
    assert_eq!((r.risks, r.not_assessed), (3, 1));
    assert_eq!(r.levels.iter().map(|l| l.count).sum::<usize>(), 2);
    let above: Vec<&str> = r
        .above_criteria
        .iter()
        .map(|l| l.reference.as_str())
        .collect();
    let expected: Vec<&str> = f
        .risks
        .iter()
        .filter(|x| crate::domain::evaluation::is_above_criteria(&f.methodology, x))
        .map(|_| "R-001")
        .collect();
    assert_eq!(above, expected);
    assert_eq!(above, ["R-001"]);
    assert_eq!(
        r.added
            .iter()
            .map(|l| l.reference.as_str())
            .collect::<Vec<_>>(),
        ["R-002"]
    );
    assert_eq!((r.actions_open, r.actions_done), (1, 1));
    assert_eq!(r.overdue.len(), 1);
    assert_eq!(r.overdue[0].reference, "T-004");
    assert_eq!(
        r.plan_unapproved, 1,
        "T-004 treats R-001, whose plan is not approved"
    );
}

#[test]
fn g_lists_the_opportunities_the_period_s_audits_recorded() {
    let f = fixture();
    let g = assembled(&f, &f.reviews[2]).improvements;
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].reference, "AU-002/2");
    assert_eq!(g[0].text, "Automate the access review");
}

#[test]
fn holding_freezes_the_inputs_and_a_later_edit_does_not_reach_them() {
    let mut f = fixture();
    let review = f.reviews[2].clone();
    let inputs = assembled(&f, &review);
    let held = review.hold(inputs.clone(), today()).unwrap();
    assert!(held.is_held());
    assert_eq!(held.held_on, Some(today()));
    // A risk rated down after the review: today's picture changes, the held review's not.
    f.risks[0].inherent = Some(Rating {
        likelihood: 1,
        impact: 1,
    });
    f.reviews[2] = held.clone();
    let now = assemble(
        &Review {
            inputs: None,
            status: ReviewStatus::Planned,
            ..held.clone()
        },
        &sources(&f),
        today(),
    );
    assert!(now.risks.above_criteria.is_empty());
    assert_eq!(assembled(&f, &held), inputs);
    assert_eq!(assembled(&f, &held).risks.above_criteria.len(), 1);
    // Frozen once: holding again is refused, naming the day.
    let err = held.hold(inputs, today()).unwrap_err();
    assert_eq!(err.field, field::HELD_ON);
    assert!(err.message.contains("2026-03-31"), "{err}");
}

#[test]
fn frozen_inputs_survive_json() {
    let f = fixture();
    let inputs = assembled(&f, &f.reviews[2]);
    let json = serde_json::to_string(&inputs).unwrap();
    assert_eq!(serde_json::from_str::<Inputs>(&json).unwrap(), inputs);
}

#[test]
fn a_held_review_misses_the_typed_inputs_without_notes() {
    let f = fixture();
    let review = f.reviews[2].clone();
    assert!(
        review.missing_inputs().is_empty(),
        "prepared: nothing missing yet"
    );
    let inputs = assembled(&f, &review);
    let held = review.hold(inputs.clone(), today()).unwrap();
    assert_eq!(
        held.missing_inputs(),
        [Input::Feedback],
        "g) has an audit's opportunity"
    );
    let noted = held
        .clone()
        .with_note(Input::Feedback, "Customer survey: no complaints");
    assert!(noted.missing_inputs().is_empty());
    let no_ofi = Inputs {
        improvements: Vec::new(),
        ..inputs
    };
    let bare = Review {
        inputs: Some(no_ofi),
        ..noted
    };
    assert_eq!(bare.missing_inputs(), [Input::Improvement]);
    let unrecorded = Review {
        inputs: None,
        ..held
    };
    assert_eq!(unrecorded.missing_inputs().len(), 7);
}

#[test]
fn a_review_is_validated_naming_its_fields() {
    assert_eq!(
        Review::new(" ").validated().unwrap_err().field,
        field::TITLE
    );
    let held = Review {
        status: ReviewStatus::Held,
        ..Review::new("MR")
    };
    assert_eq!(held.validated().unwrap_err().field, field::HELD_ON);
    let long = Review::new("MR").with_note(Input::Risks, &"x".repeat(30_000));
    assert_eq!(long.validated().unwrap_err().field, field::NOTES[5]);
    let ok = Review::new("MR").validated().unwrap();
    assert_eq!(ok.notes.len(), 7);
    let action = ReviewAction::new(1, "");
    assert_eq!(action.validated().unwrap_err().field, field::ACTION);
}

#[test]
fn reviews_held_within_twelve_months_and_overdue_actions() {
    let f = fixture();
    assert!(held_within_a_year(&f.reviews, today()));
    assert!(!held_within_a_year(&f.reviews, d("2026-11-21")));
    assert!(!held_within_a_year(&[planned(1, 1)], today()));
    assert_eq!(last_held(&f.reviews).unwrap().number, 2);
    assert_eq!(action_reference(1, 2), "MR-001/2");
    assert!(f.actions[1].is_overdue(today()));
    assert!(!f.actions[0].is_overdue(today()), "done");
}

#[test]
fn b_c_and_f_compare_with_the_baseline_in_force_at_the_previous_review() {
    let mut f = fixture();
    let issue = |number, title: &str| ContextIssue {
        id: i64::from(number),
        number,
        ..ContextIssue::new(IssueKind::External, title)
    };
    let party = |number, name: &str| InterestedParty {
        id: i64::from(number),
        number,
        ..InterestedParty::new(PartyKind::Customer, name)
    };
    // The baseline closed before the previous review (2025-11-20): CI-001 as it read then,
    // IP-001, R-001 rated 5 x 5 and R-009 since removed.
    let mut then = baseline::context(&[issue(1, "NIS2 draft")], &[party(1, "Customers")]);
    let mut r9 = risk(9, 9, 2, 2);
    r9.title = "Old supplier".into();
    then.extend(baseline::risks(&f.methodology, &[risk(1, 1, 5, 5), r9]));
    // A later baseline, closed after the previous review, is not the one in force then.
    f.baselines = vec![
        baseline(1, "2025", "2025-03-10", then),
        baseline(2, "later", "2026-01-05", Vec::new()),
    ];
    f.issues = vec![issue(1, "NIS2 in force"), issue(2, "Remote work")];
    f.parties = vec![party(1, "Customers")];
    f.risks[0].residual = Some(Rating {
        likelihood: 1,
        impact: 1,
    });
    let inputs = assembled(&f, &f.reviews[2]);
    assert_eq!(
        inputs.baseline,
        Some(Since {
            name: "2025".into(),
            closed_on: d("2025-03-10"),
        })
    );
    assert!(
        inputs
            .period()
            .contains("compared with baseline 2025 (closed 2025-03-10)")
    );
    let issues: Vec<(&str, ChangeKind, Vec<String>)> = inputs
        .issues
        .iter()
        .map(|c| (c.reference.as_str(), c.change, c.fields.clone()))
        .collect();
    assert_eq!(
        issues,
        vec![
            ("CI-001", ChangeKind::Changed, vec!["title".to_string()]),
            ("CI-002", ChangeKind::Added, Vec::new()),
        ]
    );
    // An unchanged party is no change, though the log holds none before the period.
    assert!(inputs.parties.is_empty(), "{:?}", inputs.parties);
    let r = &inputs.risks;
    let refs =
        |lines: &[Line]| -> Vec<String> { lines.iter().map(|l| l.reference.clone()).collect() };
    assert_eq!(refs(&r.added), ["R-002", "R-003"]);
    assert_eq!(refs(&r.removed), ["R-009"]);
    assert_eq!(refs(&r.changed), ["R-001"]);
    let level = |rating| f.methodology.level(rating).map(|l| l.name.clone()).unwrap();
    let (high, low) = (
        level(Rating {
            likelihood: 5,
            impact: 5,
        }),
        level(Rating {
            likelihood: 1,
            impact: 1,
        }),
    );
    assert!(
        r.changed[0].text.contains(&format!("level {high} → {low}")),
        "{}",
        r.changed[0].text
    );
    assert!(
        r.changed[0].text.contains("residual changed"),
        "{}",
        r.changed[0].text
    );
}

#[test]
fn without_a_baseline_in_force_b_c_and_f_follow_the_log() {
    let mut f = fixture();
    f.baselines = vec![baseline(1, "later", "2026-01-05", Vec::new())];
    let with_later = assembled(&f, &f.reviews[2]);
    f.baselines.clear();
    assert_eq!(with_later, assembled(&f, &f.reviews[2]));
    assert_eq!(with_later.baseline, None);
}
