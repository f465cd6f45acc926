//! Every request gets a short random id: in its log span, in the `x-request-id`
//! response header, and in any error message a user might quote to support.

use axum::{
    extract::Request as AnyRequest,
    http::{HeaderValue, Request},
};
use tower_http::request_id::{MakeRequestId, RequestId};

#[derive(Clone, Copy, Default)]
pub struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _request: &Request<B>) -> Option<RequestId> {
        // 64 bits: unique enough to find log lines, short enough to read out.
        let id = format!("{:016x}", rand::random::<u64>());
        HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

/// Drops a request id the client sent, before one is set: the id in logs and in an
/// error a user quotes is always the server's own, so nobody can plant one that
/// points support at someone else's log lines.
pub async fn drop_client_request_id(mut request: AnyRequest) -> AnyRequest {
    request.headers_mut().remove("x-request-id");
    request
}
