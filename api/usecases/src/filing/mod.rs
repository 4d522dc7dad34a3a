//! Filing a complaint: the respondent found and the caller's scope checked, admissibility by
//! the policy in force, the complainant's account, no open duplicate, the daily limits, then the
//! domain's filed case stored with its contacts, timeline, clocks, outbox and referrals. Runs in
//! the caller's transaction, so the answer kept for an `Idempotency-Key` commits with it.

mod limits;
mod respondent;
mod timeline;

use std::sync::Arc;

use ccms_domain::access::Role;
use ccms_domain::access::filing::may_file_against;
use ccms_domain::complaint::admissibility::{self, IntakeContext, dhaka_today};
use ccms_domain::complaint::clocks::Timing;
use ccms_domain::complaint::duplicates;
use ccms_domain::complaint::filed::{self, Complainant};
use ccms_domain::complaint::routing::RoutingPolicy;
use ccms_domain::complaint::{CaseCaller, Complaint, Filing};
use ccms_domain::contact::{Email, PhoneNumber};
use ccms_domain::delivery::notice::Language;
use ccms_domain::search::Words;
use ccms_persistence::complaints::{self as stored, next_tracking_number};
use ccms_persistence::identity::accounts;
use ccms_persistence::journal::Journal;
use ccms_persistence::{Batch, DbConnection};
use chrono::{DateTime, Datelike, Utc};
use uuid::Uuid;

pub use respondent::RespondentRef;

use crate::books::Books;
use crate::cases::load_visible;
use crate::collective::joining;
use crate::intake::{self, IntakeSecret};
use crate::moves::{announce, clock_events, on_first_escalation};
use crate::{Actor, UseCaseError};

/// What a filing says, parsed: by whom, against whom, and how the consumer is told.
pub struct FilingCommand {
    pub who: CaseCaller,
    pub actor: Actor,
    pub respondent: RespondentRef,
    /// The facts; the business id is filled in when the respondent is found.
    pub filing: Filing,
    /// A partner's customer, by phone; `None` for a consumer filing for themselves.
    pub customer_phone: Option<PhoneNumber>,
    pub language: Language,
    pub contact_email: Option<Email>,
    /// An operator's filing: the code the caller confirms it with (the case is held until then).
    pub intake: Option<IntakeSecret>,
}

