//! What every request handler and server function can reach (server only).

use std::{sync::Arc, time::Duration};

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::{auth::session::Timeouts, db::Db};

/// Built once at start-up by the server binary and handed to the router, which
/// provides it as context to every page and server function; they reach it
/// through the request context (`crate::ctx::Ctx`), and plain handlers through
/// axum's state.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    /// Derives invitation links, so a therapist can see a link again while the
    /// database holds only its hash. Read or made at start-up, never configured
    /// by value in `Settings`, so the settings can be printed.
    pub secret_key: SecretKey,
    /// Live updates for this instance's streams (see `live`).
    pub live: crate::live::hub::LiveHub,
    /// Which files each lazy island needs, read from the build (see `islands::preload`).
    pub island_files: Arc<crate::islands::preload::IslandFiles>,
}

/// The operator's settings that the app itself needs: one value, read and checked
/// by the server's `Config::from_lookup` (which holds it whole as `config.app`),
/// handed to the router as it is, and built the same way by the tests.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where people reach the server, without a trailing slash.
    pub public_url: String,
    /// A session ends after `idle` without a request, and `absolute` after sign-in
    /// however active.
    pub sessions: Timeouts,
    /// Every therapist must set up two-step verification before doing anything else.
    pub require_two_factor: bool,
    /// How many of the operator's proxies add to `X-Forwarded-For`; 0 ignores it
    /// (see `auth::request::client_address`).
    pub trusted_proxies: usize,
    /// How long a new or re-issued invitation link works.
    pub invitation_lifetime: Duration,
    /// Where the quick exit leaves to.
    pub quick_exit_url: String,
    /// Shown on the crisis page and the welcome page.
    pub crisis_resources: Vec<crate::safety::CrisisResource>,
}

/// 256 secret bits. Never printed.
#[derive(Clone)]
pub struct SecretKey(pub [u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl Settings {
    /// Cookies get `Secure` and the `__Host-` prefix when served over https.
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
