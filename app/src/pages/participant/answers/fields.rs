//! The input for each kind of question, and what goes with every answer: who can
//! see it, its save state, and text another device's save replaced.
//!
//! Rendered on the server only, as plain form controls that post without
//! JavaScript. In the browser the answer form's island (`section::AnswerAutosave`)
//! takes them over by their names and ids: it reads what is typed, and writes the
//! save state, the character counters and the replaced-text notice into the
//! places this markup leaves for them (`wiring`). So the names and ids here are
//! that island's contract: `answer::form_fields` for names, and `text-<name>`,
//! `words-<name>`, `count-<name>`, `count-words-<name>`, `status-<name>`,
//! `q-<name>` for ids, and [`FORM_ID`] and [`LEAVING_ID`].

use leptos::prelude::*;

use super::read_aloud::ReadAloudButton;
use crate::{
    answer::{
        AnswerValue, AskedItem, SCALE_MAX, char_count,
        feelings::{FEELING_GROUPS, FEELING_WORDS_MAX_CHARS, feeling_label},
        form_fields as names, visibility_value,
    },
    i18n::{
        fill,
        keys::{AnswerTexts, SaveTexts},
        page_language, texts,
    },
    template::{Choice, PromptKind, Visibility},
};

pub use crate::answer::form_fields::FORM_ID;
/// The id of the line that says what happens on Back, Save or Next.
pub const LEAVING_ID: &str = "leaving-state";

/// One question with its answer.
#[component]
pub fn AnswerField(item: AskedItem, editable: bool) -> impl IntoView {
    let name = item.key.field_name();
    let status_id = format!("status-{name}");
    let input = match item.kind.clone() {
        PromptKind::LongText { max_chars } => view! { <TextAnswer item=item.clone() editable max_chars status_id=status_id.clone() /> }
        .into_any(),
        PromptKind::Scale { min_label, max_label } => {
            view! { <ScaleAnswer item=item.clone() editable min_label max_label /> }.into_any()
        }
        PromptKind::SingleChoice { choices } => {
            view! { <ChoiceAnswer item=item.clone() editable choices /> }.into_any()
        }
        PromptKind::Feelings { with_words } => {
            view! { <FeelingsAnswer item=item.clone() editable with_words /> }.into_any()
        }
    };
    // Held back by the server (sent without JavaScript, refused): shown as typed,
    // with the reason, until it fits.
    let (status_class, status) = match &item.held {
        Some(held) => (save_state_class(true), held.message.clone()),
        None => (save_state_class(false), String::new()),
    };
    view! {
        // `q-<name>`: a refused plain-form save sends the page here.
        <div class="answer" id=format!("q-{name}")>
            {input}
            <p class=status_class id=status_id role="status" aria-live="polite">
                {status}
            </p>
            {if item.can_share {
                view! { <VisibilityChoice name=name.clone() initial=item.visibility editable /> }
                    .into_any()
            } else {
                view! {
                    <p class="visibility-note">{texts::<AnswerTexts>().only_therapist_sees}</p>
                }
                    .into_any()
            }}
            {item.replaced.map(|old| view! { <ReplacedNotice name=name.clone() old /> })}
            <input type="hidden" name=names::name(names::VERSION, &name) value=item.version />
        </div>
    }
}

/// The save state line's class: a refusal stands out.
pub fn save_state_class(refused: bool) -> &'static str {
    if refused { "save-state save-state--refused" } else { "save-state" }
}

/// The counter under a text box: "12 of 500 characters", marked when over.
pub fn counter_text(count: usize, max: usize) -> String {
    let (count, max) = (count.to_string(), max.to_string());
    fill(texts::<SaveTexts>().counter, &[("count", &count), ("max", &max)])
}

pub fn counter_class(count: usize, max: usize) -> &'static str {
    if count > max { "counter over" } else { "counter" }
}

fn question_heading(item: &AskedItem, id: String) -> impl IntoView + use<> {
    let help_id = format!("help-{id}");
    let optional = item.optional;
    view! {
        <label for=id class="question">
            {item.text.clone()}
            {optional
                .then(|| {
                    view! { <span class="optional">{texts::<AnswerTexts>().optional}</span> }
                })}
        </label>
        <ReadAloudButton words=item.text.clone() />
        {item
            .help
            .clone()
            .map(|help| {
                view! {
                    <p class="help" id=help_id>
                        {help}
                    </p>
                }
            })}
    }
}

