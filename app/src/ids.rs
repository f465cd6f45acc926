//! Typed ids, so that a function taking an exercise and a participant cannot be
//! handed them the other way round. Each is the row's random id as text; on the
//! wire (serde) and in SQL it is exactly that text, and it reads as `&str` where
//! text is wanted. Ids that arrive in a request are text until the policy has
//! loaded their row; the rows, the capabilities and the store functions that take
//! more than one id carry the types.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Read as text where text is wanted (a lookup by id, a URL, a log line); a
        // function that takes two ids takes them typed, and there they cannot swap.
        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        // A map keyed by id can be looked up with text (the derived `Hash` and `Eq`
        // are the text's own, so this is sound).
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self == &other.0
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        // In SQL an id is its text: bound and read like a `String`.
        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Any> for $name {
            fn type_info() -> sqlx::any::AnyTypeInfo {
                <String as sqlx::Type<sqlx::Any>>::type_info()
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <sqlx::Any as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'q, sqlx::Any>>::encode_by_ref(&self.0, buf)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Any> for $name {
            fn decode(
                value: <sqlx::Any as sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                <String as sqlx::Decode<'r, sqlx::Any>>::decode(value).map($name)
            }
        }
    };
}

id_type!(
    /// A family, as one therapist's case.
    FamilyId
);
id_type!(
    /// An exercise (one run of a template with one family).
    ExerciseId
);
id_type!(
    /// A person in a family: the person in recovery or a family member.
    ParticipantId
);
id_type!(
    /// A therapist's account.
    TherapistId
);
id_type!(
    /// One participant's way into one exercise (their link).
    InvitationId
);
id_type!(
    /// One version of a prompt template.
    TemplateId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_their_text_on_the_wire() {
        let id = ExerciseId::new("ex-1");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"ex-1\"");
        let back: ParticipantId = serde_json::from_str("\"p-2\"").unwrap();
        assert_eq!(back, "p-2");
        assert_eq!(id.to_string(), "ex-1");
    }
}
