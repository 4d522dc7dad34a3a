use actix_web::HttpRequest;
use actix_web::http::header::ACCEPT_LANGUAGE;

/// The language of human-readable texts: Bangla when the caller prefers `bn`, English otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Bangla,
    English,
}

impl Language {
    /// Picks the caller's most preferred of the two languages we speak, honouring `q` weights.
    pub fn negotiate(accept_language: Option<&str>) -> Language {
        let Some(header) = accept_language else {
            return Language::English;
        };
        let mut ranges: Vec<(&str, f32)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((tag, q))
            })
            .filter(|(_, q)| *q > 0.0)
            .collect();
        ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
        let primary = |tag: &str| {
            tag.split('-')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        match ranges
            .iter()
            .map(|(tag, _)| primary(tag))
            .find(|t| t == "bn" || t == "en")
        {
            Some(tag) if tag == "bn" => Language::Bangla,
            _ => Language::English,
        }
    }

    pub fn of(request: &HttpRequest) -> Language {
        let header = request
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Language::negotiate(header)
    }

    /// The same choice as the language a notice is written in.
    pub fn notice_language(self) -> ccms_domain::delivery::notice::Language {
        match self {
            Language::Bangla => ccms_domain::delivery::notice::Language::Bn,
            Language::English => ccms_domain::delivery::notice::Language::En,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Language::Bangla => "bn",
            Language::English => "en",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bangla_only_when_preferred_over_english() {
        assert_eq!(
            Language::negotiate(Some("bn-BD,en;q=0.8")),
            Language::Bangla
        );
        assert_eq!(Language::negotiate(Some("en,bn;q=0.5")), Language::English);
        assert_eq!(Language::negotiate(Some("fr, bn;q=0.4")), Language::Bangla);
        assert_eq!(Language::negotiate(Some("bn;q=0, en")), Language::English);
        assert_eq!(Language::negotiate(Some("de")), Language::English);
        assert_eq!(Language::negotiate(None), Language::English);
    }
}
