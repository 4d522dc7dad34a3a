//! What oversight sees of a person: auditors read everything, with names reduced to initials
//! and contact details masked, so they can check the work without identifying anyone.

/// `Rahim Uddin` → `R. U.`; `মো. করিম` → `ম. ক.`.
pub fn initials(name: &str) -> String {
    let parts: Vec<String> = name
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{c}."))
        .collect();
    parts.join(" ")
}

/// `rahim.uddin@example.com` → `r***@example.com`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first = local.chars().next().map(String::from).unwrap_or_default();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

/// `+8801712345678` → `+88017*****678`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 9 {
        return "*****".to_owned();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{head}*****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_initials_in_either_script() {
        assert_eq!(initials("Rahim Uddin"), "R. U.");
        assert_eq!(initials("  মো. করিম  "), "ম. ক.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn contact_details_are_masked() {
        assert_eq!(mask_email("rahim.uddin@example.com"), "r***@example.com");
        assert_eq!(mask_phone("+8801712345678"), "+88017*****678");
    }
}
