//! Test helpers: a fresh database per test on each backend, and the real app
//! served over HTTP on a free port.
//!
//! PostgreSQL tests need `TEST_DATABASE_URL_POSTGRES`: a URL whose role may create
//! databases (`make test` sets one up). Without it they report themselves skipped,
//! unless `PARALLEL_TEST_REQUIRE_POSTGRES=1`, which turns a skip into a failure (CI).

#![allow(dead_code, unused_imports)] // each test binary uses a different part of this module

pub mod database;
pub mod family;
pub mod process;
pub mod spawn;

pub use database::TestDatabase;
pub use spawn::TestApp;

/// Runs each listed `async fn name(db: TestDatabase)` once per backend, as
/// `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::TestDatabase::sqlite().await).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(database) = $crate::common::TestDatabase::postgres().await {
                        super::$name(database).await;
                    }
                }
            )+
        }
    };
}
