//! Text messages to consumers. The default gateway writes them to the log; a deployment plugs
//! in its operator's gateway behind the same trait.

use ccms_domain::contact::PhoneNumber;

pub trait SmsGateway: Send + Sync {
    fn send(&self, to: &PhoneNumber, text: &str) -> Result<(), String>;
}

/// Writes each message to the log instead of sending it. In development the whole text is
/// logged; in production its digits are masked, so no code ever reaches a log there.
pub struct LogGateway {
    pub reveal: bool,
}

impl SmsGateway for LogGateway {
    fn send(&self, to: &PhoneNumber, text: &str) -> Result<(), String> {
        let shown: String = if self.reveal {
            text.to_owned()
        } else {
            text.chars()
                .map(|c| if c.is_ascii_digit() { '*' } else { c })
                .collect()
        };
        log::info!("SMS to {}: {shown}", mask(to));
        Ok(())
    }
}

/// `+88017*****678`: enough to tell messages apart, not enough to identify the person.
pub fn mask(phone: &PhoneNumber) -> String {
    ccms_domain::transparency::masking::mask_phone(phone.as_str())
}

/// The one-time code message, in Bangla and English.
pub fn otp_message(code: &str, minutes: i64) -> String {
    format!(
        "CCMS: your code is {code}, valid {minutes} minutes. CCMS: আপনার কোড {code}, {minutes} মিনিট বৈধ। Never share it."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_masked_in_the_middle() {
        let phone = PhoneNumber::parse("01712345678").unwrap();
        assert_eq!(mask(&phone), "+88017*****678");
    }
}
