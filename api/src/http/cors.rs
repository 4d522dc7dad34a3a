//! Cross-origin access for web frontends in browsers (`CCMS_CORS_ORIGINS`): the listed origins,
//! or any origin in development. CCMS authenticates with bearer tokens, never cookies, so
//! credentials are never allowed and a wildcard is safe where any origin is. The headers a
//! client needs to read (versions, locations, retry advice, request ids) are exposed.

use actix_cors::Cors;
use actix_web::http::Method;

/// Which browser origins may call the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsOrigins {
    Any,
    /// Exactly these (`https://app.example.com.bd`); none when empty.
    Listed(Vec<String>),
}

/// Request headers a frontend may send.
const ALLOWED_HEADERS: [&str; 8] = [
    "authorization",
    "content-type",
    "accept",
    "accept-language",
    "if-match",
    "if-none-match",
    "idempotency-key",
    "x-request-id",
];

/// Answer headers a frontend may read besides the simple ones.
pub const EXPOSED_HEADERS: [&str; 7] = [
    "etag",
    "location",
    "retry-after",
    "x-request-id",
    "idempotency-replayed",
    "ratelimit",
    "ratelimit-policy",
];

impl CorsOrigins {
    /// Parses the setting: `*`, or origins as browsers send them (scheme, host, optional port;
    /// no path). The error names the first entry that is not one.
    pub fn parse(entries: &[String], production: bool) -> Result<CorsOrigins, String> {
        let named: Vec<&str> = entries
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        if named == ["*"] || (named.is_empty() && !production) {
            return Ok(CorsOrigins::Any);
        }
        named
            .iter()
            .map(|named| {
                let origin = named.trim_end_matches('/');
                let (scheme, rest) = origin.split_once("://").unwrap_or_default();
                let fits = matches!(scheme, "http" | "https")
                    && !rest.is_empty()
                    && !rest.contains(['/', '?', '#', '@', '*', ' ']);
                fits.then(|| origin.to_owned())
                    .ok_or_else(|| (*named).to_owned())
            })
            .collect::<Result<Vec<_>, _>>()
            .map(CorsOrigins::Listed)
    }

    /// The middleware.
    pub fn middleware(&self) -> Cors {
        let cors = Cors::default()
            .allowed_methods([
                Method::GET,
                Method::HEAD,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ])
            .allowed_headers(ALLOWED_HEADERS)
            .expose_headers(EXPOSED_HEADERS)
            .max_age(3600);
        match self {
            CorsOrigins::Any => cors.allow_any_origin().send_wildcard(),
            CorsOrigins::Listed(origins) => origins
                .iter()
                .fold(cors, |cors, origin| cors.allowed_origin(origin)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(entries: &[&str], production: bool) -> Result<CorsOrigins, String> {
        let owned: Vec<String> = entries.iter().map(|e| (*e).to_owned()).collect();
        CorsOrigins::parse(&owned, production)
    }

    #[test]
    fn development_allows_any_origin_and_production_none_unless_named() {
        assert_eq!(parse(&[], false), Ok(CorsOrigins::Any));
        assert_eq!(parse(&[], true), Ok(CorsOrigins::Listed(vec![])));
        assert_eq!(parse(&[""], true), Ok(CorsOrigins::Listed(vec![])));
        assert_eq!(parse(&["*"], true), Ok(CorsOrigins::Any));
        assert_eq!(
            parse(
                &["https://app.example.com.bd/", "http://localhost:5173"],
                true
            ),
            Ok(CorsOrigins::Listed(vec![
                "https://app.example.com.bd".into(),
                "http://localhost:5173".into()
            ]))
        );
    }

    #[test]
    fn an_origin_with_a_path_or_without_a_scheme_is_refused() {
        assert_eq!(
            parse(&["https://app.example.com.bd/login"], true),
            Err("https://app.example.com.bd/login".into())
        );
        assert_eq!(
            parse(&["app.example.com.bd"], true),
            Err("app.example.com.bd".into())
        );
        assert_eq!(
            parse(&["https://*.example.com"], true),
            Err("https://*.example.com".into())
        );
    }
}
