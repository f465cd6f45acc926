//! Pieces every board page draws: a section, a perspective with its pair rows side
//! by side, an answer (feelings as chips, matches marked), next steps.

use leptos::prelude::*;

use super::{actions::BoardActions, follow_ups::FollowUpView, navigator::Reading};
use crate::{
    answer::{AnswerValue, SCALE_MAX, feelings::feeling_label},
    board::{
        BoardSection, NextStep, PairRow, Perspective, QuestionAnswers, Shown, pair_note_target,
        section_note_target,
    },
    components::{form::ServerForm, keep_place::focus_key},
    i18n::{
        Language, fill,
        keys::{BoardMarks, BoardTexts},
        page_language, texts,
    },
};

/// What a board page is for; decides which controls it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// The therapist reads before the session and writes notes.
    Prepare,
    /// The therapist leads the session: reveal, discussed, ratings.
    Session,
    /// A shared screen: large type, revealed and shared only.
    Presenter,
    /// A participant's device: revealed and shared only, rating guesses about them.
    Participant,
    /// The printable record.
    Summary,
}

impl Mode {
    pub(super) fn is_therapists_own(self) -> bool {
        matches!(self, Mode::Prepare | Mode::Session | Mode::Summary)
    }
}

#[component]
pub fn SectionView(
    section: BoardSection,
    exercise_id: String,
    mode: Mode,
    actions: Option<BoardActions>,
    #[prop(optional)] reveal_blocked: bool,
    /// Given on the therapist's long boards: the part folds, and stays as left.
    #[prop(optional)]
    reading: Option<Reading>,
) -> impl IntoView {
    let heading_id = format!("section-{}", section.key);
    let all_discussed = super::navigator::all_discussed(&section);
    let revealed = section.revealed;
    let status = match (revealed, section.never_shown) {
        (_, Some(_)) => "Never shown to the family",
        (true, None) => "Shown to the family",
        (false, None) => "Not shown yet",
    };
    let (form_exercise_id, form_section_key) = (exercise_id.clone(), section.key.clone());
    let form_title = section.title.clone();
    let (return_anchor, reveal_focus) = (heading_id.clone(), focus_key(&["reveal", &section.key]));
    let never_shown = section.never_shown;
    let reveal_control = (mode == Mode::Session && never_shown.is_none())
        .then_some(actions)
        .flatten()
        .map(move |actions| {
            let label = if revealed {
                format!("Hide {form_title}")
            } else {
                format!("Reveal {form_title}")
            };
            view! {
                <ServerForm
                    action=actions.reveal
                    class="inline-form"
                    fragment=return_anchor
                    quiet=true
                >
                    <input type="hidden" name="exercise_id" value=form_exercise_id />
                    <input type="hidden" name="section_key" value=form_section_key />
                    <input type="hidden" name="revealed" value=(!revealed).to_string() />
                    <button
                        type="submit"
                        class=if revealed { "button button--secondary" } else { "button" }
                        disabled=!revealed && reveal_blocked
                        data-focus-key=reveal_focus
                    >
                        {label}
                    </button>
                </ServerForm>
            }
        });
    let note_target = section_note_target(&section.key);
    let empty = section.is_empty();
    let show_body = revealed || mode.is_therapists_own();
    let section_key = section.key.clone();
    let body = view! {
        {show_body.then(|| view! { <p class="why">{section.why.clone()}</p> })}
        {(!revealed && !mode.is_therapists_own())
            .then(|| {
                view! { <p class="muted">{texts::<BoardTexts>().not_shown_yet}</p> }
            })}
        {(show_body && empty && mode.is_therapists_own())
            .then(|| view! { <p class="muted">"No answers in this part."</p> })}
        {section
            .perspectives
            .into_iter()
            .map(|perspective| {
                view! {
                    <PerspectiveView perspective exercise_id=exercise_id.clone() mode actions />
                }
            })
            .collect_view()}
        {section
            .everyone
            .into_iter()
            .map(|question| view! { <EveryoneView question /> })
            .collect_view()}
        {section
            .follow_ups
            .into_iter()
            .map(|follow_up| view! { <FollowUpView follow_up mode /> })
            .collect_view()}
        {match mode {
            Mode::Prepare => {
                actions
                    .map(|actions| {
                        view! {
                            <NoteForm
                                actions
                                exercise_id=exercise_id.clone()
                                target=note_target.clone()
                                label=format!("Your notes on {}", section.title)
                                body=section.note.clone().unwrap_or_default()
                            />
                        }
                            .into_any()
                    })
            }
            Mode::Session | Mode::Summary => {
                section.note.clone().map(|note| view! { <PrivateNote note /> }.into_any())
            }
            _ => None,
        }}
    };
    view! {
        <section
            class="board-section"
            class:board-section--hidden=!revealed
            aria-labelledby=heading_id.clone()
            data-section=section.key.clone()
            data-revealed=revealed.to_string()
        >
            <header class="board-section__head">
                <h2 id=heading_id.clone()>{section.title.clone()}</h2>
                {(mode != Mode::Presenter && mode != Mode::Participant)
                    .then(|| view! { <span class="badge" data-testid="reveal-state">{status}</span> })}
                {reveal_control}
            </header>
            {never_shown
                .filter(|_| mode == Mode::Session)
                .map(|never| view! { <p class="muted" data-testid="never-shown">{never.explanation()}</p> })}
            {match reading {
                Some(reading) => {
                    let key = section_key.clone();
                    let open = reading.is_open(&key, all_discussed);
                    let fold_focus = focus_key(&["fold", &key]);
                    view! {
                        <details
                            class="board-section__body"
                            open=open
                            on:toggle=move |ev| {
                                let details = event_target::<leptos::web_sys::Element>(&ev);
                                reading.set_open(key.clone(), details.has_attribute("open"));
                            }
                        >
                            <summary data-focus-key=fold_focus>
                                {if all_discussed {
                                    "Answers and notes (all discussed)"
                                } else {
                                    "Answers and notes"
                                }}
                            </summary>
                            {body}
                        </details>
                    }
                        .into_any()
                }
                None => body.into_any(),
            }}
        </section>
    }
}

