//! Clearing what has lost its use, every ten minutes: sessions that ended without
//! being used again, and sign-in counts that are forgotten anyway. Each instance
//! runs it; the deletes are idempotent, so several at once do no harm.

use std::time::Duration;

use app::{
    auth::{session, throttle},
    db::Db,
};

const EVERY: Duration = Duration::from_secs(10 * 60);

/// Runs until the returned task is aborted (at shutdown).
pub fn spawn(db: Db, timeouts: session::Timeouts) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            sweep(&db, timeouts).await;
        }
    })
}

/// One round. A failure is logged and the next round tries again.
pub async fn sweep(db: &Db, timeouts: session::Timeouts) {
    match session::purge_ended(db, timeouts).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "ended sessions deleted"),
        Err(error) => tracing::warn!(%error, "could not delete ended sessions"),
    }
    match throttle::purge_forgotten(db).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "forgotten sign-in counts deleted"),
        Err(error) => tracing::warn!(%error, "could not delete forgotten sign-in counts"),
    }
}
