//! Closed sets of values (kinds, statuses, options) with stable snake_case names for storage and
//! JSON, human labels for screens, and parsing that names the allowed values when it fails.

/// Defines an enum whose variants have a stable code (`as_str`) and a label (`label`), plus
/// `ALL`, `FromStr` (accepting the code or the label, case-insensitively) and serde through the code.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The codes joined for an error message: `a, b or c`.
            pub fn expected() -> String {
                $crate::domain::enums::join_or(&[$($code),+])
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::enums::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted) || v.label().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| $crate::domain::enums::UnknownValue {
                        value: $crate::domain::text::shown(wanted),
                        expected: $name::expected(),
                    })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A value that is not one of an enum's codes; `value` is as [`crate::domain::text::shown`]
/// quotes it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not known; expected {expected}")]
pub struct UnknownValue {
    pub value: String,
    pub expected: String,
}

pub fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    string_enum!(Colour { Red => "red", "Red", DarkBlue => "dark_blue", "Dark blue" });

    #[test]
    fn parses_code_and_label_case_insensitively() {
        assert_eq!("red".parse::<Colour>(), Ok(Colour::Red));
        assert_eq!("DARK BLUE".parse::<Colour>(), Ok(Colour::DarkBlue));
        assert_eq!(" dark_blue ".parse::<Colour>(), Ok(Colour::DarkBlue));
    }

    #[test]
    fn unknown_value_names_the_choices() {
        let err = "green".parse::<Colour>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "'green' is not known; expected red or dark_blue"
        );
    }

    #[test]
    fn an_unknown_value_is_quoted_without_its_control_characters() {
        let err = "re\u{1b}[2Jd\n".parse::<Colour>().unwrap_err();
        assert_eq!(err.value, "re\\u{1b}[2Jd");
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(
            serde_json::to_string(&Colour::DarkBlue).unwrap(),
            "\"dark_blue\""
        );
        let back: Colour = serde_json::from_str("\"dark_blue\"").unwrap();
        assert_eq!(back, Colour::DarkBlue);
    }
}
