//! The policy table. Adding a permission is adding a row; nothing else grants anything.

use super::{Relation, Role};
use Role::*;

/// Things a caller may ask for, named by what they do rather than by endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::VariantArray, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Create and change businesses and agencies.
    ManageRegistry,
    /// See suspended businesses, which the public registry hides.
    ViewSuspendedBusinesses,
    /// Create, list and disable staff accounts.
    ManageStaff,
    /// Create, rotate and revoke partner API clients.
    ManagePartners,
    /// Add a `business_agent` to a business.
    AddBusinessAgent,
    /// Read one's own account (partners have none: they are clients, not people).
    ViewAccount,
    /// File a complaint (a partner files for its customer).
    FileComplaint,
    /// See a case, its timeline and its messages.
    ViewCase,
    /// Download an evidence file's bytes. Auditors see evidence as metadata (type, size,
    /// hash) only: the files are consumers' receipts, photos and documents.
    DownloadEvidence,
    /// Write a message on a case.
    MessageCase,
    /// Write an internal note on a case, which consumers and businesses never see.
    NoteCase,
    /// Simulate and (next) publish the routing and escalation policy.
    ManagePolicy,
    /// Read a case's internal notes.
    ReadNotes,
    /// Schedule, reschedule, cancel and record hearings.
    RunHearings,
    /// Decide a case after investigation.
    DecideCase,
    /// Refer a case to a sector regulator.
    ReferCase,
    /// See referrals (a regulator: those to its agency).
    ViewReferrals,
    /// Acknowledge, accept, decline and conclude a referral to one's agency.
    ActOnReferral,
    /// Download a case's referral packet (the e-file).
    ReadPacket,
    /// Rate the handling of one's closed case.
    GiveFeedback,
    /// Record an appeal of the case's decision to the court (a party to the case).
    RecordAppeal,
    /// Merge a re-filed case into its original (it closes as `duplicate`).
    MergeCases,
    /// Write the business's public response to a closed case.
    RespondPublicly,
    /// Publish or reject businesses' public responses.
    ModerateResponses,
    /// Ask for a review of how one's closed case ended.
    AskReview,
    /// Decide a review (the reviewer the rule picked; checked beside this grant).
    DecideReview,
    /// Pay or confirm a ledger obligation (as payer or receiver; the ledger decides which).
    SettleObligation,
    /// Register webhook subscriptions, read their delivery log and replay deliveries (a
    /// business for its cases; coordinators for agencies' endpoints, where referral packets go).
    ManageSubscriptions,
    /// Read the audit log and verify its hash chain.
    ReadAudit,
    /// Read case statistics.
    ViewStatistics,
    /// List staff accounts (auditors see initials and masked contacts).
    ViewStaff,
    /// List partner API clients.
    ViewPartners,
    /// Read subscriptions and their delivery log.
    ViewSubscriptions,
    /// Move a sandbox's clock forward (never possible in production).
    MoveSandboxClock,
    /// Open collective matters, add cases to them, export their payouts and import the
    /// payment gateway's report.
    ManageMatters,
    /// See collective matters and surges (an officer: its agency's matters).
    ViewMatters,
    /// Decide a collective matter (its officer; checked beside this grant).
    DecideMatter,
    /// Read the triage reports of the cases one may list (a regulator: its referrals).
    ViewTriage,
    /// Read out a case's status to a caller who gives its tracking number and the phone it
    /// was filed with (an intake operator on the hotline).
    ReadOutStatus,
    /// Confirm a case an operator filed with the code the complainant received by SMS: the
    /// complainant themselves, or the operator who filed it, hearing the code from them.
    ConfirmIntake,
    /// Download everything CCMS holds about oneself (the right of access).
    ExportOwnData,
    /// Correct one's e-mail and notice language.
    CorrectContact,
    /// Give or withdraw consent to publish one's case's narrative.
    ChangeConsent,
    /// Ask for one's personal data to be erased (the right of erasure).
    EraseOwnData,
    /// Place or lift a legal hold that keeps a case's personal data from erasure.
    HoldCase,
}

/// How far a grant reaches: the relationship the caller must have to the object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Any object.
    Any,
    /// The caller's own objects (own account, own case).
    Own,
    /// Objects of the caller's business (a case against my business).
    OwnBusiness,
    /// Objects of the caller's own business, when the caller is its administrator.
    OwnBusinessAsAdmin,
    /// Objects referred to the caller's agency.
    OwnAgency,
    /// Cases the caller filed for their complainant.
    FiledByCaller,
}

