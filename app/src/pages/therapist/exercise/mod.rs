//! `/exercises/<id>`: an exercise's status, its pages, and each person's link.

mod invitations;
pub mod qr;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use self::invitations::{Invitation, InvitationActions, ShownLink};

use crate::{
    components::{
        form::{FormError, ServerForm},
        loaded::Loaded,
        signed_in::TherapistOnly,
    },
    exercise::api::{AdvanceExercise, ExerciseDetail, get_exercise},
    invitation::{
        api::{ReissueInvitation, RevokeInvitation},
        link_api::{SignOutDevices, invitation_link},
    },
};

#[component]
pub fn ExercisePage() -> impl IntoView {
    view! {
        <Title text="Exercise" />
        <ExerciseView />
    }
}

#[component]
fn ExerciseView() -> impl IntoView {
    // The data is made here, outside the signed-in gate: while the server waits for
    // data it rebuilds the gate's content, and a resource made inside it would be
    // fetched again each time (see components::signed_in).
    // Read once, untracked: a resource whose source tracks the route's params is
    // re-run while the page renders on the server, and the first run loses its
    // request context mid-flight (the page never finished). A new family is a new page.
    let exercise_id_value = use_params_map().read_untracked().get("id").unwrap_or_default();
    let exercise_id = move || exercise_id_value.clone();
    // `?show=<invitation>`: the one link the therapist asked to see. The page
    // carries no link otherwise.
    let show = use_query_map().read_untracked().get("show");
    let advance = ServerAction::<AdvanceExercise>::new();
    let actions = InvitationActions {
        revoke: ServerAction::<RevokeInvitation>::new(),
        reissue: ServerAction::<ReissueInvitation>::new(),
        sign_out: ServerAction::<SignOutDevices>::new(),
    };
    let changes = move || advance.version().get() + actions.version();
    let detail = Resource::new(move || (exercise_id(), changes()), |(id, _)| get_exercise(id));
    let shown = Resource::new(
        move || (show.clone(), actions.version()),
        |(show, _)| async move {
            match show {
                Some(id) => invitation_link(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <Loaded
                    resource=detail
                    render=move |detail| view! { <Exercise detail advance actions shown /> }
                />
            }
                .into_any()
        } />
    }
}

#[component]
fn Exercise(
    detail: ExerciseDetail,
    advance: ServerAction<AdvanceExercise>,
    actions: InvitationActions,
    shown: ShownLink,
) -> impl IntoView {
    let ExerciseDetail { exercise, family_name, template_title, template_version, invitations } =
        detail;
    let next = exercise.status.next();
    let exercise_id = exercise.id.clone();
    view! {
        <p>
            <a href=format!("/families/{}", exercise.family_id)>{format!("← {family_name}")}</a>
        </p>
        <h1>{format!("{template_title} (version {template_version})")}</h1>
        <p data-testid="exercise-status">"Status: " <strong>{exercise.status.label()}</strong></p>
        {exercise.focus.map(|f| view! { <p>"Focus: " {f.as_str().to_owned()}</p> })}
        {exercise.due_date.map(|d| view! { <p>"Due: " {d.as_str().to_owned()}</p> })}
        <nav class="board-links" aria-label="This exercise">
            <a href=format!("/exercises/{}/prepare", exercise.id)>"Prepare"</a>
            <a href=format!("/exercises/{}/board", exercise.id)>"Session board"</a>
            <a href=format!("/exercises/{}/summary", exercise.id)>"Printable summary"</a>
            <a href=crate::board::export_path(&exercise.id) download="">
                "Export (JSON)"
            </a>
        </nav>
        {next
            .map(|next| {
                view! {
                    <ServerForm action=advance class="form">
                        <input type="hidden" name="exercise_id" value=exercise.id.to_string() />
                        <input type="hidden" name="to" value=next.as_str() />
                        <button type="submit" class="button">
                            {next.action_label()}
                        </button>
                    </ServerForm>
                }
            })}
        <section class="card" aria-labelledby="links-heading">
            <h2 id="links-heading">"Invitation links"</h2>
            <p>
                "Each person has their own link. Links are hidden until you choose to show one, "
                "so a shared screen shows nobody's. Send it privately, or let the person scan its "
                "QR code. A link works for 14 days."
            </p>
            <p>
                "The first phone or computer that opens a link keeps it: adults and teens choose a "
                "passcode there, and any other device must give it. Five wrong passcodes lock the "
                "link; a new link is the way back, also for a forgotten passcode."
            </p>
            <FormError result=actions.revoke.value().into() />
            <FormError result=actions.reissue.value().into() />
            <FormError result=actions.sign_out.value().into() />
            <ul class="item-list" data-testid="invitations">
                {invitations
                    .into_iter()
                    .map(|i| {
                        view! {
                            <Invitation
                                invitation=i
                                exercise_id=exercise_id.to_string()
                                actions
                                shown
                            />
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
