//! What the invitation and passcode server functions do, after the policy's check
//! (server only).

use super::model::{InvitationLinkView, PasscodePrompt, Welcome};
use crate::{
    auth::policy::{OwnedInvitation, ParticipantSeat, PendingSeat},
    ctx::Ctx,
    error::AppError,
    ids::{InvitationId, ParticipantId},
};

pub async fn invitation_link(
    ctx: &Ctx,
    owned: &OwnedInvitation,
) -> Result<InvitationLinkView, AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::totp::qr_svg,
        family::store::find_participant,
    };

    let therapist = owned.therapist();
    let state = ctx.state();
    let db = ctx.db();
    let invitation = owned.invitation().clone();
    if invitation.revoked_at_ms.is_some() {
        return Err(AppError::invalid(
            "This link was stopped. Make a new link to give this person a way in.",
        ));
    }
    if invitation.moved_to.is_some() {
        // Its token now belongs to the next exercise's invitation.
        return Err(AppError::invalid(
            "This link has moved on to the family's next exercise. Please show it from there.",
        ));
    }
    let participant =
        find_participant(db, &invitation.participant_id).await?.ok_or(AppError::NotFound)?;
    let link = format!("{}/j/{}", state.settings.public_url, invitation.token(&state.secret_key));
    let qr_svg = qr_svg(&link).ok_or_else(|| AppError::internal("QR code"))?;
    audit::record_about(ctx, AuditEvent::InvitationShown, &therapist.id, Some(&invitation.id))
        .await?;
    Ok(InvitationLinkView {
        invitation_id: invitation.id.into(),
        exercise_id: invitation.exercise_id.into(),
        participant_name: participant.display_name.as_str().to_owned(),
        link,
        qr_svg,
    })
}

pub async fn sign_out_devices(ctx: &Ctx, owned: &OwnedInvitation) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::session,
    };

    let therapist = owned.therapist();
    let db = ctx.db();
    super::devices::forget_all(db, owned.id()).await?;
    session::delete_all_of_invitation(db, owned.id()).await?;
    audit::record_about(ctx, AuditEvent::DevicesSignedOut, &therapist.id, Some(owned.id())).await?;
    Ok(())
}

pub async fn participant_welcome(ctx: &Ctx, access: &ParticipantSeat) -> Result<Welcome, AppError> {
    use crate::{
        answer::context::ParticipantContext,
        exercise::{DueDate, Focus},
        family::store::find_family,
        therapist::store::find_therapist,
    };

    let db = ctx.db();
    let context = ParticipantContext::load(db, access.clone()).await?;
    let missing = || AppError::internal("participant's exercise is incomplete");
    let family = find_family(db, &context.exercise.family_id).await?.ok_or_else(missing)?;
    let therapist = find_therapist(db, &family.therapist_id).await?.ok_or_else(missing)?;
    let answers = context.answers(db).await?;
    let resume_path = context
        .sections()
        .iter()
        .position(|(_, asked)| {
            asked
                .iter()
                .any(|asked| !context.item(asked, &answers).answer.is_some_and(|a| a.is_answered()))
        })
        .map_or_else(|| "/answers/review".to_owned(), |i| format!("/answers/{}", i + 1));
    Ok(Welcome {
        participant_name: context.me.display_name.as_str().to_owned(),
        therapist_name: therapist.display_name,
        template_title: context.template.title.clone(),
        focus: context.exercise.focus.as_ref().map(Focus::as_str).map(str::to_owned),
        due_date: context.exercise.due_date.as_ref().map(DueDate::as_str).map(str::to_owned),
        access: context.answer_access(),
        resume_path,
    })
}

pub async fn reissue_invitation(ctx: &Ctx, owned: &OwnedInvitation) -> Result<(), AppError> {
    use crate::audit::{AuditEvent, store as audit};

    let therapist = owned.therapist();
    let state = ctx.state();
    super::store::reissue(
        &state.db,
        &state.secret_key,
        owned.id(),
        state.settings.invitation_lifetime,
    )
    .await?;
    audit::record_about(ctx, AuditEvent::InvitationIssued, &therapist.id, Some(owned.id())).await?;
    Ok(())
}

pub async fn revoke_invitation(ctx: &Ctx, owned: &OwnedInvitation) -> Result<(), AppError> {
    use crate::audit::{AuditEvent, store as audit};

    let therapist = owned.therapist();
    let db = ctx.db();
    super::store::revoke(db, owned.id()).await?;
    audit::record_about(ctx, AuditEvent::InvitationRevoked, &therapist.id, Some(owned.id()))
        .await?;
    Ok(())
}

