//! Configuration: environment variables (and an optional `.env` file), also settable as flags.

use ccms_domain::calendar::{HOLIDAYS_JSON, HolidayFile};
use std::time::Duration;

use clap::{Args, ValueEnum};

/// The secret development uses when none is set. Production refuses to start with it.
pub const DEVELOPMENT_SECRET: &str = "ccms-development-secret-never-use-in-production";
const MIN_SECRET_BYTES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    /// Demo data and accounts on an empty database, `dev_code` in OTP answers, a built-in JWT secret.
    Development,
    /// None of the conveniences; refuses to start without a real secret.
    Production,
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database: a SQLite file path (the default, created if missing) or `postgres://...`.
    #[arg(long, env = "DATABASE_URL", default_value = "ccms.db")]
    pub database_url: String,

    /// Address and port to listen on.
    #[arg(long, env = "CCMS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// `development` or `production`.
    #[arg(
        long = "env",
        env = "CCMS_ENV",
        value_enum,
        default_value = "development"
    )]
    pub environment: Environment,

    /// Secret for signing access tokens (HS256), at least 32 bytes. Required in production.
    #[arg(long, env = "CCMS_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// PEM file with an Ed25519 private key: sign access tokens with it (EdDSA) and publish the
    /// public key at /.well-known/jwks.json. Takes the place of the secret. RSA keys are refused.
    #[arg(long, env = "CCMS_JWT_PRIVATE_KEY_FILE")]
    pub jwt_private_key_file: Option<std::path::PathBuf>,

    /// Key id (`kid`) of the signing key, so verifiers can tell keys apart across rotations.
    #[arg(long, env = "CCMS_JWT_KEY_ID", default_value = "ccms-1")]
    pub jwt_key_id: String,

    /// Minutes an access token is valid.
    #[arg(long, env = "CCMS_ACCESS_TOKEN_MINUTES", default_value_t = 15)]
    pub access_token_minutes: i64,

    /// Directory evidence files are stored in (created if missing), when no
    /// `CCMS_EVIDENCE_STORE` is set.
    #[arg(long, env = "CCMS_EVIDENCE_DIR", default_value = "evidence")]
    pub evidence_dir: std::path::PathBuf,

    /// An S3-compatible object store for evidence files, `s3://bucket[/prefix]` (MinIO, Ceph,
    /// a cloud's), shared by every ccms process; endpoint, region and keys from `AWS_ENDPOINT`,
    /// `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (`AWS_ALLOW_HTTP=true` for a
    /// plain-http endpoint) or the URL's query (`?endpoint=...&allow_http=true`).
    #[arg(long, env = "CCMS_EVIDENCE_STORE")]
    pub evidence_store: Option<String>,

    /// Largest evidence file accepted, in bytes (default 10 MB).
    #[arg(long, env = "CCMS_EVIDENCE_MAX_BYTES", default_value_t = ccms_domain::complaint::evidence::DEFAULT_MAX_EVIDENCE_BYTES)]
    pub evidence_max_bytes: usize,

    /// JSON file of public holidays (the shape of `domain/policy/holidays-bd.json`) to use in
    /// place of the shipped one, e.g. once the government notifies next year's dates.
    #[arg(long, env = "CCMS_HOLIDAYS_FILE")]
    pub holidays_file: Option<std::path::PathBuf>,

    /// Seconds between sweeps of the deadline worker inside `serve` (0: do not run it there,
    /// e.g. when `ccms worker` runs apart).
    #[arg(long, env = "CCMS_WORKER_INTERVAL_SECS", default_value_t = 30)]
    pub worker_interval_secs: u64,

    /// Most database connections the server opens.
    #[arg(long, env = "CCMS_DB_POOL_SIZE", default_value_t = 10)]
    pub db_pool_size: u32,

    /// Seconds to wait for a database connection before answering 503.
    #[arg(long, env = "CCMS_DB_TIMEOUT_SECS", default_value_t = 5)]
    pub db_timeout_secs: u64,

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "CCMS_WORKERS")]
    pub workers: Option<usize>,

    /// Add demo agencies and businesses when the database is empty (development only).
    #[arg(long, env = "CCMS_DEMO_DATA", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo_data: bool,

    /// Requests a partner client may make a minute, across every server instance.
    #[arg(long, env = "CCMS_PARTNER_REQUESTS_PER_MINUTE", default_value_t = 600,
        value_parser = clap::value_parser!(u32).range(1..))]
    pub partner_requests_per_minute: u32,

    /// Seconds in-flight requests get to finish after SIGTERM or SIGINT.
    #[arg(long, env = "CCMS_SHUTDOWN_TIMEOUT_SECS", default_value_t = 30)]
    pub shutdown_timeout_secs: u64,

    /// Requests worked on at once; beyond it a request is answered `503 overloaded` at once
    /// (default: the database pool, at most four per core).
    #[arg(long, env = "CCMS_MAX_IN_FLIGHT")]
    pub max_in_flight: Option<usize>,

    /// Sign-ins (and other requests that hash a secret) admitted at once; beyond it they are
    /// answered `503 overloaded` before touching the database (default: three per core).
    #[arg(long, env = "CCMS_SIGN_IN_PLACES")]
    pub sign_in_places: Option<usize>,

    /// Reverse proxies in front of the server, comma-separated addresses or networks
    /// (`10.0.0.0/8`): only from them are `Forwarded` and `X-Forwarded-For` believed.
    #[arg(long, env = "CCMS_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,

    /// Bearer token `/metrics` answers to. In production `/metrics` answers nobody without
    /// one; development keeps it open.
    #[arg(long, env = "CCMS_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// A sandbox whose clock an admin may move forward (`POST /api/v1/sandbox/clock`), so
    /// deadlines can be watched firing. Refused in production.
    #[arg(long, env = "CCMS_SANDBOX_CLOCK")]
    pub sandbox_clock: bool,

    /// Origins of web frontends that may call the API from a browser, comma-separated
    /// (`https://app.example.com.bd`), or `*` for any (default: any in development, none in
    /// production).
    #[arg(long, env = "CCMS_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    #[command(flatten)]
    pub delivery: crate::dispatch::DeliverySettings,
}

