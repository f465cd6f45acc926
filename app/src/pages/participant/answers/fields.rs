//! The input for each kind of question, and what goes with every answer: who can
//! see it, its save state, and text another device's save replaced.

use leptos::prelude::*;

use super::autosave::{self, Field, Saver};
use crate::{
    answer::{
        AnswerValue, AskedItem, SCALE_MAX, char_count,
        feelings::{FEELING_GROUPS, FEELING_WORDS_MAX_CHARS},
        form_fields as names, visibility_value,
    },
    template::{Choice, PromptKind, Visibility},
};

/// One question with its answer.
#[component]
pub fn AnswerField(item: AskedItem, saver: Saver, editable: bool) -> impl IntoView {
    let field = saver.field(&item);
    let name = item.key.field_name();
    let status_id = format!("status-{name}");
    let input = match item.kind.clone() {
        PromptKind::LongText { max_chars } => view! {
            <TextAnswer
                item=item.clone()
                field
                saver
                editable
                max_chars
                status_id=status_id.clone()
            />
        }
        .into_any(),
        PromptKind::Scale { min_label, max_label } => {
            view! { <ScaleAnswer item=item.clone() field saver editable min_label max_label /> }
                .into_any()
        }
        PromptKind::SingleChoice { choices } => {
            view! { <ChoiceAnswer item=item.clone() field saver editable choices /> }.into_any()
        }
        PromptKind::Feelings { with_words } => {
            view! { <FeelingsAnswer item=item.clone() field saver editable with_words /> }
                .into_any()
        }
    };
    let status_class = move || {
        if matches!(field.status.get(), autosave::SaveStatus::Refused(_)) {
            "save-state save-state--refused"
        } else {
            "save-state"
        }
    };
    view! {
        // `q-<name>`: a refused plain-form save sends the page here.
        <div class="answer" id=format!("q-{name}")>
            {input}
            <p class=status_class id=status_id role="status" aria-live="polite">
                {move || field.status.get().label()}
            </p>
            {if item.can_share {
                view! { <VisibilityChoice name=name.clone() field saver editable /> }.into_any()
            } else {
                view! { <p class="visibility-note">"Only your therapist sees this answer."</p> }
                    .into_any()
            }}
            <ReplacedNotice name=name.clone() field />
            <input
                type="hidden"
                name=names::name(names::VERSION, &name)
                value=item.version
                prop:value=move || field.version.get().to_string()
            />
        </div>
    }
}

fn question_heading(item: &AskedItem, id: String) -> impl IntoView + use<> {
    let help_id = format!("help-{id}");
    let optional = item.optional;
    view! {
        <label for=id class="question">
            {item.text.clone()}
            {optional
                .then(|| view! { <span class="optional">" (you can leave this empty)"</span> })}
        </label>
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
fn TextAnswer(
    item: AskedItem,
    field: Field,
    saver: Saver,
    editable: bool,
    max_chars: u32,
    status_id: String,
) -> impl IntoView {
    let name = item.key.field_name();
    let id = format!("text-{name}");
    let counter_id = format!("count-{name}");
    let max = max_chars as usize;
    let initial = match item.shown_value() {
        Some(AnswerValue::Text { text }) => text,
        _ => String::new(),
    };
    let count = move || {
        field.value.with(|value| match value {
            Some(AnswerValue::Text { text }) => char_count(text),
            _ => 0,
        })
    };
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
            prop:value=move || {
                field.restored.track();
                match field.shown_untracked() {
                    Some(AnswerValue::Text { text }) => text,
                    _ => String::new(),
                }
            }
            on:input=move |ev| {
                field
                    .value
                    .set(
                        Some(AnswerValue::Text {
                            text: event_target_value(&ev),
                        }),
                    );
                autosave::changed(saver, field, false);
            }
            on:blur=move |_| {
                if field.status.get_untracked() == autosave::SaveStatus::Unsaved {
                    autosave::changed(saver, field, true);
                }
            }
        >
            {initial}
        </textarea>
        <p class=move || { if count() > max { "counter over" } else { "counter" } } id=counter_id>
            {move || format!("{} of {max} characters", count())}
        </p>
    }
}

#[component]
fn ScaleAnswer(
    item: AskedItem,
    field: Field,
    saver: Saver,
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
                        prop:checked=move || {
                            field.value.with(|v| v == &Some(AnswerValue::Scale { score }))
                        }
                        on:change=move |_| {
                            field.value.set(Some(AnswerValue::Scale { score }));
                            autosave::changed(saver, field, true);
                        }
                    />
                    <label for=label_for>{score}</label>
                </span>
            }
        })
        .collect_view();
    view! {
        <fieldset class="scale" aria-describedby=described_by>
            <legend class="question">{item.text.clone()}</legend>
            <p class="scale-ends" id=ends_id>
                <span>{format!("0: {min_label}")}</span>
                <span>{format!("{SCALE_MAX}: {max_label}")}</span>
            </p>
            <div class="scale-points">{radios}</div>
        </fieldset>
    }
}

