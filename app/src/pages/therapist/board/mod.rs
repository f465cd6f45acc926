//! The therapist's board pages: the prepare and session boards, presenter mode and
//! the printable summary (a participant's own board is `pages::participant::board`;
//! the pieces both use are in `components::board`).

mod add_step;
mod present;
mod summary;

pub use present::PresenterPage;
pub use summary::SummaryPage;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use self::add_step::{AddNextStep, NextStepDraft};
use crate::islands::preload::PreloadIsland;
use crate::{
    board::{Board, api::therapist_board},
    components::{
        board::{
            actions::BoardActions,
            navigator::{NavEntry, Reading, SectionNavigator},
            parts::{Mode, NextStepsView, SectionView},
            refetch::refetch_when,
        },
        flags::FlagList,
        form::{FormError, ServerForm},
        keep_place,
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
    let board = Resource::new(move || exercise_id.clone(), therapist_board);
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <div class="board board--wide" class:board--session=mode == Mode::Session>
                    <Loaded resource=board render=move |board| view! {
                        <PreloadIsland name="live_board" />
                        <LiveBoard board mode />
                    } />
                </div>
            }
                .into_any()
        } />
    }
}

/// The board in the browser (a lazy island: its code is fetched only by the pages
/// that show it, never by a family member's phone). It starts from the board the
/// server rendered and fetches it again after each action and, in the session,
/// each live change. Its props are the therapist's own board, as the page shows it.
#[island(lazy)]
fn LiveBoard(board: Board, mode: Mode) -> impl IntoView {
    let exercise_id = board.exercise_id.clone();
    let actions = BoardActions::new();
    // Preparing does not follow live changes: a refetch would redraw notes being typed.
    let changes =
        if mode == Mode::Session { Some(live_changes(exercise_id.clone())) } else { None };
    let current = RwSignal::new(board);
    let failed = RwSignal::new(None);
    refetch_when(
        move || (actions.version(), changes.map(|c| c.get())),
        move || therapist_board(exercise_id.clone()),
        current,
        failed,
    );
    let error =
        Signal::derive(move || failed.get().or_else(|| actions.last_error()).map(Err::<(), _>));
    // Both outlive the board's redraws (after each action and live change).
    let reading = Reading::new();
    let step_draft = NextStepDraft::new(actions);
    crate::islands::island_ready();
    view! {
        <FormError result=error />
        {move || {
            // Boxed: the board's view type is large, and unboxed it overflowed a 2 MiB
            // thread stack in a debug build.
            view! { <BoardBody board=current.get() mode actions reading step_draft /> }
                .into_any()
        }}
    }
}

/// The board, drawn again whole after every action and live change. It keeps the
/// reader's place: the control that had focus keeps it, at the same height in the
/// window (`keep_place`).
#[component]
fn BoardBody(
    board: Board,
    mode: Mode,
    actions: BoardActions,
    reading: Reading,
    step_draft: NextStepDraft,
) -> impl IntoView {
    if let Some(place) = keep_place::remember() {
        Effect::new(move || keep_place::restore(&place));
    }
    Effect::new(move || reading.follow());
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
                <ServerForm action=actions.advance quiet=true>
                    <input type="hidden" name="exercise_id" value=start_id />
                    <input type="hidden" name="to" value="in_session" />
                    <button type="submit" class="button">
                        "Start the session"
                    </button>
                </ServerForm>
            </div>
        }
    });
    let people = board.people.clone();
    let entries: Vec<NavEntry> = board.sections.iter().map(NavEntry::of).collect();
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
        <SectionNavigator entries reading />
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
                        reading
                    />
                }
            })
            .collect_view()}
        <NextStepsView steps=board.next_steps exercise_id=id.clone() actions=actions />
        {(mode == Mode::Session)
            .then(|| view! { <AddNextStep exercise_id=id people actions draft=step_draft /> })}
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
