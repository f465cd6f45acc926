use leptos::prelude::*;

use crate::error::AppError;

/// Whether a set-up or invitation link can still be used. Public: the link's page
/// asks before showing its form. Unknown, used and expired links look the same.
#[server(prefix = "/api", endpoint = "link_status")]
pub async fn link_status(purpose: String, token: String) -> Result<bool, AppError> {
    use crate::{ctx::Ctx, therapist::links::link_is_valid};

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let Some(purpose) = parse_purpose(&purpose) else { return Ok(false) };
            Ok(link_is_valid(ctx.db(), purpose, &token).await?)
        }
        .await,
    )
}

/// Creates a therapist account from a one-time link (the first account's set-up
/// link, or a colleague's invitation) and signs the new therapist in. Public: the
/// link itself is the permission, and it works once.
#[server(prefix = "/api", endpoint = "create_account")]
pub async fn create_account(
    purpose: String,
    token: String,
    display_name: String,
    email: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            password::{PasswordProblem, check_new_password, hash_password_off_workers},
            policy::timeouts,
            session::{self, Holder, Stage},
        },
        ctx::Ctx,
        therapist::{
            links::{consume_link, link_is_valid},
            store::{find_therapist_by_email, insert_therapist, new_therapist},
        },
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let purpose = parse_purpose(&purpose).ok_or(AppError::LinkNotValid)?;
            let state = ctx.state();
            let db = ctx.db();
            // Checked first so a used link says so, whatever else the form holds; the
            // link is used up below, in the same transaction as the new account.
            if !link_is_valid(db, purpose, &token).await? {
                return Err(AppError::LinkNotValid);
            }
            let display_name = display_name.trim();
            let email = email.trim();
            if display_name.is_empty()
                || super::too_long(display_name, super::MAX_DISPLAY_NAME_CHARS)
            {
                return Err(AppError::invalid(format!(
                    "Please enter your name ({} characters at most).",
                    super::MAX_DISPLAY_NAME_CHARS
                )));
            }
            if !looks_like_email(email) || super::too_long(email, super::MAX_EMAIL_CHARS) {
                return Err(AppError::invalid("Please enter a valid email address."));
            }
            if password != confirm_password {
                return Err(AppError::invalid(PasswordProblem::Mismatch));
            }
            check_new_password(&password, &[email, display_name]).map_err(AppError::invalid)?;

            if find_therapist_by_email(db, email).await?.is_some() {
                return Err(AppError::invalid(
                    "There is already an account with this email. Please sign in instead.",
                ));
            }
            let hash = hash_password_off_workers(&password).await?;
            let record = new_therapist(email, display_name, &hash);
            let mut tx = db.begin_write().await?;
            if !consume_link(&mut tx, purpose, &token).await? {
                return Err(AppError::LinkNotValid);
            }
            insert_therapist(&mut tx, &record).await?;
            tx.commit().await?;

            if let Some(old) = ctx.session_token() {
                session::delete(db, &old).await?;
            }
            let (stage, next) = if state.settings.require_two_factor {
                (Stage::EnrolSecondFactor, "/account/two-step")
            } else {
                (Stage::Full, "/families")
            };
            let holder = Holder::Therapist(record.id.clone());
            let token = session::create(db, &holder, stage, timeouts(state)).await?;
            ctx.set_session_cookie(&token);
            audit::record_therapist_event(&ctx, AuditEvent::AccountCreated, &record.id).await?;
            leptos_axum::redirect(next);
            Ok(())
        }
        .await,
    )
}

/// Makes a one-time link for a colleague to create their own account (valid for a
/// week). Returns the full link to pass on.
#[server(prefix = "/api", endpoint = "invite_colleague")]
pub async fn invite_colleague() -> Result<String, AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::policy,
        ctx::Ctx,
        flash::{INVITE_LINK, ssr::set_flash},
        therapist::links::{INVITE_LINK_LIFETIME, LinkPurpose, create_link},
    };

    let ctx = Ctx::current()?;
    ctx.respond(
        async {
            let therapist = policy::therapist(&ctx).await?;
            let state = ctx.state();
            let token = create_link(
                &state.db,
                LinkPurpose::Invite,
                Some(&therapist.id),
                INVITE_LINK_LIFETIME,
            )
            .await?;
            audit::record_therapist_event(&ctx, AuditEvent::ColleagueInvited, &therapist.id)
                .await?;
            let link = format!("{}{}", state.settings.public_url, LinkPurpose::Invite.path(&token));
            if ctx.is_plain_form_post() {
                set_flash(&ctx, INVITE_LINK, &link);
                leptos_axum::redirect("/account#invite");
            }
            Ok(link)
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn parse_purpose(text: &str) -> Option<crate::therapist::links::LinkPurpose> {
    use crate::therapist::links::LinkPurpose;
    match text {
        "setup" => Some(LinkPurpose::Setup),
        "invite" => Some(LinkPurpose::Invite),
        _ => None,
    }
}

/// A light check: one `@` with something either side and a dot in the domain. The
/// address is only a sign-in name here; nothing is sent to it.
#[cfg(feature = "ssr")]
fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}
