use chrono::Datelike;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn policy() -> Document {
    Document {
        number: 1,
        ..Document::new("Information security policy", DocKind::Policy)
    }
}

#[test]
fn the_title_is_required_and_lines_are_trimmed() {
    let doc = Document {
        title: "  Access control policy ".into(),
        owner: " Anna Weber ".into(),
        version: " 1.2 ".into(),
        ..policy()
    }
    .validated()
    .unwrap();
    assert_eq!(
        (doc.title.as_str(), doc.owner.as_str(), doc.version.as_str()),
        ("Access control policy", "Anna Weber", "1.2")
    );
    let err = Document {
        title: " ".into(),
        ..policy()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.to_string(), "title: is required");
    let err = Document {
        location: "a\nb".into(),
        ..policy()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::LOCATION);
}

#[test]
fn an_approved_document_names_who_approved_it_and_when() {
    let approved = Document {
        status: DocStatus::Approved,
        ..policy()
    };
    let err = approved.clone().validated().unwrap_err();
    assert_eq!(err.field, field::APPROVED_BY);
    assert!(err.message.contains("approved document"), "{err}");
    let err = Document {
        approved_by: "Dr. Katrin Vogel".into(),
        ..approved.clone()
    }
    .validated()
    .unwrap_err();
    assert_eq!(err.field, field::APPROVED_ON);
    assert!(err.message.contains("when was it approved"), "{err}");
    let ok = Document {
        approved_by: "Dr. Katrin Vogel".into(),
        approved_on: Some(d("2026-01-15")),
        ..approved
    }
    .validated();
    assert!(ok.is_ok());
    // A draft needs neither.
    assert!(policy().validated().is_ok());
}

#[test]
fn the_review_period_is_one_month_to_ten_years() {
    for (months, ok) in [
        (Some(0), false),
        (Some(1), true),
        (Some(120), true),
        (Some(121), false),
        (None, true),
    ] {
        let doc = Document {
            review_months: months,
            ..policy()
        };
        let result = doc.validated();
        assert_eq!(result.is_ok(), ok, "{months:?}");
        if let Err(e) = result {
            assert_eq!(e.field, field::REVIEW_MONTHS);
            assert!(e.message.contains("expected 1 to 120 months"), "{e}");
        }
    }
}

#[test]
fn the_next_review_counts_from_the_last_look_at_it() {
    let mut doc = Document {
        review_months: Some(12),
        issued_on: Some(d("2025-01-10")),
        ..policy()
    };
    assert_eq!(doc.next_review(), Some(d("2026-01-10")));
    doc.approved_on = Some(d("2025-02-01"));
    assert_eq!(doc.next_review(), Some(d("2026-02-01")));
    doc.reviewed_on = Some(d("2025-06-30"));
    assert_eq!(doc.next_review(), Some(d("2026-06-30")));
    assert!(!doc.is_overdue(d("2026-06-30")));
    assert!(doc.is_overdue(d("2026-07-01")));
    assert!(doc.is_review_due_within(d("2026-05-31"), 30));
    assert!(!doc.is_review_due_within(d("2026-05-30"), 30));
    assert!(
        !doc.is_review_due_within(d("2026-07-01"), 30),
        "overdue is not due within"
    );
    doc.status = DocStatus::Withdrawn;
    assert!(!doc.is_overdue(d("2030-01-01")), "withdrawn is never due");
    doc.review_months = None;
    assert_eq!(doc.next_review(), None);
    let undated = Document {
        review_months: Some(12),
        ..policy()
    };
    assert_eq!(undated.next_review(), None);
    // Month ends stay month ends rather than spilling over.
    let leap = Document {
        review_months: Some(12),
        issued_on: Some(d("2024-02-29")),
        ..policy()
    };
    assert_eq!(leap.next_review(), Some(d("2025-02-28")));
}

