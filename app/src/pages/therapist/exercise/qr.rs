//! `/exercises/<id>/qr/<invitation>`: one person's QR code, full screen and alone,
//! for them to scan in the room. No link text, no other names.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::{loaded::Loaded, signed_in::TherapistOnly},
    invitation::link_api::{InvitationLinkView, invitation_link},
};

#[component]
pub fn InvitationQrPage() -> impl IntoView {
    // Read once, untracked (see `ExercisePage`).
    let invitation_id = use_params_map().read_untracked().get("invitation").unwrap_or_default();
    let link = Resource::new(move || invitation_id.clone(), invitation_link);
    view! {
        <Title text="QR code" />
        <TherapistOnly render=move |_| {
            view! { <Loaded resource=link render=|link| view! { <QrScreen link /> } /> }.into_any()
        } />
    }
}

#[component]
fn QrScreen(link: InvitationLinkView) -> impl IntoView {
    let InvitationLinkView { exercise_id, participant_name, qr_svg, .. } = link;
    view! {
        <div class="qr-screen" data-testid="qr-screen">
            <h1>{format!("{participant_name}, scan this with your phone")}</h1>
            <div
                class="qr qr--large"
                role="img"
                aria-label=format!("QR code of {participant_name}'s link")
                inner_html=qr_svg
            ></div>
            <p>"Open the camera and point it at the code, then tap the link that appears."</p>
            <p>
                <a class="button" href=format!("/exercises/{exercise_id}") rel="external">
                    "Done: hide the code"
                </a>
            </p>
        </div>
    }
}
