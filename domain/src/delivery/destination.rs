//! Where a webhook may go. A subscriber names a URL; CCMS runs inside a government network,
//! so a URL that reaches loopback, private, link-local or cloud-metadata addresses would let
//! any business probe that network. Those are refused unless the deployment allows them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::Invalid;

/// What a deployment allows beyond public HTTPS addresses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DestinationRules {
    /// Plain `http://` URLs (tests, closed networks).
    pub allow_http: bool,
    /// 127.0.0.0/8 and ::1 (tests).
    pub allow_loopback: bool,
    /// RFC 1918, unique-local and shared (CGNAT) ranges (a ministry's own network).
    pub allow_private: bool,
}

/// A webhook URL that passed the rules as far as they can be checked without DNS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination(String);

const MAX_URL: usize = 2000;

impl Destination {
    pub fn parse(raw: &str, rules: &DestinationRules) -> Result<Destination, Invalid> {
        let raw = raw.trim();
        if raw.is_empty() || raw.chars().count() > MAX_URL {
            return Err(Invalid::field("", "url_format"));
        }
        let url = url::Url::parse(raw).map_err(|_| Invalid::field("", "url_format"))?;
        match url.scheme() {
            "https" => {}
            "http" if rules.allow_http => {}
            _ => return Err(Invalid::field("", "https_required")),
        }
        if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
            return Err(Invalid::field("", "url_format"));
        }
        let literal = match url.host() {
            None => return Err(Invalid::field("", "url_format")),
            Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                (name == "localhost" || name.ends_with(".localhost"))
                    .then_some(IpAddr::V4(Ipv4Addr::LOCALHOST))
            }
        };
        if let Some(ip) = literal
            && !rules.permits(ip)
        {
            return Err(Invalid::field("", "private_address"));
        }
        Ok(Destination(url.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host name to resolve before a delivery, if the URL names one.
    pub fn host(&self) -> Option<String> {
        url::Url::parse(&self.0)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
    }
}

/// The kind of network an address belongs to, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Public,
    Loopback,
    Private,
    /// Link-local, metadata, unspecified, multicast, broadcast, documentation: never.
    Forbidden,
}

impl DestinationRules {
    /// Whether a delivery may connect to `ip`.
    pub fn permits(&self, ip: IpAddr) -> bool {
        match reach(ip) {
            Reach::Public => true,
            Reach::Loopback => self.allow_loopback,
            Reach::Private => self.allow_private,
            Reach::Forbidden => false,
        }
    }
}

fn reach(ip: IpAddr) -> Reach {
    match ip {
        IpAddr::V4(v4) => reach_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => reach_v4(v4),
            None => reach_v6(v6),
        },
    }
}

/// The IPv4 address an IPv6 address carries, for the forms that reach it: mapped
/// (`::ffff:a.b.c.d`), compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`, `64:ff9b:1::/48`) and
/// 6to4 (`2002:AABB:CCDD::/48`).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let last = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    match s {
        [0, 0, 0, 0, 0, 0, hi, lo] if (hi, lo) != (0, 0) && (hi, lo) != (0, 1) => {
            Some(last(hi, lo))
        }
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(last(hi, lo)),
        [0x64, 0xff9b, 1, ..] => Some(last(s[6], s[7])),
        [0x2002, hi, lo, ..] => Some(last(hi, lo)),
        _ => None,
    }
}

/// Cloud metadata services that sit inside otherwise private ranges.
const METADATA_V4: [Ipv4Addr; 2] = [
    Ipv4Addr::new(100, 100, 100, 200),
    Ipv4Addr::new(169, 254, 169, 254),
];

fn reach_v4(ip: Ipv4Addr) -> Reach {
    let [a, b, c, _] = ip.octets();
    if METADATA_V4.contains(&ip) {
        Reach::Forbidden
    } else if ip.is_loopback() {
        Reach::Loopback
    } else if ip.is_private() || (a == 100 && (64..128).contains(&b)) {
        Reach::Private
    } else if ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
    {
        Reach::Forbidden
    } else {
        Reach::Public
    }
}

