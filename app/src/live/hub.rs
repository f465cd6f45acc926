//! The in-process hub every stream of this instance listens to, and `publish`,
//! which every change goes through (server only).

use std::{
    collections::HashMap,
    future::Future,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
};

use tokio::sync::{OnceCell, broadcast, watch};

use super::{
    Change,
    admission::{Admission, Admitted, MAX_STREAMS, MAX_STREAMS_PER_SESSION, Refused},
};
use crate::db::{Backend, Db};

/// The PostgreSQL channel changes travel on between instances.
pub const CHANNEL: &str = "parallel_live";

/// How many changes a slow stream may fall behind before it is told to resync.
const BACKLOG: usize = 1024;

#[derive(Clone, Debug)]
pub struct LiveHub {
    changes: broadcast::Sender<Delivered>,
    closing: watch::Sender<bool>,
    sequence: Arc<AtomicU64>,
    shared: Arc<Mutex<SharedEvents>>,
    admission: Admission,
}

/// A change as this instance's streams receive it, numbered in the order it
/// arrived here.
#[derive(Clone, Debug)]
pub struct Delivered {
    pub sequence: u64,
    pub change: Change,
}

/// What streams computed for the newest change, shared between streams that would
/// send the same thing: a participant with several devices, or many streams of one
/// person, get one board built per change, not one per stream.
#[derive(Debug, Default)]
struct SharedEvents {
    sequence: u64,
    by_key: HashMap<String, Arc<OnceCell<Option<Arc<str>>>>>,
}

impl Default for LiveHub {
    fn default() -> Self {
        Self::new()
    }
}

impl LiveHub {
    pub fn new() -> Self {
        LiveHub {
            changes: broadcast::channel(BACKLOG).0,
            closing: watch::channel(false).0,
            sequence: Arc::new(AtomicU64::new(0)),
            shared: Arc::default(),
            admission: Admission::new(MAX_STREAMS, MAX_STREAMS_PER_SESSION),
        }
    }

    /// A place for one more open stream of `session`, held for as long as the
    /// stream is open.
    pub fn admit_stream(&self, session: &str) -> Result<Admitted, Refused> {
        self.admission.admit(session)
    }

    /// Hands a change to every stream of this instance.
    pub fn deliver(&self, change: Change) {
        let sequence = self.sequence.fetch_add(1, Ordering::Relaxed) + 1;
        // No receivers is normal (nobody is looking).
        let _ = self.changes.send(Delivered { sequence, change });
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Delivered> {
        self.changes.subscribe()
    }

    /// The event data for `key` after change `sequence`: made once by whichever
    /// stream asks first, then shared. A stream behind the newest change makes its
    /// own. `make` must depend only on `key` and the stored state.
    pub async fn shared_event<F, Fut>(&self, sequence: u64, key: &str, make: F) -> Option<Arc<str>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Option<Arc<str>>>,
    {
        let cell = {
            let Ok(mut shared) = self.shared.lock() else { return make().await };
            if sequence > shared.sequence {
                shared.sequence = sequence;
                shared.by_key.clear();
            }
            if sequence < shared.sequence {
                None
            } else {
                Some(shared.by_key.entry(key.to_owned()).or_default().clone())
            }
        };
        match cell {
            Some(cell) => cell.get_or_init(make).await.clone(),
            None => make().await,
        }
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
pub async fn publish(db: &Db, hub: &LiveHub, change: Change) {
    match db.backend() {
        Backend::Sqlite => hub.deliver(change),
        Backend::Postgres => {
            if let Err(error) = notify(db, &change).await {
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
