//! Who the caller is, and ending their sessions: what `current_viewer`, `sign_out`
//! and `sign_out_everywhere` do once the policy has classified the caller (server only).

use super::{
    TherapistView, Viewer,
    policy::{self, Actor, SignedIn},
    session::{self, Holder, Stage},
};
use crate::{
    audit::{AuditEvent, store as audit},
    ctx::Ctx,
    error::AppError,
    ids::TherapistId,
};

/// What the page shell needs to know about the caller. A therapist whose account has
/// gone since the session began is shown as signed out.
pub async fn viewer(ctx: &Ctx) -> Result<Viewer, AppError> {
    Ok(match policy::caller(ctx).await? {
        Actor::Anonymous => Viewer::Anonymous,
        Actor::Participant(_) | Actor::ParticipantPending(_) => Viewer::Participant,
        Actor::Therapist(signed_in) => match therapist_view(ctx, &signed_in.id).await? {
            Some(therapist) => Viewer::Therapist(therapist),
            None => Viewer::Anonymous,
        },
        Actor::TherapistPending(pending) => {
            match (pending.stage(), therapist_view(ctx, &pending.id).await?) {
                (Stage::EnrolSecondFactor, Some(therapist)) => {
                    Viewer::MustEnrolSecondFactor(therapist)
                }
                (_, _) => Viewer::AwaitingSecondFactor,
            }
        }
    })
}

/// Ends this one session (a therapist's or a participant's device) and clears the cookie.
pub async fn sign_out(ctx: &Ctx, signed_in: &SignedIn<Holder>) -> Result<(), AppError> {
    session::delete(ctx.db(), &signed_in.token).await?;
    ctx.clear_session_cookie();
    if let Some(id) = signed_in.therapist_id() {
        audit::record_therapist_event(ctx, AuditEvent::SignOut, id).await?;
    }
    Ok(())
}

/// Ends every session of this therapist, on every device.
pub async fn sign_out_everywhere(
    ctx: &Ctx,
    therapist: &SignedIn<TherapistId>,
) -> Result<(), AppError> {
    session::delete_all_of_therapist(ctx.db(), &therapist.id).await?;
    ctx.clear_session_cookie();
    audit::record_therapist_event(ctx, AuditEvent::SignOutEverywhere, &therapist.id).await?;
    Ok(())
}

async fn therapist_view(ctx: &Ctx, id: &str) -> Result<Option<TherapistView>, AppError> {
    let record = crate::therapist::store::find_therapist(ctx.db(), id).await?;
    Ok(record.map(|r| TherapistView {
        display_name: r.display_name,
        email: r.email,
        two_factor_enabled: r.totp_secret.is_some(),
    }))
}
