//! The template file: TOML, checked as a whole so that every problem is reported at
//! once, each with its line and column.

use std::{collections::HashMap, fmt, ops::Range};

use serde::Deserialize;
use toml::Spanned;

use super::model::{About, Choice, FlagRule, Prompt, PromptKind, Section, Template, Visibility};
use crate::family::{AgeBand, Role};

/// The only format this version of Parallel reads.
pub const FORMAT: &str = "parallel-template/1";
/// Longest long-text answer a template may allow.
pub const MAX_LONG_TEXT_CHARS: i64 = 20_000;
const DEFAULT_MAX_CHARS: u32 = 4_000;

/// One problem in a template file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for TemplateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    format: Spanned<String>,
    key: Spanned<String>,
    version: Spanned<i64>,
    title: Spanned<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    defaults: RawDefaults,
    sections: Vec<Spanned<RawSection>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    visibility: Option<Spanned<String>>,
    teen_visibility: Option<Spanned<String>>,
    max_chars: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    key: Spanned<String>,
    title: String,
    why: Spanned<String>,
    #[serde(default)]
    pairs: Vec<Spanned<String>>,
    visibility: Option<Spanned<String>>,
    #[serde(default)]
    prompts: Vec<Spanned<RawPrompt>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompt {
    key: Spanned<String>,
    roles: Option<Spanned<Vec<String>>>,
    age_bands: Option<Spanned<Vec<String>>>,
    kind: Spanned<String>,
    text: Spanned<String>,
    help: Option<String>,
    pair: Option<Spanned<String>>,
    about: Option<Spanned<String>>,
    visibility: Option<Spanned<String>>,
    #[serde(default)]
    optional: bool,
    max_chars: Option<Spanned<i64>>,
    min_label: Option<String>,
    max_label: Option<String>,
    choices: Option<Spanned<Vec<RawChoice>>>,
    #[serde(default)]
    with_words: bool,
    flag_at_or_below: Option<Spanned<i64>>,
    flag_unless: Option<Spanned<String>>,
    #[serde(default)]
    flag_if_answered: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    value: String,
    label: String,
}

/// Reads and checks a template file. On failure, every problem found, in order.
pub fn parse(source: &str) -> Result<Template, Vec<TemplateProblem>> {
    let mut check = Checker { source, lines: LineStarts::of(source), problems: Vec::new() };
    let raw: RawTemplate = match toml::from_str(source) {
        Ok(raw) => raw,
        Err(error) => {
            let at = error.span().map_or(0, |span| span.start);
            let message = error.message().trim().to_owned();
            check.problem(&(at..at), message);
            return Err(check.problems);
        }
    };
    let template = check.template(raw);
    if check.problems.is_empty() { Ok(template) } else { Err(check.problems) }
}

struct Checker<'a> {
    source: &'a str,
    lines: LineStarts,
    problems: Vec<TemplateProblem>,
}

