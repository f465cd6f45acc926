//! A fresh database per run: a SQLite file in a temporary directory, or a
//! PostgreSQL database created for the run and dropped after it.

use app::db::{Backend, Db};
use server::config::DatabaseConfig;
use sqlx::{Connection, Executor};

pub struct BenchDatabase {
    pub backend: Backend,
    pub url: String,
    pub dir: tempfile::TempDir,
    admin: Option<(String, String)>,
}

impl BenchDatabase {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = format!("sqlite://{}", dir.path().join("parallel.db").display());
        BenchDatabase { backend: Backend::Sqlite, url, dir, admin: None }
    }

    /// `None` when no PostgreSQL is configured (`TEST_DATABASE_URL_POSTGRES`).
    pub async fn postgres() -> Option<Self> {
        let admin_url =
            std::env::var("TEST_DATABASE_URL_POSTGRES").ok().filter(|u| !u.is_empty())?;
        let name = format!("parallel_bench_{:016x}", rand::random::<u64>());
        let mut admin = sqlx::AnyConnection::connect(&admin_url).await.expect("PostgreSQL");
        admin.execute(format!("CREATE DATABASE {name}").as_str()).await.expect("create database");
        admin.close().await.ok();
        let url = server::database::with_database_name(&admin_url, &name);
        let dir = tempfile::tempdir().expect("a temporary directory");
        Some(BenchDatabase { backend: Backend::Postgres, url, dir, admin: Some((admin_url, name)) })
    }

    /// A migrated pool (for seeding and raw inserts).
    pub async fn connect(&self, max_connections: u32) -> Db {
        let config = DatabaseConfig {
            url: self.url.clone(),
            max_connections,
            acquire_timeout: std::time::Duration::from_secs(30),
        };
        let db = server::database::connect(&config).await.expect("connect");
        server::database::migrate(&db).await.expect("migrate");
        db
    }

    pub async fn drop_database(self) {
        if let Some((admin_url, name)) = &self.admin
            && let Ok(mut admin) = sqlx::AnyConnection::connect(admin_url).await
        {
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                .await;
        }
    }
}
