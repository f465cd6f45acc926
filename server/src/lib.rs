//! The Parallel server process: configuration, the command line, the database pool
//! and migrations, the HTTP router and its middleware. The application itself (pages,
//! server functions, data access) lives in the `app` crate.

pub mod cli;
pub mod config;
pub mod database;
pub mod housekeeping;
pub mod http;
pub mod live;
pub mod secret_key;
pub mod shutdown;
pub mod startup;
pub mod telemetry;
