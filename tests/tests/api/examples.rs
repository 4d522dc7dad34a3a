//! Every request example in the served contract works when sent as it is to a fresh
//! development server (demo data, as the README's `cargo run` starts it): a case is walked
//! from filing to feedback with the examples, each in the state its operation names, and the
//! registry, staff, policy, subscription and sandbox examples are sent as their roles.

mod intake;
mod matters;

use std::collections::BTreeSet;

use ccms_tests::{Answer, TestApp};
use chrono::Duration;
use reqwest::Method;
use serde_json::{Value, json};

struct Contract {
    doc: Value,
    sent: BTreeSet<(String, String)>,
}

impl Contract {
    /// The example of `method path`, noted as sent.
    fn example(&mut self, method: &Method, path: &str) -> Value {
        let content = &self.doc["paths"][path][method.as_str().to_ascii_lowercase()]["requestBody"]
            ["content"];
        let example = content
            .as_object()
            .and_then(|c| c.values().find_map(|media| media.get("example")))
            .unwrap_or_else(|| panic!("{method} {path}: no example"))
            .clone();
        self.sent.insert((method.to_string(), path.to_owned()));
        example
    }

    /// Every operation with a JSON or form body, as `(METHOD, path)`.
    fn with_bodies(&self) -> BTreeSet<(String, String)> {
        let mut all = BTreeSet::new();
        for (path, item) in self.doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let content = &operation["requestBody"]["content"];
                if content.get("application/json").is_some()
                    || content.get("application/x-www-form-urlencoded").is_some()
                {
                    all.insert((method.to_ascii_uppercase(), path.clone()));
                }
            }
        }
        all
    }
}

/// Sends the example of `method template` to `path` (the template with real ids) as `token`.
async fn send(
    app: &TestApp,
    contract: &mut Contract,
    token: Option<&str>,
    (method, template, path): (Method, &str, &str),
) -> Answer {
    let example = contract.example(&method, template);
    let mut request = app.request(method.clone(), path);
    request = if template == "/api/v1/auth/token" {
        request.form(&example)
    } else {
        request.json(&example)
    };
    let answer = match token {
        Some(token) => app.send_with(token, request).await,
        None => app.send(request).await,
    };
    assert!(
        answer.status.is_success(),
        "{method} {template} with its example answered {}: {}",
        answer.status,
        answer.text
    );
    answer
}

struct Staff {
    admin: String,
    coordinator: String,
    officer: String,
    regulator: String,
    agent: String,
}

async fn sign_in(app: &TestApp) -> Staff {
    let token = |role: &'static str| async move {
        let answer = app
            .login(&format!("{role}@ccms.test"), &format!("ccms-demo-{role}"))
            .await;
        answer.json()["access_token"].as_str().unwrap().to_owned()
    };
    Staff {
        admin: token("admin").await,
        coordinator: token("coordinator").await,
        officer: token("officer").await,
        regulator: token("regulator").await,
        agent: app
            .login("agent@ccms.test", "ccms-demo-business_agent")
            .await
            .json()["access_token"]
            .as_str()
            .unwrap()
            .to_owned(),
    }
}