pub async fn enter_passcode(
    ctx: &Ctx,
    seat: &PendingSeat,
    passcode: String,
) -> Result<(), AppError> {
    use http::{HeaderValue, header::HeaderName};

    use super::{
        join::{CLEAR_STORAGE, LOCKED_PATH},
        passcode::{Attempt, attempt},
    };
    use crate::auth::throttle::{self, Scope};

    let (pending, invitation) = (seat.signed_in(), seat.invitation());
    let typed = super::passcode::check_typed(&passcode).map_err(AppError::Invalid)?;
    let db = ctx.db();
    let ip = ctx.client_ip().unwrap_or_default();
    // Counted before the passcode is checked (see `throttle`); the link's
    // own five tries are taken the same way (`passcode::attempt`).
    let address_try = match throttle::take(db, Scope::PasscodeAddress, &ip).await? {
        Ok(taken) => taken,
        Err(wait) => {
            return Err(AppError::wait_for(wait));
        }
    };
    match attempt(db, invitation, typed).await? {
        Attempt::Right => {
            throttle::succeeded(db, address_try).await?;
            let_in(ctx, pending, &invitation.id).await
        }
        Attempt::Wrong { tries_left } => {
            let _ = address_try;
            Err(AppError::invalid(if tries_left == 1 {
                "That passcode is not right. You can try once more; after that the link \
                 locks and your therapist will need to make you a new one."
                    .to_owned()
            } else {
                format!("That passcode is not right. You can try {tries_left} more times.")
            }))
        }
        Attempt::Locked => {
            ctx.clear_session_cookie();
            ctx.append_response_header(
                HeaderName::from_static("clear-site-data"),
                HeaderValue::from_static(CLEAR_STORAGE),
            );
            leptos_axum::redirect(LOCKED_PATH);
            Ok(())
        }
    }
}

pub async fn choose_passcode(
    ctx: &Ctx,
    seat: &PendingSeat,
    passcode: String,
    again: String,
) -> Result<(), AppError> {
    use crate::auth::{
        policy::timeouts,
        session::{self, Stage},
    };

    let (pending, invitation) = (seat.signed_in(), seat.invitation());
    super::passcode::check_new(&passcode, &again).map_err(AppError::Invalid)?;
    let state = ctx.state();
    let hash = crate::auth::password::hash_password_off_workers(passcode.trim()).await?;
    if !super::passcode::set_if_unset(&state.db, &invitation.id, &hash).await? {
        // A second device got there first: this one must give that passcode.
        let token = session::rotate(
            &state.db,
            &pending.token,
            &pending.session,
            Stage::PasscodeDue,
            timeouts(state),
        )
        .await?;
        ctx.set_session_cookie(&token);
        return Err(AppError::invalid(
            "A passcode was just chosen for this link on another device. If that was \
             you, please enter it below.",
        ));
    }
    let_in(ctx, pending, &invitation.id).await
}

pub async fn passcode_step(ctx: &Ctx) -> Result<PasscodePrompt, AppError> {
    use crate::auth::{
        policy::{self, WayIn},
        session::Stage,
    };

    let WayIn::Pending(seat) = policy::way_in(ctx).await? else {
        return Ok(PasscodePrompt::Done);
    };
    match seat.signed_in().stage() {
        Stage::ChoosePasscode => Ok(PasscodePrompt::Choose),
        _ => {
            let failures = seat.invitation().passcode_failures;
            let tries_left = super::passcode::MAX_TRIES - failures;
            Ok(PasscodePrompt::Enter { tries_left: tries_left.max(1) })
        }
    }
}

/// The passcode was chosen or given: this device becomes one of the link's, and
/// the visit starts (a new session id for the new privilege).
async fn let_in(
    ctx: &Ctx,
    pending: &crate::auth::policy::SignedIn<ParticipantId>,
    invitation_id: &InvitationId,
) -> Result<(), AppError> {
    use super::devices::{claim, device_cookie, device_or_new};
    use crate::auth::{
        policy::timeouts,
        session::{self, Stage},
    };

    let state = ctx.state();
    let (device, new_device) = device_or_new(&state.settings, ctx.headers());
    claim(&state.db, invitation_id, &device).await?;
    if new_device {
        ctx.set_cookie(&device_cookie(&state.settings, &device));
    }
    let token =
        session::rotate(&state.db, &pending.token, &pending.session, Stage::Full, timeouts(state))
            .await?;
    ctx.set_session_cookie(&token);
    leptos_axum::redirect(super::join::WELCOME_PATH);
    Ok(())
}
