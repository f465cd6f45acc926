//! Configuration, read from environment variables only and checked as a whole at
//! start-up, so an operator sees every problem at once. The README has the table.

use std::{fmt, net::SocketAddr, path::PathBuf, time::Duration};

use app::{
    auth::session::Timeouts,
    state::{SecretKey, Settings},
};

/// A neutral page that gives nothing away on a shared screen.
pub const DEFAULT_QUICK_EXIT_URL: &str = "https://www.google.com/search?q=weather";

/// Everything the process needs to know about its environment: what the server
/// itself uses, and `app`, the app's settings, held whole and handed to the router
/// as they are. Tests build theirs with `from_lookup` too, so defaults and checks
/// live here only.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind_addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database: DatabaseConfig,
    pub log: LogConfig,
    /// Where cargo-leptos put the compiled CSS, JS and WASM.
    pub site_root: PathBuf,
    /// `PARALLEL_SECRET_KEY` (64 hex characters); unset: a key file in the data
    /// directory (`secret_key::load`). Prints as `SecretKey(…)`.
    pub secret_key: Option<SecretKey>,
    /// The public URL (`PARALLEL_PUBLIC_URL`), session timeouts, two-step rule,
    /// trusted proxies (`PARALLEL_TRUST_FORWARDED_FOR`, `PARALLEL_TRUSTED_PROXIES`),
    /// invitation lifetime, quick exit address and crisis resources.
    pub app: Settings,
}

#[derive(Clone)]
pub struct DatabaseConfig {
    /// `sqlite://…` or `postgres://…`; may hold a password, so never printed whole.
    pub url: String,
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct LogConfig {
    /// `tracing` directives such as `info` or `info,sqlx=warn`.
    pub filter: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl DatabaseConfig {
    pub fn is_sqlite(&self) -> bool {
        self.url.starts_with("sqlite:")
    }

    /// The URL with any password replaced, for logs and messages.
    pub fn redacted_url(&self) -> String {
        redact_password(&self.url)
    }
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &self.redacted_url())
            .field("max_connections", &self.max_connections)
            .field("acquire_timeout", &self.acquire_timeout)
            .finish()
    }
}

/// Every problem found in the environment, one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblems(pub Vec<String>);

impl fmt::Display for ConfigProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigProblems {}

