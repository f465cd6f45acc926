//! Live updates: pages that show state others change (the therapist's dashboard and
//! board, a participant's revealed board) are told when it changed.
//!
//! A change says only *which exercise* changed and *what kind of thing*; it never
//! carries anyone's words. Each signed-in browser holds one server-sent-events
//! stream (`GET /live`, `stream.rs`) that forwards only the changes its holder may
//! know about: a therapist hears about their own families' exercises; a participant
//! hears only about reveals in their own exercise (never about another person's
//! progress), and their stream then carries the board as *they* may see it.
//!
//! Within one process changes go through the in-process `hub`; with PostgreSQL they
//! go through `NOTIFY` so that every instance behind a load balancer hears them
//! (the server's `live` module listens and feeds its hub).

#[cfg(feature = "ssr")]
pub mod admission;
#[cfg(feature = "hydrate")]
mod client;
#[cfg(feature = "ssr")]
pub mod hub;
#[cfg(feature = "ssr")]
pub mod stream;

use serde::{Deserialize, Serialize};

/// The path of the event stream.
pub const PATH: &str = "/live";

/// What changed in an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Someone started, finished or reopened their answers (therapist only).
    Progress,
    /// A check-in flag was raised or acknowledged (therapist only).
    Flags,
    /// Discussed marks or closeness ratings (therapist only).
    Discussion,
    /// Something participants see on their board: a section revealed or hidden, the
    /// session started or ended, next steps.
    Board,
    /// Changes may have been missed (the database connection dropped): every page
    /// should fetch its state again.
    Resync,
}

impl ChangeKind {
    /// Whether participants' streams hear this kind. Only the therapist's own
    /// actions on the board: a participant must never learn when another saved,
    /// finished or raised a flag.
    pub fn reaches_participants(self) -> bool {
        matches!(self, ChangeKind::Board | ChangeKind::Resync)
    }
}

/// One change. `exercise_id` is empty for `Resync`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub exercise_id: String,
    pub kind: ChangeKind,
}

impl Change {
    pub fn new(exercise_id: &str, kind: ChangeKind) -> Self {
        Change { exercise_id: exercise_id.to_owned(), kind }
    }

    pub fn resync() -> Self {
        Change { exercise_id: String::new(), kind: ChangeKind::Resync }
    }

    /// Whether a page showing `exercise_id` should fetch again.
    pub fn concerns(&self, exercise_id: &str) -> bool {
        self.kind == ChangeKind::Resync || self.exercise_id == exercise_id
    }
}

/// Names of the events on the stream.
pub mod event {
    /// To therapists: a `Change` as JSON. Sent once on connecting as a `Resync`.
    pub const CHANGE: &str = "change";
    /// To participants: their board as JSON (`board::Board`), on connecting and
    /// after every change they may know about.
    pub const BOARD: &str = "board";
    /// The session ended (signed out, timed out, invitation revoked).
    pub const ENDED: &str = "ended";
}

#[cfg(feature = "hydrate")]
pub use client::listen;

/// On the server there is nothing to listen to: pages render the current state.
#[cfg(not(feature = "hydrate"))]
pub fn listen(_on_event: impl Fn(&str, String) + 'static) {}
