//! Adding a next step during the session. What the therapist has typed is kept in
//! signals outside the board, so a live change that redraws the board (a family
//! member rating a guess, say) does not wipe a half-written step.

use leptos::prelude::*;

use crate::components::board::actions::BoardActions;
use crate::{
    board::{NEXT_STEP_MAX_CHARS, Person},
    components::form::ServerForm,
};

/// The next step being written, kept across redraws; emptied once it is added.
#[derive(Clone, Copy)]
pub struct NextStepDraft {
    who: RwSignal<String>,
    for_whom: RwSignal<String>,
    what: RwSignal<String>,
    by_when: RwSignal<String>,
}

impl NextStepDraft {
    pub fn new(actions: BoardActions) -> Self {
        let draft = NextStepDraft {
            who: RwSignal::new(String::new()),
            for_whom: RwSignal::new(String::new()),
            what: RwSignal::new(String::new()),
            by_when: RwSignal::new(String::new()),
        };
        Effect::watch(
            move || actions.add_step.version().get(),
            move |_, _, _| {
                if matches!(actions.add_step.value().get_untracked(), Some(Ok(()))) {
                    draft.what.set(String::new());
                    draft.by_when.set(String::new());
                }
            },
            false,
        );
        draft
    }
}

#[component]
pub fn AddNextStep(
    exercise_id: String,
    people: Vec<Person>,
    actions: BoardActions,
    draft: NextStepDraft,
) -> impl IntoView {
    let chosen = draft.who.get_untracked();
    let chosen_for = draft.for_whom.get_untracked();
    let others = people.clone();
    view! {
        <ServerForm
            action=actions.add_step
            class="form card"
            fragment="next-steps-heading"
            quiet=true
        >
            <h3>"Add a next step"</h3>
            <input type="hidden" name="exercise_id" value=exercise_id />
            <label for="step-who">"Who"</label>
            <select
                id="step-who"
                name="who_id"
                required
                data-focus-key="step-who"
                on:change=move |ev| draft.who.set(event_target_value(&ev))
            >
                {person_options(people, chosen)}
            </select>
            <label for="step-for">"For whom (optional)"</label>
            <select
                id="step-for"
                name="for_id"
                data-focus-key="step-for"
                on:change=move |ev| draft.for_whom.set(event_target_value(&ev))
            >
                <option value="" selected=chosen_for.is_empty()>
                    "Nobody in particular"
                </option>
                {person_options(others, chosen_for)}
            </select>
            <p class="hint">
                "In the next exercise, the person who agreed is asked how it has gone, and the person it is for whether they have noticed a change."
            </p>
            <label for="step-what">"What they will do"</label>
            <textarea
                id="step-what"
                name="what"
                rows="2"
                required
                maxlength=NEXT_STEP_MAX_CHARS.to_string()
                data-focus-key="step-what"
                prop:value=move || draft.what.get()
                on:input=move |ev| draft.what.set(event_target_value(&ev))
            ></textarea>
            <label for="step-when">"By when (optional)"</label>
            <input
                id="step-when"
                name="by_when"
                type="date"
                data-focus-key="step-when"
                prop:value=move || draft.by_when.get()
                on:input=move |ev| draft.by_when.set(event_target_value(&ev))
            />
            <button type="submit" class="button" data-focus-key="step-add">
                "Add next step"
            </button>
        </ServerForm>
    }
}

/// One `<option>` per person, the one chosen before a redraw still selected.
fn person_options(people: Vec<Person>, chosen: String) -> impl IntoView {
    people
        .into_iter()
        .map(move |person| {
            let selected = person.id == chosen;
            view! {
                <option value=person.id selected=selected>
                    {person.name}
                </option>
            }
        })
        .collect_view()
}
