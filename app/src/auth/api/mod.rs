//! The account server functions. Each reads the request context, asks the policy
//! for the caller (`policy::therapist`, `policy::any_session`, … or is deliberately
//! public, as marked), calls `auth::flows` or `auth::presence`, and returns through
//! `Ctx::respond`.

mod accounts;
mod current;
mod password;
mod second_factor;
mod sign_in;
mod sign_out;
mod two_factor;

pub use accounts::{
    CreateAccount, InviteColleague, LinkStatus, create_account, invite_colleague, link_status,
};
pub use current::{CurrentViewer, current_viewer};
pub use password::{ChangePassword, change_password};
pub use second_factor::{VerifySecondFactor, verify_second_factor};
pub use sign_in::{SignIn, sign_in};
pub use sign_out::{SignOut, SignOutEverywhere, sign_out, sign_out_everywhere};
pub use two_factor::{
    BeginTwoFactor, ConfirmTwoFactor, DisableTwoFactor, TwoFactorEnrolment, begin_two_factor,
    confirm_two_factor, disable_two_factor,
};

/// Longest email accepted (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_DISPLAY_NAME_CHARS: usize = 80;
/// Longest password accepted (hashing a longer one would be work for nothing).
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Longest two-step or recovery code accepted, spaces and dashes included.
pub const MAX_CODE_CHARS: usize = 32;

#[cfg(feature = "ssr")]
pub(crate) fn too_long(value: &str, max: usize) -> bool {
    value.chars().count() > max
}
