use std::path::PathBuf;

use app::db::{Backend, Db};
use server::config::{Config, DatabaseConfig};
use sqlx::{Connection, Executor};

/// One test's own database: a SQLite file in a temporary directory, or a PostgreSQL
/// database created for it and dropped when it ends (even when the test panics).
pub struct TestDatabase {
    pub backend: Backend,
    pub url: String,
    pub data_dir: PathBuf,
    _cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String, _dir: tempfile::TempDir },
}

impl TestDatabase {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("parallel.db").display());
        Self {
            backend: Backend::Sqlite,
            url,
            data_dir: dir.path().to_owned(),
            _cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// `None` (with a note on stderr) when no PostgreSQL was given and none is required.
    pub async fn postgres() -> Option<Self> {
        let Some(admin_url) =
            std::env::var("TEST_DATABASE_URL_POSTGRES").ok().filter(|url| !url.is_empty())
        else {
            if std::env::var("PARALLEL_TEST_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                panic!(
                    "PARALLEL_TEST_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL_POSTGRES is not set"
                );
            }
            eprintln!("SKIPPED: no PostgreSQL (set TEST_DATABASE_URL_POSTGRES to run this test)");
            return None;
        };
        sqlx::any::install_default_drivers();
        let name = format!("parallel_test_{:016x}", rand::random::<u64>());
        let mut admin = sqlx::AnyConnection::connect(&admin_url)
            .await
            .expect("connect to TEST_DATABASE_URL_POSTGRES");
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await
            .expect("create a test database");
        admin.close().await.ok();
        let url = server::database::with_database_name(&admin_url, &name);
        let dir = tempfile::tempdir().expect("a temporary directory");
        Some(Self {
            backend: Backend::Postgres,
            url,
            data_dir: dir.path().to_owned(),
            _cleanup: Cleanup::Postgres { admin_url, name, _dir: dir },
        })
    }

    pub fn database_config(&self) -> DatabaseConfig {
        self.server_config().database
    }

    /// The configuration of a server on a free local port using this database: the
    /// operator's defaults, read through the same `Config::from_lookup` as in
    /// production, with only the environment differing.
    pub fn server_config(&self) -> Config {
        let data_dir = self.data_dir.display().to_string();
        let environment = [
            ("PARALLEL_BIND", "127.0.0.1:0"),
            ("DATABASE_URL", self.url.as_str()),
            ("PARALLEL_DATA_DIR", data_dir.as_str()),
            ("PARALLEL_DB_MAX_CONNECTIONS", "5"),
            ("PARALLEL_DB_ACQUIRE_TIMEOUT_SECS", "10"),
            ("PARALLEL_LOG", "warn"),
        ];
        Config::from_lookup(|name| {
            environment.iter().find(|(key, _)| *key == name).map(|(_, value)| value.to_string())
        })
        .expect("the test configuration is valid")
    }

    /// A migrated pool on this database.
    pub async fn connect(&self) -> Db {
        let db = server::database::connect(&self.database_config()).await.expect("connect");
        server::database::migrate(&db).await.expect("migrate");
        db
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let Cleanup::Postgres { admin_url, name, .. } = self else {
            return;
        };
        let (admin_url, database) = (admin_url.clone(), name.clone());
        // Drop runs inside the test's runtime, which cannot block on itself: use a
        // thread with its own runtime.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
            runtime.block_on(async move {
                let mut admin = sqlx::AnyConnection::connect(&admin_url).await?;
                admin
                    .execute(format!("DROP DATABASE IF EXISTS {database} WITH (FORCE)").as_str())
                    .await?;
                admin.close().await
            })?;
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("note: could not drop test database {name}: {dropped:?}");
        }
    }
}
