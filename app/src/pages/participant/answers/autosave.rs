//! Autosave: each answer on a section page saves itself shortly after typing stops
//! and when the person leaves the field. Until the server has it, the text is also
//! kept in this browser (`localStorage`), so a reload, a closed tab or a lost
//! connection loses nothing. Failed saves are retried with back-off; a save the
//! server refuses (too long, answers closed) says why and waits for a change.
//!
//! What is kept in the browser is only what the server does not have yet, and not
//! for long, because phones are shared: a kept copy expires after 24 hours, and
//! Quick exit, an ended visit and a locked link remove every copy.
//!
//! Text typed (or a choice tapped) while the page was still loading is taken over
//! when the island starts, as if typed afterwards (`typed_before_hydration`).
//!
//! This is the state machine; `wiring` connects it to the page's controls.
//!
//! Without JavaScript none of this runs: the section is a plain form that saves on
//! Back and Next (see `answer::form_post`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    answer::{AnswerKey, AnswerValue, AskedItem, HeldBack},
    template::{PromptKind, Visibility},
};

/// Quiet time after the last keystroke before a save.
pub const TYPING_PAUSE_MS: u64 = 800;
/// The longest wait between retries.
pub const MAX_RETRY_MS: u64 = 30_000;

/// What the person sees next to an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing typed on this page yet.
    Idle,
    /// Changed, save coming.
    Unsaved,
    Saving,
    Saved,
    /// A save failed; another try is scheduled. The text says what is happening.
    Retrying(String),
    /// The server refused this answer as it is; the text says why.
    Refused(String),
}

/// What autosave says, in the page's language.
fn save_texts() -> &'static crate::i18n::keys::SaveTexts {
    crate::i18n::texts()
}

impl SaveStatus {
    pub fn label(&self) -> String {
        match self {
            SaveStatus::Idle => String::new(),
            SaveStatus::Unsaved => save_texts().not_saved_yet.to_owned(),
            SaveStatus::Saving => save_texts().saving.to_owned(),
            SaveStatus::Saved => save_texts().saved.to_owned(),
            SaveStatus::Retrying(text) | SaveStatus::Refused(text) => text.clone(),
        }
    }

    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            SaveStatus::Unsaved
                | SaveStatus::Saving
                | SaveStatus::Retrying(_)
                | SaveStatus::Refused(_)
        )
    }
}

/// What the answer form's island needs of one answer (its props): which answer,
/// what kind of controls hold it, and what the server has. The question's words are
/// in the page's HTML, not here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerState {
    pub key: AnswerKey,
    pub shape: AnswerShape,
    pub visibility: Visibility,
    /// The saved answer (`None`: nothing saved yet).
    pub answer: Option<AnswerValue>,
    pub version: i64,
    /// Sent without JavaScript and refused: shown as typed, with the reason.
    pub held: Option<HeldBack>,
}

/// Which controls hold an answer: what the island reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerShape {
    /// A text box (`text-<name>`) and its counter.
    Text { max_chars: u32 },
    /// Radios 0–10 (`score~<name>`).
    Scale,
    /// Radios (`choice~<name>`).
    Choice,
    /// Check boxes (`feeling~<name>`), and a text box (`words-<name>`) if asked.
    Feelings,
}

impl From<&AskedItem> for AnswerState {
    fn from(item: &AskedItem) -> Self {
        let shape = match item.kind {
            PromptKind::LongText { max_chars } => AnswerShape::Text { max_chars },
            PromptKind::Scale { .. } => AnswerShape::Scale,
            PromptKind::SingleChoice { .. } => AnswerShape::Choice,
            PromptKind::Feelings { .. } => AnswerShape::Feelings,
        };
        AnswerState {
            key: item.key.clone(),
            shape,
            visibility: item.visibility,
            answer: item.answer.clone().or_else(|| AnswerValue::empty_for(&item.kind)),
            version: item.version,
            held: item.held.clone(),
        }
    }
}

