//! Building the application from its configuration, and serving it.

use std::{future::Future, net::SocketAddr};

use std::sync::Arc;

use app::{
    App,
    db::{Backend, Db},
    invitation::join::join,
    islands::preload::IslandFiles,
    live::hub::LiveHub,
    shell,
    state::AppState,
    template::store::install_builtins,
    therapist::{
        links::{LinkPurpose, SETUP_LINK_LIFETIME, create_link},
        store::count_therapists,
    },
};
use axum::{
    Router,
    middleware::from_fn_with_state,
    routing::{get, post},
};
use leptos::prelude::{LeptosOptions, provide_context};
use leptos_axum::{
    LeptosRoutes, generate_route_list, site_pkg_dir_service, site_pkg_dir_service_route_path,
};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{
    request_id::{PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::{
    config::Config,
    database::{self, DatabaseError},
    http::{
        errors,
        form_errors::{self, FormErrorKey},
        health::healthz,
        language, limits, nul,
        request_id::{self, RandomRequestId},
        security::{self, SecurityConfig},
        serve, trace,
    },
};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] DatabaseError),
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("could not prepare the database: {0}")]
    SetupLink(sqlx::Error),
    #[error("secret key: {0}")]
    SecretKey(String),
}

/// A migrated database and a bound listener, ready to serve.
pub struct Application {
    listener: TcpListener,
    router: Router,
    db: Db,
    live: LiveHub,
    public_url: String,
    setup_link: Option<String>,
    timeouts: app::auth::session::Timeouts,
}

impl Application {
    /// Connects to the database, applies migrations and binds the listener (port 0
    /// picks a free port, as tests do).
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        let db = database::connect(&config.database).await?;
        let schema_version = database::migrate(&db).await?;
        tracing::info!(
            backend = db.backend().name(),
            database = %config.database.redacted_url(),
            schema_version,
            "database ready"
        );

        let listener = TcpListener::bind(config.bind_addr)
            .await
            .map_err(|source| StartupError::Bind { addr: config.bind_addr, source })?;
        let local_addr = listener
            .local_addr()
            .map_err(|source| StartupError::Bind { addr: config.bind_addr, source })?;

        // Port 0 (tests) picks a free port: a public URL derived from the bind
        // address must name the port actually bound.
        let mut settings = config.app.clone();
        if settings.public_url == format!("http://{}", config.bind_addr) {
            settings.public_url = format!("http://{local_addr}");
        }
        let public_url = settings.public_url.clone();
        let secret_key = crate::secret_key::load(&config).map_err(StartupError::SecretKey)?;
        install_builtins(&db).await.map_err(StartupError::SetupLink)?;
        let setup_link = first_account_link(&db, &public_url).await?;
        let live = LiveHub::new();
        if db.backend() == Backend::Postgres {
            crate::live::spawn_postgres_listener(config.database.url.clone(), live.clone());
        }
        let timeouts = settings.sessions;
        let leptos_options = leptos_options(&config, local_addr);
        let island_files =
            IslandFiles::read(&config.site_root.join(leptos_options.site_pkg_dir.as_ref()));
        let state = AppState {
            leptos_options,
            db: db.clone(),
            settings: Arc::new(settings),
            secret_key,
            live: live.clone(),
            island_files: Arc::new(island_files),
        };
        Ok(Self { listener, router: router(state), db, live, public_url, setup_link, timeouts })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// The one-time link to create the first account, when the database has none.
    pub fn setup_link(&self) -> Option<&str> {
        self.setup_link.as_deref()
    }

    /// Tells the operator on the console where the app is, and, on a database with no
    /// account yet, the one-time link to create the first one (on the console only,
    /// never through the log: the link is a secret).
    pub fn announce(&self) {
        console(&format!("Parallel is ready at {}", self.public_url));
        if let Some(link) = &self.setup_link {
            console(&format!(
                "\nNo therapist account exists yet. Within the next hour, open this one-time link \
                 to create the first one:\n\n    {link}\n"
            ));
        }
    }

