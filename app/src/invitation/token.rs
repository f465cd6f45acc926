//! Invitation tokens: HMAC-SHA256(server key, invitation id and generation), 256
//! bits as hex. The database stores only SHA-256(token), so a copy of it opens no
//! invitation; the server can show a therapist the link again because it can derive
//! it; a new generation (re-issue) gives a new token.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{ids::InvitationId, state::SecretKey};

pub fn token_for(key: &SecretKey, invitation_id: &InvitationId, generation: i64) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0).expect("HMAC takes any key length");
    mac.update(b"parallel-invitation\0");
    mac.update(invitation_id.as_bytes());
    mac.update(b"\0");
    mac.update(&generation.to_be_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// A well-formed token: 64 lowercase hex characters. Anything else is not looked up.
pub fn is_well_formed(token: &str) -> bool {
    token.len() == 64 && token.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_depend_on_key_invitation_and_generation() {
        let key = SecretKey([7; 32]);
        let (abc, abd) = (InvitationId::new("abc"), InvitationId::new("abd"));
        let token = token_for(&key, &abc, 1);
        assert!(is_well_formed(&token));
        assert_eq!(token, token_for(&key, &abc, 1));
        assert_ne!(token, token_for(&key, &abc, 2));
        assert_ne!(token, token_for(&key, &abd, 1));
        assert_ne!(token, token_for(&SecretKey([8; 32]), &abc, 1));
        assert!(!is_well_formed("../../etc"));
    }
}
