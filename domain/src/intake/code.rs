//! The confirmation code of a held case: six digits, typed back in ASCII or Bangla digits.

use crate::text::ascii_digit;

/// Wrong codes a held case takes before it can only close at its clock: the code is six digits,
/// so guessing stays a one-in-two-hundred-thousand chance.
pub const CODE_ATTEMPTS: i32 = 5;

#[derive(Clone, PartialEq, Eq)]
pub struct IntakeCode(String);

impl std::fmt::Debug for IntakeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IntakeCode(******)")
    }
}

impl IntakeCode {
    /// What `parse` takes, for the contract.
    pub const PATTERN: &'static str = "^[0-9০-৯]{6}$";

    /// The code made from a random number (its last six decimal digits).
    pub fn from_random(random: u32) -> IntakeCode {
        IntakeCode(format!("{:06}", random % 1_000_000))
    }

    /// Six digits, ASCII or Bangla (`৪৮২৯১৩`), spaces around ignored.
    pub fn parse(raw: &str) -> Option<IntakeCode> {
        let digits: String = raw.trim().chars().map(ascii_digit).collect();
        (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then_some(IntakeCode(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_in_either_digits_and_nothing_else_is_a_code() {
        assert_eq!(IntakeCode::parse("482913").unwrap().as_str(), "482913");
        assert_eq!(IntakeCode::parse(" ৪৮২৯১৩ ").unwrap().as_str(), "482913");
        for wrong in ["48291", "4829134", "48a913", "", "48 913"] {
            assert!(IntakeCode::parse(wrong).is_none(), "{wrong}");
        }
        assert_eq!(IntakeCode::from_random(7).as_str(), "000007");
        assert_eq!(IntakeCode::from_random(4_294_967_295).as_str(), "967295");
        assert_eq!(
            format!("{:?}", IntakeCode::from_random(7)),
            "IntakeCode(******)"
        );
    }
}
