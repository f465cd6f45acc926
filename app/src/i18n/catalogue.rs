//! How a catalogue is declared: a struct of texts, one field per key, with one
//! value per language in `en/` and `es/`. A language file that leaves out a key
//! does not compile, so no page can show a key without its text.
//!
//! A catalogue is per part of the app (the welcome page, the answer form…), not one
//! for everything: island code that reads a catalogue carries every value of it,
//! in every language, into the browser bundle, so islands read small ones.

use super::Language;

/// What every catalogue can do.
pub trait Catalogue: Sized + 'static {
    /// The catalogue in `language`.
    fn in_language(language: Language) -> &'static Self;
    /// Every key with its text, in declaration order (for the tests that compare
    /// languages and look for untranslated words on pages).
    fn entries(&self) -> Vec<(&'static str, &'static str)>;
}

/// Declares catalogues: `Name in STATIC { key, key, … }` makes the struct `Name`
/// whose values are `en::STATIC` and `es::STATIC`.
macro_rules! catalogues {
    ($(
        $(#[$meta:meta])*
        $name:ident in $value:ident { $($(#[$key_meta:meta])* $key:ident),* $(,)? }
    )*) => {$(
        $(#[$meta])*
        pub struct $name { $($(#[$key_meta])* pub $key: &'static str,)* }

        impl $crate::i18n::Catalogue for $name {
            fn in_language(language: $crate::i18n::Language) -> &'static Self {
                match language {
                    $crate::i18n::Language::En => &$crate::i18n::en::$value,
                    $crate::i18n::Language::Es => &$crate::i18n::es::$value,
                }
            }

            fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    )*

        /// Every text of every catalogue in `language`, as (catalogue, key, text).
        pub fn every_text(
            language: $crate::i18n::Language,
        ) -> Vec<(&'static str, &'static str, &'static str)> {
            use $crate::i18n::Catalogue;
            let mut all = Vec::new();
            $(
                for (key, text) in $name::in_language(language).entries() {
                    all.push((stringify!($name), key, text));
                }
            )*
            all
        }
    };
}
pub(crate) use catalogues;

/// Puts values into a text's `{name}` places: `fill("Welcome, {name}", &[("name", "Ana")])`.
/// A place without a value stays as written, so a mistake shows rather than vanishes.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// The `{name}` places in a text, for the tests that check both languages use the same.
pub fn places(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    found.sort_unstable();
    found
}

#[cfg(test)]
mod tests {
    use super::{fill, places};

    #[test]
    fn fill_puts_values_in_their_places() {
        assert_eq!(fill("Welcome, {name}.", &[("name", "Ana")]), "Welcome, Ana.");
        assert_eq!(fill("{a} and {b}", &[("b", "2"), ("a", "1")]), "1 and 2");
        assert_eq!(fill("{missing} stays", &[]), "{missing} stays");
        assert_eq!(fill("no places", &[("x", "y")]), "no places");
        assert_eq!(fill("a { brace", &[]), "a { brace");
        // A value is not read again for places.
        assert_eq!(fill("{a}", &[("a", "{a}")]), "{a}");
    }

    #[test]
    fn places_lists_names() {
        assert_eq!(places("{b} then {a}"), vec!["a", "b"]);
        assert!(places("none").is_empty());
    }
}
