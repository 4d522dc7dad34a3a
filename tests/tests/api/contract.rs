//! The committed contract and the shape of the repository.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn openapi_yaml_matches_what_the_code_generates() {
    let generated = ccms_api::openapi::document().to_yaml().unwrap();
    let path = root().join("openapi.yaml");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi.yaml differs from the code. Regenerate it with\n  \
         cargo run -q --bin ccms -- openapi > openapi.yaml\n\
         (or UPDATE_OPENAPI=1 cargo test contract) and commit the change."
    );
}

#[test]
fn every_operation_has_an_id_a_tag_a_summary_and_problem_answers() {
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_default();
            assert!(
                id.contains('_') && id == id.to_lowercase(),
                "{method} {path}: operationId {id:?}"
            );
            assert!(
                operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{method} {path}: no tag"
            );
            assert!(
                operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{method} {path}: no summary"
            );
            let problem = &operation["responses"]["500"]["content"]["application/problem+json"];
            assert!(
                problem.is_object(),
                "{method} {path}: no problem answer for 500"
            );
        }
    }
}

#[test]
fn webhook_events_have_a_tag_no_operation_shares() {
    // Generators write one file per tag: events sharing the subscriptions' tag overwrote them.
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    let operation_tags: std::collections::BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .flat_map(|operation| operation["tags"].as_array().cloned().unwrap_or_default())
        .filter_map(|tag| tag.as_str().map(str::to_owned))
        .collect();
    let events = doc["webhooks"].as_object().unwrap();
    assert!(!events.is_empty());
    for (name, item) in events {
        for operation in item.as_object().unwrap().values() {
            for tag in operation["tags"].as_array().unwrap() {
                let tag = tag.as_str().unwrap();
                assert!(!operation_tags.contains(tag), "{name} shares the tag {tag}");
            }
        }
    }
}

#[test]
fn files_are_declared_as_bytes_of_their_media_type() {
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    let answers = &doc["paths"]["/api/v1/complaints/{key}/evidence/{evidence_id}"]["get"]["responses"]
        ["200"]["content"];
    for media in ["application/pdf", "image/jpeg", "image/png", "image/webp"] {
        let schema = &answers[media]["schema"];
        assert_eq!(schema["type"], "string", "{media}: {schema}");
        assert_eq!(schema["contentMediaType"], media);
    }
}

#[test]
fn problem_codes_are_an_enum_of_the_catalog() {
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    let codes = doc["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap()
        .clone();
    for code in [
        "validation_failed",
        "business_filing_limit_reached",
        "overloaded",
        "route_not_found",
        "internal_error",
    ] {
        assert!(codes.contains(&serde_json::json!(code)), "{code}");
    }
}

#[test]
fn the_contracts_bounds_are_the_servers() {
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    let body = &doc["components"]["schemas"]["ComplaintBody"]["properties"];
    assert_eq!(
        body["description"]["minLength"],
        ccms_domain::complaint::DESCRIPTION_MIN
    );
    assert_eq!(body["description"]["maxLength"], 5000);
    let phone = body["consumer_phone"]["pattern"].as_str().unwrap();
    assert_eq!(phone, ccms_domain::contact::PhoneNumber::PATTERN);
}

#[test]
fn list_pages_name_their_item_schema() {
    let doc = serde_json::to_value(ccms_api::openapi::document()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let pages: Vec<_> = schemas.keys().filter(|k| k.starts_with("Page_")).collect();
    assert!(pages.len() >= 10);
    for page in pages {
        let item = &schemas[page]["properties"]["items"]["items"]["$ref"];
        assert_eq!(
            item.as_str(),
            Some(format!("#/components/schemas/{}", &page["Page_".len()..]).as_str()),
            "{page}"
        );
    }
}

fn migration_names(backend: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("migrations").join(backend))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn both_databases_have_the_same_migrations() {
    let postgres = migration_names("postgres");
    assert!(!postgres.is_empty());
    assert_eq!(postgres, migration_names("sqlite"));
}

/// The crates `package` depends on at run time, one per line.
fn dependencies_of(package: &str) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            package,
            "--edges",
            "normal",
            "--prefix",
            "none",
            "--all-features",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn forbidden_in<'a>(tree: &'a str, forbidden: &[&str]) -> Vec<&'a str> {
    tree.lines()
        .filter(|line| forbidden.iter().any(|f| line.starts_with(f)))
        .collect()
}

#[test]
fn the_domain_crate_depends_on_neither_diesel_nor_actix() {
    let tree = dependencies_of("ccms-domain");
    let forbidden = forbidden_in(&tree, &["diesel", "actix", "tokio", "r2d2", "reqwest"]);
    assert!(
        forbidden.is_empty(),
        "domain must stay pure, but depends on {forbidden:?}"
    );
}

#[test]
fn the_use_case_layer_knows_no_http() {
    let tree = dependencies_of("ccms-usecases");
    assert!(tree.contains("ccms-persistence"), "{tree}");
    let forbidden = forbidden_in(&tree, &["actix", "utoipa", "reqwest", "ccms-api", "http "]);
    assert!(
        forbidden.is_empty(),
        "the use cases must not know HTTP, but depend on {forbidden:?}"
    );
}

fn patterns(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(pattern)) = map.get("pattern") {
                found.push(pattern.clone());
            }
            map.values().for_each(|v| patterns(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| patterns(v, found)),
        _ => {}
    }
}

#[test]
fn every_pattern_in_the_contract_is_one_the_parsers_enforce() {
    use ccms_domain::contact::PhoneNumber;
    use ccms_domain::registry::{AgencyCode, Dbid, TradeLicence, WebDomain};
    use ccms_domain::text::TEXT_PATTERN;
    let enforced = [
        TEXT_PATTERN,
        PhoneNumber::PATTERN,
        AgencyCode::PATTERN,
        Dbid::PATTERN,
        TradeLicence::PATTERN,
        WebDomain::PATTERN,
        ccms_domain::identity::OtpPolicy::CODE_PATTERN,
        ccms_domain::intake::IntakeCode::PATTERN,
        ccms_domain::complaint::TrackingNumber::PATTERN,
        // Checked in the api crate: cursors, search text, idempotency keys.
        ccms_api::http::IDEMPOTENCY_KEY_PATTERN,
        ccms_api::audit::ANCHOR_PATTERN,
        ccms_api::transparency::MONTH_PATTERN,
        "^[A-Za-z0-9_-]{24}$",
        r"^[^\x00]*$",
    ];
    let mut found = Vec::new();
    patterns(
        &serde_json::to_value(ccms_api::openapi::document()).unwrap(),
        &mut found,
    );
    assert!(found.len() >= 10);
    for pattern in found {
        assert!(
            enforced.contains(&pattern.as_str()),
            "pattern {pattern:?} is not one a parser enforces"
        );
    }
}

/// Every problem code of the closed set is answered somewhere: named outside the catalog,
/// so a code no path can produce is found and removed (or given its path).
#[test]
fn every_problem_code_is_produced_somewhere() {
    fn sources(dir: &Path, found: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("problem/catalog.rs")
            {
                found.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut code = String::new();
    sources(&root().join("api/src"), &mut code);
    let unused: Vec<String> = ccms_api::problem::ProblemCode::ALL
        .iter()
        .map(|c| format!("ProblemCode::{c:?}"))
        .filter(|name| !code.contains(name.as_str()))
        .collect();
    assert!(unused.is_empty(), "never produced: {unused:?}");
}
