//! Last exercise's next steps on the board, each followed up from both sides: how
//! it has gone, in the words of the one who agreed it, next to whether the one it
//! was for has noticed a change.

use leptos::prelude::*;

use super::parts::{Mode, Side};
use crate::{
    board::FollowUp,
    i18n::{fill, keys::BoardTexts, texts},
};

#[component]
pub fn FollowUpView(follow_up: FollowUp, mode: Mode) -> impl IntoView {
    let FollowUp { step, how, noticed } = follow_up;
    let therapists_own = mode.is_therapists_own();
    // As with pairs: outside the therapist's own views, only sides someone shared,
    // with no gap that would show who kept an answer back.
    let how_side = therapists_own || !how.is_empty();
    let noticed_side = step.for_name.is_some() && (therapists_own || !noticed.is_empty());
    let t = texts::<BoardTexts>();
    let (who, what) = (step.who_name.as_str(), step.what.as_str());
    let agreed = match &step.by_when {
        Some(date) => fill(t.agreed_by, &[("name", who), ("step", what), ("date", date)]),
        None => fill(t.agreed, &[("name", who), ("step", what)]),
    };
    let noticed_heading = step
        .for_name
        .as_ref()
        .map(|name| fill(t.noticed_change, &[("name", name)]))
        .unwrap_or_default();
    view! {
        <div class="pair follow-up" data-step=step.id.clone()>
            <h3 class="follow-up__step">{agreed}</h3>
            <div class="pair__sides" class:pair__sides--single=!(how_side && noticed_side)>
                {how_side
                    .then(|| {
                        view! {
                            <Side
                                heading=fill(t.how_it_has_gone, &[("name", who)])
                                question=None
                                answers=how
                                matches=Vec::new()
                            />
                        }
                    })}
                {noticed_side
                    .then(|| {
                        view! {
                            <Side
                                heading=noticed_heading
                                question=None
                                answers=noticed
                                matches=Vec::new()
                            />
                        }
                    })}
            </div>
        </div>
    }
}
