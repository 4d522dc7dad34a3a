//! E-mail notices through a real SMTP server started by the test: a consumer who gave an
//! address hears of their case by e-mail as well as by SMS, in their language, with the headers
//! a mail server and a mail client need.

use ccms_tests::TestApp;
use ccms_tests::mailbox::Mailbox;
use mailparse::MailHeaderMap;
use serde_json::json;

use super::ok;
use crate::complaints::{file, parties};

async fn filed_with_email(app: &TestApp, phone: &str, email: &str, language: &str) -> String {
    let p = parties(app, phone).await;
    let mut body = ccms_tests::fixtures::complaint(&p.business_id, "2026-10-25");
    body["consumer_email"] = json!(email);
    body["notify_language"] = json!(language);
    let filed = ok(file(app, &p.consumer, &body).await, 201);
    filed["tracking_number"].as_str().unwrap().to_owned()
}

#[actix_web::test]
async fn a_consumer_who_gave_an_address_is_told_by_smtp_in_their_language_with_its_headers() {
    let mailbox = Mailbox::start();
    let app = TestApp::spawn().await;
    let bangla = filed_with_email(&app, "01765000001", "rahima@example.com", "bn").await;
    let english = filed_with_email(&app, "01765000002", "rahim@example.com", "en").await;

    let dispatcher = app.dispatcher(|s| {
        s.smtp_url = Some(mailbox.url.clone());
        s.mail_from = "CCMS <no-reply@dncrp.gov.bd>".into();
    });
    let report = dispatcher.run_once(&app.clock).await.unwrap();
    // Two SMS (to the log) and two e-mails (to the mail server).
    assert_eq!(report.notices_sent, 4, "{report:?}");

    let messages = mailbox.messages();
    assert_eq!(messages.len(), 2, "{messages:?}");
    let to = |address: &str| {
        messages
            .iter()
            .find(|m| m.to.iter().any(|t| t.contains(address)))
            .unwrap_or_else(|| panic!("nothing to {address}"))
    };
    let bn = to("rahima@example.com");
    assert_eq!(bn.from, "no-reply@dncrp.gov.bd");
    let parsed = bn.parsed();
    let header = |name: &str| parsed.headers.get_first_value(name).unwrap_or_default();
    assert_eq!(header("Subject"), "অভিযোগ গৃহীত");
    assert_eq!(header("Content-Language"), "bn");
    assert_eq!(header("Auto-Submitted"), "auto-generated");
    assert!(header("From").contains("no-reply@dncrp.gov.bd"));
    assert!(header("To").contains("rahima@example.com"));
    assert!(
        header("Message-ID").ends_with("@ccms.notice>"),
        "{}",
        header("Message-ID")
    );
    assert_eq!(parsed.ctype.mimetype, "text/plain");
    assert_eq!(parsed.ctype.charset.to_ascii_lowercase(), "utf-8");
    let body = parsed.get_body().unwrap();
    assert!(body.contains(&bangla) && body.contains("গৃহীত"), "{body}");

    let en = to("rahim@example.com").parsed();
    assert_eq!(
        en.headers.get_first_value("Subject").unwrap(),
        "Complaint received"
    );
    assert_eq!(
        en.headers.get_first_value("Content-Language").unwrap(),
        "en"
    );
    assert!(en.get_body().unwrap().contains(&english));

    // A second round sends nothing again.
    dispatcher.run_once(&app.clock).await.unwrap();
    assert_eq!(mailbox.messages().len(), 2);
}

#[actix_web::test]
async fn an_unreachable_mail_server_leaves_the_e_mail_to_be_retried() {
    let app = TestApp::spawn().await;
    filed_with_email(&app, "01765000003", "karim@example.com", "en").await;
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}", closed.local_addr().unwrap());
    drop(closed);
    let dispatcher = app.dispatcher(|s| s.smtp_url = Some(url));
    let report = dispatcher.run_once(&app.clock).await.unwrap();
    assert_eq!(
        report.notices_sent, 1,
        "the SMS went; the e-mail waits: {report:?}"
    );
    let email = app
        .store
        .read(|c| ccms_persistence::notifications::to_recipient(c, "karim@example.com"))
        .unwrap();
    assert_eq!(
        email[0].status,
        ccms_domain::delivery::notice::NoticeStatus::Pending
    );
    assert_eq!(email[0].attempts, 1);
}
