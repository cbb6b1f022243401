use super::measures::{BuiltinMeasure, Inputs, compute, value_of};
use super::*;
use crate::domain::document::{DocKind, DocStatus, Document};
use crate::domain::methodology::{Methodology, Rating};
use crate::domain::nonconformity::{NcGrade, NcSource, Nonconformity};
use crate::domain::person::{CompetenceKind, CompetenceRecord, People, Person};
use crate::domain::risk::Risk;
use crate::domain::soa::{Applicability, ImplementationStatus, SoaEntry};
use crate::domain::treatment::{Action, ActionStatus};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn objective() -> SecurityObjective {
    SecurityObjective {
        id: 1,
        number: 1,
        measure: "Share of staff with a session in the last twelve months".into(),
        target: Some(90.0),
        unit: "%".into(),
        status: ObjectiveStatus::InProgress,
        ..SecurityObjective::new("Everyone aware within the year", d("2025-06-01"))
    }
}

fn m(on: &str, value: f64) -> Measurement {
    Measurement::new(1, d(on), value)
}

#[test]
fn the_reference_is_o_and_the_statement_is_required() {
    assert_eq!(objective().reference(), "O-001");
    let err = SecurityObjective {
        statement: "  ".into(),
        ..objective()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::STATEMENT);
}

#[test]
fn the_due_day_is_not_before_it_was_set_and_the_period_is_one_to_twelve_months() {
    let err = SecurityObjective {
        due_on: Some(d("2025-05-31")),
        ..objective()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::DUE_ON);
    for months in [0, 13] {
        let err = SecurityObjective {
            every_months: months,
            ..objective()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field, field::EVERY_MONTHS, "{months}");
    }
    assert!(
        SecurityObjective {
            every_months: 12,
            ..objective()
        }
        .validated()
        .is_ok()
    );
}

#[test]
fn a_target_and_a_value_are_finite_numbers() {
    let err = SecurityObjective {
        target: Some(f64::NAN),
        ..objective()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::TARGET);
    let err = Measurement::new(1, d("2026-01-01"), f64::INFINITY)
        .validated()
        .unwrap_err();
    assert_eq!(err.field, field::VALUE);
}

#[test]
fn values_are_typed_with_a_point_or_a_comma_and_shown_without_trailing_zeros() {
    assert_eq!(parse_value(field::VALUE, "87,5").unwrap(), Some(87.5));
    assert_eq!(parse_value(field::VALUE, " 90 % ").unwrap(), Some(90.0));
    assert_eq!(parse_value(field::VALUE, "").unwrap(), None);
    let err = parse_value(field::VALUE, "ninety").unwrap_err();
    assert_eq!(err.field, field::VALUE);
    assert!(err.message.contains("ninety is not a number"), "{err}");
    assert_eq!(format_value(90.0), "90");
    assert_eq!(format_value(87.5), "87.5");
    assert_eq!(format_value(0.0), "0");
    assert_eq!(objective().target_text(), "at least 90 %");
    assert_eq!(objective().period_text(), "every 3 months");
    let monthly = SecurityObjective {
        every_months: 1,
        ..objective()
    };
    assert_eq!(monthly.period_text(), "every month");
    assert_eq!(with_unit("1", "actions"), "1 action");
    assert_eq!(with_unit("1", "nonconformities"), "1 nonconformity");
    assert_eq!(with_unit("2", "nonconformities"), "2 nonconformities");
    assert_eq!(with_unit("1", "%"), "1 %");
    assert_eq!(with_unit("1", "ms"), "1 ms");
}

#[test]
fn a_built_in_measure_gives_its_unit_when_none_is_typed() {
    let o = SecurityObjective {
        unit: String::new(),
        builtin: Some(BuiltinMeasure::ActionsOverdue),
        ..objective()
    }
    .validated()
    .unwrap();
    assert_eq!(o.unit, "actions");
    assert_eq!(o.measure_text(), "Treatment actions overdue");
}

#[test]
fn measurable_needs_a_measure_and_a_target() {
    assert!(objective().is_measurable());
    let no_measure = SecurityObjective {
        measure: String::new(),
        ..objective()
    };
    assert!(!no_measure.is_measurable());
    assert!(
        SecurityObjective {
            builtin: Some(BuiltinMeasure::AwarenessCoverage),
            ..no_measure
        }
        .is_measurable()
    );
    assert!(
        !SecurityObjective {
            target: None,
            ..objective()
        }
        .is_measurable()
    );
}

