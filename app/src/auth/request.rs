//! Pure reading of HTTP requests, shared by the request context (`crate::ctx`) and
//! its tests: the client's address behind proxies, and cookies.

/// The client's address: the TCP peer, or, behind `trusted_proxies` proxies of the
/// operator's own, the address the outermost of them saw.
///
/// Each proxy *appends* the address it was reached from to `X-Forwarded-For`, so
/// only the last `trusted_proxies` entries were written by proxies we trust; the
/// entry they added first (counting from the right) is the client. Anything to its
/// left came from the client itself and may be made up: taking the leftmost entry
/// would let anyone pick the address their tries are counted under.
pub fn client_address(
    headers: &http::HeaderMap,
    peer: Option<std::net::IpAddr>,
    trusted_proxies: usize,
) -> Option<String> {
    if trusted_proxies > 0 {
        // Several headers count as one list, in order.
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|list| list.split(','))
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .collect();
        if let Some(client) =
            entries.len().checked_sub(trusted_proxies).and_then(|i| entries.get(i))
        {
            return Some((*client).to_owned());
        }
    }
    peer.map(|ip| ip.to_string())
}

/// A cookie among `headers`, if present and not empty.
pub fn cookie_in(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr};

    use super::client_address;

    const PROXY: IpAddr = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2));

    fn forwarded(lists: &[&str]) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        for list in lists {
            headers.append("x-forwarded-for", list.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_entry_our_proxy_added_counts_not_the_one_the_client_wrote() {
        // The client sent "6.6.6.6" itself; our proxy appended the address it saw.
        let headers = forwarded(&["6.6.6.6, 203.0.113.7"]);
        assert_eq!(client_address(&headers, Some(PROXY), 1).as_deref(), Some("203.0.113.7"));
        // Two proxies of ours: the outer one saw the client, the inner one the outer.
        let headers = forwarded(&["6.6.6.6, 203.0.113.7", "10.0.0.1"]);
        assert_eq!(client_address(&headers, Some(PROXY), 2).as_deref(), Some("203.0.113.7"));
    }

    #[test]
    fn without_trusted_proxies_or_entries_the_peer_counts() {
        let headers = forwarded(&["6.6.6.6"]);
        assert_eq!(client_address(&headers, Some(PROXY), 0).as_deref(), Some("10.0.0.2"));
        assert_eq!(client_address(&headers, Some(PROXY), 2).as_deref(), Some("10.0.0.2"));
        assert_eq!(
            client_address(&http::HeaderMap::new(), Some(PROXY), 1).as_deref(),
            Some("10.0.0.2")
        );
    }
}
