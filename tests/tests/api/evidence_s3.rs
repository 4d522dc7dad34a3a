//! Evidence on many servers: three `ccms` processes on one database share an S3-compatible
//! store, moto's server with AWS Signature V4 checked on every request (`support/moto_setup.py`).
//! A file uploaded through one downloads byte-identical through the other two; a fourth
//! process holding a wrong secret is refused by the store and records nothing.
//! Needs `moto_server` (`pip install 'moto[server]'`); `.ci/run` runs it.

use std::process::{Child, Command, Stdio};
use std::time::{Duration as Wait, Instant};

use ccms_tests::TestDatabase;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::kill::{free_port, ready, start_with};

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn moto() -> (Running, String) {
    let port = free_port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto_server (pip install 'moto[server]')");
    let endpoint = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Wait::from_secs(60);
    while client
        .get(format!("{endpoint}/moto-api/"))
        .send()
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "moto_server did not start");
        tokio::time::sleep(Wait::from_millis(100)).await;
    }
    (Running(child), endpoint)
}

/// The bucket, a user and its key, then signatures checked: the key id and secret.
fn prepare(endpoint: &str) -> (String, String) {
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/support/moto_setup.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(endpoint)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut words = text.split_whitespace().map(str::to_owned);
    (words.next().unwrap(), words.next().unwrap())
}

async fn serve(
    db: &TestDatabase,
    endpoint: &str,
    (key, secret): (&str, &str),
) -> (Running, String) {
    let store = format!("s3://evidence/cases?endpoint={endpoint}&allow_http=true");
    // CCMS_EVIDENCE_DIR is set too, and unused while a store is: the test checks nothing lands
    // there.
    let (child, base) = start_with(
        db,
        &[
            ("CCMS_DEMO_DATA", "true"),
            ("CCMS_EVIDENCE_STORE", &store),
            ("AWS_ACCESS_KEY_ID", key),
            ("AWS_SECRET_ACCESS_KEY", secret),
            ("AWS_REGION", "us-east-1"),
        ],
    );
    ready(&reqwest::Client::new(), &base).await;
    (Running(child), base)
}

async fn consumer(client: &reqwest::Client, base: &str) -> String {
    let phone = json!({"phone": "01712345678"});
    let asked: Value = client
        .post(format!("{base}/api/v1/auth/otp"))
        .json(&phone)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let code = json!({"phone": "01712345678", "code": asked["dev_code"]});
    let signed: Value = client
        .post(format!("{base}/api/v1/auth/otp/verify"))
        .json(&code)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    signed["access_token"].as_str().unwrap().to_owned()
}

fn png() -> Vec<u8> {
    let mut bytes = vec![
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H', b'D', b'R',
    ];
    bytes.extend((0..50_000_u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    bytes
}

#[actix_web::test]
#[ignore = "needs moto_server (pip install 'moto[server]'); .ci/run runs it"]
async fn a_file_uploaded_through_one_server_downloads_byte_identical_through_the_others() {
    let (_moto, endpoint) = moto().await;
    let (key, secret) = prepare(&endpoint);
    let db = TestDatabase::create();
    // The first runs the migrations and seeds the demo data; the others start on them.
    let a = serve(&db, &endpoint, (&key, &secret)).await;
    let b = serve(&db, &endpoint, (&key, &secret)).await;
    let c = serve(&db, &endpoint, (&key, &secret)).await;
    let client = reqwest::Client::new();
    let token = consumer(&client, &a.1).await;
    let body = json!({
        "business_domain": "bazaarbangla.com.bd", "category": "non_delivery",
        "subject": "Phone paid for, never delivered",
        "description": "I paid Tk 18,500 by bKash for a phone; it never came.",
        "incident_date": chrono::Utc::now().date_naive(), "amount_paid": 1850000,
        "amount_claimed": 1850000, "payment_method": "bkash", "desired_remedy": "refund"});
    let filed = client
        .post(format!("{}/api/v1/complaints", a.1))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(filed.status(), 201);
    let case = filed.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bytes = png();
    let form = Form::new().part("file", Part::bytes(bytes.clone()).file_name("parcel.png"));
    let uploaded = client
        .post(format!("{}/api/v1/complaints/{case}/evidence", a.1))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), 201);
    let evidence = uploaded.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    for (server, name) in [(&b.1, "second"), (&c.1, "third"), (&a.1, "first")] {
        let path = format!("{server}/api/v1/complaints/{case}/evidence/{evidence}");
        let got = client.get(path).bearer_auth(&token).send().await.unwrap();
        assert_eq!(got.status(), 200, "through the {name} server");
        assert_eq!(
            got.bytes().await.unwrap().as_ref(),
            bytes.as_slice(),
            "through the {name} server"
        );
    }
    let local = db.evidence_dir();
    assert!(
        std::fs::read_dir(&local).map_or(true, |mut d| d.next().is_none()),
        "nothing on local disk"
    );

    // A process whose secret is wrong: the store checks the signature and refuses it.
    let wrong = serve(&db, &endpoint, (&key, "not-the-secret")).await;
    let form = Form::new().part("file", Part::bytes(bytes).file_name("again.png"));
    let refused = client
        .post(format!("{}/api/v1/complaints/{case}/evidence", wrong.1))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 500);
    let listed: Value = client
        .get(format!("{}/api/v1/complaints/{case}/evidence", b.1))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "nothing recorded for the refused upload"
    );
}
