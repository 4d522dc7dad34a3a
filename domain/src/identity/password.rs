use crate::Invalid;

/// A staff password as chosen: 12 to 128 characters. Never logged, never stored as is.
pub struct Password(String);

impl Password {
    pub const MIN: usize = 12;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str) -> Result<Password, Invalid> {
        let length = raw.chars().count();
        if (Password::MIN..=Password::MAX).contains(&length) {
            Ok(Password(raw.to_owned()))
        } else {
            Err(Invalid::field("", "password_length"))
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_twelve_characters_and_never_print() {
        assert!(Password::parse("short").is_err());
        let password = Password::parse("correct horse battery").unwrap();
        assert_eq!(format!("{password:?}"), "Password(***)");
    }
}
