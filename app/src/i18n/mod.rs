//! Every word on a page, in the viewer's language (docs/i18n.md).
//!
//! A page's language is settled once per request, before the page renders
//! (`request::resolve_language`, server only): a signed-in person's own choice, else
//! the `parallel_lang` cookie, else the browser's `Accept-Language`, else English.
//! Pages read it with `page_language()` and their words with `texts::<Catalogue>()`.
//! Islands in the browser read it from `<html lang>`, which the shell writes.

pub mod api;
mod catalogue;
mod en;
mod es;
pub mod keys;
mod language;
#[cfg(feature = "ssr")]
pub mod request;

pub(crate) use catalogue::catalogues;
pub use catalogue::{Catalogue, fill, places};
pub use language::Language;

/// The cookie that keeps the language someone chose on a device where nobody is
/// signed in (public pages); a signed-in person's choice is kept with them.
pub const LANGUAGE_COOKIE: &str = "parallel_lang";

/// The `Set-Cookie` value that keeps `language` on this device for a year (the
/// choice is about the device's reader, not a secret).
pub fn language_cookie(language: Language, secure_attribute: &str) -> String {
    format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure_attribute}",
        language.code()
    )
}

/// The language of the page being rendered (or of the island running).
pub fn page_language() -> Language {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        use_context::<Language>()
            .or_else(|| {
                use_context::<http::request::Parts>()
                    .and_then(|parts| parts.extensions.get::<Language>().copied())
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|code| Language::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Language::default()
    }
}

/// The catalogue `C` in the page's language.
pub fn texts<C: Catalogue>() -> &'static C {
    C::in_language(page_language())
}

#[cfg(test)]
mod tests {
    use super::{Language, keys::every_text, places};

    /// Texts that are rightly the same in both languages (names, symbols).
    const SAME_IN_EVERY_LANGUAGE: &[&str] =
        &["footer_after", "page_not_found_after", "help_now_after"];

    #[test]
    fn every_language_has_the_same_places_in_each_text() {
        let english = every_text(Language::En);
        for language in Language::ALL {
            let other = every_text(language);
            assert_eq!(other.len(), english.len());
            for ((catalogue, key, en), (_, _, text)) in english.iter().zip(&other) {
                assert_eq!(
                    places(en),
                    places(text),
                    "{catalogue}.{key} in {language:?} has other {{places}} than in English"
                );
                assert!(!text.trim().is_empty(), "{catalogue}.{key} is empty in {language:?}");
            }
        }
    }

    #[test]
    fn spanish_is_not_english_left_in_place() {
        let english = every_text(Language::En);
        let spanish = every_text(Language::Es);
        let left: Vec<String> = english
            .iter()
            .zip(&spanish)
            .filter(|((_, key, en), (_, _, es))| en == es && !SAME_IN_EVERY_LANGUAGE.contains(key))
            .map(|((catalogue, key, _), _)| format!("{catalogue}.{key}"))
            .collect();
        assert!(left.is_empty(), "not translated: {left:?}");
    }
}
