//! The family page's exercises: the series in order, *Start the next exercise*, and
//! starting a different one.

use leptos::prelude::*;

use crate::{
    components::{form::ServerForm, time::utc_date},
    exercise::{Focus, api::CreateExercise},
    family::model::{ExerciseSummary, TemplateChoice},
    series::{LinkPlan, NextExerciseOffer, VersionPlan, api::StartNextExercise},
};

#[component]
pub fn ExercisesCard(
    family_id: String,
    exercises: Vec<ExerciseSummary>,
    templates: Vec<TemplateChoice>,
    next: Option<NextExerciseOffer>,
) -> impl IntoView {
    let first = exercises.is_empty();
    let over_time_href = format!("/families/{family_id}/over-time");
    let list = if first {
        view! { <p>"No exercises yet."</p> }.into_any()
    } else {
        view! {
            <ol class="item-list series" data-testid="exercises">
                {exercises.into_iter().map(|e| view! { <SeriesItem exercise=e /> }).collect_view()}
            </ol>
            <p>
                <a href=over_time_href>"Over time: how the guesses have come closer"</a>
            </p>
        }
        .into_any()
    };
    let next_id = family_id.clone();
    view! {
        <section class="card" aria-labelledby="exercises-heading">
            <h2 id="exercises-heading">"Exercises"</h2>
            {list}
            {next.map(|offer| view! { <NextExercise family_id=next_id offer /> })}
            {if first {
                view! { <NewExerciseForm family_id templates /> }.into_any()
            } else {
                view! {
                    <details>
                        <summary>"Start a different exercise, with new links"</summary>
                        <NewExerciseForm family_id templates />
                    </details>
                }
                    .into_any()
            }}
        </section>
    }
}

/// One exercise of the series: what, where it stands, and when each step happened.
#[component]
fn SeriesItem(exercise: ExerciseSummary) -> impl IntoView {
    let steps = [
        ("started", Some(exercise.created_ms)),
        ("opened", exercise.opened_ms),
        ("session", exercise.session_ms),
        ("closed", exercise.closed_ms),
    ];
    let dates = steps
        .into_iter()
        .filter_map(|(what, at)| at.map(|at| format!("{what} {}", utc_date(at))))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li>
            <a href=format!(
                "/exercises/{}",
                exercise.id,
            )>{format!("{} (version {})", exercise.template_title, exercise.template_version)}</a>
            <span class="muted">" · " {exercise.status.label()}</span>
            {exercise.focus.map(|f| view! { <span class="muted">" · " {f}</span> })}
            <br />
            <span class="muted">{dates}</span>
        </li>
    }
}

#[component]
fn NextExercise(family_id: String, offer: NextExerciseOffer) -> impl IntoView {
    let start = ServerAction::<StartNextExercise>::new();
    if !offer.last_closed {
        let last_href = format!("/exercises/{}", offer.last_id);
        return view! {
            <h3>"Start the next exercise"</h3>
            <p>
                "When the last exercise, " <a href=last_href>{offer.last_label}</a>
                ", is closed, you can start the next one here with the same people. Everyone's link then opens the new exercise."
            </p>
        }
            .into_any();
    }
    let version_choice = match offer.newer_version {
        Some(newer) => view! {
            <fieldset>
                <legend>"Which version of the questions?"</legend>
                <label class="choice">
                    <input type="radio" name="template" value=VersionPlan::Same.as_str() checked />
                    {format!(
                        "The same as last time (version {}): answers compare question for question",
                        offer.same_version,
                    )}
                </label>
                <label class="choice">
                    <input type="radio" name="template" value=VersionPlan::Newest.as_str() />
                    {format!("The newest (version {newer})")}
                </label>
            </fieldset>
        }
        .into_any(),
        None => view! { <input type="hidden" name="template" value=VersionPlan::Same.as_str() /> }
            .into_any(),
    };
    view! {
        <h3 id="next-heading">"Start the next exercise"</h3>
        <p class="hint">
            {format!("The questions of {}, with the same people.", offer.last_label)}
        </p>
        <ServerForm action=start class="form">
            <input type="hidden" name="family_id" value=family_id />
            {version_choice}
            <fieldset>
                <legend>"Links"</legend>
                <label class="choice">
                    <input type="radio" name="links" value=LinkPlan::Keep.as_str() checked />
                    "Keep everyone's link: the link, passcode and phone each person already has open the new exercise"
                </label>
                <label class="choice">
                    <input type="radio" name="links" value=LinkPlan::New.as_str() />
                    "New links for everyone: the old links stop working"
                </label>
            </fieldset>
            <label for="next-focus">"Focus (optional)"</label>
            <input id="next-focus" name="focus" maxlength=Focus::MAX_CHARS.to_string() />
            <label for="next-due">"Due date (optional)"</label>
            <input id="next-due" name="due_date" type="date" />
            <button type="submit" class="button">
                "Start the next exercise"
            </button>
        </ServerForm>
    }
        .into_any()
}

#[component]
fn NewExerciseForm(family_id: String, templates: Vec<TemplateChoice>) -> impl IntoView {
    let create = ServerAction::<CreateExercise>::new();
    view! {
        <ServerForm action=create class="form">
            <input type="hidden" name="family_id" value=family_id />
            <label for="template">"Template"</label>
            <select id="template" name="template_id" required>
                {templates
                    .into_iter()
                    .map(|t| view! { <option value=t.id>{t.label}</option> })
                    .collect_view()}
            </select>
            <label for="focus">"Focus (optional)"</label>
            <p class="hint" id="focus-hint">
                "For example: \"the weekend of the relapse\"."
            </p>
            <input
                id="focus"
                name="focus"
                maxlength=Focus::MAX_CHARS.to_string()
                aria-describedby="focus-hint"
            />
            <label for="due">"Due date (optional)"</label>
            <input id="due" name="due_date" type="date" />
            <button type="submit" class="button">
                "Start an exercise"
            </button>
        </ServerForm>
    }
}
