//! How many live streams may be open at once: per instance, and per signed-in
//! session, so one person's many tabs (or a script holding streams open with one
//! session) cannot take the places everyone else needs.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Open live streams one instance accepts at once. Each costs about 100 KiB (the
/// fan-out bench: 500 streams added about 50 MiB); past this, new ones are told to
/// come back later (503), so very many open streams cannot exhaust the server.
pub const MAX_STREAMS: usize = 2000;

/// Open streams one session may hold on one instance: a therapist with the
/// dashboard, the board and the presenter view open in a few tabs stays well under.
pub const MAX_STREAMS_PER_SESSION: usize = 12;

#[derive(Clone, Debug)]
pub struct Admission {
    total: Arc<Semaphore>,
    per_session: Arc<Mutex<HashMap<String, usize>>>,
    per_session_limit: usize,
}

/// Why a stream was not admitted.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    InstanceFull,
    SessionFull,
}

/// One open stream's place, given back when it is dropped (the stream ended).
#[derive(Debug)]
pub struct Admitted {
    _place: OwnedSemaphorePermit,
    per_session: Arc<Mutex<HashMap<String, usize>>>,
    session: String,
}

impl Admission {
    pub fn new(total: usize, per_session: usize) -> Self {
        Admission {
            total: Arc::new(Semaphore::new(total)),
            per_session: Arc::default(),
            per_session_limit: per_session,
        }
    }

    /// A place for one more stream of `session` (its token: only ever kept in
    /// memory, as the session store's own lookups do).
    pub fn admit(&self, session: &str) -> Result<Admitted, Refused> {
        let mut counts = self.per_session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = counts.get(session).copied().unwrap_or(0);
        if count >= self.per_session_limit {
            return Err(Refused::SessionFull);
        }
        let place = self.total.clone().try_acquire_owned().map_err(|_| Refused::InstanceFull)?;
        counts.insert(session.to_owned(), count + 1);
        Ok(Admitted {
            _place: place,
            per_session: self.per_session.clone(),
            session: session.to_owned(),
        })
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut counts = self.per_session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = counts.get_mut(&self.session) {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.session);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Admission, Refused};

    #[test]
    fn streams_past_the_instance_limit_are_refused_until_one_closes() {
        let admission = Admission::new(2, 10);
        let first = admission.admit("a");
        let second = admission.admit("b");
        assert!(first.is_ok() && second.is_ok());
        assert_eq!(admission.admit("c").unwrap_err(), Refused::InstanceFull);
        drop(first);
        assert!(admission.admit("c").is_ok());
    }

    #[test]
    fn one_session_cannot_take_more_than_its_share() {
        let admission = Admission::new(10, 2);
        let first = admission.admit("a").unwrap();
        let _second = admission.admit("a").unwrap();
        assert_eq!(admission.admit("a").unwrap_err(), Refused::SessionFull);
        // Others are unaffected, and the session gets its place back when one ends.
        assert!(admission.admit("b").is_ok());
        drop(first);
        assert!(admission.admit("a").is_ok());
        // Places are given back fully: nothing is left counted for a closed session.
        assert!(admission.per_session.lock().unwrap().get("b").is_none());
    }
}
