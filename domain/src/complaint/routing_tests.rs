use super::*;

fn shipped() -> RoutingPolicy {
    serde_json::from_str(DEFAULT_POLICY_JSON).unwrap()
}

#[test]
fn the_shipped_policy_is_valid_and_routes_every_category() {
    let policy = shipped();
    assert_eq!(policy.check(), Ok(()));
    for (category, _, _) in crate::complaint::CATEGORIES {
        assert!(policy.route(*category).is_some(), "{category:?}");
    }
}

#[test]
fn prohibited_products_skip_the_business_and_payments_go_to_bangladesh_bank() {
    let policy = shipped();
    let prohibited = policy.route(Category::ProhibitedProduct).unwrap();
    assert_eq!(
        (prohibited.first_handler, prohibited.rule.as_str()),
        (FirstHandler::Agency, "prohibited-products")
    );
    let payment = policy.route(Category::PaymentProblem).unwrap();
    assert_eq!(payment.referrals, vec!["BB".to_owned()]);
    assert_eq!(payment.first_handler, FirstHandler::Business);
    let late = policy.route(Category::LateDelivery).unwrap();
    assert_eq!(
        (late.rule.as_str(), late.escalation_agency.as_str()),
        ("business-first", "DNCRP")
    );
}

#[test]
fn a_policy_without_a_catch_all_or_with_repeated_ids_is_refused() {
    let mut policy = shipped();
    policy.rules.retain(|r| !r.categories.is_empty());
    assert_eq!(policy.check(), Err(PolicyProblem::NoCatchAll));
    let mut repeated = shipped();
    let first = repeated.rules[0].clone();
    repeated.rules.push(first);
    assert!(matches!(
        repeated.check(),
        Err(PolicyProblem::DuplicateRule(_))
    ));
}

#[test]
fn a_policy_must_set_every_clock_within_bounds_and_a_sane_reminder_lead() {
    let mut missing = shipped();
    missing.clocks.remove(&ClockKind::HearingNotice);
    assert_eq!(
        missing.check(),
        Err(PolicyProblem::MissingClock("hearing_notice".into()))
    );
    let mut zero = shipped();
    zero.clocks
        .get_mut(&ClockKind::BusinessAction)
        .unwrap()
        .length = Length::Hours(0);
    assert_eq!(
        zero.check().map_err(|p| p.field()),
        Err(("clocks.business_action.length".into(), "range"))
    );
    let mut lead = shipped();
    lead.reminder_lead_hours = 0;
    assert_eq!(lead.check(), Err(PolicyProblem::ReminderLead));
}

#[test]
fn a_catch_all_before_the_last_rule_or_a_clock_without_source_is_refused() {
    let mut early = shipped();
    let catch_all = early.rules.pop().unwrap();
    early.rules.insert(0, catch_all);
    assert_eq!(early.check(), Err(PolicyProblem::NoCatchAll));
    let mut silent = shipped();
    silent
        .clocks
        .get_mut(&ClockKind::AppealWindow)
        .unwrap()
        .source = " ".into();
    assert_eq!(
        silent.check(),
        Err(PolicyProblem::ClockSource("appeal_window".into()))
    );
}

#[test]
fn a_stored_version_missing_a_later_clock_takes_the_shipped_one_and_a_bad_one_is_refused() {
    let mut older = shipped();
    older.clocks.remove(&ClockKind::AppealWindow);
    assert!(matches!(older.check(), Err(PolicyProblem::MissingClock(_))));
    let normalised = older.clone().normalised().unwrap();
    assert_eq!(
        normalised.clocks.get(&ClockKind::AppealWindow),
        shipped().clocks.get(&ClockKind::AppealWindow)
    );
    let mut broken = older;
    broken.reminder_lead_hours = 0;
    assert_eq!(broken.normalised(), Err(PolicyProblem::ReminderLead));
}

#[test]
fn the_complainant_share_is_one_to_a_hundred_percent_with_a_source() {
    let with = |percent: u32, source: &str| {
        let mut policy = shipped();
        policy.complainant_share = crate::authority::ledger::ComplainantShare {
            percent,
            source: source.into(),
        };
        policy.check()
    };
    assert_eq!(shipped().complainant_share.percent, 25);
    assert_eq!(with(1, "law"), Ok(()));
    assert_eq!(with(100, "law"), Ok(()));
    assert_eq!(with(0, "law"), Err(PolicyProblem::ComplainantShare));
    assert_eq!(with(101, "law"), Err(PolicyProblem::ComplainantShare));
    assert_eq!(with(25, " "), Err(PolicyProblem::ComplainantShare));
}
