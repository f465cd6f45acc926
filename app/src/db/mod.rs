//! Database access shared by every server function (server only).
//!
//! One schema and one set of queries serve SQLite and PostgreSQL through sqlx's
//! `Any` driver. Queries use `$1, $2…` placeholders, which both backends accept.
//! The schema keeps to types both read back the same way through `Any`: `TEXT`,
//! `BIGINT` (flags as 0/1, times as Unix milliseconds).

pub mod ids;
pub mod time;

use sqlx::{Any, AnyPool, Transaction};

/// Which database engine is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A handle on the database: cheap to clone, shared by all requests.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

impl Db {
    pub fn new(pool: AnyPool, backend: Backend) -> Self {
        Self { pool, backend }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a transaction that is going to write.
    ///
    /// On SQLite a plain `BEGIN` takes the write lock only at the first write; if
    /// another connection wrote in between, the upgrade fails at once with
    /// SQLITE_BUSY instead of waiting. `BEGIN IMMEDIATE` takes the lock up front, so
    /// a concurrent writer makes this wait (up to the busy timeout) rather than fail.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Runs one statement in its own write transaction; returns the rows it changed.
    pub async fn write<'q>(
        &self,
        query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> Result<u64, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let changed = query.execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
        Ok(changed)
    }

    /// A read-only round trip: proves a connection can be had and used.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }

    /// The newest migration applied, or 0 on an empty database.
    pub async fn schema_version(&self) -> Result<i64, sqlx::Error> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = TRUE")
                .fetch_one(&self.pool)
                .await?;
        Ok(version.unwrap_or(0))
    }

    /// Waits for in-flight queries and closes every connection (on SQLite this also
    /// checkpoints the write-ahead log into the main file).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A stored value that no longer parses is a corrupt row: reported as a decode error
/// that names the column, never the value (which may be personal).
pub fn invalid_column(column: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: "stored value is not valid".into(),
    }
}
