use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::{
        form::{FormError, ReturnHere},
        loaded::Loaded,
        signed_in::TherapistOnly,
    },
    exercise::api::{AdvanceExercise, ExerciseDetail, InvitationView, get_exercise},
    invitation::api::{ReissueInvitation, RevokeInvitation},
    pages::family::labels::role_label,
};

#[component]
pub fn ExercisePage() -> impl IntoView {
    view! {
        <Title text="Exercise" />
        <ExerciseView />
    }
}

#[derive(Clone, Copy)]
struct InvitationActions {
    revoke: ServerAction<RevokeInvitation>,
    reissue: ServerAction<ReissueInvitation>,
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
    let advance = ServerAction::<AdvanceExercise>::new();
    let actions = InvitationActions {
        revoke: ServerAction::<RevokeInvitation>::new(),
        reissue: ServerAction::<ReissueInvitation>::new(),
    };
    let changes = move || {
        advance.version().get() + actions.revoke.version().get() + actions.reissue.version().get()
    };
    let detail = Resource::new(move || (exercise_id(), changes()), |(id, _)| get_exercise(id));
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <Loaded
                    resource=detail
                    render=move |detail| view! { <Exercise detail advance actions /> }
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
) -> impl IntoView {
    let ExerciseDetail { exercise, family_name, template_title, template_version, invitations } =
        detail;
    let next = exercise.status.next();
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
                    <ActionForm action=advance attr:class="form">
                        <ReturnHere />
                        <FormError result=advance.value().into() />
                        <input type="hidden" name="exercise_id" value=exercise.id.clone() />
                        <input type="hidden" name="to" value=next.as_str() />
                        <button type="submit" class="button">
                            {next.action_label()}
                        </button>
                    </ActionForm>
                }
            })}
        <section class="card" aria-labelledby="links-heading">
            <h2 id="links-heading">"Invitation links"</h2>
            <p>
                "Each person has their own link. Send it to them privately, or let them scan the QR "
                "code from your screen. A link works for 14 days; you can stop it or make a new one."
            </p>
            <FormError result=actions.revoke.value().into() />
            <FormError result=actions.reissue.value().into() />
            <ul class="item-list" data-testid="invitations">
                {invitations
                    .into_iter()
                    .map(|i| view! { <Invitation invitation=i actions /> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Invitation(invitation: InvitationView, actions: InvitationActions) -> impl IntoView {
    let field = format!("link-{}", &invitation.id[..8]);
    let name = invitation.participant_name.clone();
    let (revoke_id, reissue_id) = (invitation.id.clone(), invitation.id.clone());
    let revoke_label = format!("Stop {name}'s link");
    let reissue_label = format!("Make a new link for {name}");
    let link_label = format!("Link for {name}");
    let qr_summary = format!("Show QR code for {name}");
    let qr_label = format!("QR code of {name}'s link");
    let revoked = invitation.revoked;
    let state = if invitation.revoked {
        "Stopped: this link no longer works."
    } else if invitation.expired {
        "Expired: make a new link."
    } else {
        ""
    };
    view! {
        <li data-testid="invitation" data-participant=name.clone()>
            <strong>{name.clone()}</strong>
            <span class="muted">" · " {role_label(invitation.role)}</span>
            {(!state.is_empty()).then(|| view! { <p class="muted">{state}</p> })}
            {invitation
                .link
                .map(|link| {
                    view! {
                        <label for=field.clone()>{link_label}</label>
                        <input id=field class="link-field" readonly value=link />
                    }
                })}
            {invitation
                .qr_svg
                .map(|svg| {
                    view! {
                        <details>
                            <summary>{qr_summary}</summary>
                            <div class="qr" role="img" aria-label=qr_label inner_html=svg></div>
                        </details>
                    }
                })}
            <div class="button-row">
                {(!revoked)
                    .then(|| {
                        view! {
                            <ActionForm action=actions.revoke>
                                <ReturnHere />
                                <input type="hidden" name="invitation_id" value=revoke_id />
                                <button type="submit" class="button button--secondary">
                                    {revoke_label}
                                </button>
                            </ActionForm>
                        }
                    })} <ActionForm action=actions.reissue>
                    <ReturnHere />
                    <input type="hidden" name="invitation_id" value=reissue_id />
                    <button type="submit" class="button button--secondary">
                        {reissue_label}
                    </button>
                </ActionForm>
            </div>
        </li>
    }
}