#[test]
fn clauses_and_controls_are_kept_once_each() {
    let doc = Document {
        clauses: vec!["5.2".into(), " 5.2 ".into(), "7.5.1".into()],
        controls: vec!["5.1".into(), "5.1".into()],
        actions: vec![3, 1, 3],
        ..policy()
    }
    .validated()
    .unwrap();
    assert_eq!(doc.clauses, ["5.2", "7.5.1"]);
    assert_eq!(doc.controls, ["5.1"]);
    assert_eq!(doc.actions, [1, 3]);
    assert!(doc.is_used());
    assert!(!policy().is_used());
}

#[test]
fn a_new_version_becomes_current_and_an_approver_approves_it() {
    let doc = Document {
        version: "1.0".into(),
        issued_on: Some(d("2025-01-10")),
        reviewed_on: Some(d("2025-12-01")),
        ..policy()
    };
    let mut v = DocumentVersion::new(1, " 1.1 ", d("2026-03-01"));
    let draft = doc.clone().with_version(&v).unwrap();
    assert_eq!(
        (draft.version.as_str(), draft.issued_on, draft.status),
        ("1.1", Some(d("2026-03-01")), DocStatus::Draft)
    );
    assert_eq!(draft.reviewed_on, None, "a new version is the review");
    v.approver = "Dr. Katrin Vogel".into();
    let approved = doc.clone().with_version(&v).unwrap();
    assert_eq!(approved.status, DocStatus::Approved);
    assert_eq!(
        (approved.approved_by.as_str(), approved.approved_on),
        ("Dr. Katrin Vogel", Some(d("2026-03-01")))
    );
    let err = doc
        .clone()
        .with_version(&DocumentVersion::new(1, "1.1", d("2024-12-31")))
        .unwrap_err();
    assert_eq!(err.field, field::DATE);
    assert!(err.message.contains("before the current version"), "{err}");
    let err = doc
        .clone()
        .with_version(&DocumentVersion::new(1, "1.0", d("2026-03-01")))
        .unwrap_err();
    assert_eq!(err.field, field::VERSION);
    let err = doc
        .with_version(&DocumentVersion::new(1, "  ", d("2026-03-01")))
        .unwrap_err();
    assert_eq!(err.to_string(), "version: is required");
}

#[test]
fn only_documents_in_force_serve_a_clause() {
    let mut a = Document {
        clauses: vec!["5.2".into()],
        ..policy()
    };
    let b = Document {
        number: 2,
        clauses: vec!["5.2".into()],
        status: DocStatus::Withdrawn,
        ..policy()
    };
    assert_eq!(for_clause(&[a.clone(), b.clone()], "5.2").len(), 1);
    a.clauses.clear();
    assert!(for_clause(&[a, b], "5.2").is_empty());
}

#[test]
fn kinds_and_statuses_read_their_codes_and_labels() {
    assert_eq!(
        "external document".parse::<DocKind>(),
        Ok(DocKind::External)
    );
    assert_eq!("procedure".parse::<DocKind>(), Ok(DocKind::Procedure));
    assert_eq!("Approved".parse::<DocStatus>(), Ok(DocStatus::Approved));
    assert_eq!(DocStatus::Unknown.as_str(), "unknown");
    assert_eq!(policy().reference(), "D-001");
    assert_eq!(policy().label(), "D-001 Information security policy");
}

#[test]
fn years_outside_four_digits_are_refused() {
    let doc = Document {
        issued_on: Some(d("2026-01-01").with_year(12_345).unwrap()),
        ..policy()
    };
    assert_eq!(doc.validated().unwrap_err().field, field::ISSUED_ON);
}

#[test]
fn a_document_in_force_evidences_the_controls_it_names() {
    let mut doc = Document {
        controls: vec!["5.15".into()],
        ..policy()
    };
    assert!(evidences_control(std::slice::from_ref(&doc), "5.15"));
    assert!(!evidences_control(std::slice::from_ref(&doc), "5.1"));
    doc.status = DocStatus::Withdrawn;
    assert!(!evidences_control(&[doc], "5.15"));
}
