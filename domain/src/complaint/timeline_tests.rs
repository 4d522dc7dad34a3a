use super::*;

#[test]
fn only_an_internal_note_is_kept_from_the_parties() {
    let note = Happening::Note {
        text: "call the courier".into(),
    };
    let message = Happening::Message {
        text: "where is my parcel?".into(),
    };
    assert!(note.staff_only());
    assert!(!message.staff_only());
    assert_eq!((note.kind(), message.kind()), ("note", "message"));
    assert_eq!(note.detail(), json!({ "text": "call the courier" }));
}

#[test]
fn a_move_carries_its_action_and_both_states_and_a_filing_only_where_it_landed() {
    let moved = Happening::Moved {
        action: Action::Reject,
        from: State::AwaitingConsumer,
        to: State::Escalated,
        note: Some("I want my money back".into()),
        decision: None,
        officer_id: None,
    };
    assert_eq!(moved.kind(), "transition");
    assert_eq!(
        moved.movement(),
        (
            Some(Action::Reject),
            Some(State::AwaitingConsumer),
            Some(State::Escalated)
        )
    );
    assert_eq!(moved.detail()["note"], "I want my money back");
    assert_eq!(
        Happening::Filed.movement(),
        (None, None, Some(State::Submitted))
    );
}

#[test]
fn a_ledger_entry_names_its_due_time_only_when_it_fell_overdue() {
    let entry = |due_at| Happening::Ledger {
        note: None,
        obligation_id: Uuid::nil(),
        kind: ObligationKind::Compensation,
        status: ObligationStatus::Overdue,
        amount_poisha: 250_000,
        due_at,
    };
    assert!(entry(None).detail().get("due_at").is_none());
    let due = DateTime::<Utc>::UNIX_EPOCH;
    assert_eq!(entry(Some(due)).detail()["due_at"], json!(due));
}
