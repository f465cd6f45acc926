//! The language switch: one button per other language, each named in its own
//! language ("Español") so that someone who reads only that one can find it.

use leptos::prelude::*;

use crate::{
    components::form::ServerForm,
    i18n::{Language, api::SetLanguage, keys::Frame, page_language, texts},
};

/// A plain form: it works without JavaScript, and the page comes back in the
/// chosen language with nothing typed lost (answers save as they are typed).
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let action = ServerAction::<SetLanguage>::new();
    let here = page_language();
    let t = texts::<Frame>();
    let others = Language::ALL.into_iter().filter(move |language| *language != here);
    view! {
        <ServerForm action class="language-switch" quiet=true>
            <span class="visually-hidden">{t.language_switch_label}</span>
            {others
                .map(|language| {
                    view! {
                        <button
                            type="submit"
                            name="language"
                            value=language.code()
                            lang=language.code()
                            class="language-switch__button"
                            data-testid="language-switch"
                        >
                            {language.own_name()}
                        </button>
                    }
                })
                .collect_view()}
        </ServerForm>
    }
}
