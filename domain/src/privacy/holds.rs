//! What keeps a case's personal data from erasure, by retention or on the consumer's request:
//! the exceptions the Ordinance makes for legal obligations, as a table with their reasons.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::complaint::Complaint;
use crate::complaint::clocks::ClockKind;

/// Why a case cannot be erased now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Bar {
    /// The case is still being worked: withdraw it first, or wait for it to close.
    CaseOpen,
    /// A coordinator placed a legal hold on it.
    LegalHold,
    /// It is part of a collective matter not yet decided.
    OpenMatter,
    /// A party recorded an appeal of its decision to the court.
    AppealRecorded,
    /// Its decision's appeal window still runs.
    AppealWindow,
    /// A review of its outcome is asked and not decided yet.
    ReviewPending,
    /// Money or goods it orders are not confirmed delivered yet (owed, paid but unconfirmed,
    /// overdue or disputed): the payout needs the payee.
    ObligationsOpen,
    /// A sector regulator works a referral of it.
    ReferralOpen,
    /// Its complainant may still reopen it (their remedy never came). Bars the sweep only: a
    /// complainant asking for erasure gives that up.
    ReopenWindow,
    /// It was erased already.
    AlreadyErased,
}

/// What the bars are read from, gathered by the caller.
#[derive(Debug, Clone, Copy)]
pub struct HoldFacts<'a> {
    pub case: &'a Complaint,
    pub erased: bool,
    pub legal_hold: bool,
    pub in_open_matter: bool,
    pub appealed: bool,
    pub review_pending: bool,
    pub obligations_open: bool,
    pub referral_open: bool,
    /// Asked by the complainant, not the retention sweep.
    pub requested: bool,
}

