//! Every problem code the API can answer, with its status and texts. Codes are stable; the
//! texts may improve. `docs/api-conventions.md` lists the same table for client authors.

use actix_web::http::StatusCode;

use super::Language;

/// One problem type: its HTTP status, a short title and a longer explanation, in both languages.
pub struct ProblemType {
    pub code: &'static str,
    pub status: StatusCode,
    pub title_en: &'static str,
    pub title_bn: &'static str,
    pub detail_en: &'static str,
    pub detail_bn: &'static str,
}

impl ProblemType {
    pub fn title(&self, language: Language) -> &'static str {
        match language {
            Language::Bangla => self.title_bn,
            Language::English => self.title_en,
        }
    }

    pub fn detail(&self, language: Language) -> &'static str {
        match language {
            Language::Bangla => self.detail_bn,
            Language::English => self.detail_en,
        }
    }
}

macro_rules! problems {
    ($($name:ident = $code:literal, $status:ident, $ten:literal, $tbn:literal, $den:literal, $dbn:literal;)*) => {
        /// Every problem code the API answers: a closed set, so a misspelt code does not
        /// compile and a new one cannot be answered without its row below.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemCode { $($name),* }

        impl ProblemCode {
            /// Every code, in the catalog's order.
            pub const ALL: &'static [ProblemCode] = &[$(ProblemCode::$name),*];

            /// The code's row of the catalog: one per code, by an exhaustive match.
            pub fn row(self) -> &'static ProblemType {
                match self {
                    $(ProblemCode::$name => {
                        const ROW: ProblemType = ProblemType {
                            code: $code, status: StatusCode::$status,
                            title_en: $ten, title_bn: $tbn, detail_en: $den, detail_bn: $dbn,
                        };
                        &ROW
                    }),*
                }
            }

            /// The stable string clients see (`validation_failed`).
            pub fn as_str(self) -> &'static str {
                self.row().code
            }
        }
    };
}

