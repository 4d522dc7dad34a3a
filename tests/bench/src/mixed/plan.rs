//! `ccms-bench URL 0 0 wrk-plan`: the mix as a Lua table for `scripts/load/mixed.lua`, so an
//! outside load generator (wrk) can send the same requests: the cases sampled from the bench
//! database and tokens for their consumers, agents and partners, 2 000 requests in the mix's
//! order. `UNIQUE` in a body is replaced per request by the script.

use diesel::prelude::*;

use super::{Case, TRANSITION, kind_of, parties};

/// A Lua string literal.
fn lua(text: &str) -> String {
    format!("{text:?}")
}

pub fn print(url: &str) {
    let mut pg = PgConnection::establish(url).unwrap();
    // As before an HTTP run: what autovacuum would have done (it may be off).
    diesel::connection::SimpleConnection::batch_execute(&mut pg, "VACUUM ANALYZE").unwrap();
    let cases: Vec<Case> = diesel::sql_query(
        "SELECT id, consumer_id, business_id FROM complaints TABLESAMPLE SYSTEM (1) LIMIT 2000",
    )
    .load(&mut pg)
    .unwrap();
    let parties = parties(&cases);
    println!("-- written by `ccms-bench ... wrk-plan`: method, path, token, body");
    println!("return {{");
    for n in 0..2000 {
        let party = &parties[n % parties.len()];
        let (case, business) = (party.case.id, party.case.business_id);
        // wrk cannot follow the cases it files, so a transition's turn is a consumer's read.
        let kind = match kind_of(n) {
            TRANSITION => 0,
            kind => kind,
        };
        let (method, path, token, body) = match kind {
            0 => (
                "GET",
                format!("/api/v1/complaints/{case}"),
                party.consumer.as_str(),
                None,
            ),
            1 => (
                "GET",
                "/api/v1/complaints?limit=20".to_owned(),
                party.agent.as_str(),
                None,
            ),
            2 => (
                "GET",
                format!("/api/v1/public/scorecards/{business}?from=2026-11&to=2026-11"),
                "",
                None,
            ),
            3 => (
                "POST",
                "/api/v1/complaints".to_owned(),
                party.partner.as_str(),
                Some(
                    serde_json::json!({
                        "business_id": business, "consumer_phone": format!("0191{:07}", n),
                        "category": "late_delivery", "subject": "Late",
                        "description": "The parcel is a week late.",
                        "order_reference": "WRK-UNIQUE",
                        "incident_date": chrono::Utc::now().date_naive().to_string(),
                        "amount_paid": 150000, "amount_claimed": 150000,
                        "payment_method": "bkash", "desired_remedy": "refund",
                    })
                    .to_string(),
                ),
            ),
            _ => (
                "POST",
                format!("/api/v1/complaints/{case}/messages"),
                party.agent.as_str(),
                Some(r#"{"text":"We are looking into it."}"#.to_owned()),
            ),
        };
        let body = body.map_or("nil".to_owned(), |b| lua(&b));
        println!(
            "  {{ {}, {}, {}, {body} }},",
            lua(method),
            lua(&path),
            lua(token)
        );
    }
    println!("}}");
}