/// Why the server will not start; each says what to change.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error(
        "CCMS_JWT_SECRET is not set; production needs a random secret of at least {MIN_SECRET_BYTES} bytes (for example `openssl rand -base64 48`)"
    )]
    MissingSecret,
    #[error(
        "CCMS_JWT_SECRET is the public development default; set a random secret for production"
    )]
    DefaultSecret,
    #[error("CCMS_JWT_SECRET is shorter than {MIN_SECRET_BYTES} bytes")]
    ShortSecret,
    #[error("CCMS_JWT_PRIVATE_KEY_FILE {0}: {1}")]
    PrivateKey(String, String),
    #[error("holiday file {0}: {1}")]
    Holidays(String, String),
    /// Webhook and notice delivery (`crate::dispatch`) cannot start.
    #[error(transparent)]
    Delivery(#[from] crate::dispatch::DeliveryError),
    #[error(
        "CCMS_TRUSTED_PROXIES: {0:?} is neither an IP address nor a network such as 10.0.0.0/8"
    )]
    TrustedProxy(String),
    #[error(
        "CCMS_CORS_ORIGINS: {0:?} is not an origin such as https://app.example.com.bd (scheme and host, no path), nor *"
    )]
    CorsOrigin(String),
    #[error("CCMS_SANDBOX_CLOCK lets an admin move the server's time: never in production")]
    SandboxInProduction,
    #[error("CCMS_METRICS_TOKEN must be at least {MIN_SECRET_BYTES} bytes")]
    ShortMetricsToken,
    #[error(transparent)]
    EvidenceStore(#[from] crate::evidence_store::OpenError),
}

