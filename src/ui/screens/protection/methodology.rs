//! The protection-need methodology form: the scale (3 or 4 levels, each with a name and a
//! definition) and which protection objectives the workspace uses.

use crate::domain::protection::{Objective, ProtectionScale, ScaleLevel};
use crate::domain::{Field, ValidationError};
use crate::ui::widgets::form::Form;

/// The number of levels the scale has.
const LEVELS: Field = Field::new("levels");
const NAMES: [Field; 4] = [
    Field::new("level 1"),
    Field::new("level 2"),
    Field::new("level 3"),
    Field::new("level 4"),
];
const DEFINITIONS: [Field; 4] = [
    Field::new("definition 1"),
    Field::new("definition 2"),
    Field::new("definition 3"),
    Field::new("definition 4"),
];
const NAME_LABELS: [&str; 4] = [
    "Level 1 name",
    "Level 2 name",
    "Level 3 name",
    "Level 4 name",
];
const DEFINITION_LABELS: [&str; 4] = [
    "  definition",
    "  definition",
    "  definition",
    "  definition",
];
/// The objectives beyond the triad that a workspace may switch on, each with the key of its
/// toggle (the objective's stored name).
const OPTIONAL: [(Objective, Field); 4] = [
    (Objective::Authenticity, Field::new("authenticity")),
    (Objective::NonRepudiation, Field::new("non_repudiation")),
    (Objective::Accountability, Field::new("accountability")),
    (Objective::Privacy, Field::new("privacy")),
];

pub fn form(scale: &ProtectionScale, objectives: &[Objective]) -> Form {
    let mut form = Form::new("Edit the protection-need methodology").choice(
        LEVELS,
        "Number of levels",
        vec!["3 levels", "4 levels"],
        usize::from(scale.levels.len() == 4),
    );
    for i in 0..4 {
        let level = scale.levels.get(i);
        form = form
            .line(
                NAMES[i],
                NAME_LABELS[i],
                level.map_or("", |l| l.name.as_str()),
            )
            .line(
                DEFINITIONS[i],
                DEFINITION_LABELS[i],
                level.map_or("", |l| l.definition.as_str()),
            );
    }
    for (o, key) in OPTIONAL {
        form = form.toggle(key, o.label(), objectives.contains(&o));
    }
    form
}

/// The scale and objectives the form describes; the fourth level counts only when chosen.
pub fn read(form: &Form) -> Result<(ProtectionScale, Vec<Objective>), ValidationError> {
    let count = if form.choice_index(LEVELS) == 1 { 4 } else { 3 };
    let mut levels = Vec::new();
    for i in 0..count {
        let name = form.value(NAMES[i]);
        if name.trim().is_empty() {
            return Err(ValidationError::new(NAMES[i], "every level needs a name"));
        }
        levels.push(ScaleLevel {
            name,
            definition: form.value(DEFINITIONS[i]),
        });
    }
    let mut objectives = Objective::TRIAD.to_vec();
    objectives.extend(
        OPTIONAL
            .iter()
            .filter(|(_, key)| form.toggled(*key))
            .map(|(o, _)| *o),
    );
    Ok((ProtectionScale { levels }, objectives))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_optional_toggle_is_keyed_by_its_objective() {
        for (o, key) in OPTIONAL {
            assert_eq!(key, o.as_str());
        }
    }

    #[test]
    fn the_form_round_trips_the_scale_and_objectives() {
        let scale = ProtectionScale::default();
        let objectives = vec![
            Objective::Confidentiality,
            Objective::Integrity,
            Objective::Availability,
            Objective::Privacy,
        ];
        let (back, objs) = read(&form(&scale, &objectives)).unwrap();
        assert_eq!(back, scale);
        assert_eq!(objs, objectives);
    }

    #[test]
    fn a_fourth_level_needs_a_name() {
        let mut f = form(&ProtectionScale::default(), &Objective::TRIAD);
        f.handle_key(ratatui::crossterm::event::KeyEvent::from(
            ratatui::crossterm::event::KeyCode::Right,
        ));
        assert_eq!(read(&f).unwrap_err().field, "level 4");
    }
}
