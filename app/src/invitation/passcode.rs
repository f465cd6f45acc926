//! Participants' passcodes (server only): chosen on the first device that opens a
//! link, asked for on any other. Stored as Argon2id like passwords. Five wrong
//! tries in a row lock the link until the therapist makes a new one; each try is
//! counted *before* the passcode is checked, so racing requests cannot get more
//! than five guesses.

use sqlx::Row;

use super::store::Invitation;
use crate::{
    auth::{password::verify_password_off_workers, session},
    db::{Db, time::now_ms},
    ids::InvitationId,
};

pub use super::{MAX_DIGITS, MIN_DIGITS};
/// Wrong passcodes in a row before the link locks.
pub const MAX_TRIES: i64 = 5;

/// A passcode someone chose, checked: digits only (a phone shows its number pad),
/// 4 to 12 of them, typed the same twice.
pub fn check_new(passcode: &str, again: &str) -> Result<(), String> {
    let passcode = passcode.trim();
    if !passcode.chars().all(|c| c.is_ascii_digit()) {
        return Err("Please use numbers only (0 to 9).".to_owned());
    }
    if passcode.len() < MIN_DIGITS || passcode.len() > MAX_DIGITS {
        return Err(format!(
            "Please choose {MIN_DIGITS} to {MAX_DIGITS} numbers. This one has {}.",
            passcode.len()
        ));
    }
    if passcode != again.trim() {
        return Err("The two passcodes are not the same. Please type it again twice.".to_owned());
    }
    Ok(())
}

/// A passcode typed to open the link on another device, checked for its shape
/// before any try is counted: a typo in its length costs no try.
pub fn check_typed(passcode: &str) -> Result<&str, String> {
    let typed = passcode.trim();
    if typed.len() < MIN_DIGITS
        || typed.len() > MAX_DIGITS
        || !typed.chars().all(|c| c.is_ascii_digit())
    {
        return Err(format!(
            "Your passcode is {MIN_DIGITS} to {MAX_DIGITS} numbers. Please type it again."
        ));
    }
    Ok(typed)
}

/// Stores the passcode unless one was chosen meanwhile (a second device racing the
/// first); true when this one was stored.
pub async fn set_if_unset(
    db: &Db,
    invitation_id: &InvitationId,
    hash: &str,
) -> Result<bool, sqlx::Error> {
    let query = sqlx::query(
        "UPDATE invitations SET passcode_hash = $2, passcode_failures = 0 \
         WHERE id = $1 AND passcode_hash IS NULL AND locked_at IS NULL",
    )
    .bind(invitation_id)
    .bind(hash);
    Ok(db.write(query).await? == 1)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Right,
    Wrong {
        tries_left: i64,
    },
    /// Locked now or before: the link works nowhere until it is re-issued.
    Locked,
}

/// Checks a passcode typed on a device the link does not know.
pub async fn attempt(
    db: &Db,
    invitation: &Invitation,
    typed: &str,
) -> Result<Attempt, sqlx::Error> {
    let Some(stored) = invitation.passcode_hash.as_deref() else { return Ok(Attempt::Locked) };
    // Take one of the tries first; none left means locked.
    let reserved = db
        .write(
            sqlx::query(
                "UPDATE invitations SET passcode_failures = passcode_failures + 1 \
                 WHERE id = $1 AND locked_at IS NULL AND passcode_failures < $2",
            )
            .bind(&invitation.id)
            .bind(MAX_TRIES),
        )
        .await?;
    if reserved == 0 {
        lock(db, &invitation.id).await?;
        return Ok(Attempt::Locked);
    }
    // Fails only while the server shuts down (no blocking threads left); the try
    // taken above then stays taken, as for any interrupted check.
    let matches = verify_password_off_workers(typed.trim(), stored).await.unwrap_or(false);
    if matches {
        db.write(
            sqlx::query("UPDATE invitations SET passcode_failures = 0 WHERE id = $1")
                .bind(&invitation.id),
        )
        .await?;
        return Ok(Attempt::Right);
    }
    let failures: i64 = sqlx::query("SELECT passcode_failures FROM invitations WHERE id = $1")
        .bind(&invitation.id)
        .fetch_one(db.pool())
        .await?
        .try_get("passcode_failures")?;
    if failures >= MAX_TRIES {
        lock(db, &invitation.id).await?;
        return Ok(Attempt::Locked);
    }
    Ok(Attempt::Wrong { tries_left: MAX_TRIES - failures })
}

/// Locks the link: its sessions end and its devices are forgotten.
async fn lock(db: &Db, invitation_id: &str) -> Result<(), sqlx::Error> {
    db.write(
        sqlx::query("UPDATE invitations SET locked_at = $2 WHERE id = $1 AND locked_at IS NULL")
            .bind(invitation_id)
            .bind(now_ms()),
    )
    .await?;
    session::delete_all_of_invitation(db, invitation_id).await?;
    super::devices::forget_all(db, invitation_id).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passcodes_are_4_to_12_digits_typed_twice() {
        assert!(check_new("2468", "2468").is_ok());
        assert!(check_new(" 123456789012 ", "123456789012").is_ok());
        assert!(check_new("123", "123").unwrap_err().contains("This one has 3"));
        assert!(check_new("1234567890123", "1234567890123").is_err());
        assert!(check_new("12a4", "12a4").unwrap_err().contains("numbers only"));
        assert!(check_new("2468", "2469").unwrap_err().contains("not the same"));
    }
}
