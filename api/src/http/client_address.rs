//! Who is calling, by network address, for the per-address rate limits. Behind a reverse proxy
//! every request comes from the proxy, so a deployment names its proxies
//! (`CCMS_TRUSTED_PROXIES`). Only when the TCP peer is one of them are `Forwarded` (RFC 7239) or
//! `X-Forwarded-For` read, from the right, skipping the trusted hops: the first address that is
//! not a trusted proxy is the caller. A caller can put anything in those headers, so they are
//! never read from anyone else.

use std::net::IpAddr;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, HttpRequest, web};
use ipnet::IpNet;

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Addresses (`10.0.0.5`) or networks (`10.0.0.0/8`); the first entry that is neither is
    /// returned as the error.
    pub fn parse(entries: &[String]) -> Result<TrustedProxies, String> {
        entries
            .iter()
            .map(|entry| {
                let entry = entry.trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| entry.to_owned())
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The caller behind `peer`, given the hops the request says it came through (nearest last).
    pub fn client(&self, peer: IpAddr, hops: &[Option<IpAddr>]) -> IpAddr {
        let mut nearest = peer;
        if !self.trusts(peer) {
            return peer;
        }
        for hop in hops.iter().rev() {
            match hop {
                Some(address) if self.trusts(*address) => nearest = *address,
                Some(address) => return *address,
                // An obfuscated or unreadable hop: stop at the last proxy we believe.
                None => return nearest,
            }
        }
        nearest
    }
}

/// The hops a request names: `Forwarded`'s `for=` if present, else `X-Forwarded-For`.
fn hops(request: &HttpRequest) -> Vec<Option<IpAddr>> {
    let headers = request.headers();
    let joined = |name: &str| -> Option<String> {
        let values: Vec<&str> = headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    if let Some(forwarded) = joined("forwarded") {
        return forwarded
            .split(',')
            .map(|element| {
                element
                    .split(';')
                    .find_map(|pair| {
                        let (key, value) = pair.trim().split_once('=')?;
                        key.eq_ignore_ascii_case("for").then_some(value)
                    })
                    .and_then(node)
            })
            .collect();
    }
    joined("x-forwarded-for")
        .map(|list| list.split(',').map(node).collect())
        .unwrap_or_default()
}

/// One node: `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"`, `2001:db8::1`.
fn node(raw: &str) -> Option<IpAddr> {
    let raw = raw.trim().trim_matches('"');
    if let Ok(address) = raw.parse() {
        return Some(address);
    }
    if let Some(rest) = raw.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    raw.rsplit_once(':')?.0.parse().ok()
}

/// The caller's address, worked out once per request by `find_client_address`.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddress(pub IpAddr);

/// Middleware: stores the caller's address for the rate limits.
pub async fn find_client_address(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if let Some(peer) = req.peer_addr().map(|a| a.ip()) {
        let trusted = req.app_data::<web::Data<TrustedProxies>>().cloned();
        let address = match trusted {
            Some(trusted) => trusted.client(peer, &hops(req.request())),
            None => peer,
        };
        req.extensions_mut().insert(ClientAddress(address));
    }
    next.call(req).await
}

/// The caller's address as `find_client_address` found it.
pub fn client_address(request: &HttpRequest) -> String {
    request
        .extensions()
        .get::<ClientAddress>()
        .map(|a| a.0)
        .or_else(|| request.peer_addr().map(|a| a.ip()))
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(raw: &str) -> IpAddr {
        raw.parse().unwrap()
    }

    fn proxies() -> TrustedProxies {
        TrustedProxies::parse(&["10.0.0.0/8".into(), "192.0.2.7".into()]).unwrap()
    }

    #[test]
    fn forwarding_headers_are_ignored_unless_the_peer_is_a_trusted_proxy() {
        let claimed = [Some(ip("203.0.113.9"))];
        assert_eq!(
            proxies().client(ip("198.51.100.1"), &claimed),
            ip("198.51.100.1")
        );
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &claimed),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn the_nearest_address_that_is_not_a_proxy_is_the_caller() {
        // The caller forged a first hop; the proxies appended what they saw.
        let hops = [
            Some(ip("1.2.3.4")),
            Some(ip("203.0.113.9")),
            Some(ip("10.1.1.1")),
        ];
        assert_eq!(proxies().client(ip("192.0.2.7"), &hops), ip("203.0.113.9"));
        assert_eq!(proxies().client(ip("10.0.0.2"), &[]), ip("10.0.0.2"));
        assert_eq!(proxies().client(ip("10.0.0.2"), &[None]), ip("10.0.0.2"));
    }

    #[test]
    fn nodes_are_read_in_every_form_the_headers_use() {
        assert_eq!(node("192.0.2.60"), Some(ip("192.0.2.60")));
        assert_eq!(node("192.0.2.60:4711"), Some(ip("192.0.2.60")));
        assert_eq!(node("\"[2001:db8::1]:4711\""), Some(ip("2001:db8::1")));
        assert_eq!(node(" 2001:db8::1"), Some(ip("2001:db8::1")));
        assert_eq!(node("unknown"), None);
        assert_eq!(node("_hidden"), None);
        assert!(TrustedProxies::parse(&["not-an-address".into()]).is_err());
    }
}
