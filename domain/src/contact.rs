//! How people are reached: Bangladeshi mobile numbers and e-mail addresses.

use crate::Invalid;

/// A Bangladeshi mobile number in E.164 form: `+8801[3-9]` and 8 more digits.
/// `01XXXXXXXXX` and `8801XXXXXXXXX` are accepted and normalised; nothing else (no spaces),
/// exactly as [`PhoneNumber::PATTERN`] says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// ASCII or Bangla digits (`০১৭১২৩৪৫৬৭৮`), as people type them on a Bangla keyboard.
    pub const PATTERN: &'static str = "^(\\+880|880|0|\\+৮৮০|৮৮০|০)[1১][3-9৩-৯][0-9০-৯]{8}$";

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let raw: String = raw.chars().map(crate::text::ascii_digit).collect();
        let raw = raw.as_str();
        let national = raw
            .strip_prefix("+880")
            .or_else(|| raw.strip_prefix("880"))
            .map(|rest| format!("0{rest}"))
            .unwrap_or_else(|| raw.to_owned());
        let bytes = national.as_bytes();
        let well_formed = bytes.len() == 11
            && national.starts_with("01")
            && (b'3'..=b'9').contains(&bytes[2])
            && bytes.iter().all(u8::is_ascii_digit);
        if well_formed {
            Ok(Self(format!("+88{national}")))
        } else {
            Err(Invalid::field("", "phone_format"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What an erased case keeps instead of its complainant's number: no one's, never texted,
    /// never equal to a parsed number.
    pub fn erased() -> Self {
        Self(crate::privacy::ERASED.to_owned())
    }

    pub fn is_erased(&self) -> bool {
        self.0 == crate::privacy::ERASED
    }

    /// A number as stored: a valid one, or an erased case's marker.
    pub fn stored(raw: &str) -> Result<Self, Invalid> {
        if raw == crate::privacy::ERASED {
            Ok(Self::erased())
        } else {
            Self::parse(raw)
        }
    }
}

/// An e-mail address, lower-cased; the shape check is deliberately simple (one `@`, a dotted host).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let email = raw.trim().to_lowercase();
        let valid = match email.split_once('@') {
            Some((local, host)) => {
                !local.is_empty()
                    && !host.contains('@')
                    && host.contains('.')
                    && !host.starts_with('.')
                    && !host.ends_with('.')
                    && email.len() <= 254
                    && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            }
            None => false,
        };
        if valid {
            Ok(Self(email))
        } else {
            Err(Invalid::field("", "email_format"))
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
    fn normalises_local_mobile_numbers_to_e164() {
        for raw in [
            "01712345678",
            "+8801712345678",
            "8801712345678",
            "০১৭১২৩৪৫৬৭৮",
            "+৮৮০১৭১২৩৪৫৬৭৮",
        ] {
            assert_eq!(PhoneNumber::parse(raw).unwrap().as_str(), "+8801712345678");
        }
    }

    #[test]
    fn refuses_numbers_outside_the_mobile_ranges() {
        for raw in [
            "01212345678",
            "0171234567",
            "+9101712345678",
            "0171234567x",
            "",
            "017 1234 5678",
            "০১২১২৩৪৫৬৭৮",
        ] {
            assert!(PhoneNumber::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn the_contract_pattern_takes_what_the_parser_takes() {
        let pattern = regex::Regex::new(PhoneNumber::PATTERN).unwrap();
        for raw in [
            "01712345678",
            "+8801712345678",
            "০১৭১২৩৪৫৬৭৮",
            "+৮৮০১৭১২৩৪৫৬৭৮",
        ] {
            assert!(
                pattern.is_match(raw) && PhoneNumber::parse(raw).is_ok(),
                "{raw}"
            );
        }
        for raw in ["01212345678", "০১২১২৩৪৫৬৭৮", "017123456789"] {
            assert!(
                !pattern.is_match(raw) && PhoneNumber::parse(raw).is_err(),
                "{raw}"
            );
        }
    }

    #[test]
    fn lowercases_email_and_refuses_malformed_ones() {
        assert_eq!(
            Email::parse(" Help@Daraz.COM.bd ").unwrap().as_str(),
            "help@daraz.com.bd"
        );
        for raw in ["no-at", "a@b", "a@@b.com", "@b.com", "a b@c.com"] {
            assert!(Email::parse(raw).is_err(), "{raw}");
        }
    }
}
