//! The contract: every route registered here is collected by utoipa, then each operation gets
//! the error answers its shape can produce, from one table.

use actix_web::App;
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::security::{
    ClientCredentials, Flow, HttpAuthScheme, HttpBuilder, OAuth2, Scopes, SecurityScheme,
};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr, ResponseBuilder};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::problem::{Problem, ProblemField};
use crate::{
    admin, audit, authority, complaints, identity, operations, policy, registry, sandbox,
    transparency, webhooks,
};

mod binary;
pub mod examples;
mod links;
mod pages;
mod problem_codes;
mod response_headers;
mod served;

pub use served::{PATH as SERVED_PATH, ServedContract, served_contract};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "CCMS: Central Complaint Management System",
        description = "Bangladesh's national platform for consumer complaints against online shops. \
            Errors are `application/problem+json` with a stable `code`; texts follow `Accept-Language` \
            (`bn` for Bangla). Conventions: docs/api-conventions.md in the repository.",
        license(name = "MIT", identifier = "MIT"),
        contact(name = "Directorate of National Consumer Rights Protection (DNCRP)", url = "https://dncrp.gov.bd"),
    ),
    servers((url = "/", description = "This server")),
    tags(
        (name = "auth", description = "Signing in: consumers by one-time code, staff by password, partners by client credentials"),
        (name = "complaints", description = "Filing, reading and moving cases; their timeline and messages"),
        (name = "policy", description = "The routing and escalation policy, simulations, and why a case is where it is"),
        (name = "authority", description = "The DNCRP stage: hearings, decisions, the compensation ledger, referrals to regulators, the referral packet, feedback"),
        (name = "matters", description = "Surges, collective matters (many cases against one business, one hearing, one decision, payouts through a gateway) and triage reports"),
        (name = "intake", description = "Every channel a consumer uses: intake operators filing for callers (hotline, walk-in, e-mail, post) and reading out a case's status, confirming a held case with its SMS code, and the SMS gateway posting what consumers text CCMS"),
        (name = "privacy", description = "A consumer's rights over their personal data: consent to publish given or withdrawn, e-mail and notice language corrected, everything CCMS holds about them downloaded"),
        (name = "admin", description = "Staff accounts, partner clients, business agents"),
        (name = "registry", description = "Agencies and businesses"),
        (name = "webhooks", description = "Subscriptions to events, signed the Standard Webhooks way; the delivery log and replay. Payloads: the `events` tag"),
        (name = "events", description = "What CCMS sends to a subscription's URL, one entry per event type (the contract's `webhooks` section); tagged apart from the subscription operations so generators write them apart"),
        (name = "transparency", description = "The open dataset and business scorecards (public), statistics (staff)"),
        (name = "audit", description = "The hash-chained audit log: entries, the chain's head, verification"),
        (name = "operations", description = "Health, readiness and metrics"),
        (name = "sandbox", description = "A sandbox's movable clock (CCMS_SANDBOX_CLOCK; never in production): watch deadlines fire"),
    ),
    components(schemas(
        Problem, ProblemField,
        webhooks::contract::EventComplaint, webhooks::contract::CreatedData,
        webhooks::contract::StatusChangedData, webhooks::contract::MessageAddedData,
        webhooks::contract::DeadlineData, webhooks::contract::HearingEventData,
        webhooks::contract::DecidedData, webhooks::contract::ObligationEventData,
        webhooks::contract::AppealedData, webhooks::contract::SurgeData, webhooks::contract::InfoRequestedData,
        webhooks::contract::ReviewOverdueData,
        webhooks::contract::PacketData, webhooks::contract::ReferralEventData,
    )),
    modifiers(&BearerScheme),
)]
struct ApiDoc;

struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        let bearer = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .description(Some(
                "Access token (JWT) from /api/v1/auth/otp/verify, /api/v1/auth/login or /api/v1/auth/token.",
            ))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
        let flow = ClientCredentials::new("/api/v1/auth/token", Scopes::new());
        let partner = OAuth2::with_description(
            [Flow::ClientCredentials(flow)],
            "Marketplace servers: OAuth2 client credentials; the token is then sent as a bearer token.",
        );
        components.add_security_scheme("partner", SecurityScheme::OAuth2(partner));
        let metrics = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "The deployment's CCMS_METRICS_TOKEN, for /metrics in production.",
            ))
            .build();
        components.add_security_scheme("metrics", SecurityScheme::Http(metrics));
        let gateway = utoipa::openapi::security::ApiKey::Header(
            utoipa::openapi::security::ApiKeyValue::with_description(
                "webhook-signature",
                "The SMS gateway signs each post the Standard Webhooks way with CCMS_SMS_INBOUND_SECRET (`whsec_` and base64): `webhook-signature: v1,<base64 of HMAC-SHA256(secret, \"{webhook-id}.{webhook-timestamp}.{body}\")>`, with `webhook-id` and `webhook-timestamp` (Unix seconds, within 5 minutes of CCMS's clock). Any Standard Webhooks library signs it.",
            ),
        );
        components.add_security_scheme("sms_gateway", SecurityScheme::ApiKey(gateway));
    }
}

