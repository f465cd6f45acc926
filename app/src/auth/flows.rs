//! Signing in, accounts, two-step verification and passwords: what each account server
//! function does once the policy has let the caller in (server only). The server
//! functions (`auth::api`) only read the request context and the capability, then call
//! these.

use super::model::TwoFactorEnrolment;
use crate::{auth::policy::SignedIn, ctx::Ctx, error::AppError, ids::TherapistId};

pub async fn sign_in(ctx: &Ctx, email: String, password: String) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            password::{off_workers, verify_against_dummy, verify_password},
            policy::timeouts,
            session::{self, Holder, Stage},
            throttle::{self, Scope},
        },
        therapist::store::{find_therapist_by_email, normalise_email},
    };

    if super::api::too_long(&email, super::api::MAX_EMAIL_CHARS)
        || super::api::too_long(&password, crate::auth::password::MAX_CHARS)
    {
        return Err(AppError::SignInFailed);
    }
    let state = ctx.state();
    let db = ctx.db();
    let email_key = normalise_email(&email);
    let ip = ctx.client_ip().unwrap_or_default();

    // A try from the account's allowance and one from the address's, both
    // counted before the password is checked (see `throttle`).
    let account_try = match throttle::take(db, Scope::Email, &email_key).await? {
        Ok(taken) => taken,
        Err(wait) => return Err(AppError::wait_for(wait)),
    };
    let address_try = match throttle::take(db, Scope::ClientIp, &ip).await? {
        Ok(taken) => taken,
        Err(wait) => {
            // Nothing was checked: the account's try is given back.
            throttle::succeeded(db, account_try).await?;
            return Err(AppError::wait_for(wait));
        }
    };

    let therapist = find_therapist_by_email(db, &email_key).await?;
    let stored = therapist.as_ref().map(|record| record.password_hash.clone());
    let matched = off_workers(move || match stored {
        Some(hash) => verify_password(&password, &hash),
        None => {
            verify_against_dummy(&password);
            false
        }
    })
    .await?;
    let therapist = match therapist {
        Some(record) if matched => record,
        unmatched => {
            // Both tries stay counted.
            let _ = (account_try, address_try);
            // The same write for an unknown email as for a known one (with no
            // account to name): the work done tells nothing.
            let client_ip = ctx.client_ip();
            let entry = audit::NewAuditEntry {
                therapist_id: unmatched.as_ref().map(|record| record.id.as_str()),
                subject_id: None,
                client_ip: client_ip.as_deref(),
            };
            audit::record(db, AuditEvent::SignInFailed, entry).await?;
            return Err(AppError::SignInFailed);
        }
    };
    drop(account_try);
    throttle::clear(db, Scope::Email, &email_key).await?;
    throttle::succeeded(db, address_try).await?;

    if let Some(old) = ctx.session_token() {
        session::delete(db, &old).await?;
    }
    let (stage, next) = if therapist.totp_secret.is_some() {
        (Stage::SecondFactor, "/sign-in/code")
    } else if state.settings.require_two_factor {
        (Stage::EnrolSecondFactor, "/account/two-step")
    } else {
        (Stage::Full, "/families")
    };
    let holder = Holder::Therapist(therapist.id.clone());
    let token = session::create(db, &holder, stage, timeouts(state)).await?;
    ctx.set_session_cookie(&token);
    if stage == Stage::Full {
        audit::record_therapist_event(ctx, AuditEvent::SignIn, &therapist.id).await?;
    }
    leptos_axum::redirect(next);
    Ok(())
}

pub async fn create_account(
    ctx: &Ctx,
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
        therapist::{
            links::{consume_link, link_is_valid},
            store::{find_therapist_by_email, insert_therapist, new_therapist},
        },
    };

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
        || super::api::too_long(display_name, super::api::MAX_DISPLAY_NAME_CHARS)
    {
        return Err(AppError::invalid(format!(
            "Please enter your name ({} characters at most).",
            super::api::MAX_DISPLAY_NAME_CHARS
        )));
    }
    if !looks_like_email(email) || super::api::too_long(email, super::api::MAX_EMAIL_CHARS) {
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
    audit::record_therapist_event(ctx, AuditEvent::AccountCreated, &record.id).await?;
    leptos_axum::redirect(next);
    Ok(())
}

pub async fn invite_colleague(
    ctx: &Ctx,
    therapist: &SignedIn<TherapistId>,
) -> Result<String, AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        flash::{INVITE_LINK, ssr::set_flash},
        therapist::links::{INVITE_LINK_LIFETIME, LinkPurpose, create_link},
    };

    let state = ctx.state();
    let token =
        create_link(&state.db, LinkPurpose::Invite, Some(&therapist.id), INVITE_LINK_LIFETIME)
            .await?;
    audit::record_therapist_event(ctx, AuditEvent::ColleagueInvited, &therapist.id).await?;
    let link = format!("{}{}", state.settings.public_url, LinkPurpose::Invite.path(&token));
    if ctx.is_plain_form_post() {
        set_flash(ctx, INVITE_LINK, &link);
        leptos_axum::redirect("/account#invite");
    }
    Ok(link)
}

