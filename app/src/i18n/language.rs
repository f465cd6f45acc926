//! The languages Parallel speaks, and how a request's language is guessed from the
//! browser's `Accept-Language` when nobody has chosen one.

use serde::{Deserialize, Serialize};

/// A language of the interface and of templates. Stored by its code ("en", "es").
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    /// Every language, in the order a switch offers them.
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    /// The code stored in the database and written into `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// The language's name in itself, as a switch shows it ("Español"), so
    /// someone who reads only that language can find it.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Es => "Español",
        }
    }

    /// Reads a code ("es"), or a tag with a region ("es-MX"), in any case.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        Language::ALL.into_iter().find(|language| primary.eq_ignore_ascii_case(language.code()))
    }

    /// The language a browser prefers most among ours, from an `Accept-Language`
    /// value ("es-MX,es;q=0.9,en;q=0.8"); `None` when it names none of ours.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let language = Language::from_code(parts.next()?)?;
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (weight > 0.0).then_some((language, weight))
            })
            // The first of the highest weight: `max_by` keeps the last of equals.
            .rev()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(language, _)| language)
    }
}

#[cfg(test)]
mod tests {
    use super::Language::{self, En, Es};

    #[test]
    fn codes_with_regions_and_case_are_read() {
        assert_eq!(Language::from_code("es"), Some(Es));
        assert_eq!(Language::from_code("ES-mx"), Some(Es));
        assert_eq!(Language::from_code("en_US"), Some(En));
        assert_eq!(Language::from_code("fr"), None);
        assert_eq!(Language::from_code(""), None);
    }

    #[test]
    fn accept_language_takes_the_most_wanted_of_ours() {
        assert_eq!(Language::from_accept_language("es-MX,es;q=0.9,en;q=0.8"), Some(Es));
        assert_eq!(Language::from_accept_language("en-US,en;q=0.9,es;q=0.8"), Some(En));
        assert_eq!(Language::from_accept_language("fr-FR,fr;q=0.9,es;q=0.5"), Some(Es));
        assert_eq!(Language::from_accept_language("en;q=0.2, es;q=0.7"), Some(Es));
        assert_eq!(Language::from_accept_language("es;q=0, en;q=0.1"), Some(En));
        assert_eq!(Language::from_accept_language("de, fr"), None);
        assert_eq!(Language::from_accept_language("es;q=abc"), None);
        // Equal weights: the first listed.
        assert_eq!(Language::from_accept_language("es, en"), Some(Es));
    }
}
