use std::process::ExitCode;

use clap::Parser;
use server::{cli::Cli, config::Config, telemetry};

/// Rendering a page allocates and frees many small strings from several threads;
/// glibc's allocator spent about a quarter of the board page's CPU time on that
/// (docs/PERFORMANCE.md §1). mimalloc is built for this pattern.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(problems) => {
            eprintln!("Parallel cannot start: its configuration has problems.\n{problems}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&config.log);
    match server::cli::run(cli, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("Parallel stopped with an error: {error}");
            ExitCode::FAILURE
        }
    }
}
