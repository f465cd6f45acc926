//! Live updates across instances: with PostgreSQL, every change is sent with
//! `NOTIFY` (see `app::live::hub::publish`), and this listener hands each one to
//! this instance's hub, so two instances behind a load balancer behave as one.
//!
//! When the listening connection drops, changes sent meanwhile are lost to this
//! instance; once it listens again it tells every stream to resync, and pages
//! fetch their state afresh.

use std::time::Duration;

use app::live::{
    Change,
    hub::{CHANNEL, LiveHub},
};
use sqlx::postgres::PgListener;
use tokio::task::JoinHandle;

const FIRST_RETRY: Duration = Duration::from_millis(500);
const LAST_RETRY: Duration = Duration::from_secs(30);

pub fn spawn_postgres_listener(url: String, hub: LiveHub) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut closing = hub.closing();
        let mut retry = FIRST_RETRY;
        let mut first = true;
        loop {
            match listen(&url).await {
                Ok(mut listener) => {
                    if !first {
                        tracing::info!("live updates: listening again");
                        hub.deliver(Change::resync());
                    }
                    first = false;
                    retry = FIRST_RETRY;
                    loop {
                        let received = tokio::select! {
                            _ = closing.wait_for(|closing| *closing) => return,
                            received = listener.try_recv() => received,
                        };
                        match received {
                            Ok(Some(notification)) => {
                                match serde_json::from_str::<Change>(notification.payload()) {
                                    Ok(change) => hub.deliver(change),
                                    Err(error) => {
                                        tracing::warn!(%error, "live updates: a change that could not be read")
                                    }
                                }
                            }
                            Ok(None) => {
                                tracing::warn!("live updates: the database connection dropped");
                                break;
                            }
                            Err(error) => {
                                tracing::warn!(%error, "live updates: listening failed");
                                break;
                            }
                        }
                    }
                }
                Err(error) => {
                    first = false;
                    tracing::warn!(%error, retry_in = ?retry, "live updates: cannot listen to the database");
                }
            }
            tokio::select! {
                _ = closing.wait_for(|closing| *closing) => return,
                () = tokio::time::sleep(retry) => {}
            }
            retry = (retry * 2).min(LAST_RETRY);
        }
    })
}

async fn listen(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
