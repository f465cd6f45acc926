//! Answers set before the page took over (browser only).
//!
//! On a slow phone the page is readable and typeable long before its code has
//! loaded. When hydration then sets each field from the page's data, whatever the
//! person typed, tapped or ticked meanwhile would be overwritten and never saved.
//! So each answer, as it is hydrated, first reads its own controls: a control whose
//! current state differs from how the server rendered it (`value` against
//! `defaultValue`, `checked` against `defaultChecked`) was changed by the person,
//! and that change becomes the answer's value, saved as if typed afterwards.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement, HtmlTextAreaElement};

use crate::{
    answer::{AnswerValue, AskedItem, form_fields as names},
    template::{PromptKind, Visibility},
};

/// What the person changed in one answer's controls before hydration.
pub struct Typed {
    pub value: Option<AnswerValue>,
    pub visibility: Option<Visibility>,
}

/// True once the page has taken over: later renders (client-side navigation)
/// start from their data, not from controls left on the page.
fn hydrated_already(document: &Document) -> bool {
    document.body().is_some_and(|body| body.has_attribute("data-hydrated"))
}

pub fn typed_before_hydration(item: &AskedItem) -> Option<Typed> {
    let document = document();
    if hydrated_already(&document) {
        return None;
    }
    let name = item.key.field_name();
    let checked = |kind: &str| checked_if_changed(&document, &names::name(kind, &name));
    let value = match &item.kind {
        PromptKind::LongText { .. } => textarea_if_changed(&document, &format!("text-{name}"))
            .map(|text| AnswerValue::Text { text }),
        PromptKind::Scale { .. } => checked(names::SCORE)
            .and_then(|values| values.first()?.parse().ok())
            .map(|score| AnswerValue::Scale { score }),
        PromptKind::SingleChoice { .. } => checked(names::CHOICE)
            .and_then(|values| values.into_iter().next())
            .map(|choice| AnswerValue::Choice { choice }),
        PromptKind::Feelings { .. } => {
            let words_id = format!("words-{name}");
            let feelings = checked(names::FEELING);
            let words = textarea_if_changed(&document, &words_id);
            (feelings.is_some() || words.is_some()).then(|| AnswerValue::Feelings {
                feelings: feelings
                    .unwrap_or_else(|| checked_now(&document, &names::name(names::FEELING, &name))),
                words: words.unwrap_or_else(|| textarea_now(&document, &words_id)),
            })
        }
    };
    let visibility = checked(names::VISIBILITY).and_then(|values| {
        [Visibility::Shared, Visibility::TherapistOnly]
            .into_iter()
            .find(|v| values.first().map(String::as_str) == Some(names::visibility_value(*v)))
    });
    (value.is_some() || visibility.is_some()).then_some(Typed { value, visibility })
}

fn textarea(document: &Document, id: &str) -> Option<HtmlTextAreaElement> {
    document.get_element_by_id(id)?.dyn_into::<HtmlTextAreaElement>().ok()
}

fn textarea_if_changed(document: &Document, id: &str) -> Option<String> {
    let textarea = textarea(document, id)?;
    let value = textarea.value();
    // `defaultValue` is the text the server rendered; unreadable counts as unchanged.
    let rendered = textarea.default_value().ok()?;
    (value != rendered).then_some(value)
}

fn textarea_now(document: &Document, id: &str) -> String {
    textarea(document, id).map(|t| t.value()).unwrap_or_default()
}

fn inputs(document: &Document, name: &str) -> Vec<HtmlInputElement> {
    let nodes = document.get_elements_by_name(name);
    (0..nodes.length()).filter_map(|i| nodes.item(i)?.dyn_into::<HtmlInputElement>().ok()).collect()
}

/// The values of the checked boxes or radios named `name`, if any of them was
/// changed from how it was rendered.
fn checked_if_changed(document: &Document, name: &str) -> Option<Vec<String>> {
    let inputs = inputs(document, name);
    inputs
        .iter()
        .any(|input| input.checked() != input.default_checked())
        .then(|| inputs.iter().filter(|i| i.checked()).map(HtmlInputElement::value).collect())
}

fn checked_now(document: &Document, name: &str) -> Vec<String> {
    inputs(document, name).iter().filter(|i| i.checked()).map(HtmlInputElement::value).collect()
}
