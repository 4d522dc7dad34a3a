//! What one caller, or many, can cost: a bound on requests in flight answered at once with
//! `503 overloaded`, and sign-in checks that never hold a database connection while they hash.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;
use serde_json::json;

/// Requests in flight, as `/metrics` reports them (it is never counted itself).
async fn in_flight(app: &TestApp) -> i64 {
    let metrics = app.get("/metrics").await.text;
    metrics
        .lines()
        .find_map(|line| line.strip_prefix("ccms_http_requests_in_flight "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(-1)
}

#[actix_web::test]
async fn beyond_the_bound_a_request_is_answered_503_at_once_and_operators_still_get_through() {
    let app = TestApp::spawn_with(|s| s.max_in_flight = Some(1)).await;
    // The one place is taken by a write whose body never finishes arriving.
    let address = app.base_url.trim_start_matches("http://").to_owned();
    let mut stuck = std::net::TcpStream::connect(&address).unwrap();
    let head = format!(
        "POST /api/v1/businesses HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"legal_name\": ",
        app.token(Role::Coordinator)
    );
    std::io::Write::write_all(&mut stuck, head.as_bytes()).unwrap();
    while in_flight(&app).await < 1 {
        actix_web::rt::task::yield_now().await;
    }
    let busy = app.get("/api/v1/agencies").await;
    busy.problem(503, "overloaded");
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert_eq!(app.get("/healthz").await.status, 200);
    let bangla = app
        .send(
            app.request(Method::GET, "/api/v1/businesses")
                .header("accept-language", "bn"),
        )
        .await;
    assert_eq!(
        bangla.problem(503, "overloaded")["title"],
        "ব্যস্ত, আবার চেষ্টা করুন"
    );
    // A turned-away POST keeps its connection for the client's retry (an unread body would
    // make the server close it, and every retry pay for a new one).
    let answer = turned_away_post(&address);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(
        !answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
    // The writer gives up: its place comes back.
    drop(stuck);
    while in_flight(&app).await > 0 {
        actix_web::rt::task::yield_now().await;
    }
    assert_eq!(app.get("/api/v1/agencies").await.status, 200);
}

#[actix_web::test]
async fn a_storm_of_wrong_sign_ins_leaves_the_rest_of_the_service_its_connections() {
    let app = TestApp::spawn_with(|s| {
        s.db_pool_size = 2;
        s.db_timeout_secs = 1;
        s.trusted_proxies = vec!["127.0.0.0/8".into()];
    })
    .await;
    let logins = (0..40).map(|n| {
        let request = app
            .request(Method::POST, "/api/v1/auth/login")
            .header(
                "x-forwarded-for",
                format!("10.0.{}.{}", n / 200, n % 200 + 1),
            )
            .json(
                &json!({"email": format!("nobody{n}@ccms.test"), "password": "wrong password!!"}),
            );
        app.send(request)
    });
    let reads = (0..10).map(|_| app.get("/api/v1/businesses"));
    let (logins, reads) = futures_util::future::join(
        futures_util::future::join_all(logins),
        futures_util::future::join_all(reads),
    )
    .await;
    for answer in &logins {
        let code = answer.json()["code"].as_str().unwrap_or("").to_owned();
        assert!(
            code == "invalid_credentials"
                || (code == "overloaded" && answer.header("retry-after") == Some("1")),
            "{}",
            answer.text
        );
    }
    // With the pool at two, a check that held a connection while hashing would starve these.
    assert!(
        reads.iter().all(|r| r.status == 200),
        "{:?}",
        reads.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    let signed_in = app.get_as(Role::Coordinator, "/api/v1/complaints").await;
    assert_eq!(signed_in.status, 200);
}

/// The head of the answer to a POST with a body, sent on a connection of its own.
fn turned_away_post(address: &str) -> String {
    use std::io::{Read, Write};
    let mut connection = std::net::TcpStream::connect(address).unwrap();
    let body = "{\"legal_name\": \"Turned away\"}";
    let request = format!(
        "POST /api/v1/businesses HTTP/1.1\r\nHost: {address}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    connection.write_all(request.as_bytes()).unwrap();
    connection
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = connection.read(&mut buffer).unwrap();
        assert!(n > 0, "closed before answering");
        answer.extend_from_slice(&buffer[..n]);
    }
    String::from_utf8_lossy(&answer).into_owned()
}
