//! Identifiers of registry entries as people write them, parsed into one canonical form.

use crate::Invalid;

fn all_chars(raw: &str, len: std::ops::RangeInclusive<usize>, ok: impl Fn(char) -> bool) -> bool {
    len.contains(&raw.chars().count()) && raw.chars().all(ok)
}

/// An agency's short code (`DNCRP`, `BB`, `BTRC`): 2-16 upper-case ASCII letters, digits or `_`.
/// Strict: it appears in URLs and references, so there is one spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct AgencyCode(String);

impl AgencyCode {
    pub const DNCRP: &'static str = "DNCRP";
    pub const PATTERN: &'static str = "^[A-Z0-9_]{2,16}$";

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        if all_chars(raw, 2..=16, |c| {
            c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'
        }) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(Invalid::field("", "agency_code_format"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The Digital Business Identity issued by RJSC: 4-32 ASCII letters, digits or `-`, upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Dbid(String);

impl Dbid {
    pub const PATTERN: &'static str = "^[A-Za-z0-9-]{4,32}$";

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        if all_chars(raw, 4..=32, |c| c.is_ascii_alphanumeric() || c == '-') {
            Ok(Self(raw.to_ascii_uppercase()))
        } else {
            Err(Invalid::field("", "dbid_format"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A trade licence number as the city corporation prints it: 3-40 ASCII letters, digits, `-` or `/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct TradeLicence(String);

impl TradeLicence {
    pub const PATTERN: &'static str = "^[A-Za-z0-9/-]{3,40}$";

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        if all_chars(raw, 3..=40, |c| {
            c.is_ascii_alphanumeric() || c == '-' || c == '/'
        }) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(Invalid::field("", "trade_licence_format"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A shop's web domain (`daraz.com.bd`), lower-cased, without scheme, `www.` or path.
/// The OpenAPI pattern below accepts the same inputs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct WebDomain(String);

impl WebDomain {
    pub const PATTERN: &'static str =
        "^(https?://)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}(/.*)?$";

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        if raw.len() > 253 {
            return Err(Invalid::field("", "web_domain_format"));
        }
        let without_scheme = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .unwrap_or(raw);
        let lower = without_scheme
            .split('/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let host = lower.as_str();
        let host = match host.strip_prefix("www.") {
            Some(rest) if rest.contains('.') => rest,
            _ => host,
        };
        let labels: Vec<&str> = host.split('.').collect();
        let label_ok = |l: &&str| {
            all_chars(l, 1..=63, |c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        };
        let top_level_ok = labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()) && tld.len() >= 2);
        if host.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && top_level_ok {
            Ok(Self(host.to_owned()))
        } else {
            Err(Invalid::field("", "web_domain_format"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_domains_lose_scheme_www_and_path() {
        let domain = WebDomain::parse("https://www.Daraz.com.bd/products?id=1").unwrap();
        assert_eq!(domain.as_str(), "daraz.com.bd");
    }

    #[test]
    fn web_domains_need_a_dotted_host_with_a_real_top_level() {
        for raw in [
            "localhost",
            "-bad.com",
            "shop.1",
            "a..b.com",
            "",
            "HTTP://shop.bd",
            "ex ample.com",
        ] {
            assert!(WebDomain::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn codes_and_dbids_are_upper_cased() {
        assert_eq!(AgencyCode::parse("BTRC").unwrap().as_str(), "BTRC");
        assert!(AgencyCode::parse("btrc").is_err());
        assert_eq!(Dbid::parse("dbid-0001").unwrap().as_str(), "DBID-0001");
        assert!(AgencyCode::parse("B").is_err());
        assert!(Dbid::parse("DB ID").is_err());
        assert!(TradeLicence::parse("TRAD/DNCC/0457").is_ok());
        assert!(TradeLicence::parse("no spaces").is_err());
    }
}
