//! Row ids: 128 random bits as 32 lowercase hex characters.
//!
//! Random rather than sequential so that an id in a URL tells nothing about how
//! many families or people the server holds, and so that any instance can make one
//! without asking the database.

/// A fresh random id from the operating system's CSPRNG-seeded generator.
pub fn new_id() -> String {
    format!("{:032x}", rand::random::<u128>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_32_hex_characters_and_differ() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
    }
}
