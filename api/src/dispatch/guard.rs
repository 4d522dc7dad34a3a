//! The network side of the destination rules: a subscription's host must resolve only to
//! addresses the deployment allows, when it is registered and again at every connection (a
//! name may be pointed elsewhere later), and redirects are not followed.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use ccms_domain::delivery::{Destination, DestinationRules};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Where host names are looked up: the system's resolver in service, or a fixed table, so
/// that tests never depend on how the machine they run on resolves names.
#[derive(Debug, Clone, Default)]
pub enum Names {
    #[default]
    System,
    /// Only these names resolve, to these addresses.
    Table(Arc<HashMap<String, Vec<IpAddr>>>),
}

impl Names {
    pub fn table<'a>(entries: impl IntoIterator<Item = (&'a str, IpAddr)>) -> Names {
        let mut table: HashMap<String, Vec<IpAddr>> = HashMap::new();
        for (name, address) in entries {
            table.entry(name.to_owned()).or_default().push(address);
        }
        Names::Table(Arc::new(table))
    }

    async fn lookup(&self, host: &str) -> Option<Vec<SocketAddr>> {
        match self {
            Names::System => Some(tokio::net::lookup_host((host, 0)).await.ok()?.collect()),
            Names::Table(table) => {
                let found = match host.parse::<IpAddr>() {
                    Ok(literal) => vec![literal],
                    Err(_) => table.get(&host.to_ascii_lowercase())?.clone(),
                };
                Some(found.into_iter().map(|ip| SocketAddr::new(ip, 0)).collect())
            }
        }
    }
}

/// Resolves `host` and refuses it if any of its addresses is not allowed.
pub async fn check_resolved(
    destination: &Destination,
    rules: DestinationRules,
    names: &Names,
) -> Result<(), &'static str> {
    let Some(host) = destination.host() else {
        return Ok(());
    };
    let addresses = resolve(&host, rules, names).await?;
    if addresses.is_empty() {
        return Err("unresolvable_host");
    }
    Ok(())
}

async fn resolve(
    host: &str,
    rules: DestinationRules,
    names: &Names,
) -> Result<Vec<SocketAddr>, &'static str> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let found = names.lookup(host).await.ok_or("unresolvable_host")?;
    if found.iter().any(|a| !rules.permits(a.ip())) {
        return Err("private_address");
    }
    Ok(found)
}

/// reqwest's resolver for deliveries: a name resolving to a forbidden address fails.
pub struct GuardedResolver(pub DestinationRules, pub Names);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let (rules, names) = (self.0, self.1.clone());
        Box::pin(async move {
            let found = resolve(name.as_str(), rules, &names).await?;
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_resolving_to_loopback_is_refused_unless_allowed() {
        let names = Names::table([("hooks.shop.test", IpAddr::from([127, 0, 0, 1]))]);
        actix_web::rt::System::new().block_on(async {
            let closed = DestinationRules::default();
            let refused = resolve("hooks.shop.test", closed, &names).await;
            assert_eq!(refused, Err("private_address"));
            let open = DestinationRules {
                allow_loopback: true,
                ..closed
            };
            let allowed = resolve("hooks.shop.test", open, &names).await;
            assert!(allowed.is_ok_and(|a| !a.is_empty()));
            let unknown = resolve("elsewhere.test", open, &names).await;
            assert_eq!(unknown, Err("unresolvable_host"));
        });
    }
}
