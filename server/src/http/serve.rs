//! Accepting connections and handing them to the router, with the limits a public
//! server needs against clients that hold connections open without finishing a
//! request (slow-loris).
//!
//! `axum::serve` would be simpler, but it configures no timer for hyper, and hyper's
//! header-read timeout only runs with one: a client trickling its headers a byte at
//! a time would hold its socket and task for as long as it liked. Serving through
//! hyper's HTTP/1 builder directly lets us set that timer. Only HTTP/1.1 is served:
//! browsers speak HTTP/2 only over TLS, which a reverse proxy terminates, and
//! detecting HTTP/2 on a plain connection means reading a preface that no timeout
//! covers.

use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
    service::TowerToHyperService,
};
use tokio::{net::TcpListener, sync::Semaphore};
use tower::Service;

/// How long a client has to send a request's headers, counted from when the server
/// starts waiting for them (a new connection, or the end of the previous response
/// on a kept-alive one). Real browsers send headers in one packet; this only ever
/// cuts off clients that stall, and idle kept-alive connections (browsers reopen
/// those without the person noticing).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Connections served at once. Beyond it the server stops accepting until one
/// closes (the operating system queues the rest), rather than running out of file
/// descriptors. Live streams have their own, lower limit (`app::live::hub`).
pub const MAX_CONNECTIONS: usize = 4_096;

/// How long open requests may take to finish once the server is asked to stop.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until `shutdown` resolves, then lets open requests
/// finish for up to [`SHUTDOWN_GRACE`].
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);

    loop {
        let slot = tokio::select! {
            // Only a closed semaphore fails, and nothing closes this one.
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (tcp, remote_addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    if !is_connection_error(&error) {
                        // Out of file descriptors and the like: wait rather than spin.
                        tracing::error!(%error, "could not accept a connection");
                        tokio::select! {
                            () = tokio::time::sleep(Duration::from_secs(1)) => {}
                            () = &mut shutdown => break,
                        }
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Without TCP_NODELAY every static file waits ~40 ms on Nagle's algorithm.
        let _ = tcp.set_nodelay(true);
        let Ok(service) = make_service.call(remote_addr).await;
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .serve_connection(TokioIo::new(tcp), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // Errors here are the client's: it went away, timed out, or sent
            // something that is not HTTP. hyper has already answered what it could.
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
            drop(slot);
        });
    }

    drop(listener);
    // Open requests get a grace period, not forever: a browser that stops reading
    // a response (a preloaded file it no longer needs) would hold the stop hostage.
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!(grace = ?SHUTDOWN_GRACE, "requests still open after the grace period; stopping anyway");
        }
    }
    Ok(())
}

/// Errors that concern one connection only (the client left before it was
/// accepted); the listener itself is fine.
fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        error.kind(),
        ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset
    )
}