/// Every documented route: operations at the root, the API under `/api/v1`.
pub fn routes(config: &mut ServiceConfig) {
    config.configure(operations::configure);
    config.configure(identity::configure_well_known);
    config.service(
        utoipa_actix_web::scope("/api/v1")
            .configure(identity::configure)
            .configure(admin::configure)
            .configure(complaints::configure)
            .configure(crate::intake::configure)
            .configure(crate::privacy::configure)
            .configure(authority::configure)
            .configure(crate::collective::configure)
            .configure(crate::triage::configure)
            .configure(policy::configure)
            .configure(crate::calendar::configure)
            .configure(registry::configure)
            .configure(webhooks::configure)
            .configure(audit::configure)
            .configure(transparency::configure)
            .configure(sandbox::configure),
    );
}

/// The OpenAPI document the server serves and `openapi.yaml` holds.
pub fn document() -> Document {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes)
        .split_for_parts();
    close_tagged_enums(
        &mut doc,
        &["Length", "ReviewDecisionBody", "ModerationBody"],
    );
    add_webhooks(&mut doc);
    links::add(&mut doc);
    binary::declare(&mut doc);
    problem_codes::enumerate(&mut doc);
    pages::name_items(&mut doc);
    for (path, item) in doc.paths.paths.iter_mut() {
        if let Some(post) = item.post.as_mut()
            && !crate::http::ANSWERS_WITH_SECRETS.contains(&path.as_str())
        {
            add_idempotency_key(post, path == "/api/v1/complaints");
        }
        let methods = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in methods.into_iter().flatten() {
            add_problem_responses(operation);
        }
    }
    response_headers::declare(&mut doc);
    examples::dated(&mut doc, examples::CONTRACT_DAY);
    doc
}

/// The `webhooks` section and the payload schemas it refers to.
fn add_webhooks(doc: &mut Document) {
    use utoipa::openapi::schema::Schema;
    if let Some(components) = doc.components.as_mut() {
        for (name, schema) in webhooks::contract::event_schemas() {
            if let Ok(schema) = serde_json::from_value::<Schema>(schema) {
                components.schemas.insert(name, RefOr::T(schema));
            }
        }
    }
    doc.webhooks = serde_json::from_value(webhooks::contract::section()).ok();
}

/// serde reads an externally tagged enum (`{"hours": 72}`) as exactly one key: its variants'
/// schemas must say that no other key may come along.
fn close_tagged_enums(doc: &mut Document, names: &[&str]) {
    use utoipa::openapi::schema::{AdditionalProperties, Schema};
    let Some(components) = doc.components.as_mut() else {
        return;
    };
    for name in names {
        if let Some(RefOr::T(Schema::OneOf(one_of))) = components.schemas.get_mut(*name) {
            for item in &mut one_of.items {
                if let RefOr::T(Schema::Object(variant)) = item {
                    variant.additional_properties =
                        Some(Box::new(AdditionalProperties::FreeForm(false)));
                }
            }
        }
    }
}

/// Partner POSTs take an `Idempotency-Key` (`docs/api-conventions.md`, "Idempotent pushes").
fn add_idempotency_key(operation: &mut Operation, intake: bool) {
    let security = serde_json::to_value(&operation.security).unwrap_or_default();
    let partners = security
        .as_array()
        .is_some_and(|all| all.iter().any(|r| r.get("partner").is_some()));
    let json_body = operation.request_body.as_ref().is_some_and(|b| match b {
        RefOr::T(body) => body.content.contains_key("application/json"),
        RefOr::Ref(_) => false,
    });
    if !partners || !json_body {
        return;
    }
    let description = if intake {
        "Required from partners: a key unique to this push (1-255 visible ASCII characters). A \
         retry with the same key and body replays the first answer (`Idempotency-Replayed: true`); \
         the same key with another body answers 422 `idempotency_key_reused`."
    } else {
        "Partners: a key unique to this request (1-255 visible ASCII characters); a retry with the \
         same key and body replays the first answer (`Idempotency-Replayed: true`)."
    };
    let parameter = utoipa::openapi::path::ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(utoipa::openapi::Required::False)
        .description(Some(description))
        .schema(Some(
            utoipa::openapi::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .min_length(Some(1))
                .max_length(Some(255))
                .pattern(Some(crate::http::IDEMPOTENCY_KEY_PATTERN)),
        ))
        .build();
    operation
        .parameters
        .get_or_insert_with(Vec::new)
        .push(RefOr::T(parameter));
}

