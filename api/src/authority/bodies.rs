//! Request bodies of the DNCRP stage.

pub use crate::http::text;
use ccms_domain::authority::hearing::HearingMode;
use ccms_domain::authority::ledger::LedgerStep;
use ccms_domain::authority::referral::ReferralStep;
use ccms_domain::complaint::Decision;
use ccms_usecases::hearings::{HearingDraft, Place};
use ccms_usecases::referring::RegulatorStep;
use ccms_usecases::settling::Settlement;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

/// When and how a hearing takes place.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct HearingBody {
    /// At least the policy's notice period (72 hours by default) from now.
    pub scheduled_at: DateTime<Utc>,
    pub mode: HearingMode,
    /// Required when `online`: an https link.
    #[validate(length(max = 500))]
    pub meeting_link: Option<String>,
    /// Required when `in_person`.
    #[validate(length(max = 300))]
    pub venue: Option<String>,
    /// Why the hearing moves (rescheduling only; required there).
    #[validate(length(max = 2000))]
    pub reason: Option<String>,
}

impl HearingBody {
    /// When and where: `online` needs an https `meeting_link`, `in_person` a `venue`.
    pub fn draft(&self) -> Result<HearingDraft, crate::problem::ApiError> {
        let place = match self.mode {
            HearingMode::Online => {
                let link = text::<500>("meeting_link", self.meeting_link.as_deref())?;
                if !link.starts_with("https://") {
                    return Err(ccms_domain::Invalid::field("meeting_link", "type").into());
                }
                Place::Online { meeting_link: link }
            }
            HearingMode::InPerson => Place::InPerson {
                venue: text::<300>("venue", self.venue.as_deref())?,
            },
        };
        Ok(HearingDraft {
            scheduled_at: self.scheduled_at,
            place,
        })
    }
}

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct CancelHearingBody {
    #[validate(length(min = 1, max = 2000))]
    pub reason: String,
}

/// What happened at a hearing.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct HearingRecordBody {
    /// Who attended: `consumer`, `business`, officers' names.
    #[validate(length(max = 20))]
    pub attendance: Vec<String>,
    #[validate(length(min = 1, max = 20000))]
    pub minutes: String,
}

/// The authority's decision on a case.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    pub verdict: Decision,
    /// Poisha; only when upheld, at most the policy's maximum.
    #[serde(default)]
    #[validate(range(min = 0))]
    #[schema(minimum = 0)]
    pub fine_poisha: i64,
    /// Poisha owed by the business to the consumer; only when upheld.
    #[serde(default)]
    #[validate(range(min = 0))]
    #[schema(minimum = 0)]
    pub compensation_poisha: i64,
    #[validate(length(min = 10, max = 20000))]
    pub reasons: String,
}

/// A step on an obligation of the ledger.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LedgerStepBody {
    pub step: LedgerStep,
    /// The payment reference (a courier's tracking number for goods); required to `pay`.
    #[validate(length(max = 100))]
    pub reference: Option<String>,
    /// Why the receiver says it did not arrive as said; required to `dispute`.
    #[validate(length(max = 2000))]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReferralBody {
    /// A registered agency's code.
    #[validate(length(max = 16))]
    pub agency_code: String,
}

/// A regulator's step on a referral to its agency.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ReferralStepBody {
    pub step: ReferralStep,
    /// The regulator's own case reference; required to `acknowledge`.
    #[validate(length(max = 100))]
    pub reference: Option<String>,
    /// Required to `decline`.
    #[validate(length(max = 2000))]
    pub reason: Option<String>,
    /// Required to `conclude`.
    #[validate(length(max = 5000))]
    pub outcome: Option<String>,
}

impl ReferralStepBody {
    /// The step with what it needs: a `reference` to acknowledge, a `reason` to decline, an
    /// `outcome` to conclude.
    pub fn parse(self) -> Result<RegulatorStep, crate::problem::ApiError> {
        Ok(match self.step {
            ReferralStep::Acknowledge => RegulatorStep::Acknowledge {
                reference: text::<100>("reference", self.reference.as_deref())?,
            },
            ReferralStep::Accept => RegulatorStep::Accept,
            ReferralStep::Decline => RegulatorStep::Decline {
                reason: text::<2000>("reason", self.reason.as_deref())?,
            },
            ReferralStep::Conclude => RegulatorStep::Conclude {
                outcome: text::<5000>("outcome", self.outcome.as_deref())?,
            },
        })
    }
}

impl LedgerStepBody {
    /// The step with what it needs: a payment `reference` to pay, a `reason` to dispute.
    pub fn parse(self) -> Result<Settlement, crate::problem::ApiError> {
        Ok(match self.step {
            LedgerStep::Pay => Settlement::Pay {
                reference: text::<100>("reference", self.reference.as_deref())?,
            },
            LedgerStep::Confirm => Settlement::Confirm,
            LedgerStep::Dispute => Settlement::Dispute {
                reason: text::<2000>("reason", self.reason.as_deref())?,
            },
        })
    }
}

/// The consumer's verdict on a closed case: was it resolved, and how satisfied are they.
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct FeedbackBody {
    /// Was the complaint resolved, as the consumer sees it?
    pub resolved: bool,
    #[validate(range(min = 1, max = 5))]
    #[schema(minimum = 1, maximum = 5)]
    pub rating: i32,
    #[validate(length(max = 2000))]
    pub comment: Option<String>,
}
