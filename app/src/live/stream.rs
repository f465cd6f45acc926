//! `GET /live`: one server-sent-events stream per signed-in browser, carrying only
//! what its holder may know (server only). See the module's documentation.

use std::{collections::HashMap, convert::Infallible, time::Duration};

use axum::{
    http::StatusCode,
    response::{
        IntoResponse, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use tokio::sync::{broadcast, watch};

use super::{
    Change, ChangeKind,
    admission::{Admitted, Refused},
    event,
    hub::Delivered,
};
use crate::{
    auth::policy::{self, LiveViewer, ParticipantSeat, SignedIn},
    board::view::participant_board_json,
    ctx::Ctx,
    error::AppError,
    ids::TherapistId,
    state::AppState,
};

/// Comments sent while nothing happens, so proxies keep the connection open and a
/// dead connection is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(20);
/// How often a quiet stream checks that its visit is still live (idle timeout,
/// absolute timeout, the link's expiry): a board left open on a phone ends with
/// the visit, even when nothing is revealed. At most a minute, and a quarter of
/// the idle timeout when that is shorter.
fn liveness_check(idle_timeout: Duration) -> Duration {
    (idle_timeout / 4).clamp(Duration::from_millis(250), Duration::from_secs(60))
}

pub async fn live_stream(ctx: Ctx) -> Response {
    let viewer = match policy::live_viewer(&ctx).await {
        Ok(LiveViewer::Therapist(therapist)) => {
            Viewer::Therapist { therapist, owned: Ownership::default() }
        }
        Ok(LiveViewer::Participant(seat)) => Viewer::Participant(seat),
        // Already logged; the page works on without live updates.
        Err(AppError::Internal { .. }) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        Err(error) => return status(error.status_code()),
    };
    let state = ctx.state().clone();
    // A participant's streams count per invitation, not per session: a child's link
    // opens on any number of devices, each with its own session.
    let admission_key = match &viewer {
        Viewer::Therapist { therapist, .. } => therapist.token.clone(),
        Viewer::Participant(seat) => format!("invitation:{}", seat.invitation_id()),
    };
    let admitted = match state.live.admit_stream(&admission_key) {
        Ok(admitted) => admitted,
        // The page still works, without live updates until it is reloaded (an
        // EventSource does not retry after an error status).
        Err(Refused::InstanceFull) => {
            return (StatusCode::SERVICE_UNAVAILABLE, [("retry-after", "30")]).into_response();
        }
        Err(Refused::SessionFull) => return StatusCode::TOO_MANY_REQUESTS.into_response(),
    };
    let every = liveness_check(state.settings.sessions.idle);
    let listener = Listener {
        liveness: tokio::time::interval_at(tokio::time::Instant::now() + every, every),
        changes: state.live.subscribe(),
        closing: state.live.closing(),
        state,
        viewer,
        phase: Phase::Greeting,
        _admitted: admitted,
    };
    let events = futures::stream::unfold(listener, |mut listener| async move {
        let event = listener.next_event().await?;
        Some((Ok::<_, Infallible>(event), listener))
    });
    // Buffering proxies (nginx) would hold events back without this header.
    (
        [("x-accel-buffering", "no")],
        Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE)),
    )
        .into_response()
}

enum Viewer {
    Therapist { therapist: SignedIn<TherapistId>, owned: Ownership },
    Participant(ParticipantSeat),
}

enum Phase {
    Greeting,
    Listening,
    Ended,
}

struct Listener {
    state: AppState,
    viewer: Viewer,
    changes: broadcast::Receiver<Delivered>,
    closing: watch::Receiver<bool>,
    phase: Phase,
    liveness: tokio::time::Interval,
    /// This stream's place among the instance's open streams, given back when it ends.
    _admitted: Admitted,
}

impl Listener {
    /// The next event for this viewer, or `None` to end the stream.
    async fn next_event(&mut self) -> Option<Event> {
        let mut pending = match self.phase {
            Phase::Ended => return None,
            Phase::Greeting => {
                self.phase = Phase::Listening;
                // The first event brings the page up to date (also after a reconnect).
                Some(Delivered { sequence: 0, change: Change::resync() })
            }
            Phase::Listening => None,
        };
        loop {
            let change = match pending.take() {
                Some(change) => change,
                None => {
                    let received = tokio::select! {
                        _ = self.closing.wait_for(|closing| *closing) => return None,
                        _ = self.liveness.tick() => None,
                        received = self.changes.recv() => Some(received),
                    };
                    match received {
                        None if self.visit_ended().await => {
                            self.phase = Phase::Ended;
                            return Some(Event::default().event(event::ENDED).data("{}"));
                        }
                        None => continue,
                        Some(Ok(delivered)) => delivered,
                        // Fell behind: fetching everything again covers what was missed.
                        Some(Err(broadcast::error::RecvError::Lagged(_))) => {
                            Delivered { sequence: 0, change: Change::resync() }
                        }
                        Some(Err(broadcast::error::RecvError::Closed)) => return None,
                    }
                }
            };
            match self.event_for(&change.change, change.sequence).await {
                Some(Ok(event)) => return Some(event),
                Some(Err(Ended)) => {
                    self.phase = Phase::Ended;
                    return Some(Event::default().event(event::ENDED).data("{}"));
                }
                None => continue,
            }
        }
    }

