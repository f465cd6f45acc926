//! Presenter mode: large type for a shared screen or a video call. Only revealed
//! sections and shared answers; never notes, flags or therapist-only answers (the
//! server leaves them out: `Audience::Presenter`).

use leptos::prelude::*;
use leptos_meta::Title;

use super::{exercise_id_param, live_changes};
use crate::components::board::{
    parts::{Mode, NextStepsView, SectionView},
    refetch::refetch_when,
};
use crate::islands::preload::PreloadIsland;
use crate::{
    board::{Board, api::presenter_board},
    components::{form::FormError, loaded::Loaded, signed_in::TherapistOnly},
};

#[component]
pub fn PresenterPage() -> impl IntoView {
    // Outside the gate, as on the summary page (a resource inside it would be
    // fetched again each time the server rebuilds the gate's content).
    let exercise_id = exercise_id_param();
    let board = Resource::new(move || exercise_id.clone(), presenter_board);
    view! {
        <Title text="Presenter" />
        <TherapistOnly render=move |_| {
            view! {
                <div class="board board--wide board--present">
                    <Loaded
                        resource=board
                        render=|board| {
                            view! {
                                <PreloadIsland name="live_presenter" />
                                <LivePresenter board />
                            }
                        }
                    />
                </div>
            }
                .into_any()
        } />
    }
}

/// Follows the session live: each change fetches the presenter's board again (a
/// lazy island, like the therapist's board).
#[island(lazy)]
fn LivePresenter(board: Board) -> impl IntoView {
    let exercise_id = board.exercise_id.clone();
    let changes = live_changes(exercise_id.clone());
    let current = RwSignal::new(board);
    let failed = RwSignal::new(None);
    refetch_when(
        move || changes.get(),
        move || presenter_board(exercise_id.clone()),
        current,
        failed,
    );
    let error = Signal::derive(move || failed.get().map(Err::<(), _>));
    crate::islands::island_ready();
    view! {
        <FormError result=error />
        {move || view! { <PresenterView board=current.get() /> }.into_any()}
    }
}

#[component]
fn PresenterView(board: Board) -> impl IntoView {
    let id = board.exercise_id.clone();
    let nothing_yet = board.revealed_count() == 0;
    view! {
        <h1>{board.family_name.clone()}</h1>
        {nothing_yet.then(|| view! { <p class="lead">"Nothing has been shown yet."</p> })}
        {board
            .sections
            .into_iter()
            .filter(|section| section.revealed)
            .map(|section| {
                view! {
                    <SectionView section exercise_id=id.clone() mode=Mode::Presenter actions=None />
                }
            })
            .collect_view()}
        {(!board.next_steps.is_empty())
            .then(|| view! { <NextStepsView steps=board.next_steps exercise_id=id.clone() /> })}
        <p class="present-leave">
            <a href=format!("/exercises/{id}/board")>"Leave presenter mode"</a>
        </p>
    }
}