pub async fn verify_second_factor(
    ctx: &Ctx,
    pending: &SignedIn<TherapistId>,
    code: String,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            policy::timeouts,
            session::{self, Stage},
        },
    };

    check_second_factor(ctx, &pending.id, &code).await?;
    let token = session::rotate(
        ctx.db(),
        &pending.token,
        &pending.session,
        Stage::Full,
        timeouts(ctx.state()),
    )
    .await?;
    ctx.set_session_cookie(&token);
    audit::record_therapist_event(ctx, AuditEvent::SignIn, &pending.id).await?;
    leptos_axum::redirect("/families");
    Ok(())
}

/// Checks a code from the therapist's authenticator app (each time step once) or
/// one of their recovery codes (each once), with the attempt limit: counted before
/// the code is checked, so parallel guesses cannot all slip past it (see
/// `throttle`); a right code clears the count.
async fn check_second_factor(
    ctx: &Ctx,
    therapist_id: &TherapistId,
    code: &str,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            secrets::{hash_secret, normalise_recovery_code},
            throttle::{self, Scope},
            totp,
        },
        therapist::store::{claim_totp_step, find_therapist, use_recovery_code},
    };
    use std::time::{SystemTime, UNIX_EPOCH};

    let db = ctx.db();
    let therapist_key = format!("2fa:{therapist_id}");
    if super::api::too_long(code, super::api::MAX_CODE_CHARS) {
        return Err(AppError::CodeRejected);
    }
    if let Err(wait) = throttle::take(db, Scope::Email, &therapist_key).await? {
        return Err(AppError::wait_for(wait));
    }
    let Some(secret) = find_therapist(db, therapist_id).await?.and_then(|t| t.totp_secret) else {
        return Err(AppError::Unauthenticated);
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let mut used_recovery_code = false;
    let accepted = match totp::verify(&secret, code, now) {
        Some(step) => claim_totp_step(db, therapist_id, step).await?,
        None => {
            let hash = hash_secret(&normalise_recovery_code(code));
            used_recovery_code = use_recovery_code(db, therapist_id, &hash).await?;
            used_recovery_code
        }
    };
    if !accepted {
        audit::record_therapist_event(ctx, AuditEvent::SecondFactorFailed, therapist_id).await?;
        return Err(AppError::CodeRejected);
    }
    throttle::clear(db, Scope::Email, &therapist_key).await?;
    if used_recovery_code {
        audit::record_therapist_event(ctx, AuditEvent::RecoveryCodeUsed, therapist_id).await?;
    }
    Ok(())
}

pub async fn begin_two_factor(
    ctx: &Ctx,
    signed_in: &SignedIn<TherapistId>,
) -> Result<TwoFactorEnrolment, AppError> {
    use crate::{
        auth::totp,
        therapist::store::{find_therapist, set_pending_totp_secret},
    };

    // The set-up page makes a secret when it opens; a link on another site must not
    // be able to start that (or show the secret to whoever framed the visit).
    if ctx.is_cross_site() {
        return Err(AppError::Invalid(
            "For your safety, two-step set-up opens only from within Parallel. Go to Your \
             account and choose to set up two-step verification there."
                .into(),
        ));
    }
    let db = ctx.db();
    let therapist = find_therapist(db, &signed_in.id).await?.ok_or(AppError::Unauthenticated)?;
    let secret = match therapist.totp_pending_secret {
        Some(secret) => secret,
        None => {
            let secret = totp::new_secret();
            set_pending_totp_secret(db, &therapist.id, &secret).await?;
            secret
        }
    };
    let uri = totp::provisioning_uri(&secret, &therapist.email);
    let qr_svg = totp::qr_svg(&uri).ok_or_else(|| AppError::internal("QR code"))?;
    Ok(TwoFactorEnrolment { already_enabled: therapist.totp_secret.is_some(), secret, qr_svg })
}

pub async fn confirm_two_factor(
    ctx: &Ctx,
    signed_in: &SignedIn<TherapistId>,
    code: String,
) -> Result<Vec<String>, AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            policy::timeouts,
            secrets::{hash_secret, new_recovery_code, normalise_recovery_code},
            session::{self, Stage},
            totp,
        },
        flash::{RECOVERY_CODES, ssr::set_flash},
        therapist::store::{enable_totp, find_therapist, replace_recovery_codes},
    };
    use std::time::{SystemTime, UNIX_EPOCH};

    let state = ctx.state();
    let db = ctx.db();
    let therapist = find_therapist(db, &signed_in.id).await?.ok_or(AppError::Unauthenticated)?;
    let Some(secret) = therapist.totp_pending_secret else {
        return Err(AppError::invalid(
            "Please start again: reload this page to get a new QR code.",
        ));
    };
    if super::api::too_long(&code, super::api::MAX_CODE_CHARS) {
        return Err(AppError::CodeRejected);
    }
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let step = totp::verify(&secret, &code, now).ok_or(AppError::CodeRejected)?;
    enable_totp(db, &therapist.id, &secret, step).await?;

    let codes: Vec<String> = (0..10).map(|_| new_recovery_code()).collect();
    let hashes: Vec<String> =
        codes.iter().map(|code| hash_secret(&normalise_recovery_code(code))).collect();
    replace_recovery_codes(db, &therapist.id, &hashes).await?;

    let token =
        session::rotate(db, &signed_in.token, &signed_in.session, Stage::Full, timeouts(state))
            .await?;
    ctx.set_session_cookie(&token);
    audit::record_therapist_event(ctx, AuditEvent::TwoFactorEnabled, &therapist.id).await?;
    if ctx.is_plain_form_post() {
        set_flash(ctx, RECOVERY_CODES, &codes.join("."));
        leptos_axum::redirect("/account/two-step");
    }
    Ok(codes)
}

