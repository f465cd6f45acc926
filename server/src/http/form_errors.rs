//! Errors that come back in the address bar are the server's own words.
//!
//! Without JavaScript, a form posted to a server function that fails is sent back
//! to its page with the error in the query (`__path` and `__err`, Leptos's
//! progressive enhancement), and the page shows it beside the form as its own
//! message. Anyone can write such an address, so a link could make the sign-in page
//! say "your account is locked, call this number". The server therefore signs the
//! error it puts into a redirect (`__sig`: HMAC-SHA256 of path and error under a key
//! derived from the server's secret key), and a page asked for with an error that
//! is not signed is sent, once, to the same address without it.

use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use app::state::SecretKey;

const PATH: &str = "__path";
const ERROR: &str = "__err";
const SIGNATURE: &str = "__sig";

/// The key that signs form errors, derived from the server's secret key so that
/// several instances sharing one key accept each other's redirects.
#[derive(Clone)]
pub struct FormErrorKey([u8; 32]);

impl FormErrorKey {
    pub fn derive(secret: &SecretKey) -> Self {
        let mut mac = hmac(&secret.0);
        mac.update(b"parallel-form-error-key");
        FormErrorKey(mac.finalize().into_bytes().into())
    }

    fn mac_of(&self, path: &str, error: &str) -> Hmac<Sha256> {
        let mut mac = hmac(&self.0);
        mac.update(path.as_bytes());
        mac.update(b"\0");
        mac.update(error.as_bytes());
        mac
    }

    fn signature(&self, path: &str, error: &str) -> String {
        self.mac_of(path, error)
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Compared in constant time.
    fn is_signed(&self, path: &str, error: &str, signature: &str) -> bool {
        from_hex(signature)
            .is_some_and(|bytes| self.mac_of(path, error).verify_slice(&bytes).is_ok())
    }
}

fn hmac(key: &[u8]) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length")
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..32).map(|i| u8::from_str_radix(&text[i * 2..i * 2 + 2], 16).ok()).collect()
}

/// Adds the signature to a redirect that carries a form error back to its page,
/// and drops a stale one from a redirect that carries none.
pub async fn sign_form_errors(
    State(key): State<FormErrorKey>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    if !response.status().is_redirection() {
        return response;
    }
    let Some(location) = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok())
    else {
        return response;
    };
    if !location.contains(ERROR) && !location.contains(SIGNATURE) {
        return response;
    }
    let (address, fragment) = location.split_once('#').unwrap_or((location, ""));
    let (base, query) = address.split_once('?').unwrap_or((address, ""));
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .filter(|(name, _)| name != SIGNATURE)
        .collect();
    if let Some((path, error)) = error_in(&pairs) {
        let signature = key.signature(path, error);
        pairs.push((SIGNATURE.to_owned(), signature));
    }
    let mut signed = address_with(base, &pairs);
    if !fragment.is_empty() {
        signed = format!("{signed}#{fragment}");
    }
    if let Ok(value) = HeaderValue::from_str(&signed) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Sends a page request whose form error is not the server's own to the same page
/// without it (keeping any other part of the query).
pub async fn refuse_unsigned_form_errors(
    State(key): State<FormErrorKey>,
    request: Request,
    next: Next,
) -> Response {
    let reads = matches!(*request.method(), Method::GET | Method::HEAD);
    let query = request.uri().query().unwrap_or("");
    if !reads || !(query.contains(PATH) || query.contains(ERROR) || query.contains(SIGNATURE)) {
        return next.run(request).await;
    }
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let value = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, v)| v.as_str());
    let signed = match (value(PATH), value(ERROR), value(SIGNATURE)) {
        (Some(path), Some(error), Some(signature)) => key.is_signed(path, error, signature),
        (None, None, None) => true,
        _ => false,
    };
    if signed {
        return next.run(request).await;
    }
    tracing::warn!("refused a form error the server did not sign");
    let kept: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(name, _)| ![PATH, ERROR, SIGNATURE].contains(&name.as_str()))
        .collect();
    match HeaderValue::from_str(&address_with(request.uri().path(), &kept)) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "Bad address").into_response(),
    }
}

/// `base?name=value&…`, or `base` alone when there is nothing to add.
fn address_with(base: &str, pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return base.to_owned();
    }
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    format!("{base}?{query}")
}

/// The form error's path and text among a query's pairs, when it holds one.
fn error_in(pairs: &[(String, String)]) -> Option<(&str, &str)> {
    let value = |name: &str| pairs.iter().find(|(key, _)| key == name).map(|(_, v)| v.as_str());
    Some((value(PATH)?, value(ERROR)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_servers_own_signature_is_accepted() {
        let key = FormErrorKey::derive(&SecretKey([3; 32]));
        let signature = key.signature("/api/sign_in", "eyJ4Ijoy");
        assert!(key.is_signed("/api/sign_in", "eyJ4Ijoy", &signature));
        assert!(!key.is_signed("/api/sign_in", "eyJ4Ijoz", &signature), "another error");
        assert!(!key.is_signed("/api/sign_up", "eyJ4Ijoy", &signature), "another form");
        assert!(!key.is_signed("/api/sign_in", "eyJ4Ijoy", "00"), "a short signature");
        let other = FormErrorKey::derive(&SecretKey([4; 32]));
        assert!(!other.is_signed("/api/sign_in", "eyJ4Ijoy", &signature), "another server");
    }

    #[test]
    fn addresses_keep_their_other_parts() {
        let pairs = vec![("notice".to_owned(), "not saved".to_owned())];
        assert_eq!(address_with("/answers/2", &pairs), "/answers/2?notice=not+saved");
        assert_eq!(address_with("/families", &[]), "/families");
        assert_eq!(error_in(&pairs), None);
    }
}