/// Files the complaint at `now`. `answer` makes the caller's answer from the case and the
/// policy it was routed under, and may add its own writes (the answer kept for a retry) to
/// the filing's: every new row of the filing goes to the database as one batch, one
/// statement on PostgreSQL.
pub fn file<T, E: From<UseCaseError>>(
    conn: &mut DbConnection,
    command: FilingCommand,
    books: &Books<'_>,
    now: DateTime<Utc>,
    answer: impl FnOnce(&Complaint, &RoutingPolicy, &mut Batch<'static>) -> Result<T, E>,
) -> Result<T, E> {
    let (language, secret) = (command.language, command.intake.clone());
    let ((case, policy, mut journal, mut batch), joining) = prepare(conn, command, books, now)?;
    let answered = answer(&case, &policy, &mut batch)?;
    let write = |conn: &mut DbConnection| {
        journal.write_batched(conn, &mut batch)?;
        batch.run(conn)
    };
    write(conn).map_err(|e| E::from(UseCaseError::from(e)))?;
    if let Some(secret) = secret.filter(|_| case.is_held()) {
        intake::hold(conn, &case, &secret, language, now)?;
    }
    if let Some(matter) = joining {
        joining::join_at_filing(conn, matter, &case, books, now)?;
    }
    Ok(answered)
}

/// A filing's refusals, or the case it files with everything it writes (not written yet),
/// and the open matter it joins once written.
type Prepared = (
    (Complaint, Arc<RoutingPolicy>, Journal, Batch<'static>),
    Option<Uuid>,
);

fn prepare(
    conn: &mut DbConnection,
    command: FilingCommand,
    books: &Books<'_>,
    now: DateTime<Utc>,
) -> Result<Prepared, UseCaseError> {
    let FilingCommand {
        who,
        actor,
        mut filing,
        ..
    } = command;
    let found = command.respondent.find(conn)?;
    let business = found.map(|f| (f.respondent, f.status));
    if let Some((named, _)) = business
        && !may_file_against(who.role, who.business_id, named)
    {
        return Err(UseCaseError::OutsideFilingScope);
    }
    filing.business_id = business.map_or(Uuid::nil(), |(b, _)| b.id);
    let surging = found.is_some_and(|f| f.surging);
    let policy = books.policies.current(conn)?;
    let context = IntakeContext {
        business: business.map(|(_, status)| status),
        now,
        filing_window_days: policy.filing_window.days,
    };
    admissibility::check(&filing, &context).map_err(|refused| UseCaseError::Inadmissible {
        refusal: refused.refusal,
        legal_source: refused.source,
    })?;
    // The complainant's account row stays locked until commit: one consumer's filings take
    // turns, so the duplicate check and the daily limits below count every earlier filing.
    let consumer = match command.customer_phone {
        Some(phone) => accounts::consumer_for_phone(conn, &phone, now)?,
        None => accounts::lock(conn, who.account_id.ok_or(UseCaseError::NotFound)?)?,
    };
    let phone = consumer.phone.clone().ok_or(UseCaseError::Forbidden)?;
    if let Some(order) = &filing.order_reference
        && let Some((id, _)) =
            stored::find_open_duplicate(conn, consumer.id, filing.business_id, order.as_str())?
    {
        // Named only to a caller who may read it: a 409 must not tell anyone else which case
        // a phone number has open against a business.
        let existing = load_visible(conn, &id.to_string(), &who)
            .ok()
            .map(|(case, _)| (case.id, case.tracking_number.as_str().to_owned()));
        return Err(UseCaseError::Duplicate { existing });
    }
    limits::check(conn, &policy, consumer.id, filing.business_id, now)?;
    // A likely re-filing is flagged for coordinators, never refused.
    let probe = duplicates::probe(&filing, &policy.duplicate_window, now);
    let parties = (consumer.id, filing.business_id);
    let original = stored::duplicates::likely_original(conn, parties, &probe)?;
    let timing = Timing::new(&books.calendars.current(conn)?, &policy).of_category(filing.category);
    // The year's number last, after every refusal, so refusals use no number.
    let number = next_tracking_number(conn, dhaka_today(now).year())?;
    let filed_by = match (who.role, &command.intake) {
        (Role::IntakeOperator, Some(_)) => Some(who.account_id.ok_or(UseCaseError::Forbidden)?),
        (Role::IntakeOperator, None) => {
            return Err(UseCaseError::Broken(
                "an operator's filing without its code".into(),
            ));
        }
        _ => None,
    };
    let complainant = Complainant {
        account_id: consumer.id,
        phone,
        pushed_by: who.client_id.clone(),
        filed_by,
    };
    let filed = filed::file(
        (Uuid::now_v7(), number),
        complainant,
        (filing, surging),
        &timing,
        now,
    )
    .map_err(|e| UseCaseError::Broken(e.to_string()))?;
    let mut batch = Batch::on(conn);
    let case = stored::insert_batched(
        &mut batch,
        &Complaint {
            possible_duplicate_of: original,
            ..filed.case
        },
    )?;
    let email = command.contact_email.as_ref().map(Email::as_str);
    stored::contacts::save_batched(&mut batch, case.id, command.language, email);
    let facts = &case.filing;
    let words = Words::of([facts.subject.as_str(), facts.description.as_str()]);
    stored::search::index_batched(&mut batch, case.id, &words);
    let mut journal = Journal::default();
    timeline::record_intake(&mut journal, &case, &who.role, &actor.id, filed.first);
    clock_events::record(&mut journal, &case, &filed.started, now, &timing);
    // A held case is news to no one but its caller until they confirm it.
    if !case.is_held() {
        journal.outbox.push(announce::created(&case, now));
    }
    journal
        .audit
        .push(actor.entry(now, "complaint.file", "complaint", case.id));
    if case.escalated_at.is_some() {
        on_first_escalation(&mut journal, &case, now);
    }
    let joining = found.and_then(|f| f.joining);
    Ok(((case, policy, journal, batch), joining))
}
