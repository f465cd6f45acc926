//! A template as the app uses it, after the file was checked (see `file.rs`).
//! Shared by server and browser: pages render prompts from these types.

use serde::{Deserialize, Serialize};

use crate::{
    family::{AgeBand, Role},
    i18n::Language,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Stable identifier across versions, e.g. `impact-hurt-amends`.
    pub key: String,
    pub version: u32,
    /// The language of this template's texts (a template file may hold several;
    /// each is read into its own `Template`).
    pub language: Language,
    /// Every language the file is written in, its own first.
    pub languages: Vec<Language>,
    pub title: String,
    pub description: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    /// Why the section is asked, in plain words, shown above its prompts.
    pub why: String,
    /// The pair keys declared in this section.
    pub pairs: Vec<String>,
    pub prompts: Vec<Prompt>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prompt {
    /// Stable key, unique in the template; answers are stored under it.
    pub key: String,
    pub roles: Vec<Role>,
    pub age_bands: Vec<AgeBand>,
    pub kind: PromptKind,
    /// May contain `{name}` (the other participant, with `about`) and
    /// `{recovery_name}` (the person in recovery).
    pub text: String,
    pub help: Option<String>,
    /// Lines the prompt up with its counterpart for the other role.
    pub pair: Option<String>,
    pub about: About,
    /// Who sees the answer by default, for adults (teens: `teen_visibility`).
    pub visibility: Visibility,
    pub teen_visibility: Visibility,
    pub optional: bool,
    pub flag: Option<FlagRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PromptKind {
    LongText {
        max_chars: u32,
    },
    Scale {
        min_label: String,
        max_label: String,
    },
    SingleChoice {
        choices: Vec<Choice>,
    },
    /// The grouped feelings vocabulary, with free words when `with_words`.
    Feelings {
        with_words: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum About {
    /// Asked once.
    Nobody,
    /// Asked once per other participant, with their name as `{name}`.
    EachOtherParticipant,
    /// Asked once per next step this participant agreed in the exercise before
    /// (the series' follow-up), with the step as `{step}`.
    EachLastStepAgreed,
    /// Asked once per next step agreed in the exercise before *for* this
    /// participant, with the step as `{step}` and who agreed it as `{name}`.
    EachLastStepForMe,
}

impl About {
    /// Asked about a next step from the exercise before (a follow-up).
    pub fn is_next_step(self) -> bool {
        matches!(self, About::EachLastStepAgreed | About::EachLastStepForMe)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Shown in the session once the therapist reveals its section.
    Shared,
    /// Never shown to anyone but the therapist.
    TherapistOnly,
}

/// When an answer raises a check-in flag on the therapist's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlagRule {
    /// A scale answer at or below this.
    AtOrBelow(u8),
    /// A choice other than this value.
    Unless(String),
    /// Any answer at all (a note for the therapist).
    IfAnswered,
}

impl Template {
    /// The sections and prompts a participant of `role` and `age_band` is asked, in
    /// order; sections with nothing for them are left out.
    pub fn for_participant(&self, role: Role, age_band: AgeBand) -> Vec<(&Section, Vec<&Prompt>)> {
        self.sections
            .iter()
            .map(|section| {
                let prompts = section
                    .prompts
                    .iter()
                    .filter(|p| p.roles.contains(&role) && p.age_bands.contains(&age_band))
                    .collect::<Vec<_>>();
                (section, prompts)
            })
            .filter(|(_, prompts)| !prompts.is_empty())
            .collect()
    }

    pub fn prompt_count(&self) -> usize {
        self.sections.iter().map(|s| s.prompts.len()).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateListing {
    pub id: String,
    pub key: String,
    pub version: i64,
    pub title: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateExport {
    pub title: String,
    pub version: u32,
    pub builtin: bool,
    /// The file, exactly as imported (or shipped).
    pub source: String,
}
