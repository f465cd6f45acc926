use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::{
        form::{FormError, ReturnHere},
        loaded::Loaded,
        signed_in::TherapistOnly,
    },
    family::{
        FamilyName,
        api::{CreateFamily, FamilySummary, list_families},
    },
};

#[component]
pub fn FamiliesPage() -> impl IntoView {
    view! {
        <Title text="Families" />
        <TherapistOnly render=|_| view! { <Families /> }.into_any() />
    }
}

#[component]
fn Families() -> impl IntoView {
    let create = ServerAction::<CreateFamily>::new();
    let families = Resource::new(move || create.version().get(), |_| list_families());
    view! {
        <h1>"Families"</h1>
        <Loaded resource=families render=family_list />
        <section class="card" aria-labelledby="new-family-heading">
            <h2 id="new-family-heading">"Add a family"</h2>
            <ActionForm action=create attr:class="form">
                <ReturnHere />
                <FormError result=create.value().into() />
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
            </ActionForm>
        </section>
    }
}

fn family_list(families: Vec<FamilySummary>) -> AnyView {
    if families.is_empty() {
        return view! { <p>"No families yet. Add the first one below."</p> }.into_any();
    }
    view! {
        <ul class="item-list" data-testid="families">
            {families
                .into_iter()
                .map(|family| {
                    let count = family.participants;
                    let people = if count == 1 { "person" } else { "people" };
                    view! {
                        <li>
                            <a href=format!("/families/{}", family.id)>{family.name}</a>
                            <span class="muted">
                                {format!(" · {count} {people}")}
                                {family.archived.then_some(" · archived")}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