problems! {
    ValidationFailed = "validation_failed", UNPROCESSABLE_ENTITY, "Invalid input", "অবৈধ তথ্য",
        "One or more fields are invalid; see `errors`.", "এক বা একাধিক ঘরের তথ্য সঠিক নয়; `errors` দেখুন।";
    MalformedJson = "malformed_json", BAD_REQUEST, "Malformed JSON", "ত্রুটিপূর্ণ JSON",
        "The request body is not valid JSON.", "অনুরোধের বডি বৈধ JSON নয়।";
    MalformedBody = "malformed_body", BAD_REQUEST, "Malformed request body", "ত্রুটিপূর্ণ অনুরোধ",
        "The request body could not be read in the declared format.", "অনুরোধের বডি ঘোষিত ফরম্যাটে পড়া যায়নি।";
    UnsupportedMediaType = "unsupported_media_type", UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", "অসমর্থিত মিডিয়া টাইপ",
        "Send the body as application/json.", "বডি application/json হিসেবে পাঠান।";
    PayloadTooLarge = "payload_too_large", PAYLOAD_TOO_LARGE, "Request body too large", "অনুরোধের বডি অতিরিক্ত বড়",
        "The request body is larger than this endpoint accepts.", "অনুরোধের বডি এই এন্ডপয়েন্টের সীমার চেয়ে বড়।";
    InvalidParameter = "invalid_parameter", BAD_REQUEST, "Invalid parameter", "অবৈধ প্যারামিটার",
        "A path, query or header parameter is invalid; see `errors`.", "পাথ, কোয়েরি বা হেডারের একটি প্যারামিটার সঠিক নয়; `errors` দেখুন।";
    InvalidCursor = "invalid_cursor", BAD_REQUEST, "Invalid cursor", "অবৈধ কার্সর",
        "The pagination cursor was not issued by this server; start again without it.", "পৃষ্ঠার কার্সরটি এই সার্ভারের দেওয়া নয়; কার্সর ছাড়া আবার শুরু করুন।";
    Unauthenticated = "unauthenticated", UNAUTHORIZED, "Sign-in required", "সাইন-ইন প্রয়োজন",
        "Send a valid bearer token in the Authorization header.", "Authorization হেডারে একটি বৈধ বেয়ারার টোকেন পাঠান।";
    InvalidCredentials = "invalid_credentials", UNAUTHORIZED, "Sign-in failed", "সাইন-ইন ব্যর্থ",
        "The e-mail address or password is wrong, or the account is disabled.", "ই-মেইল ঠিকানা বা পাসওয়ার্ড ভুল, অথবা অ্যাকাউন্টটি নিষ্ক্রিয়।";
    InvalidCode = "invalid_code", UNAUTHORIZED, "Wrong code", "ভুল কোড",
        "The one-time code is wrong; check the SMS and try again.", "এককালীন কোডটি ভুল; এসএমএস দেখে আবার চেষ্টা করুন।";
    CodeExpired = "code_expired", UNAUTHORIZED, "Code expired", "কোডের মেয়াদ শেষ",
        "This code has expired or was used up; request a new one.", "এই কোডের মেয়াদ শেষ বা ব্যবহৃত হয়ে গেছে; নতুন কোড চান।";
    SignatureInvalid = "signature_invalid", UNAUTHORIZED, "Signature does not verify", "স্বাক্ষর যাচাই হয়নি",
        "Sign the exact body with the shared secret (Standard Webhooks: webhook-id, webhook-timestamp within 5 minutes of now, webhook-signature); see docs/channels.md.", "শেয়ার করা গোপন কী দিয়ে হুবহু বডিটি স্বাক্ষর করুন (Standard Webhooks: webhook-id, এখন থেকে ৫ মিনিটের মধ্যের webhook-timestamp, webhook-signature); docs/channels.md দেখুন।";
    InvalidClient = "invalid_client", UNAUTHORIZED, "Unknown client", "অজানা ক্লায়েন্ট",
        "The client id or secret is wrong, or the client is revoked.", "ক্লায়েন্ট আইডি বা সিক্রেট ভুল, অথবা ক্লায়েন্টটি বাতিল।";
    InvalidRefreshToken = "invalid_refresh_token", UNAUTHORIZED, "Sign in again", "আবার সাইন-ইন করুন",
        "The refresh token is expired, revoked or already used; sign in again.", "রিফ্রেশ টোকেনটির মেয়াদ শেষ, বাতিল বা আগেই ব্যবহৃত; আবার সাইন-ইন করুন।";
    BusinessNotRegistered = "business_not_registered", UNPROCESSABLE_ENTITY, "Business not registered", "ব্যবসাটি নিবন্ধিত নয়",
        "Only a registered business can be named in a complaint; search the registry first.", "অভিযোগে কেবল নিবন্ধিত ব্যবসার নাম দেওয়া যায়; আগে নিবন্ধন তালিকায় খুঁজুন।";
    BusinessSuspended = "business_suspended", UNPROCESSABLE_ENTITY, "Business suspended", "ব্যবসাটি স্থগিত",
        "This business is suspended and cannot be named in a new complaint.", "এই ব্যবসাটি স্থগিত; নতুন অভিযোগে এর নাম দেওয়া যাবে না।";
    IncidentInFuture = "incident_in_future", UNPROCESSABLE_ENTITY, "Incident date in the future", "ঘটনার তারিখ ভবিষ্যতে",
        "The date of the incident cannot be after today.", "ঘটনার তারিখ আজকের পরে হতে পারে না।";
    OrderDateInFuture = "order_date_in_future", UNPROCESSABLE_ENTITY, "Order date in the future", "অর্ডারের তারিখ ভবিষ্যতে",
        "The order date cannot be after today.", "অর্ডারের তারিখ আজকের পরে হতে পারে না।";
    ContactDateInFuture = "contact_date_in_future", UNPROCESSABLE_ENTITY, "Contact date in the future", "যোগাযোগের তারিখ ভবিষ্যতে",
        "The date you contacted the business cannot be after today.", "ব্যবসার সাথে যোগাযোগের তারিখ আজকের পরে হতে পারে না।";
    FilingWindowExpired = "filing_window_expired", UNPROCESSABLE_ENTITY, "Too late to file", "অভিযোগের সময়সীমা পেরিয়ে গেছে",
        "A complaint must be filed within the policy's filing window after the incident: 30 days under the Consumer Rights Protection Act 2009, s.60 (see GET /api/v1/policy).", "নীতিমালার নির্ধারিত সময়ের মধ্যে অভিযোগ করতে হয়: ভোক্তা-অধিকার সংরক্ষণ আইন ২০০৯, ধারা ৬০ অনুযায়ী ঘটনার ৩০ দিনের মধ্যে (GET /api/v1/policy দেখুন)।";
    DescriptionTooShort = "description_too_short", UNPROCESSABLE_ENTITY, "Description too short", "বিবরণ খুব ছোট",
        "Describe what happened in at least 20 characters.", "কী ঘটেছে তা অন্তত ২০ অক্ষরে লিখুন।";
    DuplicateComplaint = "duplicate_complaint", CONFLICT, "Complaint already open", "অভিযোগ আগেই চলমান",
        "You already have an open case against this business for this order; see `existing`.", "এই অর্ডারের জন্য এই ব্যবসার বিরুদ্ধে আপনার একটি অভিযোগ আগেই চলমান; `existing` দেখুন।";
    MoveNotAllowed = "move_not_allowed", CONFLICT, "Not possible now", "এখন সম্ভব নয়",
        "This action is not allowed for you in the case's current state; see `allowed_actions`.", "অভিযোগের বর্তমান অবস্থায় এই কাজটি আপনার জন্য অনুমোদিত নয়; `allowed_actions` দেখুন।";
    HearingNotScheduled = "hearing_not_scheduled", CONFLICT, "Hearing already settled", "শুনানি আর নির্ধারিত নেই",
        "The hearing was already rescheduled, cancelled or held.", "শুনানিটি ইতিমধ্যে পুনর্নির্ধারিত, বাতিল বা অনুষ্ঠিত হয়েছে।";
    HearingAlreadyScheduled = "hearing_already_scheduled", CONFLICT, "A hearing is already set", "একটি শুনানি ইতিমধ্যে নির্ধারিত",
        "The case has a scheduled hearing; reschedule or cancel it instead.", "অভিযোগটির একটি নির্ধারিত শুনানি আছে; সেটি পুনর্নির্ধারণ বা বাতিল করুন।";
    HearingNotDue = "hearing_not_due", CONFLICT, "Hearing not held yet", "শুনানি এখনও হয়নি",
        "Attendance and minutes are recorded once the hearing's time has come.", "শুনানির সময় হওয়ার পরে উপস্থিতি ও কার্যবিবরণী লেখা যায়।";
    StepNotAllowed = "step_not_allowed", CONFLICT, "Not possible now", "এখন সম্ভব নয়",
        "This step does not follow from the record's current status, or is not yours to take.", "রেকর্ডের বর্তমান অবস্থা থেকে এই ধাপ নেওয়া যায় না, অথবা এটি আপনার নেওয়ার কথা নয়।";
    NoOfficerAvailable = "no_officer_available", CONFLICT, "No officer available", "কোনো কর্মকর্তা নেই",
        "The responsible agency has no active officer to assign; name one or add one.", "দায়িত্বপ্রাপ্ত সংস্থার কোনো সক্রিয় কর্মকর্তা নেই; একজনের নাম দিন বা যোগ করুন।";
    CaseNotClosed = "case_not_closed", CONFLICT, "Case not closed yet", "অভিযোগটি এখনও বন্ধ হয়নি",
        "Feedback is given once a case is closed.", "অভিযোগ বন্ধ হওয়ার পরে মতামত দেওয়া যায়।";
    CaseNotDecided = "case_not_decided", CONFLICT, "Case not decided", "অভিযোগের সিদ্ধান্ত হয়নি",
        "Only a decision of the directorate can be appealed; this case has none.", "কেবল অধিদপ্তরের সিদ্ধান্তের বিরুদ্ধে আপিল করা যায়; এই অভিযোগে কোনো সিদ্ধান্ত নেই।";
    CaseNotReviewable = "case_not_reviewable", CONFLICT, "Case cannot be reviewed", "অভিযোগটি পুনর্বিবেচনা করা যায় না",
        "Only a closed case resolved by the business or decided by the directorate can be reviewed.", "কেবল ব্যবসা প্রতিষ্ঠানের মাধ্যমে নিষ্পন্ন বা অধিদপ্তরের সিদ্ধান্তপ্রাপ্ত বন্ধ অভিযোগ পুনর্বিবেচনা করা যায়।";
    NoGroundForReview = "no_ground_for_review", CONFLICT, "No ground for a review", "পুনর্বিবেচনার কারণ নেই",
        "Give your verdict first: a review is for a case you judged unresolved or rated 1 or 2.", "আগে আপনার মতামত দিন: অমীমাংসিত বলে মনে করা বা ১ বা ২ রেটিং দেওয়া অভিযোগই পুনর্বিবেচনা করা যায়।";
    MatterDecided = "matter_decided", CONFLICT, "Matter already decided", "বিষয়টির সিদ্ধান্ত হয়ে গেছে",
        "This collective matter is decided: it takes no more cases and no second decision.", "এই সমষ্টিগত বিষয়ের সিদ্ধান্ত হয়ে গেছে: এতে আর কোনো অভিযোগ যোগ বা দ্বিতীয় সিদ্ধান্ত দেওয়া যায় না।";
    NotHeld = "not_held", CONFLICT, "Nothing to confirm", "নিশ্চিত করার কিছু নেই",
        "Only a case an operator filed, still waiting for its complainant's code, is confirmed with a code.", "কেবল অপারেটরের দাখিল করা, অভিযোগকারীর কোডের অপেক্ষায় থাকা অভিযোগ কোড দিয়ে নিশ্চিত করা যায়।";
    ConfirmationLocked = "confirmation_locked", CONFLICT, "No tries left", "আর চেষ্টা করা যাবে না",
        "Too many wrong codes: the case closes unverified at its clock; the operator may file it again.", "অনেকবার ভুল কোড দেওয়া হয়েছে: নির্ধারিত সময়ে অভিযোগটি অযাচাইকৃত হিসেবে বন্ধ হবে; অপারেটর আবার দাখিল করতে পারেন।";
    Erased = "erased", GONE, "Erased", "মুছে ফেলা হয়েছে",
        "The case's personal data (its phone, e-mail, texts and evidence files) was erased after its retention or on its complainant's request.", "অভিযোগটির ব্যক্তিগত তথ্য (ফোন, ই-মেইল, লেখা ও প্রমাণের ফাইল) সংরক্ষণের মেয়াদ শেষে বা অভিযোগকারীর অনুরোধে মুছে ফেলা হয়েছে।";
    WindowClosed = "window_closed", CONFLICT, "Too late", "সময় পেরিয়ে গেছে",
        "The policy's window for this has closed (see GET /api/v1/policy).", "এর জন্য নীতিমালার নির্ধারিত সময় পেরিয়ে গেছে (GET /api/v1/policy দেখুন)।";
    IdempotencyKeyReused = "idempotency_key_reused", UNPROCESSABLE_ENTITY, "Idempotency key used for another request", "অন্য অনুরোধে ব্যবহৃত Idempotency-Key",
        "This Idempotency-Key was first used with a different request; use a new key for a new request.", "এই Idempotency-Key প্রথমে অন্য একটি অনুরোধে ব্যবহৃত হয়েছে; নতুন অনুরোধের জন্য নতুন কী দিন।";
    IdempotencyKeyInFlight = "idempotency_key_in_flight", CONFLICT, "Request with this key still running", "এই কী-এর অনুরোধ এখনও চলছে",
        "The first request with this Idempotency-Key has not finished; retry in a moment to get its answer.", "এই Idempotency-Key-এর প্রথম অনুরোধ এখনও শেষ হয়নি; কিছুক্ষণ পরে আবার চেষ্টা করে তার উত্তর নিন।";
    OutsideFilingScope = "outside_filing_scope", FORBIDDEN, "Not your marketplace", "আপনার মার্কেটপ্লেসের নয়",
        "A marketplace files only against itself or a seller registered under it.", "একটি মার্কেটপ্লেস কেবল নিজের বা এর অধীনে নিবন্ধিত বিক্রেতার বিরুদ্ধে অভিযোগ করতে পারে।";
    Forbidden = "forbidden", FORBIDDEN, "Not allowed", "অনুমতি নেই",
        "Your role may not perform this action.", "আপনার ভূমিকায় এই কাজের অনুমতি নেই।";
    NotFound = "not_found", NOT_FOUND, "Not found", "পাওয়া যায়নি",
        "No such record, or you may not see it.", "এমন কোনো রেকর্ড নেই, অথবা আপনি তা দেখার অনুমতি পাননি।";
    RouteNotFound = "route_not_found", NOT_FOUND, "No such endpoint", "এমন কোনো এন্ডপয়েন্ট নেই",
        "No endpoint has this path; see /swagger-ui/.", "এই পাথে কোনো এন্ডপয়েন্ট নেই; /swagger-ui/ দেখুন।";
    MethodNotAllowed = "method_not_allowed", METHOD_NOT_ALLOWED, "Method not allowed", "এই মেথড অনুমোদিত নয়",
        "This endpoint does not accept this HTTP method; see the Allow header.", "এই এন্ডপয়েন্ট এই HTTP মেথড গ্রহণ করে না; Allow হেডার দেখুন।";
    NotAcceptable = "not_acceptable", NOT_ACCEPTABLE, "Not acceptable", "গ্রহণযোগ্য নয়",
        "This endpoint answers in JSON only.", "এই এন্ডপয়েন্ট কেবল JSON-এ উত্তর দেয়।";
    AlreadyRegistered = "already_registered", CONFLICT, "Already registered", "আগেই নিবন্ধিত",
        "Another record already holds a unique value; see `errors`.", "অন্য একটি রেকর্ডে এই অনন্য মান আগে থেকেই আছে; `errors` দেখুন।";
    StaleVersion = "stale_version", PRECONDITION_FAILED, "Changed by someone else", "অন্য কেউ পরিবর্তন করেছে",
        "The record changed since you read it; read it again and retry with the new ETag.", "আপনি পড়ার পরে রেকর্ডটি বদলেছে; আবার পড়ে নতুন ETag দিয়ে চেষ্টা করুন।";
    RateLimited = "rate_limited", TOO_MANY_REQUESTS, "Too many requests", "অনেক বেশি অনুরোধ",
        "Slow down and retry after the Retry-After interval.", "একটু থামুন এবং Retry-After সময় পরে আবার চেষ্টা করুন।";
    FilingLimitReached = "filing_limit_reached", TOO_MANY_REQUESTS, "Daily complaint limit reached", "দৈনিক অভিযোগের সীমা পূর্ণ",
        "You have filed as many complaints as the policy allows in 24 hours; you can file again after Retry-After (seconds).", "নীতিমালা অনুযায়ী ২৪ ঘণ্টায় যত অভিযোগ করা যায় আপনি তত অভিযোগ করেছেন; Retry-After (সেকেন্ড) পরে আবার অভিযোগ করতে পারবেন।";
    BusinessFilingLimitReached = "business_filing_limit_reached", TOO_MANY_REQUESTS, "Daily limit against this business reached", "এই প্রতিষ্ঠানের বিরুদ্ধে দৈনিক সীমা পূর্ণ",
        "You have filed as many complaints against this business as the policy allows in 24 hours; add to an open case instead, or file again after Retry-After (seconds).", "নীতিমালা অনুযায়ী ২৪ ঘণ্টায় এই প্রতিষ্ঠানের বিরুদ্ধে যত অভিযোগ করা যায় আপনি তত করেছেন; খোলা অভিযোগে তথ্য যোগ করুন, অথবা Retry-After (সেকেন্ড) পরে আবার চেষ্টা করুন।";
    Overloaded = "overloaded", SERVICE_UNAVAILABLE, "Busy, try again", "ব্যস্ত, আবার চেষ্টা করুন",
        "The service is serving as many requests as it can; try again after Retry-After (a second).", "সেবাটি এই মুহূর্তে সর্বোচ্চ সংখ্যক অনুরোধ সামলাচ্ছে; Retry-After (এক সেকেন্ড) পরে আবার চেষ্টা করুন।";
    ServiceUnavailable = "service_unavailable", SERVICE_UNAVAILABLE, "Service unavailable", "সেবা সাময়িকভাবে বন্ধ",
        "The service cannot answer right now; retry shortly.", "সেবাটি এখন উত্তর দিতে পারছে না; একটু পরে আবার চেষ্টা করুন।";
    InternalError = "internal_error", INTERNAL_SERVER_ERROR, "Internal error", "অভ্যন্তরীণ ত্রুটি",
        "Something went wrong on our side; quote the request id when you report it.", "আমাদের দিকে একটি সমস্যা হয়েছে; জানানোর সময় অনুরোধ আইডি উল্লেখ করুন।";
}

