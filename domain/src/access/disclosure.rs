//! How much of what people wrote a reader is shown. Auditors oversee the service: they see every
//! case, but the free text in it (where consumers and staff write phone numbers, e-mail
//! addresses, wallet and ID numbers) reaches them scrubbed as the open dataset scrubs it,
//! evidence as metadata (type, size, hash) without its bytes, and webhook addresses without the
//! path, where receivers often keep their tokens. Everyone else who may read a thing reads it
//! as written.

use serde_json::Value;

use super::{Relation, Role};
use crate::transparency::scrub;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// As written.
    Full,
    /// Free text scrubbed, evidence without bytes, addresses reduced to scheme and host.
    Oversight,
}

/// The keys of a timeline entry's or a record's JSON detail that hold what somebody wrote.
pub const FREE_TEXT_KEYS: &[&str] = &[
    "subject",
    "description",
    "text",
    "note",
    "reason",
    "reasons",
    "minutes",
    "comment",
    "venue",
    "file_name",
];

/// Where a case is read: its own view, or the referral packet the agencies work from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Case,
    Packet,
}

impl Disclosure {
    /// Whether the complainant's phone number is shown whole (otherwise masked as
    /// `+88017*****678`). On the case: to the consumer, the officers it is escalated to and the
    /// coordinators; not to the business side, regulators, auditors or admins. In the packet an
    /// agency works from: to everyone who may read it but auditors, who oversee and do not
    /// contact complainants.
    pub fn shows_phone(role: Role, relation: Relation, reading: Reading) -> bool {
        match (reading, role) {
            (Reading::Case, Role::Consumer | Role::Officer) => relation.own || relation.same_agency,
            (Reading::Case, Role::Coordinator) => true,
            // The operator typed it in for the caller.
            (Reading::Case, Role::IntakeOperator) => relation.filed_it,
            (
                Reading::Case,
                Role::BusinessAgent | Role::Partner | Role::Regulator | Role::Auditor | Role::Admin,
            ) => false,
            (Reading::Packet, role) => !Disclosure::of(role).is_oversight(),
        }
    }

    /// Whether intake's "likely re-files case X" flag is shown: to the staff who triage cases.
    /// A consumer or a business would learn from it that someone else complained of the order.
    pub fn shows_duplicate_flag(role: Role) -> bool {
        match role {
            Role::Coordinator | Role::Officer | Role::Auditor => true,
            Role::Consumer
            | Role::BusinessAgent
            | Role::Partner
            | Role::Regulator
            | Role::Admin
            | Role::IntakeOperator => false,
        }
    }

    pub fn of(role: Role) -> Disclosure {
        match role {
            Role::Auditor => Disclosure::Oversight,
            Role::Consumer
            | Role::BusinessAgent
            | Role::Partner
            | Role::Officer
            | Role::Regulator
            | Role::Coordinator
            | Role::Admin
            | Role::IntakeOperator => Disclosure::Full,
        }
    }

    /// Whether what people wrote is reduced for this reader (initials, masks, scrubbing).
    pub fn is_oversight(self) -> bool {
        self == Disclosure::Oversight
    }

    /// One piece of free text.
    pub fn text(self, text: &str) -> String {
        match self {
            Disclosure::Full => text.to_owned(),
            Disclosure::Oversight => scrub(text),
        }
    }

    /// Every free-text field (by [`FREE_TEXT_KEYS`]) anywhere in a JSON document; ids, codes
    /// and amounts stay as they are.
    pub fn text_in(self, value: &mut Value) {
        if self == Disclosure::Full {
            return;
        }
        match value {
            Value::Object(fields) => {
                for (key, field) in fields.iter_mut() {
                    match field {
                        Value::String(text) if FREE_TEXT_KEYS.contains(&key.as_str()) => {
                            *text = scrub(text);
                        }
                        Value::Array(items) if FREE_TEXT_KEYS.contains(&key.as_str()) => {
                            for item in items.iter_mut() {
                                if let Value::String(text) = item {
                                    *text = scrub(text);
                                }
                            }
                        }
                        other => self.text_in(other),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.text_in(item)),
            _ => {}
        }
    }

    /// A webhook address: whole, or its scheme and host (port kept; user, path, query gone).
    pub fn address(self, url: &str) -> String {
        match self {
            Disclosure::Full => url.to_owned(),
            Disclosure::Oversight => {
                let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
                let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
                let host = authority.rsplit('@').next().unwrap_or_default();
                format!("{scheme}://{host}/")
            }
        }
    }

    /// Whether the reader may download an evidence file's bytes.
    pub fn evidence_bytes(self) -> bool {
        self == Disclosure::Full
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const WRITTEN: &str = "from 01712345678, mail me at rahim.uddin@example.com or ০১৭১২৩৪৫৬৭৮";

    #[test]
    fn auditors_read_free_text_scrubbed_and_everyone_else_as_written() {
        let seen = Disclosure::of(Role::Auditor).text(WRITTEN);
        assert!(!seen.contains("01712345678") && !seen.contains("rahim.uddin"));
        assert!(!seen.contains("০১৭১২৩৪৫৬৭৮"), "{seen}");
        assert_eq!(Disclosure::of(Role::Coordinator).text(WRITTEN), WRITTEN);
    }

    #[test]
    fn only_free_text_fields_of_a_detail_are_scrubbed() {
        let id = "550e8400-e29b-41d4-a716-446655440000";
        let mut detail = json!({"note": WRITTEN, "officer_id": id,
            "message": {"text": WRITTEN, "amount": 1_234_567_890}, "attendance": ["Rahim"]});
        Disclosure::Oversight.text_in(&mut detail);
        assert!(!detail["note"].as_str().unwrap().contains("01712345678"));
        assert!(
            !detail["message"]["text"]
                .as_str()
                .unwrap()
                .contains("rahim.uddin")
        );
        assert_eq!(detail["officer_id"], id);
        assert_eq!(detail["message"]["amount"], 1_234_567_890);
    }

    #[test]
    fn a_webhook_address_keeps_only_scheme_and_host_for_auditors() {
        let url = "https://user:pw@hooks.example.com:8443/t/SECRET-TOKEN?sig=abc";
        assert_eq!(
            Disclosure::Oversight.address(url),
            "https://hooks.example.com:8443/"
        );
        assert_eq!(Disclosure::Full.address(url), url);
    }

    #[test]
    fn the_phone_is_whole_for_the_consumer_and_the_officials_on_the_case_only() {
        use super::{Reading, Relation};
        let own = Relation::own();
        let agency = Relation {
            same_agency: true,
            ..Relation::default()
        };
        let none = Relation::default();
        let case = |role, relation| Disclosure::shows_phone(role, relation, Reading::Case);
        assert!(case(Role::Consumer, own));
        assert!(!case(Role::Consumer, none));
        assert!(case(Role::Officer, agency));
        assert!(!case(Role::Officer, none));
        assert!(case(Role::Coordinator, none));
        for role in [
            Role::BusinessAgent,
            Role::Partner,
            Role::Regulator,
            Role::Auditor,
        ] {
            assert!(!case(role, own) && !case(role, agency), "{role:?}");
        }
        let packet = |role| Disclosure::shows_phone(role, agency, Reading::Packet);
        assert!(packet(Role::Regulator) && packet(Role::Officer));
        assert!(!packet(Role::Auditor));
    }
}