impl Checker<'_> {
    fn problem(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let (line, column) = self.lines.position(self.source, span.start);
        self.problems.push(TemplateProblem { line, column, message: message.into() });
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.position(self.source, offset).0
    }

    fn template(&mut self, raw: RawTemplate) -> Template {
        if raw.format.get_ref() != FORMAT {
            self.problem(
                &raw.format.span(),
                format!("format must be \"{FORMAT}\", not \"{}\"", raw.format.get_ref()),
            );
        }
        if !is_key(raw.key.get_ref()) {
            self.problem(&raw.key.span(), "key may hold only a-z, 0-9, '-' and '.'");
        }
        let version = u32::try_from(*raw.version.get_ref()).ok().filter(|v| *v >= 1);
        if version.is_none() {
            self.problem(&raw.version.span(), "version must be a whole number from 1");
        }
        if raw.title.get_ref().trim().is_empty() {
            self.problem(&raw.title.span(), "title must not be empty");
        }
        let visibility = self.visibility(raw.defaults.visibility.as_ref(), Visibility::Shared);
        let teen_visibility = self.visibility(raw.defaults.teen_visibility.as_ref(), visibility);
        let max_chars = self.max_chars(raw.defaults.max_chars.as_ref(), DEFAULT_MAX_CHARS);
        let defaults = Defaults { visibility, teen_visibility, max_chars };
        if raw.sections.is_empty() {
            self.problem(&(0..0), "a template needs at least one [[sections]]");
        }

        let mut section_keys: HashMap<String, usize> = HashMap::new();
        let mut prompt_keys: HashMap<String, usize> = HashMap::new();
        let mut sections = Vec::new();
        for raw_section in raw.sections {
            let span = raw_section.span();
            let raw_section = raw_section.into_inner();
            let key = raw_section.key.get_ref().clone();
            if let Some(first) = section_keys.insert(key.clone(), self.line_of(span.start)) {
                self.problem(
                    &raw_section.key.span(),
                    format!("section key \"{key}\" is used twice (first on line {first})"),
                );
            }
            sections.push(self.section(raw_section, &defaults, &mut prompt_keys));
        }
        Template {
            key: raw.key.into_inner(),
            version: version.unwrap_or(1),
            title: raw.title.into_inner(),
            description: raw.description,
            sections,
        }
    }

    fn section(
        &mut self,
        raw: RawSection,
        defaults: &Defaults,
        prompt_keys: &mut HashMap<String, usize>,
    ) -> Section {
        if raw.why.get_ref().trim().is_empty() {
            self.problem(&raw.why.span(), "every section says why it is asked (why = \"…\")");
        }
        if raw.prompts.is_empty() {
            self.problem(
                &raw.key.span(),
                format!("section \"{}\" has no prompts", raw.key.get_ref()),
            );
        }
        let visibility = self.visibility(raw.visibility.as_ref(), defaults.visibility);
        let section_defaults = Defaults {
            visibility,
            teen_visibility: defaults.teen_visibility,
            max_chars: defaults.max_chars,
        };
        let pairs: Vec<String> = raw.pairs.iter().map(|p| p.get_ref().clone()).collect();
        let mut used_pairs = Vec::new();
        let mut prompts = Vec::new();
        for raw_prompt in raw.prompts {
            let raw_prompt = raw_prompt.into_inner();
            let key = raw_prompt.key.get_ref().clone();
            let line = self.line_of(raw_prompt.key.span().start);
            if !is_key(&key) {
                self.problem(
                    &raw_prompt.key.span(),
                    "prompt key may hold only a-z, 0-9, '-', '_' and '.'",
                );
            }
            if let Some(first) = prompt_keys.insert(key.clone(), line) {
                self.problem(
                    &raw_prompt.key.span(),
                    format!("prompt key \"{key}\" is used twice (first on line {first})"),
                );
            }
            if let Some(pair) = &raw_prompt.pair {
                if pairs.contains(pair.get_ref()) {
                    used_pairs.push(pair.get_ref().clone());
                } else {
                    self.problem(
                        &pair.span(),
                        format!(
                            "unknown pair key \"{}\": declare it in this section's pairs = [...]",
                            pair.get_ref()
                        ),
                    );
                }
            }
            prompts.push(self.prompt(raw_prompt, &section_defaults));
        }
        for pair in &raw.pairs {
            if !used_pairs.contains(pair.get_ref()) {
                self.problem(
                    &pair.span(),
                    format!("pair \"{}\" is declared but no prompt uses it", pair.get_ref()),
                );
            }
        }
        Section {
            key: raw.key.into_inner(),
            title: raw.title,
            why: raw.why.into_inner(),
            pairs,
            prompts,
        }
    }

    fn prompt(&mut self, raw: RawPrompt, defaults: &Defaults) -> Prompt {
        let key_span = raw.key.span();
        let mut roles = Vec::new();
        match &raw.roles {
            Some(listed) if !listed.get_ref().is_empty() => {
                for text in listed.get_ref() {
                    match Role::parse(text) {
                        Some(role) => roles.push(role),
                        None => self.problem(
                            &listed.span(),
                            format!(
                                "unknown role \"{text}\" (person_in_recovery or family_member)"
                            ),
                        ),
                    }
                }
            }
            _ => self.problem(
                &key_span,
                format!("prompt \"{}\" has no roles = [...]", raw.key.get_ref()),
            ),
        }
        let age_bands = match &raw.age_bands {
            None => vec![AgeBand::Adult, AgeBand::Teen],
            Some(bands) => bands
                .get_ref()
                .iter()
                .filter_map(|text| {
                    let band = AgeBand::parse(text);
                    if band.is_none() {
                        self.problem(
                            &bands.span(),
                            format!("unknown age band \"{text}\" (adult, teen or child)"),
                        );
                    }
                    band
                })
                .collect(),
        };
        let about = match raw.about.as_ref().map(|a| (a.get_ref().as_str(), a.span())) {
            None => About::Nobody,
            Some(("each_other_participant", _)) => About::EachOtherParticipant,
            Some(("each_last_step_agreed", _)) => About::EachLastStepAgreed,
            Some(("each_last_step_for_me", _)) => About::EachLastStepForMe,
            Some((other, span)) => {
                self.problem(
                    &span,
                    format!(
                        "about must be \"each_other_participant\", \"each_last_step_agreed\" or \
                         \"each_last_step_for_me\", not \"{other}\""
                    ),
                );
                About::Nobody
            }
        };
        self.placeholders(&raw.text, about);

        let kind = self.kind(&raw, defaults);
        let flag = self.flag(&raw, &kind);
        let visibility = self.visibility(raw.visibility.as_ref(), defaults.visibility);
        Prompt {
            key: raw.key.into_inner(),
            roles,
            age_bands,
            kind,
            text: raw.text.into_inner(),
            help: raw.help,
            pair: raw.pair.map(Spanned::into_inner),
            about,
            visibility,
            // Teens default to therapist-only; what is therapist-only for adults stays so.
            teen_visibility: if visibility == Visibility::TherapistOnly {
                Visibility::TherapistOnly
            } else {
                defaults.teen_visibility
            },
            optional: raw.optional,
            flag,
        }
    }

    fn kind(&mut self, raw: &RawPrompt, defaults: &Defaults) -> PromptKind {
        let kind = raw.kind.get_ref().as_str();
        if kind != "long_text" && raw.max_chars.is_some() {
            self.problem(&raw.kind.span(), "max_chars is only for kind = \"long_text\"");
        }
        if kind != "single_choice" && raw.choices.is_some() {
            self.problem(&raw.kind.span(), "choices are only for kind = \"single_choice\"");
        }
        match kind {
            "long_text" => PromptKind::LongText {
                max_chars: self.max_chars(raw.max_chars.as_ref(), defaults.max_chars),
            },
            "scale" => PromptKind::Scale {
                min_label: raw.min_label.clone().unwrap_or_else(|| "0".into()),
                max_label: raw.max_label.clone().unwrap_or_else(|| "10".into()),
            },
            "single_choice" => {
                let choices: Vec<Choice> = raw
                    .choices
                    .as_ref()
                    .map(|c| {
                        c.get_ref()
                            .iter()
                            .map(|c| Choice { value: c.value.clone(), label: c.label.clone() })
                            .collect()
                    })
                    .unwrap_or_default();
                let mut values: Vec<&str> = choices.iter().map(|c| c.value.as_str()).collect();
                values.sort_unstable();
                values.dedup();
                if choices.len() < 2 {
                    self.problem(
                        &raw.kind.span(),
                        "a single_choice prompt needs at least two choices",
                    );
                } else if values.len() != choices.len() {
                    let span = raw.choices.as_ref().map_or(raw.kind.span(), Spanned::span);
                    self.problem(&span, "choice values must differ");
                }
                PromptKind::SingleChoice { choices }
            }
            "feelings" => PromptKind::Feelings { with_words: raw.with_words },
            other => {
                self.problem(
                    &raw.kind.span(),
                    format!(
                        "unknown kind \"{other}\" (long_text, scale, single_choice or feelings)"
                    ),
                );
                PromptKind::LongText { max_chars: defaults.max_chars }
            }
        }
    }

    fn flag(&mut self, raw: &RawPrompt, kind: &PromptKind) -> Option<FlagRule> {
        if let Some(limit) = &raw.flag_at_or_below {
            if !matches!(kind, PromptKind::Scale { .. }) {
                self.problem(&limit.span(), "flag_at_or_below is only for kind = \"scale\"");
            }
            return u8::try_from(*limit.get_ref())
                .ok()
                .filter(|v| *v <= 10)
                .map(FlagRule::AtOrBelow)
                .or_else(|| {
                    self.problem(&limit.span(), "flag_at_or_below must be from 0 to 10");
                    None
                });
        }
        if let Some(value) = &raw.flag_unless {
            let known = matches!(kind, PromptKind::SingleChoice { choices } if choices.iter().any(|c| &c.value == value.get_ref()));
            if !known {
                self.problem(
                    &value.span(),
                    "flag_unless must name one of this prompt's choice values",
                );
            }
            return Some(FlagRule::Unless(value.get_ref().clone()));
        }
        raw.flag_if_answered.then_some(FlagRule::IfAnswered)
    }

    /// `{name}` needs a person to name (`about` each other participant, or the one
    /// who agreed a next step for me); `{step}` needs a next step; nothing else but
    /// `{recovery_name}` may be in braces.
    fn placeholders(&mut self, text: &Spanned<String>, about: About) {
        let mut rest = text.get_ref().as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                self.problem(&text.span(), "a '{' is never closed");
                return;
            };
            let name = &rest[open + 1..open + close];
            match name {
                "recovery_name" => {}
                "name"
                    if matches!(about, About::EachOtherParticipant | About::EachLastStepForMe) => {}
                "name" => self.problem(
                    &text.span(),
                    "{name} needs about = \"each_other_participant\" or \"each_last_step_for_me\" \
                     (whose name would it be?)",
                ),
                "step" if about.is_next_step() => {}
                "step" => self.problem(
                    &text.span(),
                    "{step} needs about = \"each_last_step_agreed\" or \"each_last_step_for_me\" \
                     (which next step would it be?)",
                ),
                other => self.problem(
                    &text.span(),
                    format!(
                        "unknown placeholder {{{other}}} (use {{name}}, {{step}} or {{recovery_name}})"
                    ),
                ),
            }
            rest = &rest[open + close + 1..];
        }
    }

    fn visibility(&mut self, raw: Option<&Spanned<String>>, default: Visibility) -> Visibility {
        match raw.map(|v| (v.get_ref().as_str(), v.span())) {
            None => default,
            Some(("shared", _)) => Visibility::Shared,
            Some(("therapist_only", _)) => Visibility::TherapistOnly,
            Some((other, span)) => {
                self.problem(
                    &span,
                    format!("visibility must be \"shared\" or \"therapist_only\", not \"{other}\""),
                );
                default
            }
        }
    }

    fn max_chars(&mut self, raw: Option<&Spanned<i64>>, default: u32) -> u32 {
        let Some(raw) = raw else { return default };
        match u32::try_from(*raw.get_ref()) {
            Ok(n) if n >= 1 && i64::from(n) <= MAX_LONG_TEXT_CHARS => n,
            _ => {
                self.problem(
                    &raw.span(),
                    format!("max_chars must be from 1 to {MAX_LONG_TEXT_CHARS}"),
                );
                default
            }
        }
    }
}

struct Defaults {
    visibility: Visibility,
    teen_visibility: Visibility,
    max_chars: u32,
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// Where each line of a source starts, found once: a file with many problems is
/// not scanned again from the top for each of them.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(source: &str) -> Self {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(at, _)| at + 1));
        LineStarts(starts.collect())
    }

    /// Line and column (in characters), both from 1, of a byte offset.
    fn position(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.0.partition_point(|&start| start <= offset).max(1);
        let start = self.0[line - 1];
        let column = source.get(start..offset).map_or(0, |text| text.chars().count()) + 1;
        (line, column)
    }
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
