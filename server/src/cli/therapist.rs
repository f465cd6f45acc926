//! `server therapist …`: accounts for the operator. Passwords are read from a prompt
//! (or standard input when it is not a terminal), never from the command line, where
//! they would land in the shell history and the process list.

use std::io::{BufRead, IsTerminal};

use app::{
    audit::{AuditEvent, store as audit},
    auth::{
        password::{check_new_password, hash_password},
        session,
    },
    db::Db,
    therapist::store::{
        create_therapist, disable_totp, find_therapist_by_email, set_password_hash,
    },
};
use clap::Subcommand;

use super::RunError;

#[derive(Debug, Subcommand)]
pub enum TherapistCommand {
    /// Create a therapist account.
    Add {
        #[arg(long)]
        email: String,
        /// The name colleagues and families see.
        #[arg(long)]
        name: String,
    },
    /// Set a new password for a therapist and end all their sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Turn off two-step verification for a therapist who lost their phone and
    /// recovery codes (they can set it up again after signing in).
    DisableTwoStep {
        #[arg(long)]
        email: String,
    },
}

pub async fn run(db: &Db, command: TherapistCommand) -> Result<(), RunError> {
    match command {
        TherapistCommand::Add { email, name } => {
            if find_therapist_by_email(db, &email).await?.is_some() {
                return Err(RunError::Refused(format!("an account for {email} already exists")));
            }
            let password = read_new_password(&[&email, &name])?;
            let hash = hash_password(&password).map_err(|e| RunError::Refused(e.to_string()))?;
            let therapist = create_therapist(db, &email, &name, &hash).await?;
            audit::record(db, AuditEvent::AccountCreated, therapist_entry(&therapist.id)).await?;
            println!("Created the account for {}.", therapist.email);
        }
        TherapistCommand::ResetPassword { email } => {
            let therapist = find_therapist_by_email(db, &email)
                .await?
                .ok_or_else(|| RunError::Refused(format!("no account for {email}")))?;
            let password = read_new_password(&[&therapist.email, &therapist.display_name])?;
            let hash = hash_password(&password).map_err(|e| RunError::Refused(e.to_string()))?;
            set_password_hash(db, &therapist.id, &hash).await?;
            let ended = session::delete_all_of_therapist(db, &therapist.id).await?;
            audit::record(db, AuditEvent::PasswordResetByOperator, therapist_entry(&therapist.id))
                .await?;
            println!("Password reset for {}; {ended} session(s) ended.", therapist.email);
        }
        TherapistCommand::DisableTwoStep { email } => {
            let therapist = find_therapist_by_email(db, &email)
                .await?
                .ok_or_else(|| RunError::Refused(format!("no account for {email}")))?;
            disable_totp(db, &therapist.id).await?;
            session::delete_all_of_therapist(db, &therapist.id).await?;
            audit::record(db, AuditEvent::TwoFactorDisabled, therapist_entry(&therapist.id))
                .await?;
            println!("Two-step verification is off for {}.", therapist.email);
        }
    }
    Ok(())
}

fn therapist_entry(id: &str) -> audit::NewAuditEntry<'_> {
    audit::NewAuditEntry { therapist_id: Some(id), ..Default::default() }
}

/// Reads a new password twice from the terminal, or once from standard input.
fn read_new_password(personal: &[&str]) -> Result<String, RunError> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("New password: ")?;
        let second = rpassword::prompt_password("Type it again: ")?;
        if first != second {
            return Err(RunError::Refused("the two passwords do not match".into()));
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    check_new_password(&password, personal)
        .map_err(|problem| RunError::Refused(problem.to_string()))?;
    Ok(password)
}
