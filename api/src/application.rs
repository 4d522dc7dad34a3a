//! Building and running the server. `build` does everything that can fail (settings,
//! migrations, binding the port) so tests start the real application on port 0.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, HttpServer, web};
use ccms_persistence::audit::{self, Linking};
use ccms_persistence::{Store, StoreError, StoreSettings};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::identify_caller;
use crate::clock::{Clock, SystemClock};
use crate::context::AppContext;
use crate::http::{
    BODY_LIMIT_BYTES, InFlight, Metrics, RouteTable, assign_request_id, bound_in_flight,
    find_client_address, idempotent_partner_posts, keep_idempotent_answers, not_modified,
    parameter_errors, record_metrics, reject_unknown_query, security_headers, unmatched_route,
};
use crate::problem::render_problems;
use crate::settings::{Settings, SettingsError};
use crate::{openapi, seed};

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("configuration: {0}")]
    Settings(#[from] SettingsError),
    #[error("database: {0}")]
    Store(#[from] StoreError),
    #[error("cannot listen: {0}")]
    Io(#[from] std::io::Error),
    #[error("metrics: {0}")]
    Metrics(#[from] prometheus::Error),
    #[error("demo data: {0}")]
    Seed(String),
    #[error("routing policy: {0}")]
    Policy(String),
}

impl From<crate::dispatch::DeliveryError> for StartError {
    fn from(error: crate::dispatch::DeliveryError) -> StartError {
        StartError::Settings(error.into())
    }
}

pub struct Application {
    server: Server,
    port: u16,
    store: Store,
    policies: Arc<crate::policy::PolicyBook>,
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Application, StartError> {
        let clock: Arc<dyn Clock> = if settings.sandbox()? {
            log::warn!("sandbox: an admin may move this server's clock (CCMS_SANDBOX_CLOCK)");
            Arc::new(crate::clock::SandboxClock::default())
        } else {
            Arc::new(SystemClock)
        };
        Application::build_with_clock(settings, clock).await
    }

    /// Like `build`, with the clock every handler and worker will read.
    pub async fn build_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> Result<Application, StartError> {
        let keys = web::Data::new(settings.token_keys()?);
        let sandbox = settings.sandbox()?;
        let store = Store::new(&StoreSettings {
            url: settings.database_url.clone(),
            max_connections: settings.db_pool_size,
            connect_timeout: settings.db_timeout(),
        })?;
        let migrating = store.clone();
        let applied = web::block(move || migrating.migrate())
            .await
            .map_err(|e| StartError::Seed(e.to_string()))??;
        log::info!(
            "database ({}) ready; {applied} migration(s) applied",
            store.backend()
        );
        let chaining = store.clone();
        let linked = web::block(move || {
            chaining.transaction(|conn| audit::link_pending(conn, Linking::Wait))
        })
        .await
        .map_err(|e| StartError::Seed(e.to_string()))??;
        if linked > 0 {
            log::info!("audit log: {linked} waiting entries linked into the hash chain");
        }
        if settings.demo_data && !settings.is_production() {
            let seeded = seed::demo_if_empty(&store, clock.now())
                .await
                .map_err(|e| StartError::Seed(e.to_string()))?;
            if seeded.registry {
                log::info!("empty database: demo agencies and businesses added (development only)");
            }
            for account in &seeded.accounts {
                log::info!(
                    "demo {} account: {} / {}",
                    account.role.code(),
                    account.email,
                    account.password
                );
            }
            if !seeded.accounts.is_empty() {
                log::info!(
                    "demo partner client: {} / {}",
                    seed::DEMO_PARTNER_ID,
                    seed::DEMO_PARTNER_SECRET
                );
            }
        }
        let publishing = (store.clone(), clock.now());
        let published =
            web::block(move || crate::policy::publish_shipped(&publishing.0, publishing.1))
                .await
                .map_err(|e| StartError::Policy(e.to_string()))?
                .map_err(|e| StartError::Policy(e.to_string()))?;
        if published {
            log::info!("empty database: the shipped routing and escalation policy is version 1");
        }
        let holidays = (store.clone(), settings.holiday_file()?, clock.now());
        let published = web::block(move || {
            crate::calendar::publish_first(&holidays.0, &holidays.1, holidays.2)
        })
        .await
        .map_err(|e| StartError::Policy(e.to_string()))?
        .map_err(|e| StartError::Policy(e.to_string()))?;
        if published {
            log::info!("empty database: the holiday file is version 1 of the holiday calendar");
        }
        crate::audit::linker::spawn(store.clone());
        spawn_indexing(store.clone(), clock.now());
        let calendar = Arc::new(crate::calendar::CalendarBook::default());
        let evidence_store = settings.evidence_store()?;
        if settings.worker_interval_secs > 0 {
            crate::worker::spawn(
                crate::worker::DeadlineWorker::new(store.clone(), calendar.clone()),
                evidence_store.clone(),
                clock.clone(),
                std::time::Duration::from_secs(settings.worker_interval_secs),
            );
        }
        let webhook_key = settings.delivery.webhook_key(settings.is_production())?;
        if settings.delivery.dispatch_interval_secs > 0 {
            crate::dispatch::spawn(
                crate::dispatch::dispatcher(
                    store.clone(),
                    &settings.delivery,
                    settings.is_production(),
                )?,
                clock.clone(),
                std::time::Duration::from_secs(settings.delivery.dispatch_interval_secs),
            );
        }
        let gateway =
            crate::dispatch::Gateway::from_settings(&settings.delivery, settings.is_production())?;
        if settings.is_production() && !gateway.is_configured() {
            log::warn!(
                "no SMS gateway configured (CCMS_NOTIFY_GATEWAY_URL): codes and notices go to the log, their text hidden"
            );
        }
        let listener = TcpListener::bind(&settings.bind)?;
        let port = listener.local_addr()?.port();
        let doc = openapi::document();
        let routes = web::Data::new(RouteTable::from_openapi(&doc));
        let contract = web::Data::new(openapi::ServedContract::new(doc));
        let metrics = web::Data::new(Metrics::new()?);
        let metrics_access =
            web::Data::new(crate::operations::MetricsAccess::from_settings(&settings)?);
        let trusted_proxies = web::Data::new(settings.trusted_proxies()?);
        let cors_origins = settings.cors_origins()?;
        let in_flight = web::Data::new(InFlight::new(settings.max_in_flight()));
        let policies = Arc::new(crate::policy::PolicyBook::default());
        let context = web::Data::new(AppContext {
            store: store.clone(),
            clock,
            access_ttl: settings.access_token_lifetime(),
            development: !settings.is_production(),
            policies: policies.clone(),
            calendar,
            partner_requests_per_minute: settings.partner_requests_per_minute,
            sandbox,
        });
        // Each feature's own state.
        let gateway = web::Data::new(gateway);
        let hashing = web::Data::new(settings.hash_gate());
        let evidence = web::Data::new(evidence_store.clone());
        // Intake codes are kept as digests under the same server key.
        let code_key = web::Data::new(webhook_key.clone());
        let inbound = web::Data::new(crate::intake::InboundSecret::from_settings(
            &settings.delivery,
            settings.is_production(),
        )?);
        let outlet = web::Data::new(crate::webhooks::WebhookOutlet {
            destinations: settings.delivery.destination_rules(),
            names: settings.delivery.names.clone(),
            key: webhook_key,
        });
        let scorecards = web::Data::new(crate::transparency::ScorecardCache::default());
        let allowance = web::Data::new(crate::auth::PartnerAllowance::default());

        let mut server = HttpServer::new(move || {
            let (path_errors, query_errors, form_errors) = parameter_errors();
            let (app, _) = App::new()
                .into_utoipa_app()
                .configure(openapi::routes)
                .split_for_parts();
            app.app_data(context.clone())
                .app_data(gateway.clone())
                .app_data(hashing.clone())
                .app_data(evidence.clone())
                .app_data(outlet.clone())
                .app_data(code_key.clone())
                .app_data(inbound.clone())
                .app_data(scorecards.clone())
                .app_data(allowance.clone())
                .app_data(keys.clone())
                .app_data(metrics.clone())
                .app_data(metrics_access.clone())
                .app_data(trusted_proxies.clone())
                .app_data(in_flight.clone())
                .app_data(routes.clone())
                .app_data(web::PayloadConfig::new(BODY_LIMIT_BYTES))
                .app_data(path_errors)
                .app_data(query_errors)
                .app_data(form_errors)
                .service(
                    SwaggerUi::new("/swagger-ui/{_:.*}")
                        .config(utoipa_swagger_ui::Config::new([openapi::SERVED_PATH])),
                )
                .app_data(contract.clone())
                .route(
                    openapi::SERVED_PATH,
                    web::get().to(openapi::served_contract),
                )
                .route("/swagger-ui", web::get().to(to_swagger_ui))
                .route("/", web::get().to(to_swagger_ui))
                .default_service(web::to(unmatched_route))
                .wrap(from_fn(idempotent_partner_posts))
                .wrap(from_fn(identify_caller))
                .wrap(from_fn(reject_unknown_query))
                .wrap(from_fn(bound_in_flight))
                .wrap(from_fn(render_problems))
                .wrap(from_fn(not_modified))
                .wrap(from_fn(keep_idempotent_answers))
                .wrap(from_fn(record_metrics))
                .wrap(from_fn(find_client_address))
                .wrap(from_fn(security_headers))
                .wrap(from_fn(assign_request_id))
                .wrap(from_fn(crate::http::head_as_get))
                // Outermost: a preflight is answered before anything else, and every answer,
                // refusals included, carries the CORS headers a browser needs to read it.
                .wrap(cors_origins.middleware())
        })
        .listen(listener)?
        .shutdown_timeout(settings.shutdown_timeout_secs);
        if let Some(workers) = settings.workers {
            server = server.workers(workers.max(1));
        }
        log::info!(
            "listening on http://{}:{port}/ (Swagger UI at /swagger-ui/)",
            settings
                .bind
                .rsplit_once(':')
                .map_or("127.0.0.1", |(host, _)| host)
        );
        Ok(Application {
            server: server.run(),
            port,
            store,
            policies,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The policy versions this server files under: a tool that publishes one straight to the
    /// database tells it here, as the API's publishing does.
    pub fn policies(&self) -> Arc<crate::policy::PolicyBook> {
        self.policies.clone()
    }

    /// Stops the server from elsewhere (tools that embed it stop it before they exit).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    /// Serves until SIGTERM or SIGINT, then lets in-flight requests finish.
    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

async fn to_swagger_ui() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, "/swagger-ui/"))
        .finish()
}

/// Gives cases filed before search existed their words, in the background, once per database:
/// on a large database this takes minutes, and the server answers meanwhile (those cases are
/// found once indexed).
fn spawn_indexing(store: ccms_persistence::Store, now: chrono::DateTime<chrono::Utc>) {
    actix_web::rt::spawn(async move {
        let indexed =
            web::block(move || ccms_usecases::indexing::index_missing_once(&store, now)).await;
        match indexed {
            Ok(Ok(0)) => {}
            Ok(Ok(count)) => log::info!("search: indexed {count} cases filed before search"),
            Ok(Err(error)) => {
                log::warn!("search indexing: {}", crate::problem::cause_chain(&error))
            }
            Err(error) => log::warn!("search indexing: {error}"),
        }
    });
}
