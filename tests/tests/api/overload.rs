//! What one caller, or many, can cost: a bound on requests in flight answered at once with
//! `503 overloaded`, and sign-in checks that never hold a database connection while they hash.

use std::io::Read;
use std::net::TcpListener;

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;
use serde_json::json;

/// An SMS gateway that takes the connection and never answers: a request sending a code
/// through it stays in flight. Tells the test when the connection has arrived.
fn silent_gateway() -> (String, tokio::sync::oneshot::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/sms", listener.local_addr().unwrap());
    let (arrived, wait) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        if let Ok((mut connection, _)) = listener.accept() {
            let _ = arrived.send(());
            // Hold it open, reading whatever comes, never answering.
            let _ = connection.read_to_end(&mut Vec::new());
        }
    });
    (url, wait)
}

#[actix_web::test]
async fn beyond_the_bound_a_request_is_answered_503_at_once_and_operators_still_get_through() {
    let (gateway, arrived) = silent_gateway();
    let app = TestApp::spawn_with(|s| {
        s.max_in_flight = Some(1);
        s.delivery.notify_gateway_url = Some(gateway);
    })
    .await;
    // The one place is taken by a sign-in whose SMS never goes out.
    let phone = json!({"phone": "01712000001"});
    let stuck = app.post("/api/v1/auth/otp", &phone);
    let turned_away = async {
        arrived.await.unwrap();
        let busy = app.get("/api/v1/agencies").await;
        let health = app.get("/healthz").await;
        let bangla = app
            .send(
                app.request(Method::GET, "/api/v1/businesses")
                    .header("accept-language", "bn"),
            )
            .await;
        (busy, health, bangla)
    };
    let (busy, health, bangla) = tokio::select! {
        _ = stuck => panic!("the stuck request finished first"),
        answers = turned_away => answers,
    };
    busy.problem(503, "overloaded");
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert_eq!(health.status, 200);
    assert_eq!(
        bangla.problem(503, "overloaded")["title"],
        "ব্যস্ত, আবার চেষ্টা করুন"
    );
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