#[test]
fn the_latest_result_meets_the_target_in_its_direction_and_the_trend_reads_the_same_way() {
    let o = objective();
    let ms = [m("2026-01-10", 93.0), m("2025-10-10", 80.0)];
    assert_eq!(o.latest(&ms).unwrap().value, 93.0);
    assert!(!o.is_off_target(&ms));
    assert_eq!(o.trend(&ms), Some(Trend::Better));
    let falling = [m("2026-01-10", 85.0), m("2025-10-10", 93.0)];
    assert!(o.is_off_target(&falling));
    assert_eq!(o.trend(&falling), Some(Trend::Worse));
    // At most: falling counts is better.
    let at_most = SecurityObjective {
        direction: Direction::AtMost,
        target: Some(0.0),
        ..o.clone()
    };
    assert_eq!(at_most.trend(&falling), Some(Trend::Better));
    assert!(at_most.is_off_target(&falling));
    assert_eq!(o.trend(&[m("2026-01-10", 85.0)]), None);
    // A withdrawn objective is no longer judged.
    let withdrawn = SecurityObjective {
        status: ObjectiveStatus::Withdrawn,
        ..o
    };
    assert!(!withdrawn.is_off_target(&falling));
}

#[test]
fn a_result_is_due_once_per_period_after_the_first_one() {
    let o = objective(); // set 2025-06-01, every 3 months
    // The first period is still running: nothing due.
    assert!(!o.lacks_result(&[], d("2025-08-31")));
    assert!(o.lacks_result(&[], d("2025-09-01")));
    let ms = [m("2026-01-10", 93.0)];
    assert!(!o.lacks_result(&ms, d("2026-04-09")));
    assert!(o.lacks_result(&ms, d("2026-04-10")));
    // Another objective's result does not count, nor does a finished objective need one.
    let other = [Measurement::new(2, d("2026-04-01"), 1.0)];
    assert!(o.lacks_result(&other, d("2026-04-10")));
    let achieved = SecurityObjective {
        status: ObjectiveStatus::Achieved,
        ..o
    };
    assert!(!achieved.lacks_result(&[], d("2026-04-10")));
}

fn entry(control: &str, status: ImplementationStatus) -> SoaEntry {
    SoaEntry {
        applicability: Applicability::Applicable,
        status,
        ..SoaEntry::undecided(control)
    }
}

#[test]
fn the_built_in_measures_ask_the_registers_rules() {
    let today = d("2026-03-31");
    let soa = vec![
        entry("5.1", ImplementationStatus::Implemented),
        entry("5.2", ImplementationStatus::Planned),
        entry("5.3", ImplementationStatus::Implemented),
        SoaEntry::undecided("5.4"),
    ];
    let actions = vec![
        Action {
            due: Some(d("2026-03-15")),
            status: ActionStatus::InProgress,
            ..Action::new("Overdue")
        },
        Action {
            due: Some(d("2026-03-15")),
            status: ActionStatus::Done,
            ..Action::new("Done late")
        },
    ];
    let methodology = Methodology::default();
    let high = Rating {
        likelihood: 4,
        impact: 4,
    };
    let risks = vec![
        Risk {
            inherent: Some(high),
            ..Risk::new("High")
        },
        Risk::new("Not assessed"),
    ];
    let mut closed = Nonconformity::new(NcSource::Incident, NcGrade::Minor, today, "Closed");
    closed.closed_on = Some(today);
    let nonconformities = vec![
        Nonconformity::new(NcSource::Incident, NcGrade::Minor, today, "Open"),
        closed,
    ];
    let documents = vec![Document {
        status: DocStatus::Approved,
        approved_by: "Anna Weber".into(),
        approved_on: Some(d("2025-01-10")),
        issued_on: Some(d("2025-01-10")),
        review_months: Some(12),
        ..Document::new("Policy", DocKind::Policy)
    }];
    let people = People {
        people: vec![
            Person {
                id: 1,
                ..Person::new("Anna Weber")
            },
            Person {
                id: 2,
                ..Person::new("Lars Vogel")
            },
        ],
        roles: Vec::new(),
        held: Vec::new(),
    };
    let competence = vec![CompetenceRecord {
        id: 1,
        person: 1,
        role: None,
        kind: CompetenceKind::Awareness,
        topic: "Awareness".into(),
        on: d("2026-01-20"),
        evidence: String::new(),
        valid_until: None,
    }];
    let inputs = Inputs {
        soa: &soa,
        actions: &actions,
        methodology: &methodology,
        risks: &risks,
        nonconformities: &nonconformities,
        documents: &documents,
        people: &people,
        competence: &competence,
    };
    let all = compute(&inputs, today);
    let values: Vec<Option<f64>> = all.iter().map(|c| c.value).collect();
    assert_eq!(
        values,
        [
            Some(66.7),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(1.0),
            Some(50.0)
        ]
    );
    assert_eq!(
        all[0].detail,
        "2 of 3 applicable controls implemented (66.7 %)"
    );
    assert_eq!(all[1].detail, "1 treatment action overdue");
    // Nothing to share: no value, and says why.
    let nobody = People {
        people: Vec::new(),
        roles: Vec::new(),
        held: Vec::new(),
    };
    let empty = Inputs {
        people: &nobody,
        soa: &[],
        ..inputs
    };
    let aware = value_of(BuiltinMeasure::AwarenessCoverage, &empty, today);
    assert_eq!(aware.value, None);
    assert_eq!(aware.detail, "nobody in the people register yet");
    assert_eq!(
        value_of(BuiltinMeasure::ControlsImplemented, &empty, today).value,
        None
    );
}
