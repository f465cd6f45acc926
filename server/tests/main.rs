//! The server's integration tests, one binary: each module is one area of the
//! product, tested through the real router over HTTP on a real SQLite file and a
//! real PostgreSQL server (see `common`). nextest runs every test in its own
//! process, so tests cannot share state through the process.
//!
//! One test: `cargo nextest run -p server -E 'test(/^auth::sqlite::/)'`.

#[macro_use]
mod common;

mod answers;
mod auth;
mod authorization;
mod bad_input;
mod board;
mod connection_limits;
mod crash;
mod database_faults;
mod families;
mod http;
mod instances;
mod languages;
mod links;
mod process;
mod security;
mod series;
mod shared_phone;
mod storage;
mod two_factor;
