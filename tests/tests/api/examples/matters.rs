//! The request examples of collective matters, sent in the walk through every example: a
//! matter against the demo marketplace opened, its cases added, its hearing set and decided by
//! its officer (the demo officer, the only DNCRP officer with cases to spare).

use ccms_tests::TestApp;
use reqwest::Method;

use super::{Contract, Staff, send};

pub(super) async fn send_examples(app: &TestApp, c: &mut Contract, staff: &Staff) {
    // A collective matter against the demo marketplace: opened, its cases added, decided by
    // its officer (the demo officer, the only DNCRP officer with cases to spare).
    let matter = send(
        app,
        c,
        Some(&staff.coordinator),
        (Method::POST, "/api/v1/matters", "/api/v1/matters"),
    )
    .await;
    let matter = format!("/api/v1/matters/{}", matter.json()["id"].as_str().unwrap());
    send(
        app,
        c,
        Some(&staff.coordinator),
        (
            Method::POST,
            "/api/v1/matters/{matter_id}/cases",
            &format!("{matter}/cases"),
        ),
    )
    .await;
    send(
        app,
        c,
        Some(&staff.officer),
        (
            Method::POST,
            "/api/v1/matters/{matter_id}/hearings",
            &format!("{matter}/hearings"),
        ),
    )
    .await;
    send(
        app,
        c,
        Some(&staff.officer),
        (
            Method::POST,
            "/api/v1/matters/{matter_id}/decision",
            &format!("{matter}/decision"),
        ),
    )
    .await;
}