/// Whether a bar applies to the facts at a time.
type Applies = fn(&HoldFacts<'_>, DateTime<Utc>) -> bool;

/// Each bar with the fact that raises it, in the order they are reported; the first that
/// applies is the reason given. Sources: the Personal Data Protection Ordinance 2025's
/// exceptions for legal obligations and claims; the Consumer Rights Protection Act 2009 for
/// decisions and their appeal.
const BARS: &[(Bar, Applies)] = &[
    (Bar::AlreadyErased, |f, _| f.erased),
    (Bar::CaseOpen, |f, _| {
        f.case.state.is_open() || f.case.closed_at.is_none()
    }),
    (Bar::LegalHold, |f, _| f.legal_hold),
    (Bar::OpenMatter, |f, _| f.in_open_matter),
    (Bar::AppealRecorded, |f, _| f.appealed),
    (Bar::ReviewPending, |f, _| f.review_pending),
    (Bar::ObligationsOpen, |f, _| f.obligations_open),
    (Bar::ReferralOpen, |f, _| f.referral_open),
    (Bar::ReopenWindow, |f, now| {
        !f.requested && running(f.case, ClockKind::ReopenWindow, now)
    }),
    (Bar::AppealWindow, |f, now| {
        running(f.case, ClockKind::AppealWindow, now)
    }),
];

/// Whether the case's `kind` clock has not run out at `now` (its last instant counts).
fn running(case: &Complaint, kind: ClockKind, now: DateTime<Utc>) -> bool {
    case.clocks
        .deadline_of(kind)
        .is_some_and(|until| crate::authority::appeal::window_open(until, now))
}

impl Bar {
    /// The first bar that keeps the case from erasure at `now`, if any.
    pub fn first(facts: &HoldFacts<'_>, now: DateTime<Utc>) -> Option<Bar> {
        BARS.iter()
            .find(|(_, applies)| applies(facts, now))
            .map(|(bar, _)| *bar)
    }

    pub fn code(self) -> &'static str {
        self.into()
    }

    /// The reason, told to the consumer who asked, in English and Bangla.
    pub fn reason(self) -> (&'static str, &'static str) {
        match self {
            Bar::CaseOpen => (
                "The case is still open; withdraw it or wait until it closes.",
                "অভিযোগটি এখনও চলমান; প্রত্যাহার করুন অথবা নিষ্পত্তি পর্যন্ত অপেক্ষা করুন।",
            ),
            Bar::LegalHold => (
                "DNCRP holds the case for a legal proceeding.",
                "আইনি কার্যক্রমের জন্য ডিএনসিআরপি অভিযোগটি সংরক্ষণ করছে।",
            ),
            Bar::OpenMatter => (
                "The case is part of a collective matter not yet decided.",
                "অভিযোগটি এখনও নিষ্পত্তি না হওয়া একটি সমষ্টিগত মামলার অংশ।",
            ),
            Bar::AppealRecorded => (
                "The case's decision was appealed to the court.",
                "অভিযোগের সিদ্ধান্তের বিরুদ্ধে আদালতে আপিল করা হয়েছে।",
            ),
            Bar::AppealWindow => (
                "The decision may still be appealed to the court.",
                "সিদ্ধান্তের বিরুদ্ধে এখনও আদালতে আপিল করা যায়।",
            ),
            Bar::ReviewPending => (
                "A review of the case's outcome is still being decided.",
                "অভিযোগের ফলাফলের পুনর্বিবেচনা এখনও চলছে।",
            ),
            Bar::ObligationsOpen => (
                "A payment or delivery the case orders is not confirmed yet.",
                "অভিযোগে নির্ধারিত কোনো অর্থ বা পণ্য প্রদান এখনও নিশ্চিত হয়নি।",
            ),
            Bar::ReferralOpen => (
                "A sector regulator is still working a referral of the case.",
                "একটি খাত নিয়ন্ত্রক সংস্থা এখনও অভিযোগটির রেফারেল নিয়ে কাজ করছে।",
            ),
            Bar::ReopenWindow => (
                "The complainant may still reopen the case.",
                "অভিযোগকারী এখনও অভিযোগটি পুনরায় খুলতে পারেন।",
            ),
            Bar::AlreadyErased => (
                "The case's personal data was erased already.",
                "অভিযোগের ব্যক্তিগত তথ্য আগেই মুছে ফেলা হয়েছে।",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::*;
    use crate::complaint::State;
    use crate::complaint::clocks::{Clocks, RunningClock};
    use crate::fixtures::{case_in, now};

    fn facts(case: &Complaint) -> HoldFacts<'_> {
        HoldFacts {
            case,
            erased: false,
            legal_hold: false,
            in_open_matter: false,
            appealed: false,
            review_pending: false,
            obligations_open: false,
            referral_open: false,
            requested: false,
        }
    }

    fn closed() -> Complaint {
        Complaint {
            closed_at: Some(now()),
            ..case_in(State::Closed)
        }
    }

    #[test]
    fn a_closed_case_with_nothing_pending_may_be_erased() {
        assert_eq!(Bar::first(&facts(&closed()), now()), None);
    }

    #[test]
    fn an_open_case_is_kept_whatever_else_holds() {
        let case = case_in(State::WithBusiness);
        let held = HoldFacts {
            legal_hold: true,
            ..facts(&case)
        };
        assert_eq!(Bar::first(&held, now()), Some(Bar::CaseOpen));
    }

    #[test]
    fn holds_matters_appeals_reviews_and_open_obligations_each_keep_a_closed_case() {
        let case = closed();
        for (held, bar) in [
            (
                HoldFacts {
                    legal_hold: true,
                    ..facts(&case)
                },
                Bar::LegalHold,
            ),
            (
                HoldFacts {
                    in_open_matter: true,
                    ..facts(&case)
                },
                Bar::OpenMatter,
            ),
            (
                HoldFacts {
                    appealed: true,
                    ..facts(&case)
                },
                Bar::AppealRecorded,
            ),
            (
                HoldFacts {
                    erased: true,
                    ..facts(&case)
                },
                Bar::AlreadyErased,
            ),
            (
                HoldFacts {
                    review_pending: true,
                    ..facts(&case)
                },
                Bar::ReviewPending,
            ),
            (
                HoldFacts {
                    obligations_open: true,
                    ..facts(&case)
                },
                Bar::ObligationsOpen,
            ),
        ] {
            assert_eq!(Bar::first(&held, now()), Some(bar));
        }
    }

    #[test]
    fn the_reopen_window_keeps_a_case_from_the_sweep_but_not_from_its_complainant() {
        let until = now() + Duration::days(30);
        let case = Complaint {
            clocks: Clocks(vec![RunningClock {
                kind: ClockKind::ReopenWindow,
                started_at: now(),
                deadline: Some(until),
                remaining_secs: None,
                remind_at: None,
            }]),
            ..closed()
        };
        assert_eq!(Bar::first(&facts(&case), now()), Some(Bar::ReopenWindow));
        let asked = HoldFacts {
            requested: true,
            ..facts(&case)
        };
        assert_eq!(Bar::first(&asked, now()), None);
        let open = HoldFacts {
            referral_open: true,
            ..asked
        };
        assert_eq!(Bar::first(&open, now()), Some(Bar::ReferralOpen));
    }

    #[test]
    fn a_decision_is_kept_until_its_appeal_window_has_passed() {
        let until = now() + Duration::days(60);
        let case = Complaint {
            clocks: Clocks(vec![RunningClock {
                kind: ClockKind::AppealWindow,
                started_at: now(),
                deadline: Some(until),
                remaining_secs: None,
                remind_at: None,
            }]),
            ..closed()
        };
        assert_eq!(Bar::first(&facts(&case), until), Some(Bar::AppealWindow));
        let after = until + Duration::seconds(1);
        assert_eq!(Bar::first(&facts(&case), after), None);
    }
}