#[actix_web::test]
async fn every_request_example_in_the_served_contract_works_when_sent_as_it_is() {
    let app = TestApp::spawn_with(|s| {
        s.demo_data = true;
        s.sandbox_clock = true;
        // As on a machine on the internet: the subscription example's documentation domain
        // resolves to a public address (the server refuses names that do not resolve).
        let public = std::net::IpAddr::from([93, 184, 215, 14]);
        s.delivery.names = ccms_api::dispatch::guard::Names::table([("example.com", public)]);
    })
    .await;
    let doc = app.get("/api-docs/openapi.json").await.json();
    let mut c = Contract {
        doc,
        sent: BTreeSet::new(),
    };
    let staff = sign_in(&app).await;

    // Signing in: the public examples.
    send(
        &app,
        &mut c,
        None,
        (Method::POST, "/api/v1/auth/otp", "/api/v1/auth/otp"),
    )
    .await;
    send(
        &app,
        &mut c,
        None,
        (Method::POST, "/api/v1/auth/login", "/api/v1/auth/login"),
    )
    .await;
    send(
        &app,
        &mut c,
        None,
        (Method::POST, "/api/v1/auth/token", "/api/v1/auth/token"),
    )
    .await;
    send(
        &app,
        &mut c,
        None,
        (Method::POST, "/api/v1/auth/logout", "/api/v1/auth/logout"),
    )
    .await;
    // Their secret comes from an earlier answer: as they are, they are refused, not invalid.
    for path in ccms_api::openapi::examples::NEEDS_EARLIER_ANSWER {
        let example = c.example(&Method::POST, path);
        let answer = app
            .send(app.request(Method::POST, path).json(&example))
            .await;
        assert_eq!(answer.status, 401, "{path}: {}", answer.text);
    }

    // A case from filing to feedback.
    // The phone the examples name (the operator reads this case out to its caller).
    let consumer = app.consumer_token("01712345678").await;
    let filed = send(
        &app,
        &mut c,
        Some(&consumer),
        (Method::POST, "/api/v1/complaints", "/api/v1/complaints"),
    )
    .await;
    let filed = filed.json();
    let id = filed["id"].as_str().unwrap().to_owned();
    let filed_number = filed["tracking_number"].as_str().unwrap().to_owned();
    let case = format!("/api/v1/complaints/{id}");
    let on_case = |tail: &str| format!("{case}{tail}");
    send(
        &app,
        &mut c,
        Some(&consumer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/messages",
            &on_case("/messages"),
        ),
    )
    .await;
    // The consumer's rights over their data.
    for (method, template, path) in [
        (
            Method::PUT,
            "/api/v1/complaints/{key}/consent",
            on_case("/consent"),
        ),
        (
            Method::PATCH,
            "/api/v1/me/contact",
            "/api/v1/me/contact".to_owned(),
        ),
    ] {
        send(&app, &mut c, Some(&consumer), (method, template, &path)).await;
    }
    let hold = on_case("/legal-hold");
    let hold = (
        Method::PUT,
        "/api/v1/complaints/{key}/legal-hold",
        hold.as_str(),
    );
    send(&app, &mut c, Some(&staff.coordinator), hold).await;
    send(
        &app,
        &mut c,
        Some(&staff.agent),
        (
            Method::POST,
            "/api/v1/complaints/{key}/actions",
            &on_case("/actions"),
        ),
    )
    .await;
    let move_case = |token: &str, action: &str| {
        app.request(Method::POST, &on_case("/actions"))
            .bearer_auth(token)
            .json(&json!({"action": action}))
    };
    assert_eq!(app.send(move_case(&consumer, "reject")).await.status, 200);
    assert_eq!(
        app.send(move_case(&staff.coordinator, "assign"))
            .await
            .status,
        200
    );

    let hearings = "/api/v1/complaints/{key}/hearings";
    let first = send(
        &app,
        &mut c,
        Some(&staff.officer),
        (Method::POST, hearings, &on_case("/hearings")),
    )
    .await;
    let first = first.json()["id"].as_str().unwrap().to_owned();
    let rescheduled = send(
        &app,
        &mut c,
        Some(&staff.officer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/reschedule",
            &on_case(&format!("/hearings/{first}/reschedule")),
        ),
    )
    .await;
    let second = rescheduled.json()["id"].as_str().unwrap().to_owned();
    send(
        &app,
        &mut c,
        Some(&staff.officer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/cancel",
            &on_case(&format!("/hearings/{second}/cancel")),
        ),
    )
    .await;
    let again = c.example(&Method::POST, hearings);
    let third = app
        .send_with(
            &staff.officer,
            app.request(Method::POST, &on_case("/hearings"))
                .json(&again),
        )
        .await;
    assert_eq!(third.status, 201, "{}", third.text);
    let third = third.json()["id"].as_str().unwrap().to_owned();

    // The hearing's day comes; everyone signs in again.
    app.clock.advance(Duration::days(8));
    let staff = sign_in(&app).await;
    let consumer = app.consumer_token("01712345678").await;
    send(
        &app,
        &mut c,
        Some(&staff.officer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/record",
            &on_case(&format!("/hearings/{third}/record")),
        ),
    )
    .await;
    let referred = send(
        &app,
        &mut c,
        Some(&staff.officer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/referrals",
            &on_case("/referrals"),
        ),
    )
    .await;
    let referral = referred.json()["id"].as_str().unwrap().to_owned();
    send(
        &app,
        &mut c,
        Some(&staff.regulator),
        (
            Method::POST,
            "/api/v1/referrals/{referral_id}/steps",
            &format!("/api/v1/referrals/{referral}/steps"),
        ),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.officer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/decision",
            &on_case("/decision"),
        ),
    )
    .await;
    let ledger = app
        .send_with(
            &staff.agent,
            app.request(Method::GET, &on_case("/obligations")),
        )
        .await
        .json();
    let compensation = ledger
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "compensation")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    send(
        &app,
        &mut c,
        Some(&staff.agent),
        (
            Method::POST,
            "/api/v1/complaints/{key}/obligations/{obligation_id}/steps",
            &on_case(&format!("/obligations/{compensation}/steps")),
        ),
    )
    .await;
    assert_eq!(
        app.send(move_case(&staff.officer, "close")).await.status,
        200
    );
    send(
        &app,
        &mut c,
        Some(&consumer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/feedback",
            &on_case("/feedback"),
        ),
    )
    .await;
    for (token, method, template, tail) in [
        (
            &staff.agent,
            Method::PUT,
            "/api/v1/complaints/{key}/response",
            "/response",
        ),
        (
            &staff.coordinator,
            Method::POST,
            "/api/v1/complaints/{key}/response/moderation",
            "/response/moderation",
        ),
    ] {
        send(
            &app,
            &mut c,
            Some(token),
            (method, template, &on_case(tail)),
        )
        .await;
    }
    // The examples are dated by the server's clock, which the walk has moved on since the
    // contract was read: a reader trying it out now reads it now.
    c.doc = app.get("/api-docs/openapi.json").await.json();
    send(
        &app,
        &mut c,
        Some(&consumer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/appeals",
            &on_case("/appeals"),
        ),
    )
    .await;
    // The same order filed again (the first case is closed): a coordinator merges the
    // re-filing into the first case, which the example names by its tracking number.
    let tracking = filed_number.clone();
    assert!(tracking.ends_with("-000001"), "{tracking}");
    let refiled = send(
        &app,
        &mut c,
        Some(&consumer),
        (Method::POST, "/api/v1/complaints", "/api/v1/complaints"),
    )
    .await;
    let refiled = refiled.json()["id"].as_str().unwrap().to_owned();
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (
            Method::POST,
            "/api/v1/complaints/{key}/merge",
            &format!("/api/v1/complaints/{refiled}/merge"),
        ),
    )
    .await;

    matters::send_examples(&app, &mut c, &staff).await;
    intake::send_examples(&app, &mut c).await;

    // The registry, staff and partners, as their roles.
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (Method::POST, "/api/v1/agencies", "/api/v1/agencies"),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (
            Method::PATCH,
            "/api/v1/agencies/{code}",
            "/api/v1/agencies/BTRC",
        ),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (Method::POST, "/api/v1/businesses", "/api/v1/businesses"),
    )
    .await;
    let nodi = "/api/v1/businesses/0193d5a0-0000-7000-8000-000000000004";
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (Method::PATCH, "/api/v1/businesses/{id}", nodi),
    )
    .await;
    let market = format!(
        "/api/v1/businesses/{}",
        ccms_api::openapi::examples::DEMO_MARKETPLACE_ID
    );
    send(
        &app,
        &mut c,
        Some(&staff.admin),
        (
            Method::POST,
            "/api/v1/businesses/{id}/agents",
            &format!("{market}/agents"),
        ),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.admin),
        (Method::POST, "/api/v1/partners", "/api/v1/partners"),
    )
    .await;
    let officer = send(
        &app,
        &mut c,
        Some(&staff.admin),
        (Method::POST, "/api/v1/staff", "/api/v1/staff"),
    )
    .await;
    let officer = officer.json()["id"].as_str().unwrap().to_owned();
    // The consumer judged the walked case unresolved: a review goes to the new officer (the
    // demo officer decided it), who decides it.
    send(
        &app,
        &mut c,
        Some(&consumer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/review",
            &on_case("/review"),
        ),
    )
    .await;
    let reviewer = app
        .login(
            "nusrat.jahan@dncrp.example.gov.bd",
            "a long passphrase for Nusrat",
        )
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    send(
        &app,
        &mut c,
        Some(&reviewer),
        (
            Method::POST,
            "/api/v1/complaints/{key}/review/decision",
            &on_case("/review/decision"),
        ),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.admin),
        (
            Method::PATCH,
            "/api/v1/staff/{id}",
            &format!("/api/v1/staff/{officer}"),
        ),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.agent),
        (
            Method::POST,
            "/api/v1/subscriptions",
            "/api/v1/subscriptions",
        ),
    )
    .await;

    // The policy, then the sandbox's clock.
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (
            Method::POST,
            "/api/v1/policy/simulate",
            "/api/v1/policy/simulate",
        ),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (Method::PUT, "/api/v1/policy", "/api/v1/policy"),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.coordinator),
        (Method::PUT, "/api/v1/calendar", "/api/v1/calendar"),
    )
    .await;
    send(
        &app,
        &mut c,
        Some(&staff.admin),
        (
            Method::POST,
            "/api/v1/sandbox/clock",
            "/api/v1/sandbox/clock",
        ),
    )
    .await;

    let unsent: Vec<_> = c.with_bodies().difference(&c.sent).cloned().collect();
    assert!(unsent.is_empty(), "examples never sent: {unsent:?}");
}
