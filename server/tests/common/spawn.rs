use std::net::SocketAddr;

use app::db::Db;
use server::startup::Application;
use tokio::{sync::oneshot, task::JoinHandle};

use super::TestDatabase;

/// The real router, served over real HTTP on a free port, with its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    served: JoinHandle<std::io::Result<()>>,
}

impl TestApp {
    pub async fn spawn(database: &TestDatabase) -> Self {
        let app = Application::build(database.server_config())
            .await
            .expect("the app starts");
        let addr = app.local_addr();
        let db = app.db();
        let (stop, stopped) = oneshot::channel::<()>();
        let served = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("an HTTP client");
        Self {
            addr,
            db,
            client,
            stop: Some(stop),
            served,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Shuts the server down gracefully and waits until it has closed its database.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.served)
            .await
            .expect("the server task")
            .expect("the server stops cleanly");
    }
}
