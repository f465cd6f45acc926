//! Random secrets (session ids, one-time links, recovery codes) and the hashes that
//! are all the database ever keeps of them.

use sha2::{Digest, Sha256};

/// 256 random bits as 64 hex characters: for session ids and one-time links.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex(&bytes)
}

/// SHA-256 of a high-entropy secret, as hex. A fast hash is right here (unlike for
/// passwords): the secrets are random, so there is nothing to guess from the hash.
pub fn hash_secret(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// A recovery code such as `7kq2-m9xp-4hrt`: 60 bits, easy to read out and type.
pub fn new_recovery_code() -> String {
    // No 0/o, 1/l/i: codes are copied by hand from paper.
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut code = String::with_capacity(14);
    for group in 0..3 {
        if group > 0 {
            code.push('-');
        }
        for _ in 0..4 {
            let index = rand::random_range(0..ALPHABET.len());
            code.push(char::from(ALPHABET[index]));
        }
    }
    code
}

/// Recovery codes are compared without case, spaces or dashes.
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_256_bits_and_hash_to_a_fixed_width() {
        let token = new_token();
        assert_eq!(token.len(), 64);
        assert_ne!(token, new_token());
        assert_eq!(hash_secret(&token).len(), 64);
        assert_ne!(hash_secret(&token), token);
    }

    #[test]
    fn recovery_codes_normalise_for_comparison() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 14);
        assert_eq!(
            normalise_recovery_code(&code.to_uppercase().replace('-', " ")),
            normalise_recovery_code(&code)
        );
    }
}