/// One answer on the page: what it holds now, what the server has, and its save state.
/// The signals drive what the island writes into the page (`wiring`).
#[derive(Clone, Copy)]
pub struct Field {
    pub key: StoredValue<AnswerKey>,
    pub shape: AnswerShape,
    pub value: RwSignal<Option<AnswerValue>>,
    pub visibility: RwSignal<Visibility>,
    /// The version the server last confirmed (what the next save is based on).
    pub version: RwSignal<i64>,
    pub status: RwSignal<SaveStatus>,
    /// Text another tab or device had saved, which this page's save replaced.
    pub replaced: RwSignal<Option<AnswerValue>>,
    /// Bumped when the value is set from outside the controls (a kept copy put
    /// back), so the controls are set to show it.
    pub restored: RwSignal<u32>,
    /// What the server has: (value, visibility).
    saved: StoredValue<(Option<AnswerValue>, Visibility)>,
    // Only the browser saves; the server renders the page once.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    in_flight: StoredValue<bool>,
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    attempts: StoredValue<u32>,
    #[cfg(feature = "hydrate")]
    timer: StoredValue<Option<leptos::prelude::TimeoutHandle>, LocalStorage>,
}

/// The page-wide part: the fields, this page load's writer id and the draft scope.
#[derive(Clone, Copy)]
pub struct Saver {
    pub fields: StoredValue<Vec<Field>>,
    pub writer: StoredValue<String>,
    pub draft_scope: StoredValue<String>,
    /// False once the server said the visit ended: nothing more is kept here.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    keep_drafts: StoredValue<bool>,
}

impl Saver {
    pub fn new(writer: String, draft_scope: String) -> Self {
        Saver {
            fields: StoredValue::new(Vec::new()),
            writer: StoredValue::new(writer),
            draft_scope: StoredValue::new(draft_scope),
            keep_drafts: StoredValue::new(true),
        }
    }

    /// A field for `answer`, registered with the page.
    pub fn field(&self, answer: AnswerState) -> Field {
        let AnswerState { key, shape, visibility, answer: saved, version, held } = answer;
        let (value, status) = match held {
            Some(held) => (Some(held.value), SaveStatus::Refused(held.message)),
            None => (saved.clone(), SaveStatus::Idle),
        };
        let field = Field {
            key: StoredValue::new(key),
            shape,
            value: RwSignal::new(value),
            visibility: RwSignal::new(visibility),
            version: RwSignal::new(version),
            status: RwSignal::new(status),
            replaced: RwSignal::new(None),
            restored: RwSignal::new(0),
            saved: StoredValue::new((saved, visibility)),
            in_flight: StoredValue::new(false),
            attempts: StoredValue::new(0),
            #[cfg(feature = "hydrate")]
            timer: StoredValue::new_local(None),
        };
        self.fields.update_value(|fields| fields.push(field));
        field
    }

    /// True while any answer on the page is not on the server yet.
    pub fn any_pending(&self) -> bool {
        self.fields.with_value(|fields| fields.iter().any(|f| f.is_dirty()))
    }

    /// The answer whose controls are named `…~<field_name>`.
    pub fn find(&self, field_name: &str) -> Option<Field> {
        self.fields.with_value(|fields| {
            fields.iter().copied().find(|f| f.key.with_value(|key| key.field_name() == field_name))
        })
    }
}

