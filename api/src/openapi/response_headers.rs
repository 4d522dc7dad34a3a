//! The headers the server sends, declared on the responses that carry them, so generated
//! clients expose them: every answer's `X-Request-Id`, `Retry-After` on 429 and 503,
//! `WWW-Authenticate` on 401, `Idempotency-Replayed` where a key may replay an answer, and a
//! partner's rate budget. `ETag` and `Location` are declared by each operation itself.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{Object, Type};
use utoipa::openapi::{Header, OpenApi as Document, Ref, RefOr};

/// What a response belongs to, for deciding which headers it carries.
struct Answer<'a> {
    status: &'a str,
    /// The operation takes an `Idempotency-Key`.
    keyed: bool,
    /// A partner client may call the operation.
    partner: bool,
}

/// One header: its name, what it says, and which answers carry it.
type ResponseHeader = (&'static str, &'static str, fn(&Answer) -> bool);

/// The headers, as data (each set where the server sets it: see `http/` and `problem/render.rs`).
const RESPONSE_HEADERS: &[ResponseHeader] = &[
    (
        "X-Request-Id",
        "This request's id (the caller's own, if it sent a valid one); quote it when reporting a problem.",
        |_| true,
    ),
    ("Retry-After", "Seconds to wait before trying again.", |a| {
        matches!(a.status, "429" | "503")
    }),
    (
        "WWW-Authenticate",
        "The authentication scheme expected (`Bearer`; `Basic` at the token endpoint).",
        |a| a.status == "401",
    ),
    (
        "Idempotency-Replayed",
        "`true` when this is the kept answer to an earlier request with the same `Idempotency-Key`.",
        |a| a.keyed && a.status.starts_with('2'),
    ),
    (
        "RateLimit-Policy",
        "Partner clients: the request budget, `\"partner_api_per_client\";q=LIMIT;w=WINDOW_SECONDS` (IETF draft RateLimit header fields).",
        |a| a.partner,
    ),
    (
        "RateLimit",
        "Partner clients: what is left of the budget, `\"partner_api_per_client\";r=REMAINING;t=SECONDS_TO_RESET`.",
        |a| a.partner,
    ),
];

/// Each header once under `components/headers`, referred to from every response that carries it.
pub fn declare(doc: &mut Document) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, description, _) in RESPONSE_HEADERS {
        let mut header = Header::new(Object::with_type(Type::String));
        header.description = Some((*description).to_owned());
        components
            .headers
            .insert((*name).to_owned(), RefOr::T(header));
    }
    for item in doc.paths.paths.values_mut() {
        let methods = [
            &mut item.get,
            &mut item.head,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in methods.into_iter().flatten() {
            declare_on(operation);
        }
    }
}

fn declare_on(operation: &mut Operation) {
    let keyed = operation.parameters.iter().flatten().any(|p| {
        matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Header
            && p.name.eq_ignore_ascii_case("Idempotency-Key"))
    });
    let partner = operation.security.iter().flatten().any(|requirement| {
        serde_json::to_value(requirement).is_ok_and(|r| r.get("partner").is_some())
    });
    for (status, response) in operation.responses.responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        let answer = Answer {
            status,
            keyed,
            partner,
        };
        for (name, _, applies) in RESPONSE_HEADERS {
            if applies(&answer) && !response.headers.contains_key(*name) {
                let shared = Ref::new(format!("#/components/headers/{name}"));
                response
                    .headers
                    .insert((*name).to_owned(), RefOr::Ref(shared));
            }
        }
    }
}