/// The generic problem type for a bare status (errors actix raises on its own).
pub fn problem_for_status(status: StatusCode) -> &'static ProblemType {
    let code = match status.as_u16() {
        400 => ProblemCode::InvalidParameter,
        401 => ProblemCode::Unauthenticated,
        403 => ProblemCode::Forbidden,
        404 => ProblemCode::RouteNotFound,
        405 => ProblemCode::MethodNotAllowed,
        406 => ProblemCode::NotAcceptable,
        409 => ProblemCode::AlreadyRegistered,
        412 => ProblemCode::StaleVersion,
        413 => ProblemCode::PayloadTooLarge,
        415 => ProblemCode::UnsupportedMediaType,
        422 => ProblemCode::ValidationFailed,
        429 => ProblemCode::RateLimited,
        503 => ProblemCode::ServiceUnavailable,
        _ => ProblemCode::InternalError,
    };
    code.row()
}

/// Field-level rule codes and what they mean, in both languages.
pub const FIELD_RULES: &[(&str, &str, &str)] = &[
    (
        "required",
        "This field is required.",
        "এই ঘরটি পূরণ করা আবশ্যক।",
    ),
    ("blank", "Must not be blank.", "ফাঁকা রাখা যাবে না।"),
    ("length", "Too long or too short.", "দৈর্ঘ্য সীমার বাইরে।"),
    ("range", "Out of the allowed range.", "অনুমোদিত সীমার বাইরে।"),
    (
        "format",
        "Is not in the documented format.",
        "নির্ধারিত ফরম্যাটে নেই।",
    ),
    (
        "type",
        "Has the wrong type or an unknown value.",
        "ধরন বা মান সঠিক নয়।",
    ),
    (
        "policy_no_catch_all",
        "The last rule, and only the last, must have no categories, so every complaint is routed.",
        "শেষ নিয়মে কোনো শ্রেণি থাকবে না, যাতে প্রতিটি অভিযোগের গন্তব্য নির্ধারিত হয়।",
    ),
    (
        "policy_duplicate_rule",
        "Another rule has this id; rule ids must be unique.",
        "অন্য একটি নিয়মের এই আইডি আছে; নিয়মের আইডি অনন্য হতে হবে।",
    ),
    (
        "url_format",
        "Must be an absolute URL without credentials or fragment, at most 2000 characters.",
        "পরিচয়পত্র বা ফ্র্যাগমেন্ট ছাড়া একটি পূর্ণ URL হতে হবে, সর্বোচ্চ ২০০০ অক্ষর।",
    ),
    (
        "https_required",
        "Must be an https:// URL.",
        "একটি https:// URL হতে হবে।",
    ),
    (
        "private_address",
        "Must resolve to public addresses only: loopback, private, link-local and metadata addresses, and names that do not resolve, are refused unless this deployment allows them.",
        "কেবল পাবলিক ঠিকানায় পৌঁছাতে হবে: লুপব্যাক, প্রাইভেট, লিংক-লোকাল ও মেটাডেটা ঠিকানা এবং যে নামের ঠিকানা মেলে না, তা এই ব্যবস্থায় অনুমোদিত নয়।",
    ),
    (
        "coordinators_only",
        "Only coordinators name an agency; a business's subscription is for its own cases.",
        "কেবল সমন্বয়কারীরা সংস্থার নাম দিতে পারেন; ব্যবসার সাবস্ক্রিপশন তার নিজের অভিযোগের জন্য।",
    ),
    (
        "unknown_event_type",
        "Is not an event type CCMS announces; see the contract's webhooks.",
        "এটি CCMS-এর ঘোষিত কোনো ইভেন্ট নয়; চুক্তির webhooks অংশ দেখুন।",
    ),
    (
        "event_not_for_owner",
        "Is announced to another audience (agency events go to agencies, case events to businesses).",
        "এই ইভেন্ট অন্য পক্ষের জন্য (সংস্থার ইভেন্ট সংস্থার, অভিযোগের ইভেন্ট ব্যবসার)।",
    ),
    (
        "has_own_endpoint",
        "Has an endpoint of its own: POST /complaints/{key}/hearings or /decision.",
        "এর নিজস্ব এন্ডপয়েন্ট আছে: POST /complaints/{key}/hearings অথবা /decision।",
    ),
    (
        "in_the_past",
        "Must be in the future.",
        "ভবিষ্যতের সময় হতে হবে।",
    ),
    (
        "too_soon",
        "Leaves the parties less notice than the policy requires.",
        "নীতিমালা অনুযায়ী পক্ষগুলোর প্রয়োজনীয় নোটিশের চেয়ে কম সময়।",
    ),
    (
        "fine_above_maximum",
        "Is above the highest fine the law allows.",
        "আইনে অনুমোদিত সর্বোচ্চ জরিমানার চেয়ে বেশি।",
    ),
    (
        "amounts_need_upheld",
        "Only an upheld complaint carries a fine or compensation.",
        "কেবল প্রমাণিত অভিযোগেই জরিমানা বা ক্ষতিপূরণ হয়।",
    ),
    (
        "unknown_field",
        "Is not a field of this request.",
        "এটি এই অনুরোধের কোনো ঘর নয়।",
    ),
    (
        "phone_format",
        "Must be a Bangladeshi mobile number: +8801[3-9] and 8 digits (ASCII or Bangla digits).",
        "বাংলাদেশি মোবাইল নম্বর হতে হবে: +৮৮০১[৩-৯] এবং ৮টি অঙ্ক।",
    ),
    (
        "email_format",
        "Must be an e-mail address.",
        "একটি ই-মেইল ঠিকানা হতে হবে।",
    ),
    (
        "web_domain_format",
        "Must be a web domain such as shop.com.bd.",
        "shop.com.bd-এর মতো একটি ওয়েব ডোমেইন হতে হবে।",
    ),
    (
        "dbid_format",
        "Must be a DBID: 4-32 letters, digits or hyphens.",
        "DBID হতে হবে: ৪-৩২টি অক্ষর, অঙ্ক বা হাইফেন।",
    ),
    (
        "trade_licence_format",
        "Must be a trade licence number: 3-40 letters, digits, '-' or '/'.",
        "ট্রেড লাইসেন্স নম্বর হতে হবে: ৩-৪০টি অক্ষর, অঙ্ক, '-' বা '/'।",
    ),
    (
        "agency_code_format",
        "Must be 2-16 capital letters, digits or '_'.",
        "২-১৬টি বড় হাতের অক্ষর, অঙ্ক বা '_' হতে হবে।",
    ),
    (
        "seller_needs_marketplace",
        "A seller must name the marketplace it sells on.",
        "বিক্রেতাকে অবশ্যই তার মার্কেটপ্লেসের নাম দিতে হবে।",
    ),
    (
        "parent_not_allowed",
        "Only sellers have a parent business.",
        "কেবল বিক্রেতার মূল প্রতিষ্ঠান থাকতে পারে।",
    ),
    (
        "parent_not_marketplace",
        "The parent must be a registered marketplace.",
        "মূল প্রতিষ্ঠানটি নিবন্ধিত মার্কেটপ্লেস হতে হবে।",
    ),
    (
        "password_length",
        "Must be 12 to 128 characters.",
        "১২ থেকে ১২৮ অক্ষরের হতে হবে।",
    ),
    (
        "not_a_staff_role",
        "Consumers and partners are not staff accounts.",
        "ভোক্তা ও পার্টনার কর্মী অ্যাকাউন্ট নয়।",
    ),
    (
        "needs_business",
        "This role belongs to a business: give business_id.",
        "এই ভূমিকা একটি ব্যবসার অধীন: business_id দিন।",
    ),
    (
        "needs_agency",
        "This role belongs to an agency: give agency.",
        "এই ভূমিকা একটি সংস্থার অধীন: agency দিন।",
    ),
    (
        "affiliation_not_allowed",
        "This role belongs to no business or agency.",
        "এই ভূমিকা কোনো ব্যবসা বা সংস্থার অধীন নয়।",
    ),
    (
        "office_not_allowed",
        "Only officers of an agency have an office.",
        "কেবল কোনো সংস্থার কর্মকর্তার অফিস থাকতে পারে।",
    ),
    (
        "not_for_this_action",
        "This action does not take this field.",
        "এই কাজের সঙ্গে এই ঘরটি দেওয়া যায় না।",
    ),
    (
        "in_the_future",
        "Must not be after today.",
        "আজকের পরের তারিখ হতে পারবে না।",
    ),
    (
        "before_the_decision",
        "Must not be before the date of the decision.",
        "সিদ্ধান্তের তারিখের আগের হতে পারবে না।",
    ),
    (
        "merge_into_itself",
        "A case cannot be merged into itself.",
        "কোনো অভিযোগকে নিজের সঙ্গে একীভূত করা যায় না।",
    ),
    (
        "merge_other_business",
        "The original must be a case against the same business.",
        "মূল অভিযোগটি একই ব্যবসার বিরুদ্ধে হতে হবে।",
    ),
    (
        "merge_not_an_original",
        "That case was itself merged into another; name the original.",
        "সেই অভিযোগটি নিজেই অন্যটির সঙ্গে একীভূত হয়েছে; মূল অভিযোগটির নাম দিন।",
    ),
    (
        "unknown_case",
        "No case you may see has this id or tracking number.",
        "এই আইডি বা ট্র্যাকিং নম্বরের এমন কোনো অভিযোগ নেই যা আপনি দেখতে পারেন।",
    ),
    (
        "triage_staff_only",
        "Only coordinators, officers and auditors may filter by this.",
        "কেবল সমন্বয়ক, কর্মকর্তা ও নিরীক্ষকরা এটি দিয়ে ছাঁকতে পারেন।",
    ),
    (
        "search_staff_only",
        "Only officers, regulators, coordinators and auditors may search cases.",
        "কেবল কর্মকর্তা, নিয়ন্ত্রক, সমন্বয়ক ও নিরীক্ষকরা অভিযোগ খুঁজতে পারেন।",
    ),
    (
        "search_numbers_masked",
        "You read numbers masked, so you may not search by a number or phone.",
        "আপনি নম্বরগুলো ঢাকা অবস্থায় দেখেন, তাই নম্বর বা ফোন দিয়ে খুঁজতে পারবেন না।",
    ),
    (
        "one_of_cases_or_all",
        "List the cases, or set all_at_directorate: one of the two.",
        "অভিযোগগুলোর তালিকা দিন, অথবা all_at_directorate দিন: দুটির একটি।",
    ),
    (
        "report_columns",
        "The report needs the columns reference, amount_poisha, status, transaction and reason.",
        "প্রতিবেদনে reference, amount_poisha, status, transaction ও reason কলাম থাকতে হবে।",
    ),
    (
        "too_many_words",
        "Search for at most 8 words at once.",
        "একবারে সর্বোচ্চ ৮টি শব্দ দিয়ে খুঁজুন।",
    ),
    (
        "before_today",
        "Must be today or a later date (Dhaka).",
        "আজকের বা পরের কোনো তারিখ হতে হবে (ঢাকা)।",
    ),
    (
        "unknown_business",
        "No registered business has this id.",
        "এই আইডির কোনো নিবন্ধিত ব্যবসা নেই।",
    ),
    (
        "unknown_agency",
        "No registered agency has this code.",
        "এই কোডের কোনো নিবন্ধিত সংস্থা নেই।",
    ),
    (
        "code_format",
        "Must be the 6 digits from the SMS.",
        "এসএমএস-এ পাওয়া ৬ অঙ্কের কোড হতে হবে।",
    ),
    (
        "unsupported_grant_type",
        "Only client_credentials is supported.",
        "কেবল client_credentials সমর্থিত।",
    ),
    (
        "evidence_type",
        "Only PDF, JPEG, PNG and WebP files are accepted; this file is none of them.",
        "কেবল PDF, JPEG, PNG ও WebP ফাইল গ্রহণযোগ্য; এই ফাইলটি এগুলোর কোনোটি নয়।",
    ),
    (
        "one_business_reference",
        "Name the business by exactly one of business_id, business_dbid or business_domain.",
        "business_id, business_dbid বা business_domain-এর যেকোনো একটি দিয়ে ব্যবসার নাম দিন।",
    ),
    (
        "partners_only",
        "Only partners and intake operators file for someone else's number.",
        "কেবল পার্টনার ও ইনটেক অপারেটররা অন্যের নম্বরে অভিযোগ করতে পারেন।",
    ),
    (
        "email_or_language",
        "Give a new e-mail (or null to remove it), a language, or both.",
        "নতুন ই-মেইল (মুছতে null), ভাষা, অথবা দুটোই দিন।",
    ),
    (
        "wrong_code",
        "That is not the code sent to the caller's phone; 5 wrong codes lock the case.",
        "এটি অভিযোগকারীর ফোনে পাঠানো কোড নয়; ৫ বার ভুল কোড দিলে অভিযোগটি আর নিশ্চিত করা যাবে না।",
    ),
    (
        "operators_only",
        "The channels hotline, walk_in, email and post are an intake operator's, filing for a caller.",
        "হটলাইন, সরাসরি, ই-মেইল ও ডাক চ্যানেল কেবল ইনটেক অপারেটরের, অন্যের পক্ষে অভিযোগ দাখিলের জন্য।",
    ),
    (
        "assisted_channel_required",
        "An intake operator files on hotline, walk_in, email or post: how the caller reached you.",
        "ইনটেক অপারেটর হটলাইন, সরাসরি, ই-মেইল বা ডাক চ্যানেলে দাখিল করেন: অভিযোগকারী যেভাবে যোগাযোগ করেছেন।",
    ),
    (
        "negative_amount",
        "Must not be negative.",
        "ঋণাত্মক হতে পারবে না।",
    ),
    (
        "date_range",
        "Must be a date between 1970 and 9999.",
        "১৯৭০ থেকে ৯৯৯৯ সালের মধ্যের তারিখ হতে হবে।",
    ),
    (
        "not_an_officer_of_the_agency",
        "Must be an active officer of the agency the case is escalated to.",
        "অভিযোগটি যে সংস্থায় পাঠানো হয়েছে সেই সংস্থার সক্রিয় কর্মকর্তা হতে হবে।",
    ),
    (
        "evidence_quota",
        "This case already holds as many files (30) or bytes (100 MB) as it may.",
        "এই অভিযোগে সর্বোচ্চ ফাইল (৩০টি) বা আকার (১০০ এমবি) পূর্ণ হয়েছে।",
    ),
    (
        "taken",
        "Already registered to another record.",
        "অন্য একটি রেকর্ডে আগেই নিবন্ধিত।",
    ),
    (
        "nul_character",
        "Must not contain the NUL character (U+0000).",
        "NUL অক্ষর (U+0000) থাকতে পারবে না।",
    ),
    (
        "unknown_parameter",
        "This endpoint takes no such query parameter.",
        "এই এন্ডপয়েন্টে এমন কোনো কোয়েরি প্যারামিটার নেই।",
    ),
];

