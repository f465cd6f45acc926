use std::net::SocketAddr;

use app::{
    auth::password::hash_password,
    db::Db,
    error::AppError,
    therapist::store::{TherapistRecord, create_therapist},
};
use leptos::server_fn::ServerFn;
use serde::{Serialize, de::DeserializeOwned};
use server::startup::Application;
use tokio::{sync::oneshot, task::JoinHandle};

use super::TestDatabase;

/// The real router, served over real HTTP on a free port, with its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    /// A browser-like client: keeps cookies, does not follow redirects.
    pub client: reqwest::Client,
    /// The first-account link the server made on its empty database.
    pub setup_link: Option<String>,
    stop: Option<oneshot::Sender<()>>,
    served: JoinHandle<std::io::Result<()>>,
}

impl TestApp {
    pub async fn spawn(database: &TestDatabase) -> Self {
        Self::spawn_with(database.server_config()).await
    }

    /// Starts the app with a configuration the test adjusted.
    pub async fn spawn_with(config: server::config::Config) -> Self {
        let app = Application::build(config).await.expect("the app starts");
        let addr = app.local_addr();
        let db = app.db();
        let setup_link = app.setup_link().map(str::to_owned);
        let (stop, stopped) = oneshot::channel::<()>();
        let served = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Self { addr, db, client: new_client(), setup_link, stop: Some(stop), served }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Calls a server function as the hydrated app does (form-encoded, JSON answer).
    pub async fn call(&self, function: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.call_as(&self.client, function, form).await
    }

    pub async fn call_as(
        &self,
        client: &reqwest::Client,
        function: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{function}")))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("the server answers")
    }

    /// Calls a server function by its type and reads its typed answer, as the
    /// hydrated app does: `app.run(GetFamily { family_id }).await` is
    /// `Result<FamilyDetail, AppError>`. For functions whose arguments are flat
    /// (form-encoded); the few with nested arguments use `call` with JSON.
    pub async fn run<F>(&self, function: F) -> Result<F::Output, AppError>
    where
        F: ServerFn<Error = AppError> + Serialize,
        F::Output: DeserializeOwned,
    {
        self.run_as(&self.client, function).await
    }

    pub async fn run_as<F>(
        &self,
        client: &reqwest::Client,
        function: F,
    ) -> Result<F::Output, AppError>
    where
        F: ServerFn<Error = AppError> + Serialize,
        F::Output: DeserializeOwned,
    {
        let response = client
            .post(self.url(F::PATH))
            .header("accept", "application/json")
            .form(&function)
            .send()
            .await
            .expect("the server answers");
        let succeeded = response.status().is_success();
        let body = response.bytes().await.expect("the answer's body");
        if succeeded {
            Ok(serde_json::from_slice(&body).expect("the function's declared answer"))
        } else {
            Err(serde_json::from_slice(&body).expect("an AppError"))
        }
    }

    /// A therapist account made directly in the database.
    pub async fn therapist(&self, email: &str, password: &str) -> TherapistRecord {
        let hash = hash_password(password).expect("hash");
        let name = email.split('@').next().unwrap_or("Therapist");
        create_therapist(&self.db, email, name, &hash).await.expect("create therapist")
    }

    /// Signs `client` in with a password; returns the answer's status.
    pub async fn sign_in_as(&self, client: &reqwest::Client, email: &str, password: &str) -> u16 {
        let response =
            self.call_as(client, "sign_in", &[("email", email), ("password", password)]).await;
        response.status().as_u16()
    }

    /// Who the server thinks `client` is: the JSON of `current_viewer`.
    pub async fn viewer_of(&self, client: &reqwest::Client) -> serde_json::Value {
        self.call_as(client, "current_viewer", &[]).await.json().await.expect("JSON")
    }

    /// Shuts the server down gracefully and waits until it has closed its database.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.served).await.expect("the server task").expect("the server stops cleanly");
    }
}

/// A fresh cookie jar: another browser.
pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A server that never answers fails the test instead of hanging it.
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .expect("an HTTP client")
}

/// The session cookie's value from a response, if it set one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with("parallel_session="))
        .and_then(|cookie| cookie.split(';').next())
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value.to_owned())
}
