//! A webhook receiver on loopback: answers with scripted status codes and keeps every request,
//! so a test can see what CCMS sent and verify it the way a marketplace would.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use tokio::sync::Notify;

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: String,
    pub headers: HeaderMap,
    pub body: String,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

#[derive(Default)]
struct Log {
    script: VecDeque<u16>,
    then: u16,
    requests: Vec<Received>,
}

pub struct Receiver {
    /// `http://127.0.0.1:PORT/hook`.
    pub url: String,
    log: Arc<Mutex<Log>>,
    arrived: Arc<Notify>,
    handle: ServerHandle,
}

async fn take(
    request: HttpRequest,
    body: web::Bytes,
    log: web::Data<Arc<Mutex<Log>>>,
    arrived: web::Data<Arc<Notify>>,
) -> HttpResponse {
    let mut headers = HeaderMap::new();
    for (name, value) in request.headers() {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            headers.append(name, value);
        }
    }
    let status = {
        let mut log = log.lock().unwrap();
        log.requests.push(Received {
            path: request.path().to_owned(),
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        let then = log.then;
        log.script.pop_front().unwrap_or(then)
    };
    arrived.notify_waiters();
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish()
}

impl Receiver {
    /// Answers `script` in order, then `then` to every later request.
    pub async fn start(script: &[u16], then: u16) -> Receiver {
        let log = Arc::new(Mutex::new(Log {
            script: script.iter().copied().collect(),
            then,
            requests: Vec::new(),
        }));
        let arrived = Arc::new(Notify::new());
        let (shared_log, shared_arrived) = (log.clone(), arrived.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(shared_log.clone()))
                .app_data(web::Data::new(shared_arrived.clone()))
                .default_service(web::to(take))
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
        let port = server.addrs()[0].port();
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Receiver {
            url: format!("http://127.0.0.1:{port}/hook"),
            log,
            arrived,
            handle,
        }
    }

    /// Everything received so far.
    pub fn requests(&self) -> Vec<Received> {
        self.log.lock().unwrap().requests.clone()
    }

    /// The requests once at least `count` have arrived; panics after `limit`.
    pub async fn wait_for(&self, count: usize, limit: Duration) -> Vec<Received> {
        let waiting = async {
            loop {
                let arrived = self.arrived.notified();
                if self.requests().len() >= count {
                    return self.requests();
                }
                arrived.await;
            }
        };
        match tokio::time::timeout(limit, waiting).await {
            Ok(requests) => requests,
            Err(_) => panic!("{count} request(s) expected; got {:?}", self.requests()),
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        actix_web::rt::spawn(async move { handle.stop(false).await });
    }
}

impl crate::TestApp {
    /// A dispatcher on the app's database that may deliver to loopback over plain HTTP, as
    /// the tests' receivers listen; `adjust` changes its settings.
    pub fn dispatcher(
        &self,
        adjust: impl FnOnce(&mut ccms_api::dispatch::DeliverySettings),
    ) -> ccms_api::dispatch::Dispatcher {
        use ccms_api::dispatch::{Allowance, DeliverySettings};
        let mut settings = DeliverySettings {
            webhook_allow: vec![Allowance::Http, Allowance::Loopback],
            names: ccms_api::dispatch::guard::Names::table([]),
            ..DeliverySettings::default()
        };
        adjust(&mut settings);
        ccms_api::dispatch::dispatcher(self.store.clone(), &settings, false).unwrap()
    }

    /// One dispatcher round at the app's current time.
    pub async fn dispatch(&self) -> ccms_api::dispatch::DispatchReport {
        self.dispatcher(|_| {}).run_once(&self.clock).await.unwrap()
    }
}