/// Turning two-step off (the only way to replace it: set it up again after) needs
/// the password and a current code, so a session left open or a password seen over
/// a shoulder is not enough to take the second step away.
pub async fn disable_two_factor(
    ctx: &Ctx,
    signed_in: &SignedIn<TherapistId>,
    password: String,
    code: String,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            password::verify_password_off_workers,
            throttle::{self, Scope},
        },
        therapist::store::{disable_totp, find_therapist},
    };

    let state = ctx.state();
    if state.settings.require_two_factor {
        return Err(AppError::invalid(
            "Two-step verification is required on this server and cannot be turned off.",
        ));
    }
    let db = &state.db;
    let therapist = find_therapist(db, &signed_in.id).await?.ok_or(AppError::Unauthenticated)?;
    let recheck_key = recheck_key(&therapist.id);
    let recheck = match throttle::take(db, Scope::Email, &recheck_key).await? {
        Ok(taken) => taken,
        Err(wait) => {
            return Err(AppError::wait_for(wait));
        }
    };
    if !verify_password_off_workers(&password, &therapist.password_hash).await? {
        return Err(AppError::invalid("Your password is not right."));
    }
    throttle::succeeded(db, recheck).await?;
    check_second_factor(ctx, &therapist.id, &code).await?;
    disable_totp(db, &therapist.id).await?;
    audit::record_therapist_event(ctx, AuditEvent::TwoFactorDisabled, &therapist.id).await?;
    leptos_axum::redirect("/account?changed=two-step-off");
    Ok(())
}

pub async fn change_password(
    ctx: &Ctx,
    signed_in: &SignedIn<TherapistId>,
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{
        audit::{AuditEvent, store as audit},
        auth::{
            password::{
                PasswordProblem, check_new_password, hash_password_off_workers,
                verify_password_off_workers,
            },
            policy::timeouts,
            session::{self, Holder, Stage},
            throttle::{self, Scope},
        },
        therapist::store::{find_therapist, set_password_hash},
    };

    let state = ctx.state();
    let db = ctx.db();
    let Some(therapist) = find_therapist(db, &signed_in.id).await? else {
        return Err(AppError::Unauthenticated);
    };
    // Re-checking the password is rate-limited like signing in: a session
    // left open must not become a way to guess it.
    let recheck = match throttle::take(db, Scope::Email, &recheck_key(&therapist.id)).await? {
        Ok(taken) => taken,
        Err(wait) => {
            return Err(AppError::wait_for(wait));
        }
    };
    if !verify_password_off_workers(&current_password, &therapist.password_hash).await? {
        return Err(AppError::invalid("Your current password is not right."));
    }
    throttle::succeeded(db, recheck).await?;
    if new_password != confirm_password {
        return Err(AppError::invalid(PasswordProblem::Mismatch));
    }
    check_new_password(&new_password, &[&therapist.email, &therapist.display_name])
        .map_err(AppError::invalid)?;
    let hash = hash_password_off_workers(&new_password).await?;
    set_password_hash(db, &therapist.id, &hash).await?;

    session::delete_all_of_therapist(db, &therapist.id).await?;
    let holder = Holder::Therapist(therapist.id.clone());
    let token = session::create(db, &holder, Stage::Full, timeouts(state)).await?;
    ctx.set_session_cookie(&token);
    audit::record_therapist_event(ctx, AuditEvent::PasswordChanged, &therapist.id).await?;
    leptos_axum::redirect("/account?changed=password");
    Ok(())
}

pub(crate) fn parse_purpose(text: &str) -> Option<crate::therapist::links::LinkPurpose> {
    use crate::therapist::links::LinkPurpose;
    match text {
        "setup" => Some(LinkPurpose::Setup),
        "invite" => Some(LinkPurpose::Invite),
        _ => None,
    }
}

/// A light check: one `@` with something either side and a dot in the domain. The
/// address is only a sign-in name here; nothing is sent to it.
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
/// The throttle key for re-checking a signed-in therapist's password (changing it,
/// turning two-step off): its own count, apart from signing in.
fn recheck_key(therapist_id: &str) -> String {
    format!("recheck:{therapist_id}")
}
