//! The in-process hub every stream of this instance listens to, and `publish`,
//! which every change goes through (server only).

use tokio::sync::{broadcast, watch};

use super::Change;
use crate::{
    db::{Backend, Db},
    state::AppState,
};

/// The PostgreSQL channel changes travel on between instances.
pub const CHANNEL: &str = "parallel_live";

/// How many changes a slow stream may fall behind before it is told to resync.
const BACKLOG: usize = 1024;

#[derive(Clone, Debug)]
pub struct LiveHub {
    changes: broadcast::Sender<Change>,
    closing: watch::Sender<bool>,
}

impl Default for LiveHub {
    fn default() -> Self {
        Self::new()
    }
}

impl LiveHub {
    pub fn new() -> Self {
        LiveHub { changes: broadcast::channel(BACKLOG).0, closing: watch::channel(false).0 }
    }

    /// Hands a change to every stream of this instance.
    pub fn deliver(&self, change: Change) {
        // No receivers is normal (nobody is looking).
        let _ = self.changes.send(change);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    /// Ends every stream (the server is stopping), so open streams do not hold up a
    /// graceful shutdown.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    pub fn closing(&self) -> watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Streams currently listening on this instance.
    pub fn listeners(&self) -> usize {
        self.changes.receiver_count()
    }
}

/// Tells everyone who may know about it that `change` happened. With SQLite (one
/// instance) straight to the hub; with PostgreSQL through `NOTIFY`, which reaches
/// every instance, this one included, through the server's listener.
///
/// A change that cannot be sent is logged, not returned: what changed is already
/// stored, and pages show it on their next load.
pub async fn publish(state: &AppState, change: Change) {
    match state.db.backend() {
        Backend::Sqlite => state.live.deliver(change),
        Backend::Postgres => {
            if let Err(error) = notify(&state.db, &change).await {
                tracing::warn!(%error, "could not send a live change; pages will catch up on reload");
            }
        }
    }
}

async fn notify(db: &Db, change: &Change) -> Result<(), sqlx::Error> {
    let payload = serde_json::to_string(change).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    // Cast: the `Any` driver cannot decode `void`, pg_notify's result type.
    sqlx::query("SELECT CAST(pg_notify($1, $2) AS TEXT)")
        .bind(CHANNEL)
        .bind(payload)
        .execute(db.pool())
        .await?;
    Ok(())
}
