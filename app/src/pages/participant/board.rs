//! `/board`: a participant's revealed board, live: what the therapist has shown
//! in the session, and the guesses about them they can rate.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::board::{
    actions::BoardActions,
    parts::{Mode, NextStepsView, SectionView},
    refetch::refetch_when,
};
use crate::islands::preload::PreloadIsland;
use crate::{
    board::{Board, api::participant_board},
    components::{
        form::FormError,
        participant::{ParticipantLoaded, UseYourLink},
    },
    exercise::ExerciseStatus,
    i18n::{keys::BoardTexts, texts},
    live::event,
};

#[component]
pub fn ParticipantBoardPage() -> impl IntoView {
    let board = Resource::new(|| (), |_| participant_board());
    let title = texts::<BoardTexts>().title;
    view! {
        <Title text=title />
        <div class="board" aria-live="polite">
            <ParticipantLoaded
                resource=board
                render=|board| {
                    view! {
                        <PreloadIsland name="live_participant_board" />
                        <LiveParticipantBoard board />
                    }
                }
            />
        </div>
    }
}

/// The board in the browser, live: the stream sends the whole board as this
/// participant may see it, and a rating just given fetches it again. A lazy island,
/// fetched only when the session board is opened. Its props are this participant's
/// own board, exactly what the page shows.
#[island(lazy)]
fn LiveParticipantBoard(board: Board) -> impl IntoView {
    let actions = BoardActions::new();
    let current = RwSignal::new(board);
    let ended = RwSignal::new(false);
    crate::live::listen(move |name, data| match name {
        event::BOARD => {
            if let Ok(board) = serde_json::from_str::<Board>(&data) {
                current.set(board);
            }
        }
        event::ENDED => ended.set(true),
        _ => {}
    });
    let failed = RwSignal::new(None);
    refetch_when(move || actions.rate.version().get(), participant_board, current, failed);
    let error = Signal::derive(move || {
        failed.get().or_else(|| actions.rate.value().get().and_then(Result::err)).map(Err::<(), _>)
    });
    crate::islands::island_ready();
    view! {
        <FormError result=error />
        {move || ended.get().then(|| view! { <UseYourLink /> })}
        {move || view! { <ParticipantBoardView board=current.get() actions /> }.into_any()}
    }
}

#[component]
fn ParticipantBoardView(board: Board, actions: BoardActions) -> impl IntoView {
    let id = board.exercise_id.clone();
    let shown = board.revealed_count();
    let t = texts::<BoardTexts>();
    let intro = match board.status {
        ExerciseStatus::Draft | ExerciseStatus::Open => t.intro_before,
        ExerciseStatus::InSession if shown == 0 => t.intro_started,
        ExerciseStatus::InSession => t.intro_shown,
        ExerciseStatus::Closed => t.intro_over,
    };
    // Before the session there is nothing here yet: the way back to the answers.
    let before_session = matches!(board.status, ExerciseStatus::Draft | ExerciseStatus::Open);
    view! {
        <h1>{t.title}</h1>
        <p class="lead" data-testid="board-intro">
            {intro}
        </p>
        {before_session
            .then(|| {
                view! {
                    <p>
                        <a class="button" href="/welcome">
                            {t.back_to_answers}
                        </a>
                    </p>
                }
            })}
        {board
            .sections
            .into_iter()
            .filter(|section| section.revealed)
            .map(|section| {
                view! {
                    <SectionView
                        section
                        exercise_id=id.clone()
                        mode=Mode::Participant
                        actions=Some(actions)
                    />
                }
            })
            .collect_view()}
        {(!board.next_steps.is_empty())
            .then(|| view! { <NextStepsView steps=board.next_steps exercise_id=id.clone() /> })}
    }
}
