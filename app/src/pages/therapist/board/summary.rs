//! The printable summary for the clinical record: every section with every answer,
//! notes, flags, marks and next steps. The print stylesheet leaves out the site's
//! header, links and buttons, so the browser's "Save as PDF" makes a clean record.

use leptos::prelude::*;
use leptos_meta::Title;

use super::exercise_id_param;
use crate::components::board::parts::{Mode, NextStepsView, SectionView};
use crate::{
    auth::Viewer,
    board::{Board, api::exercise_summary},
    components::over_time::OverTimePairs,
    components::{
        layout::PageViewer, loaded::Loaded, signed_in::TherapistOnly, time::utc_date_time,
    },
    family::Role,
    series::{OverTime, api::exercise_over_time},
};

#[component]
pub fn SummaryPage() -> impl IntoView {
    // Created here, outside the gate: the gate's content is rebuilt while the server
    // waits for data, and a resource made inside it would be fetched each time.
    let exercise_id = exercise_id_param();
    let series_id = exercise_id.clone();
    let board = Resource::new(move || exercise_id.clone(), exercise_summary);
    let over_time = Resource::new(move || series_id.clone(), exercise_over_time);
    view! {
        <Title text="Summary" />
        <TherapistOnly render=move |_| {
            view! {
                <div class="board board--wide board--summary">
                    <Loaded resource=board render=|board| view! { <SummaryView board /> } />
                    <Loaded
                        resource=over_time
                        render=|over_time| view! { <SummaryOverTime over_time /> }
                    />
                </div>
            }
                .into_any()
        } />
    }
}

#[component]
fn SummaryView(board: Board) -> impl IntoView {
    let id = board.exercise_id.clone();
    let people = board
        .people
        .iter()
        .map(|p| {
            let role = if p.role == Role::PersonInRecovery { " (in recovery)" } else { "" };
            format!("{}{role}", p.name)
        })
        .collect::<Vec<_>>()
        .join(", ");
    let flags = board.flags.clone();
    // A clinical record: who, whose, and when (UTC, as everywhere in the app).
    let PageViewer(viewer) = expect_context::<PageViewer>();
    let clinician = move || match viewer.get() {
        Some(Ok(Viewer::Therapist(therapist))) => therapist.display_name,
        _ => String::new(),
    };
    let when = |ms: Option<i64>| {
        ms.map_or_else(|| "—".to_owned(), |ms| format!("{} UTC", utc_date_time(ms)))
    };
    let dates: Vec<(&'static str, String)> = board
        .dates
        .map(|d| {
            vec![
                ("Made", when(Some(d.created_ms))),
                ("Opened for answers", when(d.opened_ms)),
                ("Session started", when(d.session_ms)),
                ("Closed", when(d.closed_ms)),
                ("Printed", when(Some(d.as_of_ms))),
            ]
        })
        .unwrap_or_default();
    view! {
        <p class="no-print">
            <a href=format!("/exercises/{id}/board")>"← Session board"</a>
        </p>
        <h1>{format!("Summary · {}", board.family_name)}</h1>
        <p class="no-print">
            "To keep a copy, use your browser's Print and choose \"Save as PDF\". "
            "The copy holds every answer, including those for you only: store it as you would "
            "any clinical record."
        </p>
        <dl class="summary-facts" data-testid="record-facts">
            <dt>"Therapist"</dt>
            <dd>{clinician}</dd>
            <dt>"Family"</dt>
            <dd>{board.family_name.clone()}</dd>
            <dt>"People"</dt>
            <dd>{people}</dd>
            <dt>"Status"</dt>
            <dd>{board.status.label()}</dd>
            {dates
                .into_iter()
                .map(|(label, when)| {
                    view! {
                        <dt>{label}</dt>
                        <dd>{when}</dd>
                    }
                })
                .collect_view()}
            {board
                .focus
                .clone()
                .map(|focus| {
                    view! {
                        <dt>"Focus"</dt>
                        <dd>{focus}</dd>
                    }
                })}
        </dl>
        {(!flags.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="summary-flags">
                        <h2 id="summary-flags">"Check-in flags"</h2>
                        <ul>
                            {flags
                                .into_iter()
                                .map(|flag| {
                                    let state = if flag.acknowledged {
                                        "acknowledged"
                                    } else {
                                        "not acknowledged"
                                    };
                                    view! {
                                        <li>
                                            {format!(
                                                "{}: {} — {} ({state})",
                                                flag.participant_name,
                                                flag.question,
                                                flag.summary,
                                            )}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
            })}
        {board
            .sections
            .into_iter()
            .map(|section| {
                view! {
                    <SectionView section exercise_id=id.clone() mode=Mode::Summary actions=None />
                }
            })
            .collect_view()}
        <NextStepsView steps=board.next_steps exercise_id=id.clone() />
    }
}

/// The family's series up to this exercise, for the record.
#[component]
fn SummaryOverTime(over_time: OverTime) -> impl IntoView {
    view! {
        <section class="summary-over-time" aria-labelledby="summary-over-time">
            <h2 id="summary-over-time">"Over time"</h2>
            <p>
                "The guesses of each person about another across the family's exercises up to \
                 this one: closeness ratings (0 not close to 4 spot on) and feelings named. For \
                 the therapist only."
            </p>
            <OverTimePairs over_time level=3 />
        </section>
    }
}
