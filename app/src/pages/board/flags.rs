//! Check-in flags for the therapist, with "acknowledge".

use leptos::prelude::*;

use crate::{board::FlagView, board::api::AcknowledgeFlag, components::form::ReturnHere};

#[component]
pub fn FlagList(flags: Vec<FlagView>, acknowledge: ServerAction<AcknowledgeFlag>) -> impl IntoView {
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
                                id=anchor
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
                                <ActionForm action=acknowledge>
                                    <ReturnHere />
                                    <input type="hidden" name="flag_id" value=flag.id.clone() />
                                    <button type="submit" class="button">
                                        {label}
                                    </button>
                                </ActionForm>
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
