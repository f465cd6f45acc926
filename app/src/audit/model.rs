//! What the audit server function answers with.

use super::AuditEvent;
use serde::{Deserialize, Serialize};

/// Entries per page of the activity list.
#[cfg(feature = "ssr")]
pub(crate) const PAGE_SIZE: u32 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub event: AuditEvent,
    pub client_ip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub page: u32,
    pub entries: Vec<AuditEntry>,
    pub has_more: bool,
}