#[component]
fn PerspectiveView(
    perspective: Perspective,
    exercise_id: String,
    mode: Mode,
    actions: Option<BoardActions>,
) -> impl IntoView {
    let subject = perspective.subject;
    view! {
        <div class="perspective" data-subject=subject.name.clone()>
            <h3>{fill(texts::<BoardTexts>().perspective, &[("name", &subject.name)])}</h3>
            {perspective
                .rows
                .into_iter()
                .map(|row| {
                    view! {
                        <PairRowView
                            row
                            subject_id=subject.id.clone()
                            subject_name=subject.name.clone()
                            exercise_id=exercise_id.clone()
                            mode
                            actions
                        />
                    }
                })
                .collect_view()}
            {(!perspective.also.is_empty())
                .then(|| {
                    view! {
                        <ul class="also">
                            {perspective
                                .also
                                .into_iter()
                                .map(|shown| {
                                    view! {
                                        <li>
                                            <span class="question">{shown.question.clone()}</span>
                                            " "
                                            <strong>{shown.author_name.clone()} ": "</strong>
                                            <ValueView shown matches=vec![] />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}

#[component]
fn PairRowView(
    row: PairRow,
    subject_id: String,
    subject_name: String,
    exercise_id: String,
    mode: Mode,
    actions: Option<BoardActions>,
) -> impl IntoView {
    let matches = row.shared_feelings();
    let t = texts::<BoardTexts>();
    let own_heading = fill(t.own_words, &[("name", &subject_name)]);
    let imagined_heading = match row.imagined.first() {
        Some(first) if row.imagined.iter().all(|s| s.author_id == first.author_id) => {
            fill(t.imagined_by, &[("name", &first.author_name)])
        }
        _ => t.imagined_by_others.to_owned(),
    };
    let has_imagined_side = row.imagined_question.is_some();
    let target = pair_note_target(&row.pair_key, &subject_id);
    let closeness_text = row.closeness.map(|c| {
        let said = fill(
            t.closeness,
            &[
                ("name", &subject_name),
                ("label", closeness_label(c.rating)),
                ("rating", &c.rating.to_string()),
            ],
        );
        if c.by_therapist { format!("{said}{}", t.closeness_by_therapist) } else { said }
    });
    let therapist_controls = mode == Mode::Session;
    // The therapist sees every side, an empty one as "No answer". Everyone else sees
    // only the sides someone shared, with no gap where another would be: nothing
    // shows who kept an answer for the therapist.
    let own_side = mode.is_therapists_own() || !row.own.is_empty();
    let imagined_side = has_imagined_side && (mode.is_therapists_own() || !row.imagined.is_empty());
    // Forms sent from this pair without JavaScript come back to it.
    let anchor = focus_key(&["pair", &row.pair_key, &subject_id]);
    view! {
        <div
            class="pair"
            id=anchor.clone()
            data-pair=row.pair_key.clone()
            data-discussed=row.discussed.to_string()
        >
            <div class="pair__sides" class:pair__sides--single=!(own_side && imagined_side)>
                {own_side
                    .then(|| {
                        view! {
                            <Side
                                heading=own_heading
                                question=row.own_question.clone()
                                answers=row.own
                                matches=matches.clone()
                            />
                        }
                    })}
                {imagined_side
                    .then(|| {
                        view! {
                            <Side
                                heading=imagined_heading
                                question=row.imagined_question.clone()
                                answers=row.imagined
                                matches=matches.clone()
                            />
                        }
                    })}
            </div>
            {(!matches.is_empty())
                .then(|| {
                    view! {
                        <p class="matches">
                            {t.feelings_both} <strong>{feelings_in(&matches)}</strong>
                        </p>
                    }
                })}
            {closeness_text.map(|text| view! { <p class="closeness">{text}</p> })}
            {(row.discussed && mode != Mode::Participant)
                .then(|| view! { <p class="discussed">"✓ Discussed"</p> })}
            {match (mode, actions) {
                (Mode::Prepare, Some(actions)) => {
                    Some(
                        view! {
                            <NoteForm
                                actions
                                exercise_id=exercise_id.clone()
                                target
                                label=format!("Your notes on this pair ({subject_name})")
                                body=row.note.clone().unwrap_or_default()
                            />
                        }
                            .into_any(),
                    )
                }
                (Mode::Session | Mode::Summary, _) => {
                    row.note.clone().map(|note| view! { <PrivateNote note /> }.into_any())
                }
                _ => None,
            }}
            <div class="pair__controls">
            {(therapist_controls)
                .then_some(actions)
                .flatten()
                .map(|actions| {
                    let (exercise_id, pair_key, subject_id) =
                        (exercise_id.clone(), row.pair_key.clone(), subject_id.clone());
                    let focus = focus_key(&["discussed", &pair_key, &subject_id]);
                    let anchor = anchor.clone();
                    view! {
                        <ServerForm
                            action=actions.discussed
                            class="inline-form"
                            fragment=anchor
                            quiet=true
                        >
                            <input type="hidden" name="exercise_id" value=exercise_id />
                            <input type="hidden" name="pair_key" value=pair_key />
                            <input type="hidden" name="subject_id" value=subject_id />
                            <input
                                type="hidden"
                                name="discussed"
                                value=(!row.discussed).to_string()
                            />
                            <button
                                type="submit"
                                class="button button--secondary"
                                data-focus-key=focus
                            >
                                {if row.discussed { "Not discussed yet" } else { "Mark discussed" }}
                            </button>
                        </ServerForm>
                    }
                })}
            {(row.may_rate && matches!(mode, Mode::Session | Mode::Participant))
                .then_some(actions)
                .flatten()
                .map(|actions| {
                    let legend = if mode == Mode::Participant {
                        t.rate_about_you.to_owned()
                    } else {
                        format!("How close was the guess, for {subject_name}?")
                    };
                    let anchor = anchor.clone();
                    view! {
                        <RateForm
                            actions
                            anchor
                            legend
                            exercise_id=exercise_id.clone()
                            pair_key=row.pair_key.clone()
                            subject_id=subject_id.clone()
                            current=row.closeness.map(|c| c.rating)
                        />
                    }
                })}
            </div>
        </div>
    }
}

#[component]
pub(super) fn Side(
    heading: String,
    question: Option<String>,
    answers: Vec<Shown>,
    matches: Vec<String>,
) -> impl IntoView {
    let empty = answers.is_empty();
    view! {
        <div class="pair__side">
            <h4>{heading}</h4>
            {(empty)
                .then(|| {
                    view! {
                        {question.map(|q| view! { <p class="question">{q}</p> })}
                        <p class="muted">{texts::<BoardTexts>().no_answer}</p>
                    }
                })}
            {answers
                .into_iter()
                .map(|shown| {
                    view! {
                        <div class="shown">
                            <p class="question">{shown.question.clone()}</p>
                            <ValueView shown matches=matches.clone() />
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn EveryoneView(question: QuestionAnswers) -> impl IntoView {
    view! {
        <div class="everyone" data-prompt=question.prompt_key.clone()>
            <h3 class="question">{question.question.clone()}</h3>
            {question
                .answers
                .is_empty()
                .then(|| view! { <p class="muted">{texts::<BoardTexts>().no_answers}</p> })}
            <ul class="everyone__answers">
                {question
                    .answers
                    .into_iter()
                    .map(|shown| {
                        view! {
                            <li>
                                <strong>{shown.author_name.clone()}</strong>
                                <ValueView shown matches=vec![] />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// One answer's content. `matches` are feelings the other side named too.
#[component]
pub fn ValueView(shown: Shown, matches: Vec<String>) -> impl IntoView {
    let private = shown.therapist_only.then(|| {
        view! { <span class="badge badge--private">"Therapist only"</span> }
    });
    // An answer keeps the language it was written in; the board says so when that
    // is not the reader's, and marks its text with `lang` (screen readers switch voice).
    let language = shown.language.code();
    let written_in = shown.written_in_other.then(|| {
        let marks = texts::<BoardMarks>();
        let mark = match shown.language {
            Language::En => marks.written_in_en,
            Language::Es => marks.written_in_es,
        };
        view! {
            <span class="badge badge--language" data-testid="written-in">
                {mark}
            </span>
        }
    });
    let reading = page_language();
    let feelings_label = texts::<BoardTexts>().feelings;
    let content = match shown.value {
        AnswerValue::Text { text } => view! {
            <p class="answer-text" lang=language>
                {text}
            </p>
        }
        .into_any(),
        AnswerValue::Scale { score } => view! {
            <p class="answer-text">
                <strong>{format!("{score} of {SCALE_MAX}")}</strong>
                {shown.label.map(|l| view! { <span class="muted">{format!(" ({l})")}</span> })}
            </p>
        }
        .into_any(),
        AnswerValue::Choice { choice } => {
            view! { <p class="answer-text">{shown.label.unwrap_or(choice)}</p> }.into_any()
        }
        AnswerValue::Feelings { feelings, words } => view! {
            <ul class="chips" aria-label=feelings_label>
                {feelings
                    .into_iter()
                    .map(|feeling| {
                        let matched = matches.contains(&feeling);
                        view! {
                            <li class="chip" class:chip--match=matched>
                                {matched.then(|| view! { <span aria-hidden="true">"✓ "</span> })}
                                {feeling_label(&feeling, reading).to_owned()}
                                {matched
                                    .then(|| {
                                        view! {
                                            <span class="visually-hidden">
                                                {texts::<BoardTexts>().both_named}
                                            </span>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!words.trim().is_empty())
                .then(|| {
                    view! {
                        <p class="answer-text" lang=language>
                            {words}
                        </p>
                    }
                })}
        }
        .into_any(),
    };
    view! {
        {private}
        {written_in}
        {content}
    }
}

/// A closeness rating's words (0–4), in the page's language.
fn closeness_label(rating: u8) -> &'static str {
    let t = texts::<BoardTexts>();
    [t.close_0, t.close_1, t.close_2, t.close_3, t.close_4][usize::from(rating.min(4))]
}

/// Feelings (stored as the vocabulary's words) as the page's language says them.
fn feelings_in(feelings: &[String]) -> String {
    let language = page_language();
    feelings.iter().map(|f| feeling_label(f, language)).collect::<Vec<_>>().join(", ")
}

#[component]
fn PrivateNote(note: String) -> impl IntoView {
    view! {
        <div class="private-note">
            <p class="private-note__label">"Your private note"</p>
            <p class="answer-text">{note}</p>
        </div>
    }
}

#[component]
fn NoteForm(
    actions: BoardActions,
    exercise_id: String,
    target: String,
    label: String,
    body: String,
) -> impl IntoView {
    let id = format!("note-{}", target.replace([':', '.'], "-"));
    view! {
        <ServerForm action=actions.note class="form note-form" quiet=true>
            <input type="hidden" name="exercise_id" value=exercise_id />
            <input type="hidden" name="target" value=target />
            <label for=id.clone()>{label}</label>
            <textarea id=id name="body" rows="3">
                {body}
            </textarea>
            <button type="submit" class="button button--secondary">
                "Save note"
            </button>
        </ServerForm>
    }
}

#[component]
fn RateForm(
    actions: BoardActions,
    anchor: String,
    legend: String,
    exercise_id: String,
    pair_key: String,
    subject_id: String,
    current: Option<u8>,
) -> impl IntoView {
    view! {
        <ServerForm action=actions.rate class="rate-form" fragment=anchor.clone() quiet=true>
            <input type="hidden" name="exercise_id" value=exercise_id />
            <input type="hidden" name="pair_key" value=pair_key />
            <input type="hidden" name="subject_id" value=subject_id />
            <fieldset>
                <legend>{legend}</legend>
                <div class="rate-buttons">
                    {(0u8..=4)
                        .map(|rating| {
                            let chosen = current == Some(rating);
                            view! {
                                <button
                                    type="submit"
                                    name="rating"
                                    value=rating.to_string()
                                    class="rate-button"
                                    aria-pressed=chosen.to_string()
                                    data-focus-key=format!("{anchor}-rate-{rating}")
                                >
                                    <span class="rate-button__number">{rating}</span>
                                    " "
                                    <span class="rate-button__label">
                                        {closeness_label(rating)}
                                    </span>
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </ServerForm>
    }
}

#[component]
pub fn NextStepsView(
    steps: Vec<NextStep>,
    exercise_id: String,
    #[prop(optional)] actions: Option<BoardActions>,
) -> impl IntoView {
    let t = texts::<BoardTexts>();
    view! {
        <section class="next-steps" aria-labelledby="next-steps-heading">
            <h2 id="next-steps-heading">{t.next_steps}</h2>
            {steps.is_empty().then(|| view! { <p class="muted">{t.no_next_steps}</p> })}
            <ul class="item-list" data-testid="next-steps">
                {steps
                    .into_iter()
                    .map(|step| {
                        let exercise_id = exercise_id.clone();
                        let (step_id, step_label) = (
                            step.id.clone(),
                            format!("Remove \"{}\"", step.what),
                        );
                        let remove = actions
                            .map(move |actions| {
                                view! {
                                    <ServerForm
                                        action=actions.remove_step
                                        class="inline-form"
                                        quiet=true
                                    >
                                        <input type="hidden" name="exercise_id" value=exercise_id />
                                        <input type="hidden" name="step_id" value=step_id />
                                        <button type="submit" class="button button--secondary">
                                            {step_label}
                                        </button>
                                    </ServerForm>
                                }
                            });
                        view! {
                            <li>
                                <strong>{step.who_name}</strong>
                                {step.for_name.map(|name| fill(t.step_for, &[("name", &name)]))}
                                {format!(": {}", step.what)}
                                {step.by_when.map(|date| fill(t.step_by, &[("date", &date)]))}
                                {remove}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