impl Field {
    fn is_dirty(&self) -> bool {
        let now = (self.value.get_untracked(), self.visibility.get_untracked());
        self.saved.with_value(|saved| *saved != now)
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{
    changed, flush_all, forget_all_drafts, forget_expired_drafts, leaving_at_once,
    quick_exit_started, show_first_unsaved, take_over,
};

/// How long a copy kept in the browser lasts.
pub const DRAFT_LIFETIME_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;
/// Every key this app writes to the browser's storage starts with this.
pub const STORAGE_PREFIX: &str = "parallel.";

#[cfg(feature = "hydrate")]
mod browser {
    use std::time::Duration;

    use super::save_texts;

    use leptos::{prelude::*, task::spawn_local};
    use serde::{Deserialize, Serialize};

    use super::{
        DRAFT_LIFETIME_MS, Field, MAX_RETRY_MS, STORAGE_PREFIX, SaveStatus, Saver, TYPING_PAUSE_MS,
    };
    use crate::{
        answer::{AnswerToSave, AnswerValue, api::save_answer},
        error::AppError,
        template::Visibility,
    };

    use super::super::controls::typed_before_hydration;

    /// What the browser keeps of an answer the server does not have yet.
    #[derive(Serialize, Deserialize)]
    struct Draft {
        value: Option<AnswerValue>,
        visibility: Visibility,
        base_version: i64,
        /// When it was kept (ms since 1970); a copy without it counts as expired.
        #[serde(default)]
        kept_at: f64,
    }

    fn draft_key(saver: Saver, field: Field) -> String {
        format!(
            "{STORAGE_PREFIX}draft.{}.{}",
            saver.draft_scope.get_value(),
            field.key.with_value(|key| key.field_name())
        )
    }

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn expired(draft: &Draft) -> bool {
        js_sys::Date::now() - draft.kept_at > DRAFT_LIFETIME_MS
    }

    /// This app's keys in the browser's storage.
    fn our_keys(storage: &web_sys::Storage) -> Vec<String> {
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(STORAGE_PREFIX))
            .collect()
    }

    thread_local! {
        static LEAVING_AT_ONCE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// Quick exit: everything kept here goes, and the page lets itself be left
    /// without asking "leave this page?" (someone may be watching).
    pub fn quick_exit_started() {
        LEAVING_AT_ONCE.with(|leaving| leaving.set(true));
        forget_all_drafts();
    }

    /// True once Quick exit was used on this page.
    pub fn leaving_at_once() -> bool {
        LEAVING_AT_ONCE.with(std::cell::Cell::get)
    }

    /// Removes every copy this app kept in the browser (Quick exit, an ended
    /// visit, a locked link): nothing typed stays on a shared phone.
    pub fn forget_all_drafts() {
        if let Some(storage) = storage() {
            for key in our_keys(&storage) {
                let _ = storage.remove_item(&key);
            }
        }
    }

    /// Removes copies older than a day, and any that no longer read back.
    pub fn forget_expired_drafts() {
        let Some(storage) = storage() else { return };
        for key in our_keys(&storage) {
            let draft = storage.get_item(&key).ok().flatten();
            let keep = draft
                .and_then(|json| serde_json::from_str::<Draft>(&json).ok())
                .is_some_and(|draft| !expired(&draft));
            if !keep {
                let _ = storage.remove_item(&key);
            }
        }
    }

    /// When the island has started: an answer set before it did (the controls no
    /// longer show what the server rendered) is saved at once; otherwise a copy this
    /// browser kept (from before a reload, a closed tab or a lost connection) is put
    /// back and saved. Read now, not when the field was made, so a keystroke in
    /// between is not undone.
    pub fn take_over(saver: Saver) {
        for field in saver.fields.get_value() {
            let typed = field.key.with_value(|key| typed_before_hydration(key, field.shape));
            if let Some(typed) = typed {
                if let Some(value) = typed.value {
                    field.value.set(Some(value));
                }
                if let Some(visibility) = typed.visibility {
                    field.visibility.set(visibility);
                }
                changed(saver, field, true);
            } else if field.is_dirty() {
                // Held back by the server (a refused form post): try it again.
                changed(saver, field, true);
            } else {
                restore_draft(saver, field);
            }
        }
    }

    fn keep_draft(saver: Saver, field: Field) {
        if !saver.keep_drafts.get_value() {
            return;
        }
        let draft = Draft {
            value: field.value.get_untracked(),
            visibility: field.visibility.get_untracked(),
            base_version: field.version.get_untracked(),
            kept_at: js_sys::Date::now(),
        };
        if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&draft)) {
            // A full or disabled storage only loses the backup, not the text on screen.
            let _ = storage.set_item(&draft_key(saver, field), &json);
        }
    }

