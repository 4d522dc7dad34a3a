//! A consumer's rights over their personal data (Personal Data Protection Ordinance 2025):
//! consent to publish their narrative, given or withdrawn at any time (`consent`); their e-mail
//! and notice language, corrected on every case at once (`correct_contact`); and everything CCMS
//! holds about them, gathered for one download (`export`); erasure after retention or on
//! request (`erasing`) and the legal holds that keep a case from it (`holding`).

pub mod erasing;
pub mod holding;

use ccms_domain::access::Action as Permission;
use ccms_domain::access::Role;
use ccms_domain::audit::AuditRecord;
use ccms_domain::complaint::Complaint;
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::contact::Email;
use ccms_domain::delivery::notice::{Language, Notice};
use ccms_persistence::DbConnection;
use ccms_persistence::complaints::events::{self, Event};
use ccms_persistence::complaints::evidence::Evidence;
use ccms_persistence::complaints::{contacts, evidence};
use ccms_persistence::identity::accounts;
use ccms_persistence::journal::Journal;
use ccms_persistence::privacy::{self, CodeAsked};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::books::Books;
use crate::moves::timeline;
use crate::stage::{Loaded, OnCase};
use crate::{Actor, UseCaseError};

/// Gives or withdraws consent to publish the case's narrative; the open dataset reads it live.
pub fn consent(
    conn: &mut DbConnection,
    (on, consent): (OnCase, bool),
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Complaint, UseCaseError> {
    let (case, relation) = crate::cases::load_visible(conn, &on.key, &on.who)?;
    if !ccms_domain::access::permits(on.who.role, Permission::ChangeConsent, relation) {
        return Err(UseCaseError::Forbidden);
    }
    if case.erased_at.is_some() {
        return withdraw_after_erasure(conn, (case, &on.actor), consent, now);
    }
    let loaded = Loaded::load(conn, books, &on, Permission::ChangeConsent)?;
    if loaded.case.filing.consent_to_publish == consent {
        return Ok(loaded.case);
    }
    ccms_persistence::complaints::lock(conn, loaded.case.id)?;
    privacy::set_consent(conn, loaded.case.id, consent, now)?;
    let case = Complaint {
        filing: ccms_domain::complaint::Filing {
            consent_to_publish: consent,
            ..loaded.case.filing
        },
        version: loaded.case.version + 1,
        updated_at: now,
        ..loaded.case
    };
    let mut journal = Journal::default();
    let happening = Happening::Consent {
        consent_to_publish: consent,
    };
    journal
        .events
        .push(timeline::entry(&case, &on.actor, now, &happening));
    let mut audit = on
        .actor
        .entry(now, "complaint.consent", "complaint", case.id);
    audit.detail = json!({ "consent_to_publish": consent });
    journal.audit.push(audit);
    journal.write(conn)?;
    Ok(case)
}

/// Consent on an erased case can still be withdrawn (its published narrative then goes too),
/// never given again.
fn withdraw_after_erasure(
    conn: &mut DbConnection,
    (case, actor): (Complaint, &Actor),
    consent: bool,
    now: DateTime<Utc>,
) -> Result<Complaint, UseCaseError> {
    if consent {
        return Err(UseCaseError::Conflict(
            crate::error::Conflict::AlreadyErased,
        ));
    }
    if !case.filing.consent_to_publish {
        return Ok(case);
    }
    ccms_persistence::complaints::lock(conn, case.id)?;
    ccms_persistence::privacy::erasure::unpublish(conn, case.id, now)?;
    let mut audit = actor.entry(now, "complaint.consent", "complaint", case.id);
    audit.detail = json!({ "consent_to_publish": false });
    let mut journal = Journal::default();
    journal.audit.push(audit);
    journal.write(conn)?;
    Ok(ccms_persistence::complaints::find(conn, case.id)?)
}

/// A correction of how the consumer hears of their cases: `email` (`Some(None)` removes it)
/// and `language`, each when given.
pub struct ContactCorrection {
    pub email: Option<Option<Email>>,
    pub language: Option<Language>,
}

/// Applies `correction` to every case of `consumer`; how many cases it changed.
/// The audit entry of a download of the consumer's data.
pub fn record_export(
    conn: &mut DbConnection,
    (consumer, actor): (Uuid, &Actor),
    now: DateTime<Utc>,
) -> Result<(), UseCaseError> {
    let mut journal = Journal::default();
    journal
        .audit
        .push(actor.entry(now, "account.export", "account", consumer));
    Ok(journal.write(conn)?)
}

pub fn correct_contact(
    conn: &mut DbConnection,
    (consumer, actor): (Uuid, &Actor),
    correction: &ContactCorrection,
    now: DateTime<Utc>,
) -> Result<usize, UseCaseError> {
    let email = correction
        .email
        .as_ref()
        .map(|e| e.as_ref().map(|e| e.as_str().to_owned()));
    let changed = contacts::correct_all(conn, consumer, email, correction.language)?;
    let mut audit = actor.entry(now, "account.contact", "account", consumer);
    // What changed, never the address itself.
    audit.detail = json!({
        "email": correction.email.as_ref().map(|e| if e.is_some() { "corrected" } else { "removed" }),
        "language": correction.language.map(Language::code),
        "cases": changed,
    });
    let mut journal = Journal::default();
    journal.audit.push(audit);
    journal.write(conn)?;
    Ok(changed)
}

/// Everything CCMS holds about one consumer.
pub struct Export {
    pub account: ccms_domain::identity::Account,
    pub cases: Vec<CaseRecord>,
    pub notices: Vec<Notice>,
    pub codes_asked: Vec<CodeAsked>,
    /// Officials' reads and writes of their cases and account, from the audit log.
    pub accessed: Vec<AuditRecord>,
}

/// One case with what hangs off it, as its complainant reads it.
pub struct CaseRecord {
    pub case: Complaint,
    pub language: Language,
    pub email: Option<String>,
    pub timeline: Vec<Event>,
    pub evidence: Vec<Evidence>,
}

/// Gathers the consumer's data: a read (the caller records the download in the audit log).
pub fn export(conn: &mut DbConnection, consumer: Uuid) -> Result<Export, UseCaseError> {
    let account = accounts::find(conn, consumer)?;
    if account.role != Role::Consumer {
        return Err(UseCaseError::Forbidden);
    }
    let mut cases = Vec::new();
    for case in privacy::cases_of(conn, consumer)? {
        let (language, email) = contacts::find(conn, case.id)?;
        // A case an operator filed for this phone that its owner never confirmed: the case
        // itself, not what the caller told the operator (it may not have been them).
        let theirs = case.filed_by.is_none() || case.reached_business();
        cases.push(CaseRecord {
            timeline: if theirs {
                events::timeline(conn, case.id, false)?
            } else {
                Vec::new()
            },
            evidence: if theirs {
                evidence::of_complaint(conn, case.id)?
            } else {
                Vec::new()
            },
            language,
            email: email.filter(|_| theirs),
            case,
        });
    }
    let ids: Vec<Uuid> = cases
        .iter()
        .filter(|c| c.case.filed_by.is_none() || c.case.reached_business())
        .map(|c| c.case.id)
        .collect();
    let phone = account.phone.as_ref().map(|p| p.as_str());
    let notices = privacy::notices_of(conn, phone, &ids)?;
    let codes_asked = match &account.phone {
        Some(phone) => privacy::codes_asked(conn, phone.as_str())?,
        None => Vec::new(),
    };
    let mut targets: Vec<String> = cases.iter().map(|c| c.case.id.to_string()).collect();
    targets.push(consumer.to_string());
    let accessors: Vec<&str> = Role::ALL
        .iter()
        .filter(|r| r.reported_to_data_subject())
        .map(|r| r.code())
        .collect();
    let accessed = privacy::accesses(conn, &targets, &accessors)?;
    Ok(Export {
        account,
        cases,
        notices,
        codes_asked,
        accessed,
    })
}
