//! `/answers/review`: the last page. What is still unanswered (allowed), then
//! "I'm done", or, once done, "reopen" until the session starts.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::participant::{ExerciseClosed, ParticipantLoaded, SessionBoardLink};
use crate::{
    answer::{
        AnswerAccess, Review,
        api::{SetAnswersDone, answers_review},
    },
    components::form::ServerForm,
    i18n::{fill, keys::AnswerTexts, page_language, texts},
};

#[component]
pub fn AnswersReviewPage() -> impl IntoView {
    let set_done = ServerAction::<SetAnswersDone>::new();
    let review = Resource::new(move || set_done.version().get(), |_| answers_review());
    let title = texts::<AnswerTexts>().finish;
    view! {
        <Title text=title />
        <ParticipantLoaded
            resource=review
            render=move |review| view! { <ReviewView review set_done /> }
        />
    }
}

#[component]
fn ReviewView(review: Review, set_done: ServerAction<SetAnswersDone>) -> impl IntoView {
    let Review { sections, answered, total, access } = review;
    let last_section = sections.len();
    let open: Vec<_> = sections.into_iter().filter(|s| !s.unanswered.is_empty()).collect();
    let done_form = move |done: bool, label: &'static str, class: &'static str| {
        view! {
            <ServerForm action=set_done class="form">
                <input type="hidden" name="done" value=done.to_string() />
                <button type="submit" class=class>
                    {label}
                </button>
            </ServerForm>
        }
    };
    let t = texts::<AnswerTexts>();
    let answered_of =
        fill(t.answered_of, &[("answered", &answered.to_string()), ("total", &total.to_string())]);
    view! {
        <h1>{t.finish}</h1>
        <p class="lead" data-testid="answered-count">
            {answered_of}
        </p>
        {if open.is_empty() {
            view! { <p>{t.answered_all}</p> }.into_any()
        } else {
            view! {
                <p>{t.leave_empty}</p>
                <ul class="unanswered">
                    {open
                        .into_iter()
                        .map(|section| {
                            view! {
                                <li>
                                    <a href=format!(
                                        "/answers/{}",
                                        section.number,
                                    )>{section.title}</a>
                                    <ul>
                                        {section
                                            .unanswered
                                            .into_iter()
                                            .map(|text| view! { <li>{text}</li> })
                                            .collect_view()}
                                    </ul>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        {match access {
            AnswerAccess::Open => {
                view! {
                    <p>{t.ready_done}</p>
                    {done_form(true, t.done, "button")}
                }
                    .into_any()
            }
            AnswerAccess::Done => {
                view! {
                    <p class="notice" data-testid="done">
                        {t.done_thanks}
                    </p>
                    <p>{t.reopen_hint}</p>
                    {done_form(false, t.reopen, "button button--secondary")}
                }
                    .into_any()
            }
            AnswerAccess::SessionStarted => view! { <SessionBoardLink /> }.into_any(),
            AnswerAccess::Closed => view! { <ExerciseClosed /> }.into_any(),
            other => view! { <p class="notice">{other.explanation(page_language())}</p> }.into_any(),
        }}
        <p>
            <a href=format!("/answers/{last_section}")>{t.back_to_questions}</a>
        </p>
    }
}