    /// True once the viewer's visit has ended (a passing database fault is not an
    /// end). Does not count as activity.
    async fn visit_ended(&self) -> bool {
        let state = &self.state;
        match &self.viewer {
            Viewer::Therapist { therapist, .. } => {
                matches!(policy::still_signed_in(state, therapist).await, Ok(false))
            }
            Viewer::Participant(seat) => matches!(
                policy::seat_still_held(state, seat).await,
                Err(AppError::Unauthenticated | AppError::Forbidden)
            ),
        }
    }

    /// What this viewer is sent about `change`: nothing (`None`), an event, or the
    /// end of their session.
    /// `sequence` 0 means "not shared" (a greeting, or after falling behind).
    async fn event_for(&mut self, change: &Change, sequence: u64) -> Option<Result<Event, Ended>> {
        let state = &self.state;
        match &mut self.viewer {
            Viewer::Therapist { therapist, owned } => {
                // Whose exercise first, from what this stream already learned: on a
                // busy instance most changes are other therapists', and those cost
                // this stream no database work at all.
                let mine = match owned.knows(change) {
                    Some(mine) => mine,
                    None => {
                        // A passing fault counts as "not theirs" for this change only.
                        let Ok(mine) =
                            policy::therapist_owns(state, therapist, &change.exercise_id).await
                        else {
                            return None;
                        };
                        owned.remember(&change.exercise_id, mine);
                        mine
                    }
                };
                if !mine {
                    return None;
                }
                match policy::still_signed_in(state, therapist).await {
                    Ok(true) => {}
                    Ok(false) => return Some(Err(Ended)),
                    // A passing database fault is not the end of a session: skip this
                    // change; the next one (or the resync after the fault) catches up.
                    Err(_) => return None,
                }
                let json = serde_json::to_string(change).ok()?;
                Some(Ok(Event::default().event(event::CHANGE).data(json)))
            }
            Viewer::Participant(seat) => {
                if !change.kind.reaches_participants() || !change.concerns(seat.exercise_id()) {
                    return None;
                }
                // Checked again on every change: a revoked link or an ended visit
                // gets nothing more. Listening is not activity.
                let current = match policy::seat_still_held(state, seat).await {
                    Ok(current) => current,
                    Err(AppError::Unauthenticated | AppError::Forbidden) => {
                        return Some(Err(Ended));
                    }
                    // A passing fault must not tell someone their visit ended.
                    Err(_) => return None,
                };
                let make = || participant_board_json(&state.db, &current);
                // Every device of one participant in this exercise gets the same board:
                // built once. Keyed by invitation (one person, one exercise), so a person
                // in two exercises never gets one exercise's board on the other's page.
                let json = if sequence == 0 {
                    make().await
                } else {
                    state.live.shared_event(sequence, current.invitation_id(), make).await
                };
                Some(Ok(Event::default().event(event::BOARD).data(json?.as_ref())))
            }
        }
    }
}

struct Ended;

/// Which exercises are a therapist's, as one stream has learned them (families
/// never change hands, so an answer stays true). Bounded: a stream left open for
/// days on a busy instance sees many exercises; past the bound it starts again.
#[derive(Default)]
struct Ownership {
    known: HashMap<String, bool>,
}

const MAX_KNOWN_EXERCISES: usize = 1024;

impl Ownership {
    /// Whether `change` is for this therapist, if that is known without asking the
    /// database. A resync is for everyone.
    fn knows(&self, change: &Change) -> Option<bool> {
        if change.kind == ChangeKind::Resync {
            return Some(true);
        }
        self.known.get(&change.exercise_id).copied()
    }

    fn remember(&mut self, exercise_id: &str, mine: bool) {
        if self.known.len() >= MAX_KNOWN_EXERCISES {
            self.known.clear();
        }
        self.known.insert(exercise_id.to_owned(), mine);
    }
}

fn status(code: u16) -> Response {
    StatusCode::from_u16(code).unwrap_or(StatusCode::UNAUTHORIZED).into_response()
}

#[cfg(test)]
mod tests {
    use super::{Change, ChangeKind, MAX_KNOWN_EXERCISES, Ownership};

    #[test]
    fn a_known_exercise_needs_no_database_and_the_memory_stays_bounded() {
        let mut owned = Ownership::default();
        let theirs = Change::new("someone-elses", ChangeKind::Progress);
        assert_eq!(owned.knows(&theirs), None, "unknown until asked once");
        owned.remember("someone-elses", false);
        assert_eq!(owned.knows(&theirs), Some(false));
        owned.remember("mine", true);
        assert_eq!(owned.knows(&Change::new("mine", ChangeKind::Progress)), Some(true));
        assert_eq!(owned.knows(&Change::resync()), Some(true), "a resync is everyone's");
        for n in 0..MAX_KNOWN_EXERCISES * 2 {
            owned.remember(&format!("exercise-{n}"), false);
            assert!(owned.known.len() <= MAX_KNOWN_EXERCISES);
        }
    }
}