#[component]
fn ChoiceAnswer(
    item: AskedItem,
    field: Field,
    saver: Saver,
    editable: bool,
    choices: Vec<Choice>,
) -> impl IntoView {
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
            let value = choice.value.clone();
            let for_check = choice.value.clone();
            view! {
                <label class="choice" for=label_for>
                    <input
                        type="radio"
                        id=id
                        name=names::name(names::CHOICE, &name)
                        value=choice.value.clone()
                        checked=initial.as_deref() == Some(choice.value.as_str())
                        disabled=!editable
                        prop:checked=move || {
                            field
                                .value
                                .with(|v| {
                                    matches!(
                                        v,
                                        Some(AnswerValue::Choice { choice })
                                        if *choice == for_check
                                    )
                                })
                        }
                        on:change=move |_| {
                            field
                                .value
                                .set(
                                    Some(AnswerValue::Choice {
                                        choice: value.clone(),
                                    }),
                                );
                            autosave::changed(saver, field, true);
                        }
                    />
                    {choice.label}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices">
            <legend class="question">{item.text.clone()}</legend>
            {item.help.clone().map(|help| view! { <p class="help">{help}</p> })}
            {options}
        </fieldset>
    }
}

#[component]
fn FeelingsAnswer(
    item: AskedItem,
    field: Field,
    saver: Saver,
    editable: bool,
    with_words: bool,
) -> impl IntoView {
    let name = item.key.field_name();
    let (initial_feelings, initial_words) = match item.shown_value() {
        Some(AnswerValue::Feelings { feelings, words }) => (feelings, words),
        _ => (Vec::new(), String::new()),
    };
    let chosen = move |word: &str| {
        field.value.with(|v| match v {
            Some(AnswerValue::Feelings { feelings, .. }) => feelings.iter().any(|f| f == word),
            _ => false,
        })
    };
    let toggle = move |word: &'static str| {
        field.value.update(|value| {
            if let Some(AnswerValue::Feelings { feelings, .. }) = value {
                if let Some(at) = feelings.iter().position(|f| f == word) {
                    feelings.remove(at);
                } else {
                    feelings.push(word.to_owned());
                }
            }
        });
        autosave::changed(saver, field, true);
    };
    let chip = {
        let name = name.clone();
        let initial_feelings = initial_feelings.clone();
        move |word: &'static str| {
            let id = format!("feeling-{name}-{}", word.replace(' ', "-"));
            let label_for = id.clone();
            view! {
                <span class="chip">
                    <input
                        type="checkbox"
                        id=id
                        name=names::name(names::FEELING, &name)
                        value=word
                        checked=initial_feelings.iter().any(|f| f == word)
                        disabled=!editable
                        prop:checked=move || chosen(word)
                        on:change=move |_| toggle(word)
                    />
                    <label for=label_for>{word}</label>
                </span>
            }
        }
    };
    let groups = FEELING_GROUPS
        .iter()
        .map(|group| {
            let open = group.finer.iter().any(|w| initial_feelings.iter().any(|f| f == w));
            let finer = group.finer.iter().map(|word| chip(word)).collect_view();
            view! {
                <div class="feeling-group">
                    {chip(group.word)} <details open=open>
                        <summary>{format!("More like \u{201c}{}\u{201d}", group.word)}</summary>
                        <div class="chips">{finer}</div>
                    </details>
                </div>
            }
        })
        .collect_view();
    let words_id = format!("words-{name}");
    let words = with_words.then(|| {
        let initial = initial_words.clone();
        let counter_id = format!("count-words-{name}");
        let count = move || {
            field.value.with(|value| match value {
                Some(AnswerValue::Feelings { words, .. }) => char_count(words),
                _ => 0,
            })
        };
        let max = FEELING_WORDS_MAX_CHARS;
        view! {
            <label for=words_id.clone() class="words-label">
                "In your own words (you can leave this empty)"
            </label>
            <textarea
                id=words_id
                name=names::name(names::WORDS, &name)
                rows="2"
                readonly=!editable
                aria-describedby=counter_id.clone()
                prop:value=move || {
                    field.restored.track();
                    match field.shown_untracked() {
                        Some(AnswerValue::Feelings { words, .. }) => words,
                        _ => String::new(),
                    }
                }
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    field
                        .value
                        .update(|value| {
                            if let Some(AnswerValue::Feelings { words, .. }) = value {
                                *words = text;
                            }
                        });
                    autosave::changed(saver, field, false);
                }
            >
                {initial}
            </textarea>
            <p
                class=move || { if count() > max { "counter over" } else { "counter" } }
                id=counter_id
            >
                {move || format!("{} of {max} characters", count())}
            </p>
        }
    });
    view! {
        <fieldset class="feelings">
            <legend class="question">{item.text.clone()}</legend>
            {item.help.clone().map(|help| view! { <p class="help">{help}</p> })}
            <div class="feeling-groups">{groups}</div>
            {words}
        </fieldset>
    }
}