    fn drop_draft(saver: Saver, field: Field) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&draft_key(saver, field));
        }
    }

    /// After the page takes over: text this browser kept but the server does not
    /// have (typed before a reload, a closed tab or a lost connection) is put back
    /// and saved. Based on the version it was typed on, so if the answer changed
    /// elsewhere meanwhile, the replaced text is shown, not lost.
    fn restore_draft(saver: Saver, field: Field) {
        let Some(json) =
            storage().and_then(|s| s.get_item(&draft_key(saver, field)).ok().flatten())
        else {
            return;
        };
        let Ok(draft) = serde_json::from_str::<Draft>(&json) else {
            drop_draft(saver, field);
            return;
        };
        if expired(&draft) {
            drop_draft(saver, field);
            return;
        }
        let same = draft.value == field.value.get_untracked()
            && draft.visibility == field.visibility.get_untracked();
        if same {
            drop_draft(saver, field);
            return;
        }
        field.value.set(draft.value);
        field.visibility.set(draft.visibility);
        field.version.set(draft.base_version.min(field.version.get_untracked()));
        field.restored.update(|n| *n += 1);
        changed(saver, field, true);
    }

    /// Called on every change: keep a copy, then save after a pause (or now).
    pub fn changed(saver: Saver, field: Field, immediately: bool) {
        if !field.is_dirty() {
            drop_draft(saver, field);
            if !field.in_flight.get_value() {
                field.status.set(SaveStatus::Saved);
            }
            return;
        }
        keep_draft(saver, field);
        if !matches!(field.status.get_untracked(), SaveStatus::Retrying(_)) {
            field.status.set(SaveStatus::Unsaved);
        }
        field.attempts.set_value(0);
        schedule(saver, field, if immediately { 0 } else { TYPING_PAUSE_MS });
    }

    fn schedule(saver: Saver, field: Field, delay_ms: u64) {
        if let Some(handle) = field.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                spawn_local(async move {
                    save_now(saver, field).await;
                })
            },
            Duration::from_millis(delay_ms),
        )
        .ok();
        field.timer.set_value(handle);
    }

    /// Sends the field if it has changes; true once the server has what is on screen.
    async fn save_now(saver: Saver, field: Field) -> bool {
        if field.in_flight.get_value() {
            return false;
        }
        if !field.is_dirty() {
            return true;
        }
        let value = field.value.get_untracked();
        let visibility = field.visibility.get_untracked();
        let Some(sent_value) = value.clone() else { return true };
        field.in_flight.set_value(true);
        field.status.set(SaveStatus::Saving);
        let result = save_answer(AnswerToSave {
            key: field.key.get_value(),
            value: sent_value,
            visibility,
            base_version: field.version.get_untracked(),
            writer: saver.writer.get_value(),
        })
        .await;
        field.in_flight.set_value(false);
        match result {
            Ok(saved) => {
                saver.keep_drafts.set_value(true);
                field.version.set(saved.version);
                field.saved.set_value((value, visibility));
                field.attempts.set_value(0);
                if saved.replaced.is_some() {
                    field.replaced.set(saved.replaced);
                }
                if field.is_dirty() {
                    // Typed on while this save was on its way.
                    keep_draft(saver, field);
                    field.status.set(SaveStatus::Unsaved);
                    schedule(saver, field, TYPING_PAUSE_MS);
                    false
                } else {
                    drop_draft(saver, field);
                    field.status.set(SaveStatus::Saved);
                    true
                }
            }
            Err(AppError::Invalid(message)) => {
                field.status.set(SaveStatus::Refused(message));
                false
            }
            Err(AppError::BadRequest | AppError::Forbidden | AppError::NotFound) => {
                field.status.set(SaveStatus::Refused(save_texts().cannot_save.to_owned()));
                false
            }
            Err(AppError::Unauthenticated) => {
                // A visit that ended leaves nothing behind on the phone; the text
                // stays on screen, and is saved if the visit is opened again.
                saver.keep_drafts.set_value(false);
                forget_all_drafts();
                field.status.set(SaveStatus::Retrying(save_texts().visit_ended.to_owned()));
                schedule(saver, field, MAX_RETRY_MS);
                false
            }
            Err(_) => {
                let attempts = field.attempts.get_value() + 1;
                field.attempts.set_value(attempts);
                field.status.set(SaveStatus::Retrying(save_texts().retrying.to_owned()));
                schedule(saver, field, retry_delay_ms(attempts));
                false
            }
        }
    }

    /// Brings the first answer that is not saved into view and puts the cursor in
    /// it, so the person sees the message next to it (after Next or Save failed).
    pub fn show_first_unsaved(saver: Saver) {
        use wasm_bindgen::JsCast;
        let Some(field) = saver.fields.get_value().into_iter().find(Field::is_dirty) else {
            return;
        };
        let id = format!("q-{}", field.key.with_value(|key| key.field_name()));
        let Some(answer) = document().get_element_by_id(&id) else { return };
        answer.scroll_into_view();
        if let Some(input) = answer
            .query_selector("textarea, input:not([type=hidden])")
            .ok()
            .flatten()
            .and_then(|input| input.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.focus();
        }
    }

    /// 1 s, 2 s, 4 s … up to 30 s.
    fn retry_delay_ms(attempts: u32) -> u64 {
        1000u64.saturating_mul(1 << attempts.saturating_sub(1).min(5)).min(MAX_RETRY_MS)
    }

    /// Saves everything now (before leaving the page); true when all of it is on
    /// the server.
    pub async fn flush_all(saver: Saver) -> bool {
        let fields = saver.fields.get_value();
        let mut all_saved = true;
        for field in fields {
            if let Some(handle) = field.timer.try_update_value(Option::take).flatten() {
                handle.clear();
            }
            // Wait for a save already on its way (bounded: 10 s).
            for _ in 0..100 {
                if !field.in_flight.get_value() {
                    break;
                }
                sleep_ms(100).await;
            }
            if !save_now(saver, field).await && field.is_dirty() {
                all_saved = false;
            }
        }
        all_saved
    }

    async fn sleep_ms(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