/// What an operation looks like, for deciding which errors it can answer.
struct Shape {
    parameters: bool,
    path_parameters: bool,
    if_match: bool,
    body: bool,
    any_auth: bool,
    auth_required: bool,
    /// A sign-in endpoint: public, but answers 401 for wrong credentials and 429 when throttled.
    sign_in: bool,
}

/// One documented error answer: status, description, and which operations can produce it.
type ErrorResponse = (&'static str, &'static str, fn(&Shape) -> bool);

/// The error answers, as data.
const ERROR_RESPONSES: &[ErrorResponse] = &[
    (
        "400",
        "Invalid parameter or malformed JSON (`invalid_parameter`, `invalid_cursor`, `malformed_json`)",
        |s| s.parameters || s.body,
    ),
    (
        "401",
        "Missing or invalid credentials (`unauthenticated`, `invalid_credentials`, `invalid_code`, ...)",
        |s| s.any_auth || s.sign_in,
    ),
    (
        "403",
        "The caller's role may not do this (`forbidden`)",
        |s| s.auth_required,
    ),
    (
        "404",
        "No such record, or not visible to the caller (`not_found`)",
        |s| s.path_parameters,
    ),
    (
        "409",
        "Conflicts with the current state: a unique value is taken (`already_registered`) or the record does not allow this now (`move_not_allowed`, `step_not_allowed`, `hearing_not_scheduled`, ...)",
        |s| s.body,
    ),
    (
        "412",
        "`If-Match` does not match the current version (`stale_version`)",
        |s| s.if_match,
    ),
    ("413", "Request body too large (`payload_too_large`)", |s| {
        s.body
    }),
    (
        "415",
        "Body is not `application/json` (`unsupported_media_type`)",
        |s| s.body,
    ),
    (
        "422",
        "Validation failed; `errors` names each field (`validation_failed`)",
        |s| s.body,
    ),
    (
        "429",
        "Too many requests: a partner client over its budget (counted on every request it sends) or a throttled sign-in; see `Retry-After` (`rate_limited`)",
        |_| true,
    ),
    (
        "500",
        "Internal error; the body carries only the request id (`internal_error`)",
        |_| true,
    ),
    (
        "503",
        "The database is unavailable (`service_unavailable`)",
        |_| true,
    ),
];

fn add_problem_responses(operation: &mut Operation) {
    let parameters: Vec<&Parameter> = operation
        .parameters
        .iter()
        .flatten()
        .filter_map(|p| match p {
            RefOr::T(parameter) => Some(parameter),
            RefOr::Ref(_) => None,
        })
        .collect();
    let security = serde_json::to_value(&operation.security).unwrap_or_default();
    let requirements = security.as_array().cloned().unwrap_or_default();
    let granted = |r: &serde_json::Value| r.as_object().is_some_and(|o| !o.is_empty());
    let tagged_auth = operation.tags.iter().flatten().any(|t| t == "auth");
    let shape = Shape {
        parameters: !parameters.is_empty(),
        path_parameters: parameters
            .iter()
            .any(|p| p.parameter_in == ParameterIn::Path),
        if_match: parameters.iter().any(|p| p.name == "If-Match"),
        body: operation.request_body.is_some(),
        any_auth: requirements.iter().any(granted),
        auth_required: !requirements.is_empty() && requirements.iter().all(granted),
        sign_in: tagged_auth && !requirements.iter().any(granted),
    };
    for (status, description, applies) in ERROR_RESPONSES {
        if applies(&shape) && !operation.responses.responses.contains_key(*status) {
            let response = ResponseBuilder::new()
                .description(*description)
                .content(
                    "application/problem+json",
                    Content::new(Some(Ref::from_schema_name("Problem"))),
                )
                .build();
            operation
                .responses
                .responses
                .insert((*status).to_owned(), response.into());
        }
    }
}
