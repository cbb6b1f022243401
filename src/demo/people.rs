//! The people of Nordwind Logistik GmbH, the roles they hold, and the records of their
//! competence and awareness.

use super::data::{
    AWARENESS, MISSED_AWARENESS, OWNER_BRIEFING, PEOPLE, QUALIFICATIONS, ROLES_HELD,
};
use super::{date, maybe_date};
use crate::domain::person::{
    BuiltinRole, CompetenceKind, CompetenceRecord, People, Person, RoleHeld,
};
use crate::store::{StoreError, Writer};

/// The roles whose holders the owners' briefing counts for.
const OWNER_ROLES: [BuiltinRole; 3] = [
    BuiltinRole::RiskOwner,
    BuiltinRole::AssetOwner,
    BuiltinRole::ControlOwner,
];

fn person<'a>(people: &'a People, name: &str) -> Result<&'a Person, StoreError> {
    people
        .named(name)
        .ok_or_else(|| StoreError::Missing(format!("{name} in the demo's people")))
}

fn role_id(people: &People, role: BuiltinRole) -> Result<i64, StoreError> {
    people
        .builtin(role)
        .map(|r| r.id)
        .ok_or_else(|| StoreError::Missing(format!("the role {}", role.label())))
}

/// The people first, so that every owner the registers name is one of them; then the roles
/// they hold and the records of their competence and awareness.
pub(super) fn fill_people(w: &mut Writer<'_>) -> Result<(), StoreError> {
    for &(name, function, unit, email, left_on) in PEOPLE {
        w.save_person(Person {
            function: function.into(),
            unit: unit.into(),
            email: email.into(),
            left_on: maybe_date(left_on)?,
            ..Person::new(name)
        })?;
    }
    let people = w.people()?;
    for &(name, role, from, until) in ROLES_HELD {
        w.hold_role(RoleHeld {
            person: person(&people, name)?.id,
            role: role_id(&people, role)?,
            from: date(from)?,
            until: maybe_date(until)?,
        })?;
    }
    let people = w.people()?;
    let record = |person: i64, role, kind, (topic, on, evidence): (&str, &str, &str)| {
        Ok::<_, StoreError>(CompetenceRecord {
            id: 0,
            person,
            role,
            kind,
            topic: topic.into(),
            on: date(on)?,
            evidence: evidence.into(),
            valid_until: None,
        })
    };
    for &(name, role, kind, topic, on, evidence, until) in QUALIFICATIONS {
        let r = record(
            person(&people, name)?.id,
            Some(role_id(&people, role)?),
            kind,
            (topic, on, evidence),
        )?;
        w.save_competence_record(CompetenceRecord {
            valid_until: maybe_date(until)?,
            ..r
        })?;
    }
    let briefed_on = date(OWNER_BRIEFING.1)?;
    for p in &people.people {
        for role in people.roles_on(p, briefed_on) {
            if role.builtin.is_some_and(|b| OWNER_ROLES.contains(&b)) {
                let r = record(
                    p.id,
                    Some(role.id),
                    CompetenceKind::Training,
                    OWNER_BRIEFING,
                )?;
                w.save_competence_record(r)?;
            }
        }
    }
    for &session in AWARENESS {
        let (_, on, _) = session;
        let day = date(on)?;
        for p in people.people.iter().filter(|p| p.is_active_on(day)) {
            let missed = MISSED_AWARENESS
                .iter()
                .any(|&(name, missed_on)| missed_on == on && p.name == name);
            if !missed {
                w.save_competence_record(record(p.id, None, CompetenceKind::Awareness, session)?)?;
            }
        }
    }
    Ok(())
}
