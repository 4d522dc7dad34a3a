//! The network side of the destination rules: a subscription's host must resolve only to
//! addresses the deployment allows, when it is registered and again at every connection (a
//! name may be pointed elsewhere later), and redirects are not followed.

use std::net::SocketAddr;

use ccms_domain::delivery::{Destination, DestinationRules};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Resolves `host` and refuses it if any of its addresses is not allowed.
pub async fn check_resolved(
    destination: &Destination,
    rules: DestinationRules,
) -> Result<(), &'static str> {
    let Some(host) = destination.host() else {
        return Ok(());
    };
    let addresses = resolve(&host, rules).await?;
    if addresses.is_empty() {
        return Err("unresolvable_host");
    }
    Ok(())
}

async fn resolve(host: &str, rules: DestinationRules) -> Result<Vec<SocketAddr>, &'static str> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let found: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
        .await
        .map_err(|_| "unresolvable_host")?
        .collect();
    if found.iter().any(|a| !rules.permits(a.ip())) {
        return Err("private_address");
    }
    Ok(found)
}

/// reqwest's resolver for deliveries: a name resolving to a forbidden address fails.
pub struct GuardedResolver(pub DestinationRules);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let rules = self.0;
        Box::pin(async move {
            let found = resolve(name.as_str(), rules).await?;
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
        actix_web::rt::System::new().block_on(async {
            let closed = DestinationRules::default();
            assert_eq!(resolve("localhost", closed).await, Err("private_address"));
            let open = DestinationRules {
                allow_loopback: true,
                ..closed
            };
            assert!(
                resolve("localhost", open)
                    .await
                    .is_ok_and(|a| !a.is_empty())
            );
        });
    }
}
