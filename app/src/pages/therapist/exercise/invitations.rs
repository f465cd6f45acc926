//! Each person's invitation on the exercise page: its state and devices, and the
//! link only when the therapist asks for it (one at a time).

use leptos::prelude::*;

use crate::{
    components::labels::role_label,
    components::{form::ServerForm, time::utc_date_time},
    error::AppError,
    exercise::api::InvitationView,
    family::AgeBand,
    invitation::{
        api::{ReissueInvitation, RevokeInvitation},
        link_api::{InvitationLinkView, SignOutDevices},
    },
};

#[derive(Clone, Copy)]
pub struct InvitationActions {
    pub revoke: ServerAction<RevokeInvitation>,
    pub reissue: ServerAction<ReissueInvitation>,
    pub sign_out: ServerAction<SignOutDevices>,
}

impl InvitationActions {
    /// Changes whenever one of them ran: the page reloads its data then.
    pub fn version(&self) -> usize {
        self.revoke.version().get() + self.reissue.version().get() + self.sign_out.version().get()
    }
}

/// The link the therapist asked to see (`?show=`), if any.
pub type ShownLink = Resource<Result<Option<InvitationLinkView>, AppError>>;

fn state_line(invitation: &InvitationView) -> String {
    if invitation.moved_on {
        return format!(
            "This link has moved on: it now opens the family's next exercise. Show it from \
             there. {}'s answers here stay as they are.",
            invitation.participant_name
        );
    }
    let kept = if invitation.carried_on { "The same link as in the last exercise. " } else { "" };
    format!("{kept}{}", link_state(invitation))
}

fn link_state(invitation: &InvitationView) -> String {
    if invitation.revoked {
        return "Stopped: this link no longer works.".to_owned();
    }
    if invitation.locked {
        return format!(
            "Locked after too many wrong passcodes. Make a new link for {}.",
            invitation.participant_name
        );
    }
    if invitation.expired {
        return "Expired: make a new link.".to_owned();
    }
    let passcode = match (invitation.age_band, invitation.passcode_chosen) {
        (AgeBand::Child, _) => " A child's link needs no passcode.",
        (_, true) => " Passcode chosen.",
        (_, false) => " No passcode chosen yet.",
    };
    match (invitation.devices, invitation.last_opened_ms) {
        (0, _) | (_, None) if invitation.passcode_chosen => {
            format!("No device is signed in; opening the link asks for the passcode.{passcode}")
        }
        (0, _) | (_, None) => format!("Not opened yet.{passcode}"),
        (1, Some(last)) => {
            format!("Opened on 1 device, last {} UTC.{passcode}", utc_date_time(last))
        }
        (n, Some(last)) => {
            format!("Opened on {n} devices, last {} UTC.{passcode}", utc_date_time(last))
        }
    }
}

#[component]
pub fn Invitation(
    invitation: InvitationView,
    exercise_id: String,
    actions: InvitationActions,
    shown: ShownLink,
) -> impl IntoView {
    let name = invitation.participant_name.clone();
    let anchor = format!("invitation-{}", &invitation.id[..8]);
    let state = state_line(&invitation);
    let usable = !invitation.revoked && !invitation.locked && !invitation.expired;
    // A link that moved on to the next exercise is managed there.
    let here = !invitation.moved_on;
    let show_href = format!("/exercises/{exercise_id}?show={}#{anchor}", invitation.id);
    let qr_href = format!("/exercises/{exercise_id}/qr/{}", invitation.id);
    let hide_href = format!("/exercises/{exercise_id}#{anchor}");
    let (sign_out_id, stop_id, reissue_id) =
        (invitation.id.clone(), invitation.id.clone(), invitation.id.clone());
    let show_label = format!("Show {name}'s link");
    let qr_label = format!("Show QR code to {name}");
    let sign_out_label = format!("Sign out {name}'s devices");
    let stop_label = format!("Stop {name}'s link");
    let reissue_label = format!("Make a new link for {name}");
    let this_one = invitation.id.clone();
    let field = format!("link-{}", &invitation.id[..8]);
    let link_label = format!("{name}'s link");
    let shown_link = move || {
        shown.get().and_then(Result::ok).flatten().filter(|link| link.invitation_id == this_one)
    };
    view! {
        <li id=anchor data-testid="invitation" data-participant=name.clone()>
            <strong>{name.clone()}</strong>
            <span class="muted">" · " {role_label(invitation.role)}</span>
            <p class="muted" data-testid="invitation-state">
                {state}
            </p>
            <Suspense>
                {move || {
                    shown_link()
                        .map(|link| {
                            view! {
                                <label for=field.clone()>{link_label.clone()}</label>
                                <input
                                    id=field.clone()
                                    class="link-field"
                                    readonly
                                    value=link.link
                                />
                                <p>
                                    <a href=hide_href.clone() rel="external">
                                        "Hide the link"
                                    </a>
                                </p>
                            }
                        })
                }}
            </Suspense>
            <div class="button-row">
                {(usable && here)
                    .then(|| {
                        view! {
                            <a class="button button--secondary" href=show_href rel="external">
                                {show_label}
                            </a>
                            <a class="button button--secondary" href=qr_href rel="external">
                                {qr_label}
                            </a>
                        }
                    })}
                {(here && invitation.devices > 0 && !invitation.revoked)
                    .then(|| {
                        view! {
                            <ServerForm action=actions.sign_out quiet=true>
                                <input type="hidden" name="invitation_id" value=sign_out_id />
                                <button type="submit" class="button button--secondary">
                                    {sign_out_label}
                                </button>
                            </ServerForm>
                        }
                    })}
                {(here && !invitation.revoked)
                    .then(|| {
                        view! {
                            <ServerForm action=actions.revoke quiet=true>
                                <input type="hidden" name="invitation_id" value=stop_id />
                                <button type="submit" class="button button--secondary">
                                    {stop_label}
                                </button>
                            </ServerForm>
                        }
                    })} <ServerForm action=actions.reissue quiet=true>
                    <input type="hidden" name="invitation_id" value=reissue_id />
                    <button type="submit" class="button button--secondary">
                        {reissue_label}
                    </button>
                </ServerForm>
            </div>
        </li>
    }
}
