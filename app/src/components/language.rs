//! The language switch: one button per other language, each named in its own
//! language ("Español") so that someone who reads only that one can find it.

use leptos::prelude::*;

use crate::{
    answer::form_fields::{self as names, is_section_path},
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
    // On a section page the switch submits the answers' form instead (`form=`), which
    // saves every answer on it first, with or without JavaScript: nothing typed is lost.
    let on_section =
        is_section_path(&leptos_router::hooks::use_location().pathname.get_untracked());
    view! {
        <ServerForm action class="language-switch" quiet=true>
            <span class="visually-hidden">{t.language_switch_label}</span>
            {others
                .map(|language| {
                    view! {
                        <button
                            type="submit"
                            name=if on_section { names::GO } else { "language" }
                            value=if on_section {
                                names::go_to_language(language)
                            } else {
                                language.code().to_owned()
                            }
                            form=on_section.then_some(names::FORM_ID)
                            formaction=on_section.then_some(names::PATH)
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
