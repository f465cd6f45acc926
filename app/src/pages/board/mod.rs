//! The board pages: the therapist's prepare and session boards, presenter mode,
//! the printable summary, and a participant's revealed board.

mod actions;
mod flags;
mod participant;
mod parts;
mod present;
mod summary;

pub use flags::FlagList;
pub use participant::ParticipantBoardPage;
pub use present::PresenterPage;
pub use summary::SummaryPage;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use self::{
    actions::BoardActions,
    parts::{Mode, NextStepsView, SectionView},
};
use crate::{
    board::{Board, api::therapist_board},
    components::{
        form::{FormError, ReturnHere},
        loaded::Loaded,
        signed_in::TherapistOnly,
    },
    exercise::ExerciseStatus,
    live::{Change, event},
};

#[component]
pub fn PreparePage() -> impl IntoView {
    view! {
        <Title text="Prepare" />
        <TherapistBoard mode=Mode::Prepare />
    }
}

#[component]
pub fn SessionBoardPage() -> impl IntoView {
    view! {
        <Title text="Session board" />
        <TherapistBoard mode=Mode::Session />
    }
}

/// The route's exercise id, read once (see `pages::exercise` for why untracked).
pub(crate) fn exercise_id_param() -> String {
    use_params_map().read_untracked().get("id").unwrap_or_default()
}

/// A counter that goes up whenever the live stream says this exercise changed.
pub(crate) fn live_changes(exercise_id: String) -> RwSignal<usize> {
    let changes = RwSignal::new(0usize);
    crate::live::listen(move |name, data| {
        if name == event::CHANGE
            && serde_json::from_str::<Change>(&data)
                .is_ok_and(|change| change.concerns(&exercise_id))
        {
            changes.update(|n| *n += 1);
        }
    });
    changes
}

/// The board's data is fetched here, outside the signed-in gate: while the server
/// waits for data it rebuilds the gate's content, and a resource made inside it
/// would be fetched (the whole board loaded and built) each time. The fetch itself
/// is refused to anyone but the exercise's therapist.
#[component]
fn TherapistBoard(mode: Mode) -> impl IntoView {
    let exercise_id = exercise_id_param();
    let actions = BoardActions::new();
    // Preparing does not follow live changes: a refetch would redraw notes being typed.
    let changes =
        if mode == Mode::Session { Some(live_changes(exercise_id.clone())) } else { None };
    let board = {
        let exercise_id = exercise_id.clone();
        Resource::new(
            move || (exercise_id.clone(), actions.version(), changes.map(|c| c.get())),
            |(id, _, _)| therapist_board(id),
        )
    };
    let error = Signal::derive(move || actions.last_error().map(Err::<(), _>));
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <div class="board board--wide" class:board--session=mode == Mode::Session>
                    <FormError result=error />
                    <Loaded
                        resource=board
                        render=move |board| view! { <BoardBody board mode actions /> }
                    />
                </div>
            }
                .into_any()
        } />
    }
}

#[component]
fn BoardBody(board: Board, mode: Mode, actions: BoardActions) -> impl IntoView {
    let id = board.exercise_id.clone();
    let reveal_blocked = board.reveal_blocked();
    let title = match mode {
        Mode::Prepare => "Prepare",
        _ => "Session board",
    };
    let start_id = id.clone();
    let start_session = (mode == Mode::Session && board.status == ExerciseStatus::Open).then(move || {
        view! {
            <div class="notice">
                <p>
                    "The family can still change their answers. Start the session to keep them as "
                    "they are; then you can reveal each part."
                </p>
                <ActionForm action=actions.advance>
                    <ReturnHere />
                    <input type="hidden" name="exercise_id" value=start_id />
                    <input type="hidden" name="to" value="in_session" />
                    <button type="submit" class="button">
                        "Start the session"
                    </button>
                </ActionForm>
            </div>
        }
    });
    let people = board.people.clone();
    view! {
        <p>
            <a href=format!("/exercises/{id}")>"← Exercise and invitation links"</a>
        </p>
        <h1>{format!("{title} · {}", board.family_name)}</h1>
        {board.focus.clone().map(|focus| view! { <p class="lead">"Focus: " {focus}</p> })}
        <p data-testid="board-status">"Status: " <strong>{board.status.label()}</strong></p>
        <nav class="board-links" aria-label="This exercise">
            <a href=format!("/exercises/{id}/prepare")>"Prepare"</a>
            <a href=format!("/exercises/{id}/board")>"Session board"</a>
            <a href=format!("/exercises/{id}/present") target="_blank" rel="noopener">
                "Presenter mode (opens a new tab)"
            </a>
            <a href=format!("/exercises/{id}/summary")>"Printable summary"</a>
            <a href=crate::board::export_path(&id) download="">
                "Export (JSON)"
            </a>
        </nav>
        {start_session}
        <FlagList flags=board.flags.clone() acknowledge=actions.acknowledge />
        {(mode == Mode::Session && reveal_blocked)
            .then(|| view! { <RevealBlocked flags=board.flags.clone() /> })}
        {board
            .sections
            .into_iter()
            .map(|section| {
                view! {
                    <SectionView
                        section
                        exercise_id=id.clone()
                        mode
                        actions=Some(actions)
                        reveal_blocked
                    />
                }
            })
            .collect_view()}
        <NextStepsView steps=board.next_steps exercise_id=id.clone() actions=actions />
        {(mode == Mode::Session).then(|| view! { <AddNextStep exercise_id=id people actions /> })}
    }
}

#[component]
fn AddNextStep(
    exercise_id: String,
    people: Vec<crate::board::Person>,
    actions: BoardActions,
) -> impl IntoView {
    view! {
        <ActionForm action=actions.add_step attr:class="form card">
            <h3>"Add a next step"</h3>
            <ReturnHere />
            <input type="hidden" name="exercise_id" value=exercise_id />
            <label for="step-who">"Who"</label>
            <select id="step-who" name="who_id" required>
                {people
                    .into_iter()
                    .map(|person| view! { <option value=person.id>{person.name}</option> })
                    .collect_view()}
            </select>
            <label for="step-what">"What they will do"</label>
            <textarea
                id="step-what"
                name="what"
                rows="2"
                required
                maxlength=crate::board::NEXT_STEP_MAX_CHARS.to_string()
            ></textarea>
            <label for="step-when">"By when (optional)"</label>
            <input id="step-when" name="by_when" type="date" />
            <button type="submit" class="button">
                "Add next step"
            </button>
        </ActionForm>
    }
}

/// Why the Reveal buttons are off: whose safety check-in waits, with a link to it.
#[component]
fn RevealBlocked(flags: Vec<crate::board::FlagView>) -> impl IntoView {
    let waiting: Vec<_> = flags.into_iter().filter(|f| f.safety && !f.acknowledged).collect();
    let count = waiting.len();
    view! {
        <p class="form-error" role="alert" data-testid="reveal-blocked">
            "Nothing can be revealed until you have read and acknowledged "
            {waiting
                .into_iter()
                .enumerate()
                .map(|(i, flag)| {
                    let joiner = match (i, count) {
                        (0, _) => "",
                        (i, n) if i + 1 == n => " and ",
                        _ => ", ",
                    };
                    view! {
                        {joiner}
                        <a href=format!(
                            "#flag-{}",
                            flag.id,
                        )>{format!("{}'s safety check-in", flag.participant_name)}</a>
                    }
                })
                .collect_view()}
            "."
        </p>
    }
}
