use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, web};
use chrono::{DateTime, Utc};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// The application's Prometheus registry: one per application, so tests do not share counts.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    pool: IntGaugeVec,
    in_flight: prometheus::IntGauge,
    backlog: IntGaugeVec,
    oldest_waiting: prometheus::GaugeVec,
    intakes: IntCounterVec,
    work: super::work_metrics::WorkMetrics,
}

impl Metrics {
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new_custom(Some("ccms".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests answered, by route template, method and status",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "Time to answer, by route template and method",
            )
            .buckets(vec![
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["method", "route"],
        )?;
        let pool = IntGaugeVec::new(
            Opts::new(
                "db_pool_connections",
                "Database pool connections by state (open, idle, max)",
            ),
            &["state"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        let in_flight = prometheus::IntGauge::new(
            "http_requests_in_flight",
            "Requests being worked on, counted against CCMS_MAX_IN_FLIGHT",
        )?;
        registry.register(Box::new(pool.clone()))?;
        registry.register(Box::new(in_flight.clone()))?;
        let backlog = IntGaugeVec::new(
            Opts::new(
                "backlog",
                "Waiting to go out, counted up to 100 000: outbox events not yet announced, webhook deliveries and consumer notices not yet sent, audit entries not yet linked",
            ),
            &["queue"],
        )?;
        let oldest_waiting = prometheus::GaugeVec::new(
            Opts::new(
                "backlog_oldest_age_seconds",
                "Age of the oldest waiting item (0 when none waits); for audit_unlinked, the audit linker's lag",
            ),
            &["queue"],
        )?;
        let intakes = IntCounterVec::new(
            Opts::new("complaints_filed_total", "Complaints filed, by channel"),
            &["channel"],
        )?;
        registry.register(Box::new(backlog.clone()))?;
        registry.register(Box::new(oldest_waiting.clone()))?;
        registry.register(Box::new(intakes.clone()))?;
        let work = super::work_metrics::WorkMetrics::register(&registry)?;
        // Resident memory, CPU seconds and open files of this process (Linux).
        #[cfg(target_os = "linux")]
        registry.register(Box::new(
            prometheus::process_collector::ProcessCollector::for_self(),
        ))?;
        Ok(Metrics {
            registry,
            requests,
            latency,
            pool,
            in_flight,
            backlog,
            oldest_waiting,
            intakes,
            work,
        })
    }

    pub fn set_pool_use(&self, open: u32, idle: u32, max: u32) {
        self.pool.with_label_values(&["open"]).set(i64::from(open));
        self.pool.with_label_values(&["idle"]).set(i64::from(idle));
        self.pool.with_label_values(&["max"]).set(i64::from(max));
    }

    pub fn set_backlog(&self, backlog: &ccms_persistence::backlog::Backlog, now: DateTime<Utc>) {
        let age = |at: Option<DateTime<Utc>>| {
            at.map_or(0.0, |at| {
                (now - at).num_milliseconds().max(0) as f64 / 1000.0
            })
        };
        for (queue, waiting, oldest) in [
            (
                "outbox",
                backlog.outbox_waiting,
                Some(age(backlog.outbox_oldest)),
            ),
            (
                "deliveries",
                backlog.deliveries_waiting,
                Some(age(backlog.deliveries_oldest)),
            ),
            ("notices", backlog.notices_waiting, None),
            (
                "audit_unlinked",
                backlog.audit_unlinked,
                Some(age(backlog.audit_oldest)),
            ),
        ] {
            self.backlog.with_label_values(&[queue]).set(waiting);
            if let Some(oldest) = oldest {
                self.oldest_waiting.with_label_values(&[queue]).set(oldest);
            }
        }
    }

    /// The background work's running totals (`ccms_persistence::tallies`).
    pub fn set_work(&self, tallies: &[ccms_persistence::tallies::Tally]) {
        self.work.set(tallies);
    }

    /// One complaint filed through `channel` (`app`, `web`, `partner`, ...).
    pub fn count_intake(&self, channel: &str) {
        self.intakes.with_label_values(&[channel]).inc();
    }

    pub fn set_in_flight(&self, requests: usize) {
        self.in_flight
            .set(i64::try_from(requests).unwrap_or(i64::MAX));
    }

    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        if TextEncoder::new()
            .encode(&self.registry.gather(), &mut buffer)
            .is_err()
        {
            return String::new();
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}

/// Middleware: counts each request under its route template (never the raw path, which
/// would let callers create unbounded label values).
pub async fn record_metrics(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let method = req.method().as_str().to_owned();
    let started = std::time::Instant::now();
    let response = next.call(req).await?;
    if let Some(metrics) = metrics {
        let route = response
            .request()
            .match_pattern()
            .unwrap_or_else(|| "unmatched".into());
        let status = response.status().as_u16().to_string();
        metrics
            .requests
            .with_label_values(&[&method, &route, &status])
            .inc();
        metrics
            .latency
            .with_label_values(&[&method, &route])
            .observe(started.elapsed().as_secs_f64());
    }
    Ok(response)
}
