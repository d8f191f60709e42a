//! The ids of the officer's records, as people read and type them: `R12` a
//! risk event, `M3` a measure, `V7` a monitoring check, `L4` a decision on
//! a link. Each is a number the store gave once and never gives again,
//! behind a letter that says what it names; the number alone is accepted
//! when typed (`12`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Text that is not the id of a record of that kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{text}\" is not {what} ({example})")]
pub struct BadId {
    pub what: &'static str,
    pub example: &'static str,
    pub text: String,
}

macro_rules! record_id {
    ($(#[$m:meta])* $name:ident, $prefix:literal, $what:literal, $example:literal) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(i64);

        impl $name {
            /// The letter of its printed form.
            pub const PREFIX: char = $prefix;

            /// The id numbered `n` (the store's row id); none for `n < 1`.
            pub fn new(n: i64) -> Option<$name> {
                (n > 0).then_some($name(n))
            }

            /// The store's row id.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl FromStr for $name {
            type Err = BadId;

            fn from_str(text: &str) -> Result<$name, BadId> {
                let t = text.trim();
                let digits = t
                    .strip_prefix([$prefix, $prefix.to_ascii_lowercase()])
                    .unwrap_or(t);
                digits
                    .parse::<i64>()
                    .ok()
                    .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))
                    .and_then($name::new)
                    .ok_or_else(|| BadId {
                        what: $what,
                        example: $example,
                        text: crate::text::clean(text).into_owned(),
                    })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let text = String::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

record_id!(
    /// A risk event: `R12`.
    EventId, 'R', "a risk event id", "R12"
);
record_id!(
    /// A treatment measure: `M3`.
    MeasureId, 'M', "a measure id", "M3"
);
record_id!(
    /// A monitoring check of a measure: `V7` (verifica).
    CheckId, 'V', "a monitoring check id", "V7"
);
record_id!(
    /// A decision on a link between the two datasets: `L4`.
    DecisionId, 'L', "a link decision id", "L4"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_and_parse_with_their_letter() {
        let r: EventId = "R12".parse().unwrap();
        assert_eq!(r.get(), 12);
        assert_eq!(r.to_string(), "R12");
        assert_eq!("r3".parse::<EventId>().unwrap().get(), 3);
        assert_eq!(" 7 ".parse::<CheckId>().unwrap().to_string(), "V7");
        assert!("M3".parse::<EventId>().is_err());
        assert!("R0".parse::<EventId>().is_err());
        assert!("R-1".parse::<EventId>().is_err());
        assert!("R+1".parse::<EventId>().is_err());
        assert!("".parse::<MeasureId>().is_err());
        let e = "x\u{1b}".parse::<DecisionId>().unwrap_err();
        assert!(!e.to_string().contains('\u{1b}'), "{e}");
        let json = serde_json::to_string(&MeasureId::new(3).unwrap()).unwrap();
        assert_eq!(json, "\"M3\"");
        assert_eq!(
            serde_json::from_str::<MeasureId>("\"M3\"").unwrap(),
            MeasureId::new(3).unwrap()
        );
    }
}