pub fn field_message(rule: &str, language: Language) -> &'static str {
    let found = FIELD_RULES.iter().find(|(code, _, _)| *code == rule);
    match (found, language) {
        (Some((_, _, bn)), Language::Bangla) => bn,
        (Some((_, en, _)), Language::English) => en,
        (None, Language::Bangla) => "মানটি সঠিক নয়।",
        (None, Language::English) => "Invalid value.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_every_status_has_a_problem() {
        let mut codes: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ProblemCode::ALL.len());
        assert_eq!(
            problem_for_status(StatusCode::IM_A_TEAPOT).code,
            "internal_error"
        );
    }

    /// The conventions document is what client authors read: every problem code appears in
    /// its error table on a row of its own status, and every field rule in its list, once.
    #[test]
    fn every_code_in_the_catalog_is_in_the_conventions_document() {
        let conventions = include_str!("../../../docs/api-conventions.md");
        let rows: Vec<&str> = conventions
            .lines()
            .filter(|line| line.starts_with("| 4") || line.starts_with("| 5"))
            .collect();
        for problem in ProblemCode::ALL.iter().map(|c| c.row()) {
            let status = format!("| {} |", problem.status.as_u16());
            let code = format!("`{}`", problem.code);
            assert!(
                rows.iter()
                    .any(|row| row.starts_with(&status) && row.contains(&code)),
                "{code} ({status}) is missing from the error table of docs/api-conventions.md"
            );
        }
        let rules = conventions
            .split("Field rule codes")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .unwrap_or_default();
        for listed in rules.split('`').skip(1).step_by(2) {
            let is_code = listed.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            assert!(
                !is_code || FIELD_RULES.iter().any(|(rule, _, _)| *rule == listed),
                "`{listed}` is listed in docs/api-conventions.md but not in the catalog"
            );
        }
        for (rule, _, _) in FIELD_RULES {
            let code = format!("`{rule}`");
            assert_eq!(
                rules.matches(&code).count(),
                1,
                "{code} should be listed once under 'Field rule codes' in docs/api-conventions.md"
            );
        }
    }
}
