//! Two-step verification with time-based one-time codes (RFC 6238: SHA-1, 6 digits,
//! 30-second steps), as every authenticator app understands.

use qrcode::{QrCode, render::svg};
use totp_rs::{Algorithm, Secret, TOTP};

const DIGITS: usize = 6;
const STEP_SECONDS: u64 = 30;
/// One step either side is accepted, for phones whose clocks drift.
const SKEW_STEPS: u8 = 1;

/// A new random 160-bit secret, base32-encoded.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret_base32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, DIGITS, SKEW_STEPS, STEP_SECONDS, bytes).ok()
}

/// The time step a `code` is valid for, if it is valid now. Callers refuse a step
/// at or before the last one used, so a code cannot be replayed.
pub fn verify(secret_base32: &str, code: &str, unix_seconds: u64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let totp = totp(secret_base32)?;
    let current = unix_seconds / STEP_SECONDS;
    // Newest first, so a replay check against the last used step is exact.
    [current + 1, current, current.saturating_sub(1)]
        .into_iter()
        .find(|step| totp.generate(step * STEP_SECONDS) == code)
        .and_then(|step| i64::try_from(step).ok())
}

/// The code for a moment (tests, and nothing else).
pub fn code_at(secret_base32: &str, unix_seconds: u64) -> Option<String> {
    totp(secret_base32).map(|totp| totp.generate(unix_seconds))
}

/// The `otpauth://` link an authenticator app reads from the QR code.
pub fn provisioning_uri(secret_base32: &str, account_email: &str) -> String {
    let label = percent_encode(&format!("Parallel:{account_email}"));
    format!(
        "otpauth://totp/{label}?secret={secret_base32}&issuer=Parallel&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )
}

/// The QR code as an inline SVG (rendered on the server; no script, no image fetch).
pub fn qr_svg(data: &str) -> Option<String> {
    let code = QrCode::new(data.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(220, 220)
            .quiet_zone(true)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build(),
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1 rows (secret "12345678901234567890").
    #[test]
    fn matches_the_rfc_6238_test_vectors() {
        let secret = Secret::Raw(b"12345678901234567890".to_vec()).to_encoded().to_string();
        // The RFC's codes have 8 digits; ours are the last 6 of them.
        for (time, eight_digits) in
            [(59, "94287082"), (1_111_111_109, "07081804"), (2_000_000_000, "69279037")]
        {
            assert_eq!(code_at(&secret, time).unwrap(), eight_digits[2..], "t = {time}");
        }
    }

    #[test]
    fn accepts_one_step_of_drift_and_reports_the_step() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now - 30).unwrap();
        assert_eq!(verify(&secret, &code, now), Some(i64::try_from(now / 30 - 1).unwrap()));
        assert_eq!(verify(&secret, &code, now + 60), None);
        assert_eq!(verify(&secret, "12345", now), None);
        assert_eq!(verify(&secret, "abcdef", now), None);
    }

    #[test]
    fn qr_codes_render_as_svg() {
        let uri = provisioning_uri(&new_secret(), "ana@example.org");
        assert!(uri.starts_with("otpauth://totp/Parallel%3Aana%40example.org?secret="));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
    }
}
