//! How people are reached: Bangladeshi mobile numbers and e-mail addresses.

use crate::Invalid;

/// A Bangladeshi mobile number in E.164 form: `+8801[3-9]` and 8 more digits.
/// `01XXXXXXXXX` and `8801XXXXXXXXX` are accepted and normalised; nothing else (no spaces),
/// exactly as [`PhoneNumber::PATTERN`] says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub const PATTERN: &'static str = "^(\\+880|880|0)1[3-9][0-9]{8}$";

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
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
        for raw in ["01712345678", "+8801712345678", "8801712345678"] {
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
        ] {
            assert!(PhoneNumber::parse(raw).is_err(), "{raw}");
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
