//! Check-in flags for the therapist, with "acknowledge".

use leptos::prelude::*;

use crate::{board::FlagView, board::api::AcknowledgeFlag, components::form::ServerForm};

/// The flags, each with what raised it and *Acknowledge*. Given `board_of` (the
/// dashboard, which does not read answers), each links to that exercise's board
/// to be read and acknowledged there instead.
#[component]
pub fn FlagList(
    flags: Vec<FlagView>,
    acknowledge: ServerAction<AcknowledgeFlag>,
    #[prop(optional, into)] board_of: Option<String>,
) -> impl IntoView {
    let (open, seen): (Vec<FlagView>, Vec<FlagView>) =
        flags.into_iter().partition(|f| !f.acknowledged);
    (!open.is_empty() || !seen.is_empty()).then(|| {
        view! {
            <div class="flags" data-testid="flags">
                {open
                    .into_iter()
                    .map(|flag| {
                        let label = format!("Acknowledge {}'s check-in", flag.participant_name);
                        let anchor = format!("flag-{}", flag.id);
                        view! {
                            <div
                                class="flag"
                                id=anchor.clone()
                                class:flag--safety=flag.safety
                                role=if flag.safety { "alert" } else { "status" }
                            >
                                <p>
                                    <strong>
                                        {if flag.safety {
                                            "Safety check-in: "
                                        } else {
                                            "Check-in: "
                                        }} {flag.participant_name.clone()}
                                    </strong>
                                </p>
                                <p>{flag.question.clone()} " — " <strong>{flag.summary.clone()}</strong></p>
                                {flag
                                    .answer
                                    .clone()
                                    .map(|answer| {
                                        view! {
                                            <blockquote class="flag__answer" data-testid="flag-answer">
                                                {answer}
                                            </blockquote>
                                        }
                                    })}
                                {match board_of.clone() {
                                    Some(exercise_id) => {
                                        view! {
                                            <a
                                                class="button"
                                                href=format!("/exercises/{exercise_id}/board#{anchor}")
                                            >
                                                {format!("Read and acknowledge {}'s check-in", flag.participant_name)}
                                            </a>
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            <ServerForm action=acknowledge quiet=true>
                                                <input type="hidden" name="flag_id" value=flag.id.clone() />
                                                <button type="submit" class="button">
                                                    {label.clone()}
                                                </button>
                                            </ServerForm>
                                        }
                                            .into_any()
                                    }
                                }}
                            </div>
                        }
                    })
                    .collect_view()}
                {(!seen.is_empty())
                    .then(|| {
                        view! {
                            <details class="flags__seen">
                                <summary>
                                    {format!("Acknowledged check-ins ({})", seen.len())}
                                </summary>
                                <ul>
                                    {seen
                                        .into_iter()
                                        .map(|flag| {
                                            view! {
                                                <li>
                                                    {format!(
                                                        "{}: {} — {}",
                                                        flag.participant_name,
                                                        flag.question,
                                                        flag.summary,
                                                    )}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </details>
                        }
                    })}
            </div>
        }
    })
}