#[component]
fn TextAnswer(item: AskedItem, editable: bool, max_chars: u32, status_id: String) -> impl IntoView {
    let name = item.key.field_name();
    let id = format!("text-{name}");
    let counter_id = format!("count-{name}");
    let max = max_chars as usize;
    let text = match item.shown_value() {
        Some(AnswerValue::Text { text }) => text,
        _ => String::new(),
    };
    let count = char_count(&text);
    // No `maxlength`: the browser would cut pasted text silently. The counter says
    // how long it is, and the server refuses what is too long, with the count and
    // the limit beside the field, while every character stays in it.
    let described = if item.help.is_some() {
        format!("help-{id} {counter_id} {status_id}")
    } else {
        format!("{counter_id} {status_id}")
    };
    let heading = question_heading(&item, id.clone());
    view! {
        {heading}
        <textarea
            id=id
            name=names::name(names::TEXT, &name)
            rows="5"
            readonly=!editable
            aria-describedby=described
        >
            {text}
        </textarea>
        <p class=counter_class(count, max) id=counter_id>
            {counter_text(count, max)}
        </p>
    }
}

#[component]
fn ScaleAnswer(
    item: AskedItem,
    editable: bool,
    min_label: String,
    max_label: String,
) -> impl IntoView {
    let name = item.key.field_name();
    let initial = match item.shown_value() {
        Some(AnswerValue::Scale { score }) => Some(score),
        _ => None,
    };
    let ends_id = format!("ends-{name}");
    let described_by = ends_id.clone();
    let radios = (0..=SCALE_MAX)
        .map(|score| {
            let id = format!("score-{name}-{score}");
            let label_for = id.clone();
            view! {
                <span class="scale-point">
                    <input
                        type="radio"
                        id=id
                        name=names::name(names::SCORE, &name)
                        value=score
                        checked=initial == Some(score)
                        disabled=!editable
                    />
                    <label for=label_for>{score}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <fieldset class="scale" aria-describedby=described_by>
            <legend class="question">{item.text.clone()}</legend>
            <ReadAloudButton words=item.text.clone() />
            <p class="scale-ends" id=ends_id>
                <span>{format!("0: {min_label}")}</span>
                <span>{format!("{SCALE_MAX}: {max_label}")}</span>
            </p>
            <div class="scale-points">{radios}</div>
        </fieldset>
    }
}

#[component]
fn ChoiceAnswer(item: AskedItem, editable: bool, choices: Vec<Choice>) -> impl IntoView {
    let name = item.key.field_name();
    let initial = match item.shown_value() {
        Some(AnswerValue::Choice { choice }) => Some(choice),
        _ => None,
    };
    let options = choices
        .into_iter()
        .map(|choice| {
            let id = format!("choice-{name}-{}", choice.value);
            let label_for = id.clone();
            view! {
                <label class="choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name=names::name(names::CHOICE, &name)
                        value=choice.value.clone()
                        checked=initial.as_deref() == Some(choice.value.as_str())
                        disabled=!editable
                    />
                    {choice.label}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices">
            <legend class="question">{item.text.clone()}</legend>
            <ReadAloudButton words=item.text.clone() />
            {item.help.clone().map(|help| view! { <p class="help">{help}</p> })}
            {options}
        </fieldset>
    }
}

#[component]
fn FeelingsAnswer(item: AskedItem, editable: bool, with_words: bool) -> impl IntoView {
    let name = item.key.field_name();
    let (chosen, words) = match item.shown_value() {
        Some(AnswerValue::Feelings { feelings, words }) => (feelings, words),
        _ => (Vec::new(), String::new()),
    };
    let is_chosen = |word: &str| chosen.iter().any(|f| f == word);
    // Stored as the vocabulary's words, shown in the page's language.
    let language = page_language();
    let more_like = texts::<AnswerTexts>().more_like;
    let chip = |word: &'static str| {
        let id = format!("feeling-{name}-{}", word.replace(' ', "-"));
        let label_for = id.clone();
        view! {
            <span class="chip">
                <input
                    type="checkbox"
                    id=id
                    name=names::name(names::FEELING, &name)
                    value=word
                    checked=is_chosen(word)
                    disabled=!editable
                />
                <label for=label_for>{feeling_label(word, language)}</label>
            </span>
        }
    };
    let groups = FEELING_GROUPS
        .iter()
        .map(|group| {
            let open = group.finer.iter().any(|word| is_chosen(word));
            let finer = group.finer.iter().map(|word| chip(word)).collect_view();
            view! {
                <div class="feeling-group">
                    {chip(group.word)} <details open=open>
                        <summary>
                            {fill(more_like, &[("word", feeling_label(group.word, language))])}
                        </summary>
                        <div class="chips">{finer}</div>
                    </details>
                </div>
            }
        })
        .collect_view();
    let words = with_words.then(|| {
        let words_id = format!("words-{name}");
        let counter_id = format!("count-words-{name}");
        let count = char_count(&words);
        let max = FEELING_WORDS_MAX_CHARS;
        view! {
            <label for=words_id.clone() class="words-label">
                {texts::<AnswerTexts>().in_your_words}
            </label>
            <textarea
                id=words_id
                name=names::name(names::WORDS, &name)
                rows="2"
                readonly=!editable
                aria-describedby=counter_id.clone()
            >
                {words.clone()}
            </textarea>
            <p class=counter_class(count, max) id=counter_id>
                {counter_text(count, max)}
            </p>
        }
    });
    view! {
        <fieldset class="feelings">
            <legend class="question">{item.text.clone()}</legend>
            <ReadAloudButton words=item.text.clone() />
            {item.help.clone().map(|help| view! { <p class="help">{help}</p> })}
            <div class="feeling-groups">{groups}</div>
            {words}
        </fieldset>
    }
}

#[component]
fn VisibilityChoice(name: String, initial: Visibility, editable: bool) -> impl IntoView {
    let option = |visibility: Visibility, label: &'static str| {
        let id = format!("visibility-{name}-{}", visibility_value(visibility));
        let label_for = id.clone();
        view! {
            <label class="choice" for=label_for>
                <input
                    type="radio"
                    id=id
                    name=names::name(names::VISIBILITY, &name)
                    value=visibility_value(visibility)
                    checked=initial == visibility
                    disabled=!editable
                />
                {label}
            </label>
        }
    };
    let t = texts::<AnswerTexts>();
    view! {
        <fieldset class="visibility">
            <legend>{t.who_can_see}</legend>
            {option(Visibility::Shared, t.share_in_session)}
            {option(Visibility::TherapistOnly, t.only_my_therapist)}
        </fieldset>
    }
}

/// Shown when a save replaced text saved elsewhere: that text, to copy. Without
/// JavaScript its button posts the form (`answer::form_post` forgets the text);
/// with it, the island dismisses it in place.
#[component]
fn ReplacedNotice(name: String, old: AnswerValue) -> impl IntoView {
    // The island writes the same words when a save in the browser replaces text.
    let t = texts::<SaveTexts>();
    view! {
        <div class="replaced" role="note">
            <p>{t.replaced_explanation}</p>
            <pre class="replaced-text" data-testid="replaced-text">
                {describe(&old)}
            </pre>
            <button type="submit" name=names::DISMISS value=name class="button button--secondary">
                {t.replaced_dismiss}
            </button>
        </div>
    }
}

/// An answer as plain text, for the replaced-text notice.
pub fn describe(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text { text } => text.clone(),
        AnswerValue::Scale { score } => fill(
            texts::<SaveTexts>().score_out_of,
            &[("score", &score.to_string()), ("max", &SCALE_MAX.to_string())],
        ),
        AnswerValue::Choice { choice } => choice.clone(),
        AnswerValue::Feelings { feelings, words } => {
            let language = page_language();
            let shown: Vec<&str> = feelings.iter().map(|f| feeling_label(f, language)).collect();
            let shown = shown.join(", ");
            if words.is_empty() { shown } else { format!("{shown}\n{words}") }
        }
    }
}