impl Settings {
    /// Settings for tests and tools: development without demo data, one worker, port 0.
    /// The evidence store to open.
    pub fn evidence_store(&self) -> Result<crate::evidence_store::EvidenceStore, SettingsError> {
        let setting = crate::evidence_store::StoreSetting {
            // Set but empty (an unset variable in docker-compose.yml): the directory.
            url: self
                .evidence_store
                .clone()
                .filter(|url| !url.trim().is_empty()),
            dir: self.evidence_dir.clone(),
        };
        Ok(crate::evidence_store::EvidenceStore::new(
            setting.open()?,
            self.evidence_max_bytes,
        ))
    }

    pub fn for_database(database_url: impl Into<String>) -> Settings {
        Settings {
            database_url: database_url.into(),
            bind: "127.0.0.1:0".into(),
            environment: Environment::Development,
            jwt_secret: None,
            jwt_private_key_file: None,
            jwt_key_id: "ccms-1".into(),
            access_token_minutes: 15,
            evidence_dir: std::env::temp_dir().join("ccms-evidence"),
            evidence_store: None,
            evidence_max_bytes: ccms_domain::complaint::evidence::DEFAULT_MAX_EVIDENCE_BYTES,
            holidays_file: None,
            worker_interval_secs: 0,
            db_pool_size: 4,
            db_timeout_secs: 5,
            workers: Some(1),
            demo_data: false,
            partner_requests_per_minute: 600,
            shutdown_timeout_secs: 5,
            max_in_flight: None,
            sign_in_places: None,
            trusted_proxies: Vec::new(),
            metrics_token: None,
            cors_origins: Vec::new(),
            sandbox_clock: false,
            delivery: crate::dispatch::DeliverySettings::default(),
        }
    }

    /// What `ccms` itself assumes in development when a setting is left unset: webhooks may
    /// go to `http://` receivers on this machine (`CCMS_WEBHOOK_ALLOW=http,loopback`), so a
    /// developer can watch them arrive. Production assumes nothing. `webhook_allow_set` says
    /// whether the deployment set `CCMS_WEBHOOK_ALLOW` (or its flag) itself.
    pub fn with_development_defaults(mut self, webhook_allow_set: bool) -> Settings {
        if !self.is_production() && !webhook_allow_set {
            use crate::dispatch::Allowance;
            self.delivery.webhook_allow = vec![Allowance::Http, Allowance::Loopback];
        }
        self
    }

    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    /// The secret to sign with, or why there is none acceptable.
    pub fn signing_secret(&self) -> Result<String, SettingsError> {
        match (&self.jwt_secret, self.environment) {
            (None, Environment::Development) => Ok(DEVELOPMENT_SECRET.to_owned()),
            (None, Environment::Production) => Err(SettingsError::MissingSecret),
            (Some(secret), Environment::Production) if secret == DEVELOPMENT_SECRET => {
                Err(SettingsError::DefaultSecret)
            }
            (Some(secret), _) if secret.len() < MIN_SECRET_BYTES => Err(SettingsError::ShortSecret),
            (Some(secret), _) => Ok(secret.clone()),
        }
    }

    /// The keys access tokens are signed with: the private key file if one is set, else the secret.
    pub fn token_keys(&self) -> Result<crate::auth::TokenKeys, SettingsError> {
        if let Some(path) = &self.jwt_private_key_file {
            let shown = path.display().to_string();
            let pem = std::fs::read(path)
                .map_err(|e| SettingsError::PrivateKey(shown.clone(), e.to_string()))?;
            return crate::auth::TokenKeys::from_private_pem(&pem, &self.jwt_key_id).map_err(|e| {
                SettingsError::PrivateKey(
                    shown,
                    format!(
                        "not an Ed25519 private key ({e}); make one with `openssl genpkey -algorithm ed25519` (RSA keys are refused: RUSTSEC-2023-0071)"
                    ),
                )
            });
        }
        crate::auth::TokenKeys::hs256(&self.signing_secret()?)
            .map_err(|_| SettingsError::ShortSecret)
    }

