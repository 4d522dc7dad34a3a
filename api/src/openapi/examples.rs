//! One example per request body, each one that works when sent as it is (Swagger UI's "Try it
//! out" fills it in) to a development server started the README's way: it names the demo
//! data (`bazaarbangla.com.bd`, the demo accounts, the demo businesses' fixed ids) and, on an
//! operation on a case, works in the state the operation's description names. Dates move with
//! the server's clock: the served contract carries today's (`dated`), the committed one
//! `CONTRACT_DAY`'s. Two carry a secret that comes from an earlier answer and one the code of
//! an SMS, which must be replaced (`NEEDS_EARLIER_ANSWER`, `NEEDS_THE_SMS_CODE`), one is signed
//! by the SMS gateway (`SIGNED_BY_THE_GATEWAY`);
//! a multipart upload has no example (a file cannot be one).

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};
use utoipa::openapi::path::HttpMethod;
use utoipa::openapi::{OpenApi as Document, RefOr};

/// The day the committed contract's examples are dated.
pub const CONTRACT_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 1) {
    Some(day) => day,
    None => panic!("a real date"),
};

/// The demo marketplace's id (`api/src/seed/demo.json`).
pub const DEMO_MARKETPLACE_ID: &str = "0193d5a0-0000-7000-8000-000000000001";

/// Operations whose example holds a value only an earlier answer gives (a refresh token, the
/// code sent by SMS): sent as is, they answer 401, not 422. (`logout` with an unknown refresh
/// token answers 204 like any other: signing out twice is not an error.)
pub const NEEDS_EARLIER_ANSWER: [&str; 2] = ["/api/v1/auth/otp/verify", "/api/v1/auth/refresh"];

/// Operations whose example holds the code only the caller's SMS gives: sent as is (by the
/// operator who filed the case, or its caller) they answer 422 `wrong_code`.
pub const NEEDS_THE_SMS_CODE: [&str; 1] = ["/api/v1/complaints/{key}/confirmation"];

/// Operations the SMS gateway signs (`webhook-signature`): sent unsigned, they answer 401.
pub const SIGNED_BY_THE_GATEWAY: [&str; 1] = ["/api/v1/inbound/sms"];

use ccms_domain::text::bangla_digits;