impl Scope {
    fn covers(self, relation: Relation) -> bool {
        match self {
            Scope::Any => true,
            Scope::Own => relation.own,
            Scope::OwnBusiness => relation.same_business,
            Scope::OwnBusinessAsAdmin => relation.same_business && relation.business_admin,
            Scope::OwnAgency => relation.same_agency,
            Scope::FiledByCaller => relation.filed_it,
        }
    }
}

const STAFF_READERS: &[Role] = &[Officer, Regulator, Coordinator, Auditor, Admin];
const PEOPLE: &[Role] = &[
    Consumer,
    BusinessAgent,
    Officer,
    Regulator,
    Coordinator,
    Auditor,
    Admin,
    IntakeOperator,
];

/// The rules, as data: action, the roles granted it, and how far the grant reaches.
/// Auditors hold no write grant; admins hold account grants and no case decision.
const POLICY: &[(Action, &[Role], Scope)] = &[
    (Action::ManageRegistry, &[Coordinator], Scope::Any),
    (Action::ViewSuspendedBusinesses, STAFF_READERS, Scope::Any),
    (Action::ManageStaff, &[Admin], Scope::Any),
    (Action::ManagePartners, &[Admin], Scope::Any),
    (Action::AddBusinessAgent, &[Coordinator, Admin], Scope::Any),
    (
        Action::AddBusinessAgent,
        &[BusinessAgent],
        Scope::OwnBusinessAsAdmin,
    ),
    (Action::ViewAccount, PEOPLE, Scope::Own),
    (
        Action::FileComplaint,
        &[Consumer, Partner, IntakeOperator],
        Scope::Any,
    ),
    (Action::ViewCase, &[IntakeOperator], Scope::FiledByCaller),
    (Action::ReadOutStatus, &[IntakeOperator], Scope::Any),
    (Action::ConfirmIntake, &[Consumer], Scope::Own),
    (Action::ExportOwnData, &[Consumer], Scope::Own),
    (Action::CorrectContact, &[Consumer], Scope::Own),
    (Action::ChangeConsent, &[Consumer], Scope::Own),
    (Action::EraseOwnData, &[Consumer], Scope::Own),
    (Action::HoldCase, &[Coordinator], Scope::Any),
    (
        Action::ConfirmIntake,
        &[IntakeOperator],
        Scope::FiledByCaller,
    ),
    (Action::ViewCase, &[Coordinator, Auditor], Scope::Any),
    (Action::ViewCase, &[Consumer, Partner], Scope::Own),
    (
        Action::ViewCase,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (Action::ViewCase, &[Officer, Regulator], Scope::OwnAgency),
    (Action::DownloadEvidence, &[Consumer, Partner], Scope::Own),
    (
        Action::DownloadEvidence,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (
        Action::DownloadEvidence,
        &[Officer, Regulator],
        Scope::OwnAgency,
    ),
    (Action::DownloadEvidence, &[Coordinator], Scope::Any),
    (Action::MessageCase, &[Consumer], Scope::Own),
    (
        Action::MessageCase,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (Action::MessageCase, &[Officer], Scope::OwnAgency),
    (Action::MessageCase, &[Coordinator], Scope::Any),
    (Action::NoteCase, &[Officer, Regulator], Scope::OwnAgency),
    (Action::NoteCase, &[Coordinator], Scope::Any),
    (Action::ManagePolicy, &[Coordinator], Scope::Any),
    (Action::ReadNotes, &[Officer, Regulator], Scope::OwnAgency),
    (Action::ReadNotes, &[Coordinator, Auditor], Scope::Any),
    (Action::RunHearings, &[Officer], Scope::OwnAgency),
    (Action::RunHearings, &[Coordinator], Scope::Any),
    (Action::DecideCase, &[Officer], Scope::OwnAgency),
    (Action::ManageMatters, &[Coordinator], Scope::Any),
    (Action::ViewMatters, &[Coordinator, Auditor], Scope::Any),
    (Action::ViewMatters, &[Officer], Scope::OwnAgency),
    (Action::DecideMatter, &[Officer], Scope::OwnAgency),
    (Action::ViewTriage, &[Coordinator, Auditor], Scope::Any),
    (Action::ViewTriage, &[Officer, Regulator], Scope::OwnAgency),
    (Action::ReferCase, &[Officer], Scope::OwnAgency),
    (Action::ReferCase, &[Coordinator], Scope::Any),
    (Action::ViewReferrals, &[Coordinator, Auditor], Scope::Any),
    (Action::ViewReferrals, &[Regulator], Scope::OwnAgency),
    (Action::ActOnReferral, &[Regulator], Scope::OwnAgency),
    (Action::ReadPacket, &[Coordinator, Auditor], Scope::Any),
    (Action::ReadPacket, &[Officer, Regulator], Scope::OwnAgency),
    (Action::GiveFeedback, &[Consumer], Scope::Own),
    (Action::RecordAppeal, &[Consumer], Scope::Own),
    (Action::MergeCases, &[Coordinator], Scope::Any),
    (
        Action::RespondPublicly,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (Action::ModerateResponses, &[Coordinator], Scope::Any),
    (Action::AskReview, &[Consumer], Scope::Own),
    (Action::DecideReview, &[Officer], Scope::OwnAgency),
    (
        Action::RecordAppeal,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (Action::SettleObligation, &[Consumer], Scope::Own),
    (
        Action::SettleObligation,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (Action::SettleObligation, &[Officer], Scope::OwnAgency),
    (Action::SettleObligation, &[Coordinator], Scope::Any),
    (
        Action::ManageSubscriptions,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (Action::ManageSubscriptions, &[Coordinator], Scope::Any),
    (Action::ReadAudit, &[Auditor, Coordinator], Scope::Any),
    (
        Action::ViewStatistics,
        &[Coordinator, Officer, Auditor],
        Scope::Any,
    ),
    (Action::ViewStaff, &[Admin, Auditor], Scope::Any),
    (Action::MoveSandboxClock, &[Admin], Scope::Any),
    (Action::ViewPartners, &[Admin, Auditor], Scope::Any),
    (
        Action::ViewSubscriptions,
        &[BusinessAgent, Partner],
        Scope::OwnBusiness,
    ),
    (
        Action::ViewSubscriptions,
        &[Coordinator, Auditor],
        Scope::Any,
    ),
];

/// Whether `role` may perform `action` on an object it stands to as `relation`.
/// Anything not granted is refused.
pub fn permits(role: Role, action: Action, relation: Relation) -> bool {
    POLICY.iter().any(|(granted, roles, scope)| {
        *granted == action && roles.contains(&role) && scope.covers(relation)
    })
}

/// Whether `role` holds `action` for at least some objects: the first gate, before loading any.
pub fn may(role: Role, action: Action) -> bool {
    POLICY
        .iter()
        .any(|(granted, roles, _)| *granted == action && roles.contains(&role))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holders(action: Action, relation: Relation) -> Vec<Role> {
        Role::ALL
            .iter()
            .copied()
            .filter(|r| permits(*r, action, relation))
            .collect()
    }

    #[test]
    fn every_permission_is_granted_to_someone() {
        use strum::VariantArray;
        for action in Action::VARIANTS {
            assert!(
                POLICY.iter().any(|(granted, _, _)| granted == action),
                "{} has no row in POLICY",
                <&str>::from(*action)
            );
        }
    }

    #[test]
    fn auditors_read_everything_officials_read_and_change_nothing() {
        let reads = [
            Action::ViewCase,
            Action::ReadNotes,
            Action::ViewReferrals,
            Action::ReadPacket,
            Action::ViewStaff,
            Action::ViewPartners,
            Action::ViewSubscriptions,
            Action::ReadAudit,
            Action::ViewStatistics,
            Action::ViewSuspendedBusinesses,
            Action::ViewMatters,
            Action::ViewTriage,
        ];
        assert!(
            reads.iter().all(|a| permits(Auditor, *a, Relation::NONE)),
            "a read auditors lack"
        );
        let writes = [
            Action::FileComplaint,
            Action::MessageCase,
            Action::NoteCase,
            Action::RunHearings,
            Action::DecideCase,
            Action::ReferCase,
            Action::ActOnReferral,
            Action::SettleObligation,
            Action::RecordAppeal,
            Action::MergeCases,
            Action::RespondPublicly,
            Action::ModerateResponses,
            Action::AskReview,
            Action::DecideReview,
            Action::ManageSubscriptions,
            Action::ManagePolicy,
            Action::ManageRegistry,
            Action::ManageStaff,
            Action::ManagePartners,
            Action::ManageMatters,
            Action::DecideMatter,
            Action::ConfirmIntake,
            Action::ChangeConsent,
            Action::CorrectContact,
            Action::EraseOwnData,
            Action::HoldCase,
        ];
        assert!(
            writes.iter().all(|a| !may(Auditor, *a)),
            "a write auditors hold"
        );
        assert!(
            !may(Auditor, Action::DownloadEvidence),
            "auditors see evidence as metadata, never its bytes"
        );
    }

    #[test]
    fn only_coordinators_manage_the_registry() {
        assert_eq!(
            holders(Action::ManageRegistry, Relation::NONE),
            vec![Coordinator]
        );
    }

    #[test]
    fn consumers_and_businesses_do_not_see_suspended_businesses() {
        assert!(!may(Consumer, Action::ViewSuspendedBusinesses));
        assert!(!may(BusinessAgent, Action::ViewSuspendedBusinesses));
        assert!(may(Auditor, Action::ViewSuspendedBusinesses));
    }

    #[test]
    fn auditors_write_nothing_and_admins_only_manage_accounts() {
        let writes = [
            Action::ManageRegistry,
            Action::ManageStaff,
            Action::ManagePartners,
            Action::AddBusinessAgent,
        ];
        assert!(writes.iter().all(|a| !may(Auditor, *a)));
        assert!(!may(Admin, Action::ManageRegistry));
        assert!(permits(Admin, Action::ManageStaff, Relation::NONE));
    }

    #[test]
    fn an_agent_adds_agents_only_to_its_own_business_and_only_as_its_admin() {
        let own_admin = Relation {
            same_business: true,
            business_admin: true,
            ..Relation::NONE
        };
        let own_plain = Relation {
            same_business: true,
            ..Relation::NONE
        };
        let other_admin = Relation {
            business_admin: true,
            ..Relation::NONE
        };
        assert!(permits(BusinessAgent, Action::AddBusinessAgent, own_admin));
        assert!(!permits(BusinessAgent, Action::AddBusinessAgent, own_plain));
        assert!(!permits(
            BusinessAgent,
            Action::AddBusinessAgent,
            other_admin
        ));
    }

    #[test]
    fn cases_are_seen_by_their_parties_their_agencies_and_oversight_only() {
        let stranger = Relation::NONE;
        assert_eq!(
            holders(Action::ViewCase, stranger),
            vec![Coordinator, Auditor]
        );
        let agency = Relation {
            same_agency: true,
            ..Relation::NONE
        };
        assert_eq!(
            holders(Action::ViewCase, agency),
            vec![Officer, Regulator, Coordinator, Auditor]
        );
        assert!(!permits(Admin, Action::ViewCase, Relation::own()));
        assert!(!permits(Auditor, Action::MessageCase, stranger));
        assert!(!permits(Consumer, Action::NoteCase, Relation::own()));
    }

    #[test]
    fn an_intake_operator_files_and_reads_only_what_they_filed() {
        let filed = Relation {
            filed_it: true,
            ..Relation::NONE
        };
        assert!(permits(
            IntakeOperator,
            Action::FileComplaint,
            Relation::NONE
        ));
        assert!(permits(IntakeOperator, Action::ViewCase, filed));
        assert!(!permits(IntakeOperator, Action::ViewCase, Relation::NONE));
        assert!(permits(IntakeOperator, Action::ConfirmIntake, filed));
        assert!(!permits(
            IntakeOperator,
            Action::ConfirmIntake,
            Relation::NONE
        ));
        let beyond = [
            Action::MessageCase,
            Action::DownloadEvidence,
            Action::ReadNotes,
            Action::SettleObligation,
            Action::ViewStatistics,
            Action::ReadAudit,
        ];
        assert!(beyond.iter().all(|a| !may(IntakeOperator, *a)));
        assert_eq!(
            holders(Action::ReadOutStatus, Relation::NONE),
            vec![IntakeOperator]
        );
    }

    #[test]
    fn people_read_their_own_account_and_nobody_else_s() {
        let people: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| *r != Partner)
            .collect();
        assert_eq!(holders(Action::ViewAccount, Relation::own()), people);
        assert!(holders(Action::ViewAccount, Relation::NONE).is_empty());
    }
}
