//! The audit trail: an append-only record of security-relevant events. Entries hold
//! ids and event names only, never names, answers or secrets.

mod api;
pub mod model;
#[cfg(feature = "ssr")]
mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use api::{ActivityPage, AuditEntry, ListMyActivity, list_my_activity};

use serde::{Deserialize, Serialize};

/// Everything the trail records. Stored by name; new events are added at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditEvent {
    SignIn,
    SignInFailed,
    SecondFactorFailed,
    SignOut,
    SignOutEverywhere,
    PasswordChanged,
    PasswordResetByOperator,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodeUsed,
    AccountCreated,
    ColleagueInvited,
    FamilyDeleted,
    InvitationIssued,
    InvitationRevoked,
    TemplateImported,
    AnswersRead,
    SectionRevealed,
    SectionHidden,
    SummaryViewed,
    ExerciseExported,
    FlagAcknowledged,
    InvitationShown,
    DevicesSignedOut,
}

impl AuditEvent {
    pub const ALL: &'static [AuditEvent] = &[
        AuditEvent::SignIn,
        AuditEvent::SignInFailed,
        AuditEvent::SecondFactorFailed,
        AuditEvent::SignOut,
        AuditEvent::SignOutEverywhere,
        AuditEvent::PasswordChanged,
        AuditEvent::PasswordResetByOperator,
        AuditEvent::TwoFactorEnabled,
        AuditEvent::TwoFactorDisabled,
        AuditEvent::RecoveryCodeUsed,
        AuditEvent::AccountCreated,
        AuditEvent::ColleagueInvited,
        AuditEvent::FamilyDeleted,
        AuditEvent::InvitationIssued,
        AuditEvent::InvitationRevoked,
        AuditEvent::TemplateImported,
        AuditEvent::AnswersRead,
        AuditEvent::SectionRevealed,
        AuditEvent::SectionHidden,
        AuditEvent::SummaryViewed,
        AuditEvent::ExerciseExported,
        AuditEvent::FlagAcknowledged,
        AuditEvent::InvitationShown,
        AuditEvent::DevicesSignedOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::SignIn => "sign_in",
            AuditEvent::SignInFailed => "sign_in_failed",
            AuditEvent::SecondFactorFailed => "second_factor_failed",
            AuditEvent::SignOut => "sign_out",
            AuditEvent::SignOutEverywhere => "sign_out_everywhere",
            AuditEvent::PasswordChanged => "password_changed",
            AuditEvent::PasswordResetByOperator => "password_reset_by_operator",
            AuditEvent::TwoFactorEnabled => "two_factor_enabled",
            AuditEvent::TwoFactorDisabled => "two_factor_disabled",
            AuditEvent::RecoveryCodeUsed => "recovery_code_used",
            AuditEvent::AccountCreated => "account_created",
            AuditEvent::ColleagueInvited => "colleague_invited",
            AuditEvent::FamilyDeleted => "family_deleted",
            AuditEvent::InvitationIssued => "invitation_issued",
            AuditEvent::InvitationRevoked => "invitation_revoked",
            AuditEvent::InvitationShown => "invitation_shown",
            AuditEvent::DevicesSignedOut => "devices_signed_out",
            AuditEvent::TemplateImported => "template_imported",
            AuditEvent::AnswersRead => "answers_read",
            AuditEvent::SectionRevealed => "section_revealed",
            AuditEvent::SectionHidden => "section_hidden",
            AuditEvent::SummaryViewed => "summary_viewed",
            AuditEvent::ExerciseExported => "exercise_exported",
            AuditEvent::FlagAcknowledged => "flag_acknowledged",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|event| event.as_str() == text)
    }

    /// How the therapist's activity page words it.
    pub fn describe(self) -> &'static str {
        match self {
            AuditEvent::SignIn => "Signed in",
            AuditEvent::SignInFailed => "Sign-in failed (wrong password)",
            AuditEvent::SecondFactorFailed => "Sign-in failed (wrong two-step code)",
            AuditEvent::SignOut => "Signed out",
            AuditEvent::SignOutEverywhere => "Signed out everywhere",
            AuditEvent::PasswordChanged => "Password changed",
            AuditEvent::PasswordResetByOperator => "Password reset by the administrator",
            AuditEvent::TwoFactorEnabled => "Two-step verification turned on",
            AuditEvent::TwoFactorDisabled => "Two-step verification turned off",
            AuditEvent::RecoveryCodeUsed => "Signed in with a recovery code",
            AuditEvent::AccountCreated => "Account created",
            AuditEvent::ColleagueInvited => "Invited a colleague",
            AuditEvent::FamilyDeleted => "Deleted a family and all its data",
            AuditEvent::InvitationIssued => "Made a new invitation link",
            AuditEvent::InvitationRevoked => "Revoked an invitation link",
            AuditEvent::InvitationShown => "Showed an invitation link or its QR code",
            AuditEvent::DevicesSignedOut => "Signed out the devices of an invitation link",
            AuditEvent::TemplateImported => "Imported a template",
            AuditEvent::AnswersRead => "Read a family's answers",
            AuditEvent::SectionRevealed => "Revealed a section in a session",
            AuditEvent::SectionHidden => "Hid a section again",
            AuditEvent::SummaryViewed => "Opened an exercise's printable summary",
            AuditEvent::ExerciseExported => "Exported an exercise (JSON)",
            AuditEvent::FlagAcknowledged => "Acknowledged a check-in flag",
        }
    }
}
