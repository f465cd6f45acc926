use leptos::prelude::*;
use leptos_meta::Title;

use crate::islands::preload::PreloadIsland;
use crate::{
    board::{
        DashboardExercise, DashboardFamily, Progress,
        api::{AcknowledgeFlag, dashboard},
    },
    components::{
        board::refetch::refetch_when,
        flags::FlagList,
        form::{FormError, ServerForm},
        labels::role_label,
        loaded::Loaded,
        signed_in::TherapistOnly,
    },
    family::{FamilyName, api::CreateFamily},
    live::event,
};

#[component]
pub fn FamiliesPage() -> impl IntoView {
    view! {
        <Title text="Families" />
        <Families />
    }
}

#[component]
fn Families() -> impl IntoView {
    // The data is made here, outside the signed-in gate: while the server waits for
    // data it rebuilds the gate's content, and a resource made inside it would be
    // fetched again each time (see components::signed_in).
    let families = Resource::new(|| (), |_| dashboard());
    // Outside an island: a plain form post that comes back to this page.
    let create = ServerAction::<CreateFamily>::new();
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <h1>"Families"</h1>
                <Loaded
                    resource=families
                    render=|families| {
                        view! {
                            <PreloadIsland name="live_dashboard" />
                            <LiveDashboard families />
                        }
                    }
                />
                <section class="card" aria-labelledby="new-family-heading">
                    <h2 id="new-family-heading">"Add a family"</h2>
                    <ServerForm action=create class="form">
                        <label for="family-name">"Family name"</label>
                        <p class="hint" id="family-name-hint">
                            "A label you will recognise, such as \"R. family\". Not a medical record."
                        </p>
                        <input
                            id="family-name"
                            name="name"
                            required
                            maxlength=FamilyName::MAX_CHARS.to_string()
                            aria-describedby="family-name-hint"
                        />
                        <button type="submit" class="button">
                            "Add family"
                        </button>
                    </ServerForm>
                </section>
            }
                .into_any()
        } />
    }
}

/// The dashboard in the browser, live: any change to one of this therapist's
/// exercises (the stream sends no other) fetches it again, as does acknowledging a
/// flag. A lazy island: only the Families page fetches its code.
#[island(lazy)]
fn LiveDashboard(families: Vec<DashboardFamily>) -> impl IntoView {
    let acknowledge = ServerAction::<AcknowledgeFlag>::new();
    let changes = RwSignal::new(0usize);
    crate::live::listen(move |name, _| {
        if name == event::CHANGE {
            changes.update(|n| *n += 1);
        }
    });
    let current = RwSignal::new(families);
    let failed = RwSignal::new(None);
    refetch_when(move || (acknowledge.version().get(), changes.get()), dashboard, current, failed);
    let error = Signal::derive(move || failed.get().map(Err).or_else(|| acknowledge.value().get()));
    crate::islands::island_ready();
    view! {
        <FormError result=error />
        {move || family_list(current.get(), acknowledge)}
    }
}

fn family_list(
    families: Vec<DashboardFamily>,
    acknowledge: ServerAction<AcknowledgeFlag>,
) -> AnyView {
    if families.is_empty() {
        return view! { <p>"No families yet. Add the first one below."</p> }.into_any();
    }
    view! {
        <ul class="item-list dashboard" data-testid="families">
            {families
                .into_iter()
                .map(|family| {
                    let count = family.participants;
                    let people = if count == 1 { "person" } else { "people" };
                    view! {
                        <li data-family=family.name.clone()>
                            <a href=format!("/families/{}", family.id)>{family.name.clone()}</a>
                            <span class="muted">
                                {format!(" · {count} {people}")}
                                {family.archived.then_some(" · archived")}
                            </span>
                            {family
                                .exercises
                                .into_iter()
                                .map(|exercise| {
                                    view! { <ExerciseProgress exercise acknowledge /> }.into_any()
                                })
                                .collect_view()}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ExerciseProgress(
    exercise: DashboardExercise,
    acknowledge: ServerAction<AcknowledgeFlag>,
) -> impl IntoView {
    let id = exercise.id.clone();
    let heading = match &exercise.focus {
        Some(focus) => format!("{}: {focus}", exercise.template_title),
        None => exercise.template_title.clone(),
    };
    view! {
        <div class="dashboard-exercise" data-testid="dashboard-exercise">
            <p>
                <a href=format!("/exercises/{id}")>{heading}</a>
                <span class="muted">{format!(" · {}", exercise.status.label())}</span>
            </p>
            <FlagList flags=exercise.flags acknowledge board_of=id.clone() />
            <table class="progress">
                <caption class="visually-hidden">"Who has answered"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Person"</th>
                        <th scope="col">"Answers"</th>
                    </tr>
                </thead>
                <tbody>
                    {exercise
                        .people
                        .into_iter()
                        .map(|person| {
                            let class = match person.progress {
                                Progress::Done => "progress--done",
                                Progress::InProgress => "progress--started",
                                Progress::NotStarted => "progress--not-started",
                            };
                            view! {
                                <tr data-person=person.name.clone()>
                                    <th scope="row">
                                        {person.name.clone()}
                                        <span class="muted">
                                            {format!(" · {}", role_label(person.role))}
                                        </span>
                                    </th>
                                    <td class=class data-testid="progress">
                                        {person.progress.label()}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p class="board-links">
                <a href=format!("/exercises/{id}/prepare")>"Prepare"</a>
                <a href=format!("/exercises/{id}/board")>"Session board"</a>
            </p>
        </div>
    }
}
