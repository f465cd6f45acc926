//! The answer form's island, connected to the page (browser only).
//!
//! The form is server HTML (`fields`, `section`); this module listens on it and
//! writes into it, so the island needs no view of its own (which is what keeps its
//! code small for a phone, docs/islands.md):
//! - one listener per event on the form finds the answer from the control's name
//!   (`kind~<field_name>`), reads its controls (`controls`) and hands the new value
//!   to the autosave state machine (`autosave`);
//! - one effect per answer writes what the state machine decides: the save state
//!   line, the character counters, the version the next post is based on, the
//!   replaced-text notice, and the controls when a kept copy is put back;
//! - *Back*, *Save* and *Next* save everything first and only then leave;
//! - the page asks before it is left with something unsaved (never after Quick exit).

use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{Element, Event, HtmlFormElement, HtmlInputElement, SubmitEvent};

use super::{
    autosave::{self, AnswerShape, Field, SaveStatus, Saver},
    controls,
    fields::{FORM_ID, LEAVING_ID, counter_class, counter_text, describe, save_state_class},
};
use crate::answer::{
    AnswerValue, char_count,
    feelings::FEELING_WORDS_MAX_CHARS,
    form_fields::{self as names, destination},
};

/// Connects every answer of `saver` and the form's buttons to the page.
pub fn wire(saver: Saver, number: usize, count: usize) {
    for field in saver.fields.get_value() {
        show_field(field, field.key.with_value(|key| key.field_name()));
    }
    let Some(form) = document().get_element_by_id(FORM_ID) else { return };
    listen(&form, "input", move |ev| on_edit(saver, &ev, true));
    listen(&form, "change", move |ev| on_edit(saver, &ev, false));
    listen(&form, "focusout", move |ev| {
        // Leaving a text box saves it at once.
        if let Some(field) = target_field(saver, &ev).map(|(field, _)| field)
            && field.status.get_untracked() == SaveStatus::Unsaved
        {
            autosave::changed(saver, field, true);
        }
    });
    listen(&form, "click", move |ev| on_dismiss(saver, &ev));
    listen(&form, "submit", move |ev| on_submit(saver, number, count, ev));
    let guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
        // Never in the way of Quick exit: what is unsaved is lost on purpose.
        if saver.any_pending() && !autosave::leaving_at_once() {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || guard.remove());
}

