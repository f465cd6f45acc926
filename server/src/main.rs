use std::process::ExitCode;

use clap::Parser;
use server::{cli::Cli, config::Config, telemetry};

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