/// `(method, path, example)`, the examples dated `today` (Dhaka).
fn table(today: NaiveDate) -> Vec<(HttpMethod, &'static str, Value)> {
    use HttpMethod::{Patch, Post, Put};
    let day = today.to_string();
    // A week ahead at 10:00 Dhaka: past the 72 hours' notice a hearing needs.
    let hearing_day = |days| format!("{}T10:00:00+06:00", today + Days::new(days));
    vec![
        (Post, "/api/v1/auth/otp", json!({"phone": "01712345678"})),
        (
            Post,
            "/api/v1/auth/otp/verify",
            json!({"phone": "01712345678", "code": "482913"}),
        ),
        (
            Post,
            "/api/v1/auth/login",
            json!({"email": "coordinator@ccms.test", "password": "ccms-demo-coordinator"}),
        ),
        (
            Post,
            "/api/v1/auth/refresh",
            json!({"refresh_token": "the refresh_token of your sign-in"}),
        ),
        (
            Post,
            "/api/v1/auth/logout",
            json!({"refresh_token": "the refresh_token of your sign-in"}),
        ),
        (
            Post,
            "/api/v1/auth/token",
            json!({"grant_type": "client_credentials",
            "client_id": "bazaar-bangla-demo", "client_secret": "demo-partner-secret-bazaar-bangla"}),
        ),
        (
            Post,
            "/api/v1/complaints",
            json!({
            "business_domain": "bazaarbangla.com.bd",
            "category": "non_delivery",
            "subject": "Phone paid for, never delivered",
            "description": "I paid Tk 18,500 by bKash for a phone on Bazaar Bangla. It was to arrive in five days; nothing came and the shop stopped answering.",
            "order_reference": "BB-778812",
            "order_date": day,
            "incident_date": day,
            "amount_paid": 1_850_000,
            "amount_claimed": 1_850_000,
            "payment_method": "bkash",
            "desired_remedy": "refund",
            "notify_language": "bn"}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/messages",
            json!({
            "text": "The courier's tracking page has said 'in transit' for a week."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/actions",
            json!({
            "action": "propose_resolution",
            "note": "We will refund Tk 18,500 to the same bKash number within 7 days.",
            "remedy": {"kind": "refund", "amount_poisha": 1_850_000,
                "promised_by": (today + Days::new(7)).to_string()}}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/hearings",
            json!({
            "scheduled_at": hearing_day(7), "mode": "online",
            "meeting_link": "https://meet.dncrp.example.gov.bd/hearing-778812"}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/reschedule",
            json!({
            "scheduled_at": hearing_day(8), "mode": "in_person",
            "venue": "DNCRP, 1 Karwan Bazar, Dhaka", "reason": "The business asked for a day to bring its courier records."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/cancel",
            json!({
            "reason": "The officer is away that day; a new date follows."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/hearings/{hearing_id}/record",
            json!({
            "attendance": ["consumer", "business"],
            "minutes": "Both parties heard; the business admits the parcel was never sent."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/referrals",
            json!({"agency_code": "BB"}),
        ),
        (
            Post,
            "/api/v1/referrals/{referral_id}/steps",
            json!({
            "step": "acknowledge", "reference": "BB-CPD-2026-0042"}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/decision",
            json!({
            "verdict": "upheld", "fine_poisha": 5_000_000, "compensation_poisha": 1_850_000,
            "reasons": "The business took payment and did not deliver; it showed no proof of dispatch."}),
        ),
        (
            Post,
            "/api/v1/matters",
            json!({"business_id": DEMO_MARKETPLACE_ID,
                "title": "Bazaar Bangla: orders paid for and never delivered", "auto_join": true}),
        ),
        (
            Post,
            "/api/v1/matters/{matter_id}/cases",
            json!({"all_at_directorate": true}),
        ),
        (
            Post,
            "/api/v1/matters/{matter_id}/hearings",
            json!({"scheduled_at": hearing_day(7), "mode": "online",
                "meeting_link": "https://meet.dncrp.example.gov.bd/matter-bazaar-bangla"}),
        ),
        (
            Post,
            "/api/v1/matters/{matter_id}/decision",
            json!({"verdict": "upheld", "refund": "amount_paid", "fine_per_case_poisha": 500_000,
                "reasons": "The marketplace took payment for every order in the matter and delivered none."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/obligations/{obligation_id}/steps",
            json!({
            "step": "pay", "reference": "bKash TrxID 9AB3CD7EF1"}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/feedback",
            json!({"resolved": false, "rating": 2, "comment": "The fine was small and nothing reached me."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/review",
            json!({"reason": "I was never heard and the compensation does not cover what I paid."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/review/decision",
            json!({"result": "varied", "outcome": "decided_upheld",
                "reasons": "The consumer's payment is proven; the earlier reasons did not weigh it."}),
        ),
        (
            Put,
            "/api/v1/complaints/{key}/response",
            json!({"text": "We are sorry for the wait; the refund is paid and our courier has changed."}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/response/moderation",
            json!({"decision": "publish"}),
        ),
        (
            Put,
            "/api/v1/complaints/{key}/consent",
            json!({"consent_to_publish": false}),
        ),
        (
            Put,
            "/api/v1/complaints/{key}/legal-hold",
            json!({"reason": "Dhaka Sessions Court, Misc. Case 412/2026"}),
        ),
        (
            Patch,
            "/api/v1/me/contact",
            json!({"email": "rahim@example.com", "language": "bn"}),
        ),
        (
            Post,
            "/api/v1/intake/status",
            json!({"tracking_number": format!("CCMS-{}-000001", today.year()), "phone": "01712345678"}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/confirmation",
            json!({"code": "482913"}),
        ),
        (
            Post,
            "/api/v1/inbound/sms",
            json!({"message_id": "gw-7f3a9c", "from": "+8801712345678", "channel": "sms",
                "text": format!("অবস্থা {}-০০০০০১", bangla_digits(&today.year().to_string()))}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/merge",
            json!({"into": format!("CCMS-{}-000001", today.year())}),
        ),
        (
            Post,
            "/api/v1/complaints/{key}/appeals",
            json!({"court": "Court of the Sessions Judge, Dhaka",
                "reference": "Criminal Appeal 114/2026", "filed_on": day}),
        ),
        (
            Post,
            "/api/v1/policy/simulate",
            json!({"category": "refund_not_paid", "incident_date": day}),
        ),
        (Put, "/api/v1/policy", shipped_policy_draft()),
        (Put, "/api/v1/calendar", shipped_calendar_draft()),
        (
            Post,
            "/api/v1/agencies",
            json!({
            "code": "IDRA", "kind": "regulator",
            "name_en": "Insurance Development and Regulatory Authority",
            "name_bn": "বীমা উন্নয়ন ও নিয়ন্ত্রণ কর্তৃপক্ষ",
            "contact_email": "complaints@idra.example.gov.bd"}),
        ),
        (
            Patch,
            "/api/v1/agencies/{code}",
            json!({"contact_email": "consumer@btrc.example.gov.bd"}),
        ),
        (
            Post,
            "/api/v1/businesses",
            json!({
            "legal_name": "Meghna Electronics Limited",
            "trade_names": ["Meghna Electronics", "মেঘনা ইলেকট্রনিক্স"],
            "web_domains": ["meghnaelectronics.com.bd"],
            "dbid": "DBID-2024-000117", "trade_licence": "TRAD/DNCC/045712/2024", "kind": "shop",
            "contact_email": "care@meghnaelectronics.com.bd", "contact_phone": "01712000117",
            "address": "Shop 14, Level 3, Bashundhara City, Panthapath, Dhaka"}),
        ),
        (
            Patch,
            "/api/v1/businesses/{id}",
            json!({"contact_phone": "01712000999"}),
        ),
        (
            Post,
            "/api/v1/businesses/{id}/agents",
            json!({
            "email": "rina.akter@bazaarbangla.com.bd", "display_name": "Rina Akter",
            "password": "a long passphrase for Rina"}),
        ),
        (
            Post,
            "/api/v1/partners",
            json!({
            "name": "Bazaar Bangla order system", "business_id": DEMO_MARKETPLACE_ID}),
        ),
        (
            Post,
            "/api/v1/staff",
            json!({
            "role": "officer", "email": "nusrat.jahan@dncrp.example.gov.bd",
            "display_name": "Nusrat Jahan", "password": "a long passphrase for Nusrat", "agency": "DNCRP"}),
        ),
        (Patch, "/api/v1/staff/{id}", json!({"disabled": true})),
        (
            Post,
            "/api/v1/subscriptions",
            json!({
            // A documentation domain that resolves publicly, so the server accepts it; put
            // your own endpoint here.
            "url": "https://example.com/ccms-events",
            "event_types": ["complaint.created", "complaint.status_changed"],
            "description": "Order desk"}),
        ),
        (Post, "/api/v1/sandbox/clock", json!({"minutes": 4380})),
    ]
}

/// The shipped holidays, as a draft of the next version (`PUT /calendar` republishes them; a
/// real draft adds the year's notified dates).
fn shipped_calendar_draft() -> Value {
    use ccms_domain::calendar::{HOLIDAYS_JSON, HolidayCalendar, HolidayFile};
    let holidays = serde_json::from_str::<HolidayFile>(HOLIDAYS_JSON)
        .map(|file| HolidayCalendar::from_file(1, &file).holidays)
        .unwrap_or_default();
    json!({"note": "The shipped holidays again, as the next version.", "holidays": holidays})
}

/// The shipped policy, as a draft of the next version (`PUT /policy` republishes it).
fn shipped_policy_draft() -> Value {
    const DRAFT_FIELDS: [&str; 12] = [
        "complainant_share",
        "max_fine_source",
        "weekend",
        "filing_window",
        "reminder_lead_hours",
        "clocks",
        "hearing_notice_hours",
        "max_fine_poisha",
        "filing_limits",
        "info_requests",
        "rules",
        "note",
    ];
    let mut shipped: Value =
        serde_json::from_str(ccms_domain::complaint::routing::DEFAULT_POLICY_JSON)
            .unwrap_or_default();
    if let Some(fields) = shipped.as_object_mut() {
        fields.retain(|name, _| DRAFT_FIELDS.contains(&name.as_str()));
        fields.insert(
            "note".into(),
            json!("The shipped policy again, as the next version."),
        );
    }
    shipped
}

/// Sets each operation's example, dated `today`.
pub fn dated(doc: &mut Document, today: NaiveDate) {
    for (method, path, example) in table(today) {
        let operation = doc.paths.paths.get_mut(path).and_then(|item| match method {
            HttpMethod::Post => item.post.as_mut(),
            HttpMethod::Put => item.put.as_mut(),
            HttpMethod::Patch => item.patch.as_mut(),
            _ => None,
        });
        let body = operation.and_then(|o| match o.request_body.as_mut() {
            Some(RefOr::T(body)) => Some(body),
            _ => None,
        });
        for content in body.into_iter().flat_map(|b| b.content.values_mut()) {
            if let RefOr::T(content) = content {
                content.example = Some(example.clone());
            }
        }
    }
}