impl Config {
    pub fn from_env() -> Result<Self, ConfigProblems> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the configuration from any source of variables (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigProblems> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let mut problems = Vec::new();

        let bind_text = get("PARALLEL_BIND")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let bind_addr = bind_text.parse::<SocketAddr>().unwrap_or_else(|_| {
            problems.push(format!(
                "PARALLEL_BIND must be an address and port such as 127.0.0.1:3000, not {bind_text:?}"
            ));
            SocketAddr::from(([127, 0, 0, 1], 3000))
        });

        let public_url = get("PARALLEL_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{bind_addr}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            problems.push(format!(
                "PARALLEL_PUBLIC_URL must start with http:// or https://, not {public_url:?}"
            ));
        }

        let data_dir = PathBuf::from(get("PARALLEL_DATA_DIR").unwrap_or_else(|| "data".into()));

        let database_url = get("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("parallel.db").display()));
        let is_known_scheme = ["sqlite:", "postgres://", "postgresql://"]
            .iter()
            .any(|scheme| database_url.starts_with(scheme));
        if !is_known_scheme {
            problems.push(format!(
                "DATABASE_URL must start with sqlite:// or postgres://, not {:?}",
                redact_password(&database_url)
            ));
        }
        let is_sqlite = database_url.starts_with("sqlite:");

        let max_connections = parse_number(
            &get,
            "PARALLEL_DB_MAX_CONNECTIONS",
            if is_sqlite { 8 } else { 10 },
            1..=1000,
            &mut problems,
        );
        let acquire_timeout_secs =
            parse_number(&get, "PARALLEL_DB_ACQUIRE_TIMEOUT_SECS", 5, 1..=300, &mut problems);

        let filter = get("PARALLEL_LOG").unwrap_or_else(|| "info".into());
        if let Err(error) = tracing_subscriber::EnvFilter::try_new(&filter) {
            problems.push(format!("PARALLEL_LOG is not a valid log filter ({error}): {filter:?}"));
        }
        let format = match get("PARALLEL_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                problems.push(format!("PARALLEL_LOG_FORMAT must be text or json, not {other:?}"));
                LogFormat::Text
            }
        };

        let site_root =
            PathBuf::from(get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()));

        let session_idle_timeout =
            parse_duration(&get, "PARALLEL_SESSION_IDLE_TIMEOUT", "30m", &mut problems);
        let session_absolute_timeout =
            parse_duration(&get, "PARALLEL_SESSION_ABSOLUTE_TIMEOUT", "12h", &mut problems);
        if session_idle_timeout > session_absolute_timeout {
            problems.push(
                "PARALLEL_SESSION_IDLE_TIMEOUT must not be longer than \
                 PARALLEL_SESSION_ABSOLUTE_TIMEOUT"
                    .into(),
            );
        }
        let require_two_factor = parse_flag(&get, "PARALLEL_REQUIRE_TWO_FACTOR", &mut problems);
        let trust_forwarded_for = parse_flag(&get, "PARALLEL_TRUST_FORWARDED_FOR", &mut problems);
        let proxies = parse_number(&get, "PARALLEL_TRUSTED_PROXIES", 1, 1..=10, &mut problems);
        let trusted_proxies = if trust_forwarded_for { proxies as usize } else { 0 };
        let secret_key = get("PARALLEL_SECRET_KEY").and_then(|key| {
            let key = crate::secret_key::parse_hex(&key.trim().to_ascii_lowercase());
            if key.is_none() {
                problems.push(
                    "PARALLEL_SECRET_KEY must be 64 hex characters (for example from `openssl rand -hex 32`)"
                        .into(),
                );
            }
            key
        });
        let invitation_lifetime =
            parse_duration(&get, "PARALLEL_INVITATION_LIFETIME", "14d", &mut problems);
        let quick_exit_url =
            get("PARALLEL_QUICK_EXIT_URL").unwrap_or_else(|| DEFAULT_QUICK_EXIT_URL.into());
        if !(quick_exit_url.starts_with("https://")
            || quick_exit_url.starts_with("http://")
            || quick_exit_url.starts_with('/'))
        {
            problems.push(format!(
                "PARALLEL_QUICK_EXIT_URL must be an http(s) address, not {quick_exit_url:?}"
            ));
        }
        let crisis_resources = match get("PARALLEL_CRISIS_RESOURCES") {
            None => app::safety::default_crisis_resources(),
            Some(path) => std::fs::read_to_string(&path)
                .map_err(|error| error.to_string())
                .and_then(|source| app::safety::parse_crisis_resources(&source))
                .unwrap_or_else(|problem| {
                    problems.push(format!("PARALLEL_CRISIS_RESOURCES ({path}): {problem}"));
                    Vec::new()
                }),
        };

        if !problems.is_empty() {
            return Err(ConfigProblems(problems));
        }
        Ok(Config {
            bind_addr,
            data_dir,
            database: DatabaseConfig {
                url: database_url,
                max_connections,
                acquire_timeout: Duration::from_secs(acquire_timeout_secs.into()),
            },
            log: LogConfig { filter, format },
            site_root,
            secret_key,
            app: Settings {
                public_url,
                sessions: Timeouts {
                    idle: session_idle_timeout,
                    absolute: session_absolute_timeout,
                },
                require_two_factor,
                trusted_proxies,
                invitation_lifetime,
                quick_exit_url,
                crisis_resources,
            },
        })
    }
}

fn parse_number(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: u32,
    allowed: std::ops::RangeInclusive<u32>,
    problems: &mut Vec<String>,
) -> u32 {
    let Some(text) = get(name) else {
        return default;
    };
    match text.trim().parse::<u32>() {
        Ok(value) if allowed.contains(&value) => value,
        _ => {
            problems.push(format!(
                "{name} must be a whole number from {} to {}, not {text:?}",
                allowed.start(),
                allowed.end()
            ));
            default
        }
    }
}