/// Adds a listener for the page's lifetime (the form is never removed).
fn listen(target: &Element, event: &str, mut handler: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(move |ev: Event| handler(ev));
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The answer a control belongs to, and the kind of control (`text`, `score`, …).
fn target_field(saver: Saver, ev: &Event) -> Option<(Field, String)> {
    let target = ev.target()?.dyn_into::<Element>().ok()?;
    let name = target.get_attribute("name")?;
    let (kind, field_name) = name.split_once('~')?;
    Some((saver.find(field_name)?, kind.to_owned()))
}

/// A keystroke (`input`) in a text box saves after a pause; a tap (`change`) on a
/// radio or box saves at once. Each control answers to one of the two only.
fn on_edit(saver: Saver, ev: &Event, typing: bool) {
    let Some((field, kind)) = target_field(saver, ev) else { return };
    let is_text = kind == names::TEXT || kind == names::WORDS;
    if is_text != typing {
        return;
    }
    if kind == names::VISIBILITY {
        let Some(visibility) = field.key.with_value(controls::read_visibility) else { return };
        field.visibility.set(visibility);
    } else {
        let value = field.key.with_value(|key| controls::read_value(key, field.shape));
        field.value.set(value);
    }
    autosave::changed(saver, field, !typing);
}

fn on_submit(saver: Saver, number: usize, count: usize, ev: Event) {
    ev.prevent_default();
    // Enter in a field submits with the form's first button: the hidden "stay".
    let go = ev
        .dyn_ref::<SubmitEvent>()
        .and_then(SubmitEvent::submitter)
        .filter(|button| button.get_attribute("name").as_deref() == Some(names::GO))
        .and_then(|button| button.get_attribute("value"))
        .unwrap_or_else(|| "stay".to_owned());
    let t = crate::i18n::texts::<crate::i18n::keys::SaveTexts>();
    let form = ev.target().and_then(|target| target.dyn_into::<HtmlFormElement>().ok());
    say_leaving(t.saving);
    spawn_local(async move {
        if autosave::flush_all(saver).await {
            if go == "stay" {
                say_leaving(t.page_saved);
            } else if names::language_of_go(&go).is_some() {
                // The header's language switch: all is saved; the plain post now
                // switches (`answer::form_post`) and brings this page back in it.
                if let Some(form) = form {
                    submit_plainly(&form, &go);
                }
            } else {
                let _ = window().location().set_href(&destination(number, count, &go));
            }
        } else {
            say_leaving(t.page_not_saved);
            autosave::show_first_unsaved(saver);
        }
    });
}

/// Posts the form as the browser would without the island (which is not told:
/// `submit()` fires no submit event), with `go` as the button it stands for.
fn submit_plainly(form: &HtmlFormElement, go: &str) {
    let Ok(button) = document().create_element("input") else { return };
    for (attribute, value) in [("type", "hidden"), ("name", names::GO), ("value", go)] {
        let _ = button.set_attribute(attribute, value);
    }
    let _ = form.append_child(&button);
    let _ = form.submit();
}

fn say_leaving(text: &str) {
    if let Some(line) = document().get_element_by_id(LEAVING_ID) {
        line.set_text_content(Some(text));
    }
}

/// "I have kept what I need" under a replaced text: forgotten on the server, then
/// removed here (without JavaScript the same button posts the form).
fn on_dismiss(saver: Saver, ev: &Event) {
    let Some(button) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
    if button.get_attribute("name").as_deref() != Some(names::DISMISS) {
        return;
    }
    ev.prevent_default();
    let Some(field_name) = button.get_attribute("value") else { return };
    let field = saver.find(&field_name);
    spawn_local(async move {
        if crate::answer::api::dismiss_replaced(field_name).await.is_ok() {
            if let Some(notice) = button.closest(".replaced").ok().flatten() {
                notice.remove();
            }
            if let Some(field) = field {
                field.replaced.set(None);
            }
        }
    });
}

/// Writes one answer's state into its server-rendered places, whenever it changes.
/// Each effect's first run writes what the server rendered already, except the
/// replaced notice and the controls, which are left alone until something changes.
fn show_field(field: Field, name: String) {
    let by_id = |id: String| move || document().get_element_by_id(&id);

    let status_line = by_id(format!("status-{name}"));
    Effect::new(move |_| {
        let status = field.status.get();
        if let Some(line) = status_line() {
            line.set_text_content(Some(&status.label()));
            line.set_class_name(save_state_class(matches!(status, SaveStatus::Refused(_))));
        }
    });

    let counter = match field.shape {
        AnswerShape::Text { max_chars } => Some((format!("count-{name}"), max_chars as usize)),
        AnswerShape::Feelings => Some((format!("count-words-{name}"), FEELING_WORDS_MAX_CHARS)),
        AnswerShape::Scale | AnswerShape::Choice => None,
    };
    if let Some((id, max)) = counter {
        let counter = by_id(id);
        Effect::new(move |_| {
            let count = field.value.with(|value| match value {
                Some(AnswerValue::Text { text } | AnswerValue::Feelings { words: text, .. }) => {
                    char_count(text)
                }
                _ => 0,
            });
            if let Some(counter) = counter() {
                counter.set_text_content(Some(&counter_text(count, max)));
                counter.set_class_name(counter_class(count, max));
            }
        });
    }

    let version_name = names::name(names::VERSION, &name);
    Effect::new(move |_| {
        let version = field.version.get().to_string();
        let nodes = document().get_elements_by_name(&version_name);
        if let Some(input) = nodes.item(0).and_then(|n| n.dyn_into::<HtmlInputElement>().ok()) {
            input.set_value(&version);
        }
    });

    Effect::new(move |first: Option<()>| {
        field.restored.track();
        if first.is_some() {
            field.key.with_value(|key| {
                controls::show(
                    key,
                    field.shape,
                    field.value.get_untracked().as_ref(),
                    field.visibility.get_untracked(),
                )
            });
        }
    });

    let answer = by_id(format!("q-{name}"));
    Effect::new(move |first: Option<()>| {
        let replaced = field.replaced.get();
        if first.is_none() {
            return;
        }
        let Some(answer) = answer() else { return };
        if let Ok(Some(old)) = answer.query_selector(".replaced") {
            old.remove();
        }
        if let Some(old) = replaced {
            let _ = replaced_notice(&answer, &name, &describe(&old));
        }
    });
}

/// The notice `fields::ReplacedNotice` renders on the server, made here when a save
/// in this page replaced text saved elsewhere.
fn replaced_notice(answer: &Element, field_name: &str, old_text: &str) -> Option<()> {
    let document = document();
    let make = |tag: &str, class: &str, text: &str| -> Option<Element> {
        let element = document.create_element(tag).ok()?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        element.set_text_content(Some(text));
        Some(element)
    };
    let notice = make("div", "replaced", "")?;
    notice.set_attribute("role", "note").ok()?;
    let t = crate::i18n::texts::<crate::i18n::keys::SaveTexts>();
    let explanation = make("p", "", t.replaced_explanation)?;
    notice.append_child(&explanation).ok()?;
    let pre = make("pre", "replaced-text", old_text)?;
    pre.set_attribute("data-testid", "replaced-text").ok()?;
    notice.append_child(&pre).ok()?;
    let button = make("button", "button button--secondary", t.replaced_dismiss)?;
    for (attribute, value) in [("type", "submit"), ("name", names::DISMISS), ("value", field_name)]
    {
        button.set_attribute(attribute, value).ok()?;
    }
    notice.append_child(&button).ok()?;
    let before = answer.query_selector("input[type=hidden]").ok().flatten();
    answer.insert_before(&notice, before.as_deref()).ok()?;
    Some(())
}
