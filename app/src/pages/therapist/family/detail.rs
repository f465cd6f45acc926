use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{exercises::ExercisesCard, participant_fields::ParticipantFields};
use crate::components::labels::{age_label, relationship_label, role_label};
use crate::{
    components::{
        form::{FormError, ServerForm},
        loaded::Loaded,
        signed_in::TherapistOnly,
    },
    family::{
        FamilyName, Participant,
        api::{
            AddParticipant, FamilyDetail, RemoveParticipant, RenameFamily, SetFamilyArchived,
            UpdateParticipant, get_family,
        },
    },
};

#[component]
pub fn FamilyPage() -> impl IntoView {
    view! {
        <Title text="Family" />
        <FamilyView />
    }
}

#[component]
fn FamilyView() -> impl IntoView {
    // The data is made here, outside the signed-in gate: while the server waits for
    // data it rebuilds the gate's content, and a resource made inside it would be
    // fetched again each time (see components::signed_in).
    // Read once, untracked: a resource whose source tracks the route's params is
    // re-run while the page renders on the server, and the first run loses its
    // request context mid-flight (the page never finished). A new family is a new page.
    let family_id_value = use_params_map().read_untracked().get("id").unwrap_or_default();
    let family_id = move || family_id_value.clone();
    let rename = ServerAction::<RenameFamily>::new();
    let archive = ServerAction::<SetFamilyArchived>::new();
    let add = ServerAction::<AddParticipant>::new();
    let update = ServerAction::<UpdateParticipant>::new();
    let remove = ServerAction::<RemoveParticipant>::new();
    let changes = move || {
        rename.version().get()
            + archive.version().get()
            + add.version().get()
            + update.version().get()
            + remove.version().get()
    };
    let detail = Resource::new(move || (family_id(), changes()), |(id, _)| get_family(id));
    let actions = FamilyActions { rename, archive, add, update, remove };

    view! {
        <TherapistOnly render=move |_| {
            view! {
                <Loaded resource=detail render=move |detail| view! { <Family detail actions /> } />
            }
                .into_any()
        } />
    }
}

#[derive(Clone, Copy)]
struct FamilyActions {
    rename: ServerAction<RenameFamily>,
    archive: ServerAction<SetFamilyArchived>,
    add: ServerAction<AddParticipant>,
    update: ServerAction<UpdateParticipant>,
    remove: ServerAction<RemoveParticipant>,
}

#[component]
fn Family(detail: FamilyDetail, actions: FamilyActions) -> impl IntoView {
    let FamilyDetail { family, participants, exercises, templates, next } = detail;
    let archived = family.archived_at_ms.is_some();
    let family_id = family.id.to_string();
    let (add_id, rename_id, archive_id) = (family_id.clone(), family_id.clone(), family_id.clone());
    let exercises_id = family_id.clone();
    let delete_href = format!("/families/{family_id}/delete");
    view! {
        <Title text=family.name.as_str().to_owned() />
        <p>
            <a href="/families">"← All families"</a>
        </p>
        <h1>{family.name.as_str().to_owned()} {archived.then_some(" (archived)")}</h1>

        <section class="card" aria-labelledby="people-heading">
            <h2 id="people-heading">"People"</h2>
            <FormError result=actions.update.value().into() />
            <FormError result=actions.remove.value().into() />
            {if participants.is_empty() {
                view! { <p>"Nobody yet. Add the person in recovery and their family members."</p> }
                    .into_any()
            } else {
                view! {
                    <ul class="item-list" data-testid="participants">
                        {participants
                            .into_iter()
                            .map(|p| view! { <ParticipantItem participant=p actions /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <details>
                <summary>"Add a person"</summary>
                <ServerForm action=actions.add class="form">
                    <input type="hidden" name="family_id" value=add_id />
                    <ParticipantFields prefix="new".to_owned() />
                    <button type="submit" class="button">
                        "Add person"
                    </button>
                </ServerForm>
            </details>
        </section>

        <ExercisesCard family_id=exercises_id exercises templates next />

        <section class="card" aria-labelledby="family-settings-heading">
            <h2 id="family-settings-heading">"Family settings"</h2>
            <ServerForm action=actions.rename class="form">
                <input type="hidden" name="family_id" value=rename_id />
                <label for="rename">"Family name"</label>
                <input
                    id="rename"
                    name="name"
                    value=family.name.as_str().to_owned()
                    required
                    maxlength=FamilyName::MAX_CHARS.to_string()
                />
                <button type="submit" class="button button--secondary">
                    "Rename"
                </button>
            </ServerForm>
            <ServerForm action=actions.archive class="form" quiet=true>
                <input type="hidden" name="family_id" value=archive_id />
                <input type="hidden" name="archived" value=(!archived).to_string() />
                <button type="submit" class="button button--secondary">
                    {if archived { "Restore from the archive" } else { "Archive this family" }}
                </button>
            </ServerForm>
            <p>
                <a href=delete_href>"Delete this family and all its data…"</a>
            </p>
        </section>
    }
}

#[component]
fn ParticipantItem(participant: Participant, actions: FamilyActions) -> impl IntoView {
    let summary = format!(
        "{} · {} · {}",
        role_label(participant.role),
        relationship_label(participant.relationship),
        age_label(participant.age_band)
    );
    let (update_id, remove_id) = (participant.id.to_string(), participant.id.to_string());
    let prefix = format!("p{}", &participant.id[..8]);
    let remove_label = format!("Remove {} and their answers", participant.display_name.as_str());
    let name = participant.display_name.as_str().to_owned();
    view! {
        <li>
            <strong>{name}</strong>
            <span class="muted">" · " {summary}</span>
            <details>
                <summary>"Edit or remove"</summary>
                <ServerForm action=actions.update class="form" quiet=true>
                    <input type="hidden" name="participant_id" value=update_id />
                    <ParticipantFields prefix current=participant />
                    <button type="submit" class="button button--secondary">
                        "Save changes"
                    </button>
                </ServerForm>
                <ServerForm action=actions.remove class="form" quiet=true>
                    <input type="hidden" name="participant_id" value=remove_id />
                    <button type="submit" class="button button--secondary">
                        {remove_label}
                    </button>
                </ServerForm>
            </details>
        </li>
    }
}