/// `true`/`false` (also `1`/`0`, `yes`/`no`); unset is false.
fn parse_flag(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    problems: &mut Vec<String>,
) -> bool {
    match get(name).map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("false" | "0" | "no") => false,
        Some("true" | "1" | "yes") => true,
        Some(other) => {
            problems.push(format!("{name} must be true or false, not {other:?}"));
            false
        }
    }
}

/// A whole number with a unit: `90s`, `30m`, `12h`, `14d`.
fn parse_duration(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    default: &str,
    problems: &mut Vec<String>,
) -> Duration {
    let text = get(name).unwrap_or_else(|| default.to_owned());
    let text = text.trim();
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let seconds_per_unit = match unit {
        "s" => Some(1),
        "m" => Some(60),
        "h" => Some(3600),
        "d" => Some(86_400),
        _ => None,
    };
    match (number.parse::<u64>(), seconds_per_unit) {
        (Ok(n), Some(unit)) if n > 0 => Duration::from_secs(n.saturating_mul(unit)),
        _ => {
            problems.push(format!(
                "{name} must be a positive whole number followed by s, m, h or d (such as 30m), not {text:?}"
            ));
            Duration::from_secs(60)
        }
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config_from(pairs: &[(&str, &str)]) -> Result<Config, ConfigProblems> {
        let vars: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_serve_locally_with_sqlite_in_the_data_directory() {
        let config = config_from(&[]).unwrap();
        assert_eq!(config.bind_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.app.public_url, "http://127.0.0.1:3000");
        assert_eq!(config.database.url, "sqlite://data/parallel.db");
        assert_eq!(config.log.format, LogFormat::Text);
        assert_eq!(config.app.sessions.idle, Duration::from_secs(30 * 60));
        assert_eq!(config.app.sessions.absolute, Duration::from_secs(12 * 3600));
        assert!(!config.app.require_two_factor);
        assert!(config.secret_key.is_none());
    }

    #[test]
    fn session_timeouts_take_units() {
        let config = config_from(&[
            ("PARALLEL_SESSION_IDLE_TIMEOUT", "90s"),
            ("PARALLEL_SESSION_ABSOLUTE_TIMEOUT", "2h"),
            ("PARALLEL_REQUIRE_TWO_FACTOR", "true"),
        ])
        .unwrap();
        assert_eq!(config.app.sessions.idle, Duration::from_secs(90));
        assert_eq!(config.app.sessions.absolute, Duration::from_secs(7200));
        assert!(config.app.require_two_factor);
        let problems = config_from(&[("PARALLEL_SESSION_IDLE_TIMEOUT", "30 minutes")]).unwrap_err();
        assert!(problems.to_string().contains("PARALLEL_SESSION_IDLE_TIMEOUT"), "{problems}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let problems = config_from(&[
            ("PARALLEL_BIND", "localhost"),
            ("DATABASE_URL", "mysql://root:hunter2@db/parallel"),
            ("PARALLEL_LOG_FORMAT", "xml"),
            ("PARALLEL_DB_MAX_CONNECTIONS", "0"),
        ])
        .unwrap_err();
        assert_eq!(problems.0.len(), 4, "{problems}");
        let text = problems.to_string();
        assert!(text.contains("PARALLEL_BIND"));
        assert!(text.contains("PARALLEL_DB_MAX_CONNECTIONS"));
        assert!(!text.contains("hunter2"), "a password leaked into: {text}");
    }

    #[test]
    fn database_passwords_and_the_secret_key_never_print() {
        let key = "0123456789abcdef".repeat(4);
        let config = config_from(&[
            ("DATABASE_URL", "postgres://app:s3cret@db:5432/parallel"),
            ("PARALLEL_SECRET_KEY", &key),
        ])
        .unwrap();
        assert_eq!(config.secret_key.as_ref().map(|k| k.0[1]), Some(0x23));
        let shown = format!("{config:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(!shown.contains("0123456789abcdef"), "{shown}");
        assert!(shown.contains("postgres://app:***@db:5432/parallel"));
        let problems = config_from(&[("PARALLEL_SECRET_KEY", "abc")]).unwrap_err();
        assert!(problems.to_string().contains("PARALLEL_SECRET_KEY"), "{problems}");
    }
}
