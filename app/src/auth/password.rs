//! Passwords: Argon2id hashing and the acceptance rules (NIST SP 800-63B style: a
//! length range and a check against common passwords; no composition rules, no
//! forced rotation).

use std::sync::LazyLock;

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = super::api::MAX_PASSWORD_CHARS;

/// Argon2id with m = 19 MiB, t = 2, p = 1 (the OWASP minimum).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Why a new password was refused, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    #[error("Please use at least {MIN_CHARS} characters. A few unrelated words work well.")]
    TooShort,
    #[error("Please use at most {MAX_CHARS} characters.")]
    TooLong,
    #[error(
        "That password is too common or too easy to guess. Try a few unrelated words \
         together, such as a short sentence only you would write."
    )]
    TooCommon,
    #[error("The two passwords do not match.")]
    Mismatch,
}

/// Checks a new password. `personal` holds the account's own email and name, which
/// must not make up the password.
pub fn check_new_password(password: &str, personal: &[&str]) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    // zxcvbn ships the common-password list (about 30,000 entries, with English words,
    // names and keyboard patterns) compiled into the binary; score 3 means "safely
    // unguessable" against slow-hash offline attacks (≥ 10⁸ guesses).
    let entropy = zxcvbn::zxcvbn(password, personal);
    if entropy.score() < zxcvbn::Score::Three {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

/// Hashes a password into a PHC string (algorithm, parameters, salt and hash).
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher().hash_password(password.as_bytes(), &salt)?.to_string())
}

/// True when `password` matches `phc`. Constant-time in the comparison; a malformed
/// stored hash counts as no match.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
        .unwrap_or(false)
}

/// Runs Argon2 work (19 MiB and tens of milliseconds of one core each) on tokio's
/// blocking threads, at most one per core at a time. On the async workers it would
/// stall every other request meanwhile; unbounded, fifty sign-ins at once would
/// take a gigabyte of memory.
pub async fn off_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, crate::error::AppError> {
    use crate::error::AppError;
    static PERMITS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
        tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    });
    let _permit = PERMITS.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(work).await.map_err(AppError::internal)
}

/// `verify_password`, off the async workers (`off_workers`).
pub async fn verify_password_off_workers(
    password: &str,
    phc: &str,
) -> Result<bool, crate::error::AppError> {
    let (password, phc) = (password.to_owned(), phc.to_owned());
    off_workers(move || verify_password(&password, &phc)).await
}

/// `hash_password`, off the async workers (`off_workers`).
pub async fn hash_password_off_workers(password: &str) -> Result<String, crate::error::AppError> {
    let password = password.to_owned();
    off_workers(move || hash_password(&password))
        .await?
        .map_err(|error| crate::error::AppError::internal(format!("hashing: {error}")))
}

/// Spends the same effort as a real check, for an email with no account, so that a
/// response's timing does not tell whether an account exists.
pub fn verify_against_dummy(password: &str) {
    static DUMMY: LazyLock<String> = LazyLock::new(|| {
        hash_password("a placeholder nobody can sign in with").unwrap_or_default()
    });
    let _ = verify_password(password, &DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_required_cost_and_verify() {
        let phc = hash_password("correct horse battery staple").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password("correct horse battery staple", &phc));
        assert!(!verify_password("correct horse battery stapler", &phc));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn length_bounds_count_characters() {
        assert_eq!(check_new_password("short one", &[]), Err(PasswordProblem::TooShort));
        let long = "ü".repeat(MAX_CHARS + 1);
        assert_eq!(check_new_password(&long, &[]), Err(PasswordProblem::TooLong));
        assert_eq!(check_new_password("marble kettle orbit lantern", &[]), Ok(()));
        // 128 characters is accepted.
        let passphrase = "tulip granite meadow ".repeat(7);
        assert_eq!(check_new_password(&passphrase[..128], &[]), Ok(()));
    }

    #[test]
    fn common_and_personal_passwords_are_refused() {
        for common in ["password1234", "qwertyuiop123", "123456789012", "iloveyou1234"] {
            assert_eq!(
                check_new_password(common, &[]),
                Err(PasswordProblem::TooCommon),
                "{common}"
            );
        }
        assert_eq!(
            check_new_password("ana.rivera@example.org", &["ana.rivera@example.org"]),
            Err(PasswordProblem::TooCommon)
        );
    }
}
