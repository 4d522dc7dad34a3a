//! The hotline reads out a status to a caller who gives the tracking number with the phone the
//! case was filed with, and learns nothing from any other pairing.

use ccms_domain::access::Role;
use ccms_tests::TestApp;
use reqwest::Method;
use serde_json::json;

use super::desk;

#[actix_web::test]
async fn the_status_is_read_out_only_for_the_number_and_its_own_phone() {
    let app = TestApp::spawn().await;
    let d = desk(&app, "01764000010").await;
    let body = ccms_tests::fixtures::complaint(&d.p.business_id, "2026-10-25");
    let filed = crate::complaints::file(&app, &d.p.consumer, &body)
        .await
        .json();
    let tracking = filed["tracking_number"].as_str().unwrap();
    let ask = |token: String, tracking: String, phone: &'static str| {
        let app = &app;
        async move {
            let body = json!({"tracking_number": tracking, "phone": phone});
            app.send_with(
                &token,
                app.request(Method::POST, "/api/v1/intake/status")
                    .json(&body),
            )
            .await
        }
    };

    let read = ask(d.operator.clone(), tracking.to_owned(), "০১৭৬৪০০০০১০").await;
    assert_eq!(read.status, 200, "{}", read.text);
    let read = read.json();
    assert_eq!(read["state"], "with_business");
    assert!(read["state_bn"].as_str().unwrap().contains("ব্যবসা"));
    let fields: Vec<&String> = read.as_object().unwrap().keys().collect();
    assert_eq!(fields.len(), 6, "nothing more than the status: {fields:?}");

    let other_phone = ask(d.operator.clone(), tracking.to_owned(), "01764000011").await;
    let unknown = ask(d.operator.clone(), "CCMS-2026-999999".into(), "01764000010").await;
    assert_eq!(
        (other_phone.status.as_u16(), unknown.status.as_u16()),
        (404, 404)
    );
    assert_eq!(other_phone.json()["detail"], unknown.json()["detail"]);
    let consumer = ask(d.p.consumer.clone(), tracking.to_owned(), "01764000010").await;
    assert_eq!(consumer.status, 403);
    // The operator did not file this case: it is not theirs to read.
    let id = filed["id"].as_str().unwrap();
    assert_eq!(super::case_as(&app, &d.operator, id).await.status, 404);
    assert_eq!(
        app.get_as(Role::Auditor, "/api/v1/complaints?limit=1")
            .await
            .status,
        200
    );
}