    /// The holidays a new deployment starts with: its holiday file, or the shipped one.
    pub fn holiday_file(&self) -> Result<HolidayFile, SettingsError> {
        let (shown, text) = match &self.holidays_file {
            Some(path) => {
                let shown = path.display().to_string();
                let text = std::fs::read_to_string(path)
                    .map_err(|e| SettingsError::Holidays(shown.clone(), e.to_string()))?;
                (shown, text)
            }
            None => ("(shipped)".to_owned(), HOLIDAYS_JSON.to_owned()),
        };
        serde_json::from_str(&text).map_err(|e| SettingsError::Holidays(shown, e.to_string()))
    }

    /// The bound on requests in flight: the setting, or one per pooled connection and at most
    /// four per core. Measured on two cores at twice the saturation rate (docs/performance.md):
    /// 8 kept 96% of the saturation throughput at p99 50 ms; 12 and more let PostgreSQL's
    /// backends and the server's threads crowd the cores, and every answer came late.
    pub fn max_in_flight(&self) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.max_in_flight
            .unwrap_or((self.db_pool_size as usize).min(4 * cores))
            .max(1)
    }

    /// The hashing gate: one thread per core, and the sign-in places of the setting.
    pub fn hash_gate(&self) -> crate::identity::HashGate {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        crate::identity::HashGate::new(cores, self.sign_in_places.unwrap_or(3 * cores))
    }

    /// Whether this deployment is a sandbox with a movable clock; production refuses to be one.
    pub fn sandbox(&self) -> Result<bool, SettingsError> {
        match (self.sandbox_clock, self.is_production()) {
            (true, true) => Err(SettingsError::SandboxInProduction),
            (sandbox, _) => Ok(sandbox),
        }
    }

    /// The browser origins allowed to call the API.
    pub fn cors_origins(&self) -> Result<crate::http::CorsOrigins, SettingsError> {
        crate::http::CorsOrigins::parse(&self.cors_origins, self.is_production())
            .map_err(SettingsError::CorsOrigin)
    }

    pub fn trusted_proxies(&self) -> Result<crate::http::TrustedProxies, SettingsError> {
        // An empty value (an unfilled `.env` line) names none.
        let named: Vec<String> = self
            .trusted_proxies
            .iter()
            .filter(|entry| !entry.trim().is_empty())
            .cloned()
            .collect();
        crate::http::TrustedProxies::parse(&named).map_err(SettingsError::TrustedProxy)
    }

    /// The `/metrics` token, if one is set and long enough.
    pub fn metrics_token(&self) -> Result<Option<&str>, SettingsError> {
        match self.metrics_token.as_deref().filter(|t| !t.is_empty()) {
            Some(token) if token.len() < MIN_SECRET_BYTES => Err(SettingsError::ShortMetricsToken),
            token => Ok(token),
        }
    }

    pub fn access_token_lifetime(&self) -> chrono::Duration {
        chrono::Duration::minutes(self.access_token_minutes.clamp(1, 24 * 60))
    }

    pub fn db_timeout(&self) -> Duration {
        Duration::from_secs(self.db_timeout_secs.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn production(secret: Option<&str>) -> Settings {
        Settings {
            environment: Environment::Production,
            jwt_secret: secret.map(str::to_owned),
            ..Settings::for_database("ccms.db")
        }
    }

    #[test]
    fn production_refuses_a_missing_default_or_short_secret() {
        assert!(matches!(
            production(None).signing_secret(),
            Err(SettingsError::MissingSecret)
        ));
        assert!(matches!(
            production(Some(DEVELOPMENT_SECRET)).signing_secret(),
            Err(SettingsError::DefaultSecret)
        ));
        assert!(matches!(
            production(Some("short")).signing_secret(),
            Err(SettingsError::ShortSecret)
        ));
        let good = "x".repeat(40);
        assert_eq!(production(Some(&good)).signing_secret().unwrap(), good);
    }

    #[test]
    fn development_falls_back_to_the_public_default() {
        let settings = Settings::for_database("ccms.db");
        assert_eq!(settings.signing_secret().unwrap(), DEVELOPMENT_SECRET);
    }
}
