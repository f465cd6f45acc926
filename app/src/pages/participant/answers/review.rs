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
};

#[component]
pub fn AnswersReviewPage() -> impl IntoView {
    let set_done = ServerAction::<SetAnswersDone>::new();
    let review = Resource::new(move || set_done.version().get(), |_| answers_review());
    view! {
        <Title text="Finish" />
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
    view! {
        <h1>"Finish"</h1>
        <p class="lead" data-testid="answered-count">
            {format!("You have answered {answered} of {total} questions.")}
        </p>
        {if open.is_empty() {
            view! { <p>"You have answered every question."</p> }.into_any()
        } else {
            view! {
                <p>
                    "It is fine to leave questions empty. If you want to go back to any of them, "
                    "here they are:"
                </p>
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
                    <p>
                        "When you are ready, tell your therapist you are done. You can still "
                        "reopen your answers until the session starts."
                    </p>
                    {done_form(true, "I'm done", "button")}
                }
                    .into_any()
            }
            AnswerAccess::Done => {
                view! {
                    <p class="notice" data-testid="done">
                        "Thank you. Your therapist will see that you are done. Nobody else is told."
                    </p>
                    <p>
                        "Want to change something? You can reopen your answers until the session starts."
                    </p>
                    {done_form(false, "Reopen my answers", "button button--secondary")}
                }
                    .into_any()
            }
            AnswerAccess::SessionStarted => view! { <SessionBoardLink /> }.into_any(),
            AnswerAccess::Closed => view! { <ExerciseClosed /> }.into_any(),
            other => view! { <p class="notice">{other.explanation(crate::i18n::page_language())}</p> }.into_any(),
        }}
        <p>
            <a href=format!("/answers/{last_section}")>"Back to the questions"</a>
        </p>
    }
}