    /// Serves until `shutdown` resolves, lets in-flight requests finish, then closes
    /// the database pool.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        tracing::info!(url = %self.public_url, "Parallel is ready");
        let live = self.live.clone();
        let signal = async move {
            shutdown.await;
            // Open live streams end now, or they would hold the shutdown up.
            live.close();
        };
        let housekeeping = crate::housekeeping::spawn(self.db.clone(), self.timeouts);
        let served = serve::serve(self.listener, self.router, signal).await;
        housekeeping.abort();
        self.db.close().await;
        tracing::info!("stopped");
        served
    }
}

/// The whole HTTP surface: health check, pages and server functions, static files.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    let security = SecurityConfig::from_public_url(&state.settings.public_url);
    let form_errors = FormErrorKey::derive(&state.secret_key);
    let middleware = ServiceBuilder::new()
        .layer(axum::middleware::map_request(request_id::drop_client_request_id))
        .layer(SetRequestIdLayer::x_request_id(RandomRequestId))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(trace::make_span)
                .on_request(())
                .on_response(trace::on_response),
        )
        .layer(PropagateRequestIdLayer::x_request_id());

    Router::new()
        .route("/healthz", get(healthz))
        .route("/j/{token}", get(join))
        .route(app::answer::form_fields::PATH, post(app::answer::form_post::save_section_form))
        .route(app::safety::exit::PATH, get(app::safety::exit::quick_exit))
        .route(app::live::PATH, get(app::live::stream::live_stream))
        .route(app::board::export::PATH, get(app::board::export::export_exercise))
        // The bundle, precompressed (`--precompress`). Served here rather than by the
        // fallback below, which passes on only the path and Accept-Encoding: a
        // browser's "is my copy still current?" (If-Modified-Since) would always get
        // the whole file again.
        .route_service(
            &site_pkg_dir_service_route_path(&state.leptos_options),
            site_pkg_dir_service(&state.leptos_options),
        )
        .leptos_routes(&state, routes, move || shell(leptos_options.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            {
                // `leptos_routes` provides the state to pages; the not-found page
                // needs it too.
                let state = state.clone();
                move || provide_context(state.clone())
            },
            shell,
        ))
        // Innermost first: the request's language (pages and server functions read
        // it), the return path of plain form posts and the signature on
        // the error they bring back (and the refusal of one not signed), the
        // cross-site check, the body limit, then the headers every response carries
        // (413s included).
        .layer(from_fn_with_state(state.clone(), language::settle_language))
        .layer(from_fn_with_state(security.clone(), security::form_return_path))
        .layer(from_fn_with_state(form_errors.clone(), form_errors::sign_form_errors))
        .layer(from_fn_with_state(form_errors, form_errors::refuse_unsigned_form_errors))
        .layer(from_fn_with_state(security.clone(), security::refuse_cross_site))
        .layer(axum::middleware::from_fn(nul::refuse_nul))
        .layer(axum::middleware::from_fn(errors::server_fn_status))
        .layer(limits::body_limit())
        .layer(limits::timeout())
        .layer(from_fn_with_state(security, security::security_headers))
        .layer(middleware)
        .with_state(state)
}

/// Writes a line for the operator on standard output. Unlike `println!`, a closed
/// stdout (a detached terminal, a finished pipe) must not bring the server down.
fn console(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
}

/// On a database with no therapist yet, a one-time link to create the first account.
async fn first_account_link(db: &Db, public_url: &str) -> Result<Option<String>, StartupError> {
    if count_therapists(db).await.map_err(StartupError::SetupLink)? > 0 {
        return Ok(None);
    }
    let token = create_link(db, LinkPurpose::Setup, None, SETUP_LINK_LIFETIME)
        .await
        .map_err(StartupError::SetupLink)?;
    Ok(Some(format!("{public_url}{}", LinkPurpose::Setup.path(&token))))
}

fn leptos_options(config: &Config, local_addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("parallel"))
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(local_addr)
        .build()
}
