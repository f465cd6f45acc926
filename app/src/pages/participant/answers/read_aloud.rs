//! *Read aloud*: each question and each part's "why we ask" can be read out by the
//! browser's own speech synthesis, in the page's language. Nothing is sent anywhere,
//! and answers are never read: only the words the buttons carry.
//!
//! The buttons are server HTML, `hidden` (so without JavaScript, or in a browser
//! with no voice for the page's language, there is no button that does nothing);
//! the island shows them once a voice for the page's language is there (browsers
//! load voices late: `voiceschanged`) and speaks a button's words when pressed.

use leptos::prelude::*;

use crate::i18n::{keys::AnswerTexts, texts};

/// A hidden *Read aloud* button carrying `words` (what it will say).
#[component]
pub fn ReadAloudButton(words: String) -> impl IntoView {
    view! {
        <button type="button" class="read-aloud" hidden data-read-aloud=words>
            {texts::<AnswerTexts>().read_aloud}
        </button>
    }
}

/// Shows the page's *Read aloud* buttons and speaks for them. Renders nothing; lazy,
/// so its code comes only with answer pages (preloaded with them).
#[island(lazy)]
pub fn ReadAloud() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| browser::wire());
    crate::islands::island_ready();
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, closure::Closure};
    use web_sys::{Element, Event, HtmlElement, SpeechSynthesis, SpeechSynthesisUtterance};

    use crate::i18n::page_language;

    pub fn wire() {
        let Ok(synthesis) = window().speech_synthesis() else { return };
        let language = page_language().code();
        show_if_a_voice_speaks(&synthesis, language);
        // Voices often arrive after the page: look again when they do.
        let later = synthesis.clone();
        let on_voices =
            Closure::<dyn FnMut()>::new(move || show_if_a_voice_speaks(&later, language));
        synthesis.set_onvoiceschanged(Some(on_voices.as_ref().unchecked_ref()));
        on_voices.forget();

        let on_click = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            let button = ev
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .and_then(|target| target.closest("[data-read-aloud]").ok().flatten());
            if let Some(words) = button.and_then(|b| b.get_attribute("data-read-aloud")) {
                speak(&synthesis, &words, language);
            }
        });
        let _ =
            document().add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
    }

    /// Unhides the buttons when a voice speaks the page's language ("es" matches
    /// "es-MX" and "es-US").
    fn show_if_a_voice_speaks(synthesis: &SpeechSynthesis, language: &str) {
        let speaks = synthesis.get_voices().iter().any(|voice| {
            // Unchecked: only `lang` is read, which any voice has.
            let voice = voice.unchecked_into::<web_sys::SpeechSynthesisVoice>();
            voice
                .lang()
                .split(['-', '_'])
                .next()
                .is_some_and(|code| code.eq_ignore_ascii_case(language))
        });
        if !speaks {
            return;
        }
        let Ok(buttons) = document().query_selector_all("[data-read-aloud]") else { return };
        for index in 0..buttons.length() {
            if let Some(button) = buttons.item(index).and_then(|n| n.dyn_into::<HtmlElement>().ok())
            {
                button.set_hidden(false);
            }
        }
    }

    /// Says `words` in `language`, stopping anything still being said.
    fn speak(synthesis: &SpeechSynthesis, words: &str, language: &str) {
        synthesis.cancel();
        if let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(words) {
            utterance.set_lang(language);
            synthesis.speak(&utterance);
        }
    }
}
