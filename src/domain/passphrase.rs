//! What a workspace passphrase must be. The passphrase is the only key to an encrypted file:
//! there is no recovery, so a new one is asked twice and must not be trivially short.

use super::ValidationError;

/// The field a passphrase is typed in, as validation errors and forms name it.
pub mod field {
    use crate::domain::text::Field;

    pub const PASSPHRASE: Field = Field::new("passphrase");
}

/// Fewest characters a new passphrase may have. A passphrase of several words is easier to type
/// in a workshop than a short complex password, and as hard to guess.
pub const MIN_CHARS: usize = 10;

/// Longest passphrase accepted, in characters: beyond this it is a pasted mistake.
pub const MAX_CHARS: usize = 1024;

/// A passphrase typed to open a workspace: anything but nothing.
pub fn check_given(passphrase: &str) -> Result<(), ValidationError> {
    if passphrase.is_empty() {
        return Err(ValidationError::new(
            field::PASSPHRASE,
            "expected the workspace's passphrase, got nothing",
        ));
    }
    Ok(())
}

/// A new passphrase and its repetition: equal, at least [`MIN_CHARS`] characters and not only
/// spaces, at most [`MAX_CHARS`], no line breaks or other control characters (they cannot be
/// typed again at a prompt).
pub fn check_new(passphrase: &str, repeated: &str) -> Result<(), ValidationError> {
    let chars = passphrase.chars().count();
    let fail = |message: String| Err(ValidationError::new(field::PASSPHRASE, message));
    if passphrase.trim().is_empty() {
        return fail("expected a new passphrase, got nothing".into());
    }
    if chars < MIN_CHARS {
        return fail(format!(
            "expected at least {MIN_CHARS} characters, got {chars}; several words are easiest"
        ));
    }
    if chars > MAX_CHARS {
        return fail(format!(
            "expected at most {MAX_CHARS} characters, got {chars}"
        ));
    }
    if passphrase.chars().any(char::is_control) {
        return fail("expected no line breaks, tabs or other control characters".into());
    }
    if passphrase != repeated {
        return fail("the two entries differ; nothing was changed, type it again".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_passphrase_must_not_be_empty() {
        assert!(check_given("").is_err());
        assert!(
            check_given(" ").is_ok(),
            "it is the owner's passphrase, whatever it is"
        );
    }

    #[test]
    fn a_new_passphrase_is_long_enough_and_repeated_exactly() {
        assert!(check_new("correct horse", "correct horse").is_ok());
        let short = check_new("short", "short").unwrap_err();
        assert_eq!(short.field, "passphrase");
        assert!(short.message.contains("at least 10 characters, got 5"));
        assert!(
            check_new("          ", "          ").is_err(),
            "only spaces"
        );
        let differ = check_new("correct horse", "correct hose").unwrap_err();
        assert!(differ.message.contains("differ"));
        assert!(check_new("correct\nhorse", "correct\nhorse").is_err());
        let long = "x".repeat(MAX_CHARS + 1);
        assert!(check_new(&long, &long).is_err());
        let longest = "x".repeat(MAX_CHARS);
        assert!(check_new(&longest, &longest).is_ok());
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        // Nine characters, eighteen bytes.
        let umlauts = "äöüäöüäöü";
        assert!(check_new(umlauts, umlauts).is_err());
        let ten = "äöüäöüäöüß";
        assert!(check_new(ten, ten).is_ok());
    }
}
