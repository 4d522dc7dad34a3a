/// What the caller is to the object of an action; the API computes it from the token's claims
/// and the stored object, the policy decides with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Relation {
    /// The object is the caller's own (their account, their own case).
    pub own: bool,
    /// The object belongs to the business the caller works for.
    pub same_business: bool,
    /// The caller is their business's administrator (may add agents).
    pub business_admin: bool,
    /// The object is referred to the agency the caller works for.
    pub same_agency: bool,
    /// The caller filed the case for its complainant (an intake operator).
    pub filed_it: bool,
}

impl Relation {
    /// No relationship: for actions on the system as a whole.
    pub const NONE: Relation = Relation {
        own: false,
        same_business: false,
        business_admin: false,
        same_agency: false,
        filed_it: false,
    };

    pub fn own() -> Relation {
        Relation {
            own: true,
            ..Relation::NONE
        }
    }
}