fn reach_v6(ip: Ipv6Addr) -> Reach {
    let first = ip.segments()[0];
    if ip.is_loopback() {
        Reach::Loopback
    } else if ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
        Reach::Forbidden
    } else if first & 0xfe00 == 0xfc00 {
        Reach::Private
    } else if ip.is_unspecified()
        || ip.is_multicast()
        || first & 0xffc0 == 0xfe80
        || first & 0xffc0 == 0xfec0
        || (first == 0x2001 && ip.segments()[1] == 0xdb8)
    {
        // Link-local, site-local, documentation.
        Reach::Forbidden
    } else {
        Reach::Public
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(raw: &str, rules: DestinationRules) -> Option<&'static str> {
        Destination::parse(raw, &rules).err().map(|e| e.0[0].rule)
    }

    #[test]
    fn public_addresses_in_ipv6_forms_are_accepted() {
        let rules = DestinationRules::default();
        assert!(rules.permits("2606:4700::1111".parse().unwrap()));
        assert!(rules.permits("64:ff9b::808:808".parse().unwrap()));
        assert!(rules.permits("103.4.145.2".parse().unwrap()));
    }

    #[test]
    fn public_https_urls_are_accepted() {
        let d = Destination::parse(
            "https://hooks.daraz.com.bd/ccms",
            &DestinationRules::default(),
        );
        assert_eq!(d.unwrap().as_str(), "https://hooks.daraz.com.bd/ccms");
    }

    #[test]
    fn plain_http_needs_the_deployment_to_allow_it() {
        let url = "http://hooks.example.com.bd/";
        assert_eq!(
            rule_of(url, DestinationRules::default()),
            Some("https_required")
        );
        let open = DestinationRules {
            allow_http: true,
            ..DestinationRules::default()
        };
        assert_eq!(rule_of(url, open), None);
    }

    #[test]
    fn private_loopback_link_local_and_metadata_literals_are_refused() {
        for url in [
            "https://127.0.0.1/",
            "https://localhost:8443/",
            "https://10.1.2.3/",
            "https://192.168.0.10/",
            "https://172.20.0.1/",
            "https://100.64.0.1/",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/",
            "https://[fd00:ec2::254]/",
            "https://[fe80::1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://0.0.0.0/",
            "https://[64:ff9b::a9fe:a9fe]/",
            "https://[64:ff9b:1::a00:1]/",
            "https://[2002:a9fe:a9fe::1]/",
            "https://[::10.0.0.1]/",
            "https://[fec0::1]/",
            "https://100.100.100.200/",
            "https://198.18.0.1/",
        ] {
            assert_eq!(
                rule_of(url, DestinationRules::default()),
                Some("private_address"),
                "{url}"
            );
        }
    }

    #[test]
    fn loopback_is_allowed_only_when_the_rules_say_so() {
        let tests = DestinationRules {
            allow_loopback: true,
            ..DestinationRules::default()
        };
        assert_eq!(rule_of("https://127.0.0.1:9000/", tests), None);
        assert_eq!(rule_of("https://10.0.0.1/", tests), Some("private_address"));
        assert_eq!(
            rule_of("https://169.254.169.254/", tests),
            Some("private_address")
        );
    }

    #[test]
    fn metadata_addresses_are_refused_even_where_private_ranges_are_allowed() {
        let all = DestinationRules {
            allow_http: true,
            allow_loopback: true,
            allow_private: true,
        };
        assert!(!all.permits("169.254.169.254".parse().unwrap()));
        assert!(!all.permits("fd00:ec2::254".parse().unwrap()));
        assert!(!all.permits("100.100.100.200".parse().unwrap()));
        assert!(!all.permits("64:ff9b::a9fe:a9fe".parse().unwrap()));
        assert!(all.permits("10.0.0.1".parse().unwrap()));
    }

    #[test]
    fn urls_with_credentials_or_other_schemes_are_refused() {
        let rules = DestinationRules::default();
        assert_eq!(
            rule_of("https://user:pw@example.com/", rules),
            Some("url_format")
        );
        assert_eq!(rule_of("ftp://example.com/", rules), Some("https_required"));
        assert_eq!(rule_of("not a url", rules), Some("url_format"));
    }
}
