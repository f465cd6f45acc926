//! The server's secret key (invitation links are derived from it). From
//! `PARALLEL_SECRET_KEY`, or else a key file in the data directory, made on first
//! start and readable by its owner only. Several instances must share one key: set
//! `PARALLEL_SECRET_KEY` for all of them.

use std::{fs, io::Write, os::unix::fs::OpenOptionsExt, path::Path};

use app::state::SecretKey;

use crate::config::Config;

const KEY_FILE: &str = "secret.key";

pub fn load(config: &Config) -> Result<SecretKey, String> {
    if let Some(key) = &config.secret_key {
        return Ok(key.clone());
    }
    let path = config.data_dir.join(KEY_FILE);
    if path.exists() {
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        return parse_hex(text.trim())
            .ok_or_else(|| format!("{} is not 64 hex characters", path.display()));
    }
    create(&path)
}

fn create(path: &Path) -> Result<SecretKey, String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let key: [u8; 32] = rand::random();
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    writeln!(file, "{hex}").map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tracing::info!(path = %path.display(), "made a new secret key");
    Ok(SecretKey(key))
}

/// 64 hex characters → the key; anything else → `None`.
pub fn parse_hex(hex: &str) -> Option<SecretKey> {
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(SecretKey(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("parallel-key-{:x}", rand::random::<u64>()));
        let path = dir.join(KEY_FILE);
        let made = create(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(parse_hex(text.trim()).unwrap().0, made.0);
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        assert!(create(&path).is_err(), "an existing key was overwritten");
        fs::remove_dir_all(dir).unwrap();
    }
}
