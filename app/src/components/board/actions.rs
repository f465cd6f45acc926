//! The board's actions, made once per page and handed to every piece.

use leptos::prelude::*;

use crate::{
    board::api::{
        AcknowledgeFlag, AddNextStep, RateGuess, RemoveNextStep, SaveNote, SetPairDiscussed,
        SetSectionRevealed,
    },
    exercise::api::AdvanceExercise,
};

#[derive(Clone, Copy)]
pub struct BoardActions {
    pub reveal: ServerAction<SetSectionRevealed>,
    pub discussed: ServerAction<SetPairDiscussed>,
    pub rate: ServerAction<RateGuess>,
    pub note: ServerAction<SaveNote>,
    pub add_step: ServerAction<AddNextStep>,
    pub remove_step: ServerAction<RemoveNextStep>,
    pub acknowledge: ServerAction<AcknowledgeFlag>,
    pub advance: ServerAction<AdvanceExercise>,
}

impl BoardActions {
    pub fn new() -> Self {
        BoardActions {
            reveal: ServerAction::new(),
            discussed: ServerAction::new(),
            rate: ServerAction::new(),
            note: ServerAction::new(),
            add_step: ServerAction::new(),
            remove_step: ServerAction::new(),
            acknowledge: ServerAction::new(),
            advance: ServerAction::new(),
        }
    }

    /// Goes up whenever any of them has finished: the board fetches itself again.
    /// Saving a note does not count: refetching would redraw the textarea being
    /// typed in.
    pub fn version(&self) -> usize {
        self.reveal.version().get()
            + self.discussed.version().get()
            + self.rate.version().get()
            + self.add_step.version().get()
            + self.remove_step.version().get()
            + self.acknowledge.version().get()
            + self.advance.version().get()
    }

    /// The last error of any of them, for one message at the top.
    pub fn last_error(&self) -> Option<crate::error::AppError> {
        let error = |value: Option<Result<(), crate::error::AppError>>| value.and_then(Result::err);
        error(self.reveal.value().get())
            .or_else(|| error(self.discussed.value().get()))
            .or_else(|| error(self.rate.value().get()))
            .or_else(|| error(self.note.value().get()))
            .or_else(|| error(self.add_step.value().get()))
            .or_else(|| error(self.remove_step.value().get()))
            .or_else(|| error(self.acknowledge.value().get()))
            .or_else(|| error(self.advance.value().get()))
    }
}

impl Default for BoardActions {
    fn default() -> Self {
        Self::new()
    }
}
