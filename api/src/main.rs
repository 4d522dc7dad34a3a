//! `ccms`: the CCMS server and its operator commands.

use std::process::ExitCode;

use ccms_api::admin::{NewStaffBody, create_staff_account};
use ccms_api::auth::Claims;
use ccms_api::{Application, Settings};
use ccms_domain::access::Role;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "ccms",
    version,
    about = "CCMS: Bangladesh's Central Complaint Management System (API server)",
    after_help = "Every setting can also come from the environment or a .env file in the working directory.\n\
                  Logging: RUST_LOG (default `info`; e.g. RUST_LOG=ccms_api=debug,actix_web=info)."
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The settings `ccms worker` reads (environment, `.env`, or flags given before `worker`; see
/// `ccms --help`). A test checks that each is a setting `ccms` has.
const WORKER_SETTINGS: &str = "Settings that apply (environment, .env, or flags before `worker`; `ccms --help` has them all):
  DATABASE_URL                        the database (SQLite file or postgres://...)
  CCMS_ENV                            development or production (production refuses built-in secrets)
  CCMS_WORKER_INTERVAL_SECS           seconds between deadline sweeps
  CCMS_DISPATCH_INTERVAL_SECS         seconds between dispatch rounds (webhooks, notices)
  CCMS_HOLIDAYS_FILE                  public holidays for working-day deadlines
  CCMS_WEBHOOK_KEY                    webhook signing secrets derive from it
  CCMS_WEBHOOK_ALLOW                  destinations beyond public https (http, loopback, private)
  CCMS_WEBHOOK_DISABLE_AFTER          failures in a row before a subscription is disabled
  CCMS_WEBHOOK_DISABLE_AFTER_HOURS    hours of failing before a subscription is disabled
  CCMS_NOTIFY_GATEWAY_URL             the SMS and e-mail gateway (the log without it)
  CCMS_DB_POOL_SIZE, CCMS_DB_TIMEOUT_SECS   database connections
  CCMS_EVIDENCE_STORE, CCMS_EVIDENCE_DIR    where evidence bytes are (erased ones are removed)
  CCMS_WORKER_HEARTBEAT_FILE          (--heartbeat-file) renewed after every round";

#[derive(Subcommand)]
enum Command {
    /// Run migrations, then serve HTTP (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Run the deadline worker and the dispatcher (webhooks, notices) alone, every
    /// CCMS_WORKER_INTERVAL_SECS seconds, or once with --once.
    #[command(after_help = WORKER_SETTINGS)]
    Worker {
        #[arg(long)]
        once: bool,
        /// A file whose modification time the worker renews after every round, for a health
        /// check (`find FILE -mmin -2`): a worker that stops sweeping goes stale.
        #[arg(long, env = "CCMS_WORKER_HEARTBEAT_FILE")]
        heartbeat_file: Option<std::path::PathBuf>,
    },
    /// Print the OpenAPI document (the committed contract is `openapi.yaml`).
    Openapi {
        #[arg(long, value_enum, default_value = "yaml")]
        format: Format,
    },
    /// Manage accounts from the command line.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Development only: print a signed access token, for trying writes in Swagger UI.
    DevToken {
        #[arg(long, value_enum, default_value = "coordinator")]
        role: DevRole,
        #[arg(long, default_value = "dev-user")]
        sub: String,
        /// Minutes the token is valid.
        #[arg(long, default_value_t = 60)]
        minutes: i64,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account; the password is read from standard input (first line).
    /// This is how the first admin of a fresh deployment is made.
    Add {
        #[arg(long, value_enum)]
        role: DevRole,
        #[arg(long)]
        email: String,
        /// Display name (default: the e-mail address).
        #[arg(long)]
        name: Option<String>,
        /// The business a business_agent belongs to.
        #[arg(long, conflicts_with = "agency")]
        business: Option<uuid::Uuid>,
        /// The agency code an officer or regulator belongs to.
        #[arg(long)]
        agency: Option<String>,
        /// The office an officer works from, e.g. "Dhaka District Office" (assignment by rule
        /// picks the office with the fewest open cases).
        #[arg(long, requires = "agency")]
        office: Option<String>,
        /// A business agent who may add agents to the same business.
        #[arg(long)]
        business_admin: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Yaml,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DevRole {
    Consumer,
    BusinessAgent,
    Partner,
    Officer,
    Regulator,
    Coordinator,
    Auditor,
    Admin,
    IntakeOperator,
}

impl From<DevRole> for Role {
    fn from(role: DevRole) -> Role {
        match role {
            DevRole::Consumer => Role::Consumer,
            DevRole::BusinessAgent => Role::BusinessAgent,
            DevRole::Partner => Role::Partner,
            DevRole::Officer => Role::Officer,
            DevRole::Regulator => Role::Regulator,
            DevRole::Coordinator => Role::Coordinator,
            DevRole::Auditor => Role::Auditor,
            DevRole::Admin => Role::Admin,
            DevRole::IntakeOperator => Role::IntakeOperator,
        }
    }
}

fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let matches = Cli::command().get_matches();
    let webhook_allow_set = matches.value_source("webhook_allow").is_some();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.settings = cli.settings.with_development_defaults(webhook_allow_set);
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.settings),
        Command::Migrate => migrate(&cli.settings),
        Command::Worker {
            once,
            heartbeat_file,
        } => run_worker(&cli.settings, once, heartbeat_file),
        Command::Openapi { format } => print_openapi(format),
        Command::DevToken { role, sub, minutes } => {
            dev_token(&cli.settings, role.into(), sub, minutes)
        }
        Command::User {
            command:
                UserCommand::Add {
                    role,
                    email,
                    name,
                    business,
                    agency,
                    office,
                    business_admin,
                },
        } => {
            let body = NewStaffBody {
                role: role.into(),
                display_name: name.unwrap_or_else(|| email.clone()),
                email,
                password: String::new(),
                business_id: business,
                agency,
                office,
                business_admin,
            };
            add_user(&cli.settings, body)
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            log::error!("{message}");
            eprintln!("ccms: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(settings: Settings) -> Result<(), String> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings)
            .await
            .map_err(|e| e.to_string())?;
        app.run().await.map_err(|e| e.to_string())
    })
}

fn migrate(settings: &Settings) -> Result<(), String> {
    let store = open_store(settings)?;
    let applied = store.migrate().map_err(|e| e.to_string())?;
    println!(
        "{applied} migration(s) applied to the {} database",
        store.backend()
    );
    Ok(())
}

fn run_worker(
    settings: &Settings,
    once: bool,
    heartbeat_file: Option<std::path::PathBuf>,
) -> Result<(), String> {
    use ccms_api::clock::Clock;
    let store = open_store(settings)?;
    store.migrate().map_err(|e| e.to_string())?;
    store
        .transaction(|conn| {
            ccms_persistence::audit::link_pending(conn, ccms_persistence::audit::Linking::Wait)
        })
        .map_err(|e| e.to_string())?;
    ccms_api::policy::publish_shipped(&store, ccms_api::clock::SystemClock.now())
        .map_err(|e| e.to_string())?;
    let holidays = settings.holiday_file().map_err(|e| e.to_string())?;
    ccms_api::calendar::publish_first(&store, &holidays, ccms_api::clock::SystemClock.now())
        .map_err(|e| e.to_string())?;
    let calendar = std::sync::Arc::new(ccms_api::calendar::CalendarBook::default());
    let worker = std::sync::Arc::new(ccms_api::worker::DeadlineWorker::new(
        store.clone(),
        calendar,
    ));
    let evidence = settings.evidence_store().map_err(|e| e.to_string())?;
    let interval = std::time::Duration::from_secs(settings.worker_interval_secs.max(1));
    let (delivery, production) = (settings.delivery.clone(), settings.is_production());
    actix_web::rt::System::new().block_on(async move {
        let dispatcher = ccms_api::dispatch::dispatcher(store, &delivery, production)
            .map_err(|e| e.to_string())?;
        for round in 0_u64.. {
            let now = ccms_api::clock::SystemClock.now();
            let sweeping = worker.clone();
            // A failed round is logged and the next one tried: the worker does not exit.
            match actix_web::web::block(move || sweeping.sweep(now)).await {
                Ok(Ok(report)) => println!(
                    "{now}: escalated {}, closed {}, flagged {}, expired {}, reminded {}",
                    report.escalated,
                    report.closed,
                    report.flagged,
                    report.expired,
                    report.reminded
                ),
                Ok(Err(error)) => eprintln!("{now}: deadline worker: {error}"),
                Err(error) => eprintln!("{now}: deadline worker: {error}"),
            }
            let collect_at = ccms_api::worker::collects(round);
            let done = ccms_api::worker::upkeep(&worker, &evidence, now, collect_at).await;
            println!(
                "{now}: erased {} (retention), evidence objects removed {}",
                done.erased, done.objects_removed
            );
            match dispatcher.run_once(&ccms_api::clock::SystemClock).await {
                Ok(sent) => println!(
                    "{now}: announced {}, delivered {}, failed attempts {}, notices {}",
                    sent.announced, sent.delivered, sent.failed_attempts, sent.notices_sent
                ),
                Err(error) => {
                    eprintln!("{now}: dispatcher: {}", ccms_usecases::cause_chain(&error))
                }
            }
            if let Some(path) = &heartbeat_file
                && let Err(error) = std::fs::write(path, now.to_rfc3339())
            {
                eprintln!("{now}: heartbeat file {}: {error}", path.display());
            }
            if once {
                return Ok(());
            }
            actix_web::rt::time::sleep(interval).await;
        }
        Ok(())
    })
}

fn print_openapi(format: Format) -> Result<(), String> {
    let doc = ccms_api::openapi::document();
    let text = match format {
        Format::Yaml => doc.to_yaml().map_err(|e| e.to_string())?,
        Format::Json => doc.to_pretty_json().map_err(|e| e.to_string())?,
    };
    print!("{text}");
    Ok(())
}

fn add_user(settings: &Settings, mut body: NewStaffBody) -> Result<(), String> {
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    body.password = password.trim_end_matches(['\r', '\n']).to_owned();
    let (staff, password) = body.parse().map_err(|e| {
        let fields: Vec<String> =
            e.0.iter()
                .map(|f| format!("{} ({})", f.field, f.rule))
                .collect();
        format!("invalid account: {}", fields.join(", "))
    })?;
    let store = open_store(settings)?;
    store.migrate().map_err(|e| e.to_string())?;
    let account = store
        .transaction(|conn| {
            let hashed = ccms_api::identity::secrets::hash_secret(password.expose())?;
            create_staff_account(conn, &staff, &hashed, chrono::Utc::now())
        })
        .map_err(|e| match e {
            ccms_api::problem::ApiError::Validation(issues)
            | ccms_api::problem::ApiError::InvalidParameter(issues) => {
                let fields: Vec<String> = issues
                    .iter()
                    .map(|f| format!("{} ({})", f.field, f.rule))
                    .collect();
                format!("invalid account: {}", fields.join(", "))
            }
            ccms_api::problem::ApiError::AlreadyRegistered(field) => {
                format!("{field} is already registered")
            }
            other => other.to_string(),
        })?;
    println!(
        "created {} account {} ({})",
        account.role.code(),
        account.id,
        staff.email.as_str()
    );
    Ok(())
}

fn open_store(settings: &Settings) -> Result<ccms_persistence::Store, String> {
    ccms_persistence::Store::new(&ccms_persistence::StoreSettings {
        url: settings.database_url.clone(),
        max_connections: 1,
        connect_timeout: settings.db_timeout(),
    })
    .map_err(|e| e.to_string())
}

fn dev_token(settings: &Settings, role: Role, sub: String, minutes: i64) -> Result<(), String> {
    if settings.is_production() {
        return Err(
            "dev-token is for development only; production tokens come from sign-in".into(),
        );
    }
    let keys = settings.token_keys().map_err(|e| e.to_string())?;
    let claims = Claims::new(
        sub,
        role,
        chrono::Utc::now(),
        chrono::Duration::minutes(minutes),
    );
    let token = keys.sign(&claims).map_err(|e| e.to_string())?;
    println!("{token}");
    Ok(())
}

#[cfg(test)]
mod worker_help {
    use super::*;

    #[test]
    fn every_setting_the_worker_help_names_is_a_setting_of_ccms() {
        let mut cli = Cli::command();
        let top = cli.render_long_help().to_string();
        let worker = cli
            .find_subcommand_mut("worker")
            .unwrap()
            .render_long_help()
            .to_string();
        let named: Vec<&str> = WORKER_SETTINGS
            .split(|c: char| !(c.is_ascii_uppercase() || c == '_'))
            .filter(|word| word.starts_with("CCMS_") || *word == "DATABASE_URL")
            .collect();
        assert!(named.len() >= 10);
        for name in named {
            assert!(
                top.contains(name) || worker.contains(&format!("env: {name}")),
                "{name}"
            );
        }
    }
}
