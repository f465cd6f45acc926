//! The operator's command line.

mod therapist;

use clap::{Parser, Subcommand};

use crate::{config::Config, database, shutdown, startup::Application};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    about = "Parallel: parallel prompts for family therapy.",
    long_about = "Parallel: parallel prompts for family therapy.\n\nAll settings come from \
                  environment variables; see the README's configuration table."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations and serve the app (the default).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Manage therapist accounts.
    #[command(subcommand)]
    Therapist(therapist::TherapistCommand),
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Startup(#[from] crate::startup::StartupError),
    #[error(transparent)]
    Database(#[from] database::DatabaseError),
    #[error("the server stopped unexpectedly: {0}")]
    Serve(#[from] std::io::Error),
    #[error("{0}")]
    Refused(String),
    #[error("database: {0}")]
    Query(#[from] sqlx::Error),
}

pub async fn run(cli: Cli, config: Config) -> Result<(), RunError> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(config).await?;
            app.announce();
            app.run_until(shutdown::signal()).await?;
            Ok(())
        }
        Command::Migrate => {
            let db = database::connect(&config.database).await?;
            let applied = database::migrate(&db).await?;
            tracing::info!(schema_version = applied, "migrations applied");
            println!("Database is at schema version {applied}.");
            db.close().await;
            Ok(())
        }
        Command::Therapist(command) => {
            let db = database::connect(&config.database).await?;
            database::migrate(&db).await?;
            let result = therapist::run(&db, command).await;
            db.close().await;
            result
        }
    }
}
