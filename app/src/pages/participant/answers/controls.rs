//! Reading and setting an answer's controls in the page (browser only).
//!
//! The answer fields are server HTML (`fields`); the island finds each answer's
//! controls by the names and ids that markup gives them. Reading them is how a
//! keystroke or a tap becomes the answer's value; setting them is how a copy kept
//! in this browser is put back on screen.
//!
//! Answers set before the island started: on a slow phone the page is readable and
//! typeable long before its code has loaded. A control whose current state differs
//! from how the server rendered it (`value` against `defaultValue`, `checked`
//! against `defaultChecked`) was changed by the person, and that change is taken
//! over and saved as if typed afterwards (`typed_before_hydration`).

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement, HtmlTextAreaElement};

use super::autosave::AnswerShape;
use crate::{
    answer::{AnswerKey, AnswerValue, form_fields as names},
    template::Visibility,
};

/// What the person changed in one answer's controls before the island started.
pub struct Typed {
    pub value: Option<AnswerValue>,
    pub visibility: Option<Visibility>,
}

/// The answer's controls as they are now: `None` when a scale or choice has
/// nothing picked.
pub fn read_value(key: &AnswerKey, shape: AnswerShape) -> Option<AnswerValue> {
    let document = document();
    let name = key.field_name();
    let checked = |kind: &str| checked_now(&document, &names::name(kind, &name));
    match shape {
        AnswerShape::Text { .. } => {
            Some(AnswerValue::Text { text: textarea_now(&document, &format!("text-{name}")) })
        }
        AnswerShape::Scale => checked(names::SCORE)
            .first()
            .and_then(|score| score.parse().ok())
            .map(|score| AnswerValue::Scale { score }),
        AnswerShape::Choice => {
            checked(names::CHOICE).into_iter().next().map(|choice| AnswerValue::Choice { choice })
        }
        AnswerShape::Feelings => Some(AnswerValue::Feelings {
            feelings: checked(names::FEELING),
            words: textarea_now(&document, &format!("words-{name}")),
        }),
    }
}

/// The visibility picked for the answer now, if it offers the choice.
pub fn read_visibility(key: &AnswerKey) -> Option<Visibility> {
    let picked = checked_now(&document(), &names::name(names::VISIBILITY, &key.field_name()));
    visibility_of(picked.first()?)
}

fn visibility_of(value: &str) -> Option<Visibility> {
    [Visibility::Shared, Visibility::TherapistOnly]
        .into_iter()
        .find(|v| names::visibility_value(*v) == value)
}

/// What the person changed before the island started, if anything.
pub fn typed_before_hydration(key: &AnswerKey, shape: AnswerShape) -> Option<Typed> {
    let document = document();
    let name = key.field_name();
    let changed = |kind: &str| any_checked_changed(&document, &names::name(kind, &name));
    let value_changed = match shape {
        AnswerShape::Text { .. } => textarea_changed(&document, &format!("text-{name}")),
        AnswerShape::Scale => changed(names::SCORE),
        AnswerShape::Choice => changed(names::CHOICE),
        AnswerShape::Feelings => {
            changed(names::FEELING) || textarea_changed(&document, &format!("words-{name}"))
        }
    };
    let value = if value_changed { read_value(key, shape) } else { None };
    let visibility = if changed(names::VISIBILITY) { read_visibility(key) } else { None };
    (value.is_some() || visibility.is_some()).then_some(Typed { value, visibility })
}

/// Sets the answer's controls to show `value` and `visibility`.
pub fn show(
    key: &AnswerKey,
    shape: AnswerShape,
    value: Option<&AnswerValue>,
    visibility: Visibility,
) {
    let document = document();
    let name = key.field_name();
    let check = |kind: &str, picked: &dyn Fn(&str) -> bool| {
        for input in inputs(&document, &names::name(kind, &name)) {
            input.set_checked(picked(&input.value()));
        }
    };
    let set_text = |id: String, text: &str| {
        if let Some(textarea) = textarea(&document, &id) {
            textarea.set_value(text);
        }
    };
    match (shape, value) {
        (AnswerShape::Text { .. }, Some(AnswerValue::Text { text })) => {
            set_text(format!("text-{name}"), text)
        }
        (AnswerShape::Scale, value) => check(
            names::SCORE,
            &|v| matches!(value, Some(AnswerValue::Scale { score }) if score.to_string() == v),
        ),
        (AnswerShape::Choice, value) => check(
            names::CHOICE,
            &|v| matches!(value, Some(AnswerValue::Choice { choice }) if choice == v),
        ),
        (AnswerShape::Feelings, Some(AnswerValue::Feelings { feelings, words })) => {
            check(names::FEELING, &|v| feelings.iter().any(|f| f == v));
            set_text(format!("words-{name}"), words);
        }
        _ => {}
    }
    check(names::VISIBILITY, &|v| names::visibility_value(visibility) == v);
}

fn textarea(document: &Document, id: &str) -> Option<HtmlTextAreaElement> {
    document.get_element_by_id(id)?.dyn_into::<HtmlTextAreaElement>().ok()
}

/// `defaultValue` is the text the server rendered; unreadable counts as unchanged.
fn textarea_changed(document: &Document, id: &str) -> bool {
    textarea(document, id)
        .and_then(|textarea| Some(textarea.value() != textarea.default_value().ok()?))
        .unwrap_or(false)
}

fn textarea_now(document: &Document, id: &str) -> String {
    textarea(document, id).map(|t| t.value()).unwrap_or_default()
}

fn inputs(document: &Document, name: &str) -> Vec<HtmlInputElement> {
    let nodes = document.get_elements_by_name(name);
    (0..nodes.length()).filter_map(|i| nodes.item(i)?.dyn_into::<HtmlInputElement>().ok()).collect()
}

/// True if any box or radio named `name` was changed from how it was rendered.
fn any_checked_changed(document: &Document, name: &str) -> bool {
    inputs(document, name).iter().any(|input| input.checked() != input.default_checked())
}

fn checked_now(document: &Document, name: &str) -> Vec<String> {
    inputs(document, name).iter().filter(|i| i.checked()).map(HtmlInputElement::value).collect()
}
