//! Waiting for the operator (or the service manager) to ask the process to stop.

/// Resolves on SIGINT (Ctrl-C) or SIGTERM. Serving stops accepting connections
/// then, and in-flight requests are allowed to finish.
pub async fn signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = interrupt => tracing::info!("interrupt received; finishing open requests"),
        () = terminate => tracing::info!("SIGTERM received; finishing open requests"),
    }
}
