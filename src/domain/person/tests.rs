use chrono::NaiveDate;

use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn role(id: i64, builtin: BuiltinRole, authority: Option<Authority>) -> Role {
    Role {
        id,
        builtin: Some(builtin),
        name: builtin.label().to_string(),
        authority,
        competence: String::new(),
    }
}

/// Anna Berger, Head of Sales, who holds no role with authority; Jonas Klein, ISB since
/// 2026-01-01; Eva Roth, top management until she left on 2026-06-30.
fn company() -> People {
    let person = |id, name: &str| Person {
        id,
        number: id as u32,
        ..Person::new(name)
    };
    People {
        people: vec![
            Person {
                function: "Head of Sales".into(),
                ..person(1, "Anna Berger")
            },
            person(2, "Jonas Klein"),
            Person {
                left_on: Some(day("2026-06-30")),
                ..person(3, "Eva Roth")
            },
        ],
        roles: vec![
            role(
                1,
                BuiltinRole::TopManagement,
                Some(Authority::TopManagement),
            ),
            role(2, BuiltinRole::Isb, Some(Authority::Isb)),
            role(4, BuiltinRole::RiskOwner, None),
        ],
        held: vec![
            RoleHeld {
                person: 1,
                role: 4,
                from: day("2025-01-01"),
                until: None,
            },
            RoleHeld {
                person: 2,
                role: 2,
                from: day("2026-01-01"),
                until: None,
            },
            RoleHeld {
                person: 3,
                role: 1,
                from: day("2020-01-01"),
                until: None,
            },
        ],
    }
}

#[test]
fn the_authority_comes_from_the_roles_held_on_the_day_not_from_a_form() {
    let people = company();
    // The trial of the issue: Anna Berger holds no role with authority, whatever is typed.
    let refused = people
        .acceptance_authority("Anna Berger", "Jonas Klein", day("2026-03-01"))
        .unwrap_err();
    assert_eq!(refused.field, risk::acceptance_field::ACCEPTED_BY);
    assert!(
        refused.message.contains("no role with authority"),
        "{refused}"
    );
    assert_eq!(
        people.acceptance_authority("jonas klein ", "", day("2026-03-01")),
        Ok(Authority::Isb)
    );
    // Not yet ISB the day before the role was taken on.
    assert!(
        people
            .acceptance_authority("Jonas Klein", "", day("2025-12-31"))
            .is_err()
    );
}

use super::super::risk;

#[test]
fn the_risk_owner_has_the_lowest_authority_for_their_own_risk_only() {
    let people = company();
    assert_eq!(
        people.acceptance_authority("Anna Berger", "anna berger", day("2026-03-01")),
        Ok(Authority::RiskOwner)
    );
    // Owning a risk does not lower a higher authority.
    assert_eq!(
        people.acceptance_authority("Jonas Klein", "Jonas Klein", day("2026-03-01")),
        Ok(Authority::Isb)
    );
}

#[test]
fn someone_who_left_or_is_not_a_person_cannot_accept() {
    let people = company();
    assert_eq!(
        people.acceptance_authority("Eva Roth", "", day("2026-06-29")),
        Ok(Authority::TopManagement)
    );
    let left = people
        .acceptance_authority("Eva Roth", "", day("2026-06-30"))
        .unwrap_err();
    assert!(left.message.contains("had left by 2026-06-30"), "{left}");
    let stranger = people
        .acceptance_authority("Max Muster", "", day("2026-03-01"))
        .unwrap_err();
    assert!(
        stranger.message.contains("not in the people register"),
        "{stranger}"
    );
}

#[test]
fn a_role_is_held_from_its_first_to_its_last_day() {
    let held = RoleHeld {
        person: 1,
        role: 1,
        from: day("2026-01-01"),
        until: Some(day("2026-03-31")),
    };
    assert!(!held.is_held_on(day("2025-12-31")));
    assert!(held.is_held_on(day("2026-01-01")));
    assert!(held.is_held_on(day("2026-03-31")));
    assert!(!held.is_held_on(day("2026-04-01")));
    let backwards = RoleHeld {
        until: Some(day("2025-12-01")),
        ..held
    };
    assert_eq!(backwards.validated().unwrap_err().field, field::UNTIL);
}

#[test]
fn a_person_needs_a_name_and_a_plausible_email() {
    assert_eq!(
        Person::new("  ").validated().unwrap_err().field,
        field::NAME
    );
    let trimmed = Person::new(" Anna Berger ").validated().unwrap();
    assert_eq!(trimmed.name, "Anna Berger");
    for bad in ["anna", "anna@", "@x.de", "anna@host", "an na@x.de"] {
        let p = Person {
            email: bad.into(),
            ..Person::new("Anna")
        };
        assert_eq!(p.validated().unwrap_err().field, field::EMAIL, "{bad}");
    }
    let ok = Person {
        email: "anna.berger@nordwind.example".into(),
        ..Person::new("Anna")
    };
    assert!(ok.validated().is_ok());
}

#[test]
fn a_competence_record_is_valid_between_its_date_and_its_end() {
    let record = CompetenceRecord {
        id: 0,
        person: 1,
        role: None,
        kind: CompetenceKind::Awareness,
        topic: "Phishing".into(),
        on: day("2026-02-01"),
        evidence: String::new(),
        valid_until: Some(day("2027-01-31")),
    };
    assert!(!record.is_valid_on(day("2026-01-31")));
    assert!(record.is_valid_on(day("2027-01-31")));
    assert!(!record.is_valid_on(day("2027-02-01")));
    let untitled = CompetenceRecord {
        topic: " ".into(),
        ..record.clone()
    };
    assert_eq!(untitled.validated().unwrap_err().field, record_field::TOPIC);
    let backwards = CompetenceRecord {
        valid_until: Some(day("2026-01-01")),
        ..record
    };
    assert_eq!(
        backwards.validated().unwrap_err().field,
        record_field::VALID_UNTIL
    );
}
