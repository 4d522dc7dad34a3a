//! The first entries of every case's timeline.

use ccms_domain::access::Role;
use ccms_domain::complaint::timeline::Happening;
use ccms_domain::complaint::{Action, Complaint};
use ccms_persistence::complaints::events::Event;
use ccms_persistence::journal::Journal;

/// The first entries of every timeline: filed (by the filer), routed and the routing move (by
/// the system); a held case makes its routing move when confirmed.
pub(super) fn record_intake(
    journal: &mut Journal,
    case: &Complaint,
    role: &Role,
    actor: &str,
    first: Option<Action>,
) {
    let at = case.created_at;
    let system = ("system", "system");
    journal.events.extend([
        Event::of(case.id, at, (actor, role.code()), &Happening::Filed),
        Event::of(
            case.id,
            at,
            system,
            &Happening::Routed(case.routing.clone()),
        ),
    ]);
    if let Some(action) = first {
        journal.events.push(Event::of(
            case.id,
            at,
            system,
            &Happening::FirstMove {
                action,
                to: case.state,
            },
        ));
    }
}
