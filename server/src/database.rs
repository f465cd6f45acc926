//! Opening the database pool and applying migrations, for SQLite and PostgreSQL.

use std::{path::Path, time::Duration};

use app::db::{Backend, Db};
use sqlx::{Executor, any::AnyPoolOptions};

use crate::config::DatabaseConfig;

/// The schema, embedded in the binary: one set of migrations for both backends.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a SQLite connection waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("could not create the data directory {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("could not connect to the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("could not apply database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("could not read the schema version: {0}")]
    SchemaVersion(sqlx::Error),
}

/// Opens a pool with the settings each backend needs for durable, concurrent use.
pub async fn connect(config: &DatabaseConfig) -> Result<Db, DatabaseError> {
    sqlx::any::install_default_drivers();
    let connect_error = |source| DatabaseError::Connect { url: config.redacted_url(), source };

    if config.is_sqlite() {
        let url = sqlite_url_creating_file(&config.url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(config.max_connections)
            .acquire_timeout(config.acquire_timeout)
            .after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers work while one writer commits; FULL syncs the
                    // log on every commit so a committed answer survives power loss.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    // Deleted rows are overwritten with zeros, so removed answers and
                    // people do not linger in free pages of the file.
                    conn.execute("PRAGMA secure_delete = ON").await?;
                    conn.execute(
                        format!("PRAGMA busy_timeout = {}", SQLITE_BUSY_TIMEOUT.as_millis())
                            .as_str(),
                    )
                    .await?;
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(connect_error)?;
        Ok(Db::new(pool, Backend::Sqlite))
    } else {
        let pool = AnyPoolOptions::new()
            .max_connections(config.max_connections)
            .acquire_timeout(config.acquire_timeout)
            .connect(&config.url)
            .await
            .map_err(connect_error)?;
        Ok(Db::new(pool, Backend::Postgres))
    }
}

/// Applies every pending migration and returns the schema version reached.
pub async fn migrate(db: &Db) -> Result<i64, DatabaseError> {
    MIGRATOR.run(db.pool()).await?;
    db.schema_version().await.map_err(DatabaseError::SchemaVersion)
}

/// Makes sure the SQLite file's directory exists and asks sqlx to create the file.
fn sqlite_url_creating_file(url: &str) -> Result<String, DatabaseError> {
    let path_part = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if let Some(dir) = Path::new(path_part).parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|source| DatabaseError::DataDir { path: dir.display().to_string(), source })?;
    }
    Ok(if url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    })
}

/// The same server with another database: `postgres://u:p@host:5432/postgres?x=y` →
/// `postgres://u:p@host:5432/<name>?x=y` (tests and benches make a database per run).
pub fn with_database_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut result = format!("{}/{name}", &base[..authority_end]);
    if let Some(query) = query {
        result.push('?');
        result.push_str(query);
    }
    result
}
