use leptos::prelude::*;

use crate::{
    components::labels::{age_label, relationship_label, role_label},
    family::{AgeBand, Participant, ParticipantName, Relationship, Role},
    i18n::{Language, page_language},
};

/// Name, role, relationship and age group, for adding or editing a participant.
/// `prefix` keeps the ids unique when several forms are on one page.
#[component]
pub fn ParticipantFields(
    prefix: String,
    #[prop(optional)] current: Option<Participant>,
) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}-{field}");
    let name = current.as_ref().map(|p| p.display_name.as_str().to_owned()).unwrap_or_default();
    let role = current.as_ref().map(|p| p.role);
    let relationship = current.as_ref().map(|p| p.relationship);
    let age_band = current.as_ref().map(|p| p.age_band).unwrap_or(AgeBand::Adult);
    // A new person starts in the therapist's own language (the page's).
    let language = current.as_ref().map_or_else(page_language, |p| p.language);
    view! {
        <label for=id("name")>"Name"</label>
        <input
            id=id("name")
            name="display_name"
            value=name
            required
            maxlength=ParticipantName::MAX_CHARS.to_string()
        />
        <label for=id("role")>"Role"</label>
        <select id=id("role") name="role" required>
            {Role::ALL
                .iter()
                .map(|r| {
                    view! {
                        <option value=r.as_str() selected=role == Some(*r)>
                            {role_label(*r)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <label for=id("relationship")>"Relationship to the person in recovery"</label>
        <select id=id("relationship") name="relationship" required>
            {Relationship::ALL
                .iter()
                .map(|r| {
                    view! {
                        <option value=r.as_str() selected=relationship == Some(*r)>
                            {relationship_label(*r)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <label for=id("age")>"Age group"</label>
        <select id=id("age") name="age_band" required>
            {AgeBand::ALL
                .iter()
                .map(|a| {
                    view! {
                        <option value=a.as_str() selected=age_band == *a>
                            {age_label(*a)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <label for=id("language")>"Language they read and answer in"</label>
        <select id=id("language") name="language" required>
            {Language::ALL
                .iter()
                .map(|l| {
                    view! {
                        <option value=l.code() lang=l.code() selected=language == *l>
                            {l.own_name()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}
