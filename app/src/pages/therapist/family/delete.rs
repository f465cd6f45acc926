use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::{form::ServerForm, loaded::Loaded, signed_in::TherapistOnly},
    family::api::{DeleteFamily, FamilyDetail, get_family},
};

/// Deleting a family: what goes, and typing the name to confirm.
#[component]
pub fn DeleteFamilyPage() -> impl IntoView {
    view! {
        <Title text="Delete a family" />
        <DeleteFamily />
    }
}

#[component]
fn DeleteFamily() -> impl IntoView {
    // The data is made here, outside the signed-in gate: while the server waits for
    // data it rebuilds the gate's content, and a resource made inside it would be
    // fetched again each time (see components::signed_in).
    let family_id = use_params_map().read_untracked().get("id").unwrap_or_default();
    let family = Resource::new(move || family_id.clone(), get_family);
    let delete = ServerAction::<DeleteFamily>::new();
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <Loaded
                    resource=family
                    render=move |detail: FamilyDetail| view! { <ConfirmDelete detail delete /> }
                />
            }
                .into_any()
        } />
    }
}

#[component]
fn ConfirmDelete(detail: FamilyDetail, delete: ServerAction<DeleteFamily>) -> impl IntoView {
    let name = detail.family.name.as_str().to_owned();
    let back = format!("/families/{}", detail.family.id);
    let label = format!("Type \"{name}\" to confirm");
    view! {
        <h1>{format!("Delete {name}?")}</h1>
        <p>
            "This deletes the family, its people, exercises, answers, notes and invitation links, "
            "for good. It cannot be undone. The audit trail keeps only that a deletion happened."
        </p>
        <ServerForm action=delete class="form card">
            <input type="hidden" name="family_id" value=detail.family.id.to_string() />
            <label for="confirm">{label}</label>
            <input id="confirm" name="confirm_name" required autocomplete="off" />
            <button type="submit" class="button button--danger">
                "Delete the family and everything in it"
            </button>
        </ServerForm>
        <p>
            <a href=back>"Keep it and go back"</a>
        </p>
    }
}