#[component]
fn VisibilityChoice(name: String, field: Field, saver: Saver, editable: bool) -> impl IntoView {
    let initial = field.visibility.get_untracked();
    let option = move |visibility: Visibility, label: &'static str| {
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
                    prop:checked=move || field.visibility.get() == visibility
                    on:change=move |_| {
                        field.visibility.set(visibility);
                        autosave::changed(saver, field, true);
                    }
                />
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="visibility">
            <legend>"Who can see this answer?"</legend>
            {option(Visibility::Shared, "Share it in a session")}
            {option(Visibility::TherapistOnly, "Only my therapist")}
        </fieldset>
    }
}

/// Shown when this page's save replaced text saved elsewhere: that text, to copy.
#[component]
fn ReplacedNotice(name: String, field: Field) -> impl IntoView {
    move || {
        field.replaced.get().map(|old| {
            let field_name = name.clone();
            view! {
                <div class="replaced" role="note">
                    <p>
                        "This answer was also changed in another window or on another device. "
                        "Your newer text is the one kept above. The text it replaced is below, so "
                        "you can copy anything you want to keep."
                    </p>
                    <pre class="replaced-text" data-testid="replaced-text">
                        {describe(&old)}
                    </pre>
                    <button
                        type="submit"
                        name=names::DISMISS
                        value=field_name.clone()
                        class="button button--secondary"
                        on:click=move |ev| {
                            ev.prevent_default();
                            let field_name = field_name.clone();
                            leptos::task::spawn_local(async move {
                                if crate::answer::api::dismiss_replaced(field_name).await.is_ok() {
                                    field.replaced.set(None);
                                }
                            });
                        }
                    >
                        "I have kept what I need"
                    </button>
                </div>
            }
        })
    }
}

/// An answer as plain text, for the replaced-text notice.
fn describe(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Text { text } => text.clone(),
        AnswerValue::Scale { score } => format!("{score} out of {SCALE_MAX}"),
        AnswerValue::Choice { choice } => choice.clone(),
        AnswerValue::Feelings { feelings, words } if words.is_empty() => feelings.join(", "),
        AnswerValue::Feelings { feelings, words } => format!("{}\n{words}", feelings.join(", ")),
    }
}
