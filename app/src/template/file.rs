//! The template file: TOML, checked as a whole so that every problem is reported at
//! once, each with its line and column.

use std::{
    collections::{BTreeMap, HashMap},
    fmt,
    ops::Range,
};

use serde::Deserialize;
use toml::Spanned;

use super::model::{About, Choice, FlagRule, Prompt, PromptKind, Section, Template, Visibility};
use crate::{
    family::{AgeBand, Role},
    i18n::Language,
};

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
    /// The languages every text is written in, the first the template's own
    /// (`["en"]` when left out).
    languages: Option<Spanned<Vec<String>>>,
    title: RawText,
    description: Option<RawText>,
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
    title: RawText,
    why: RawText,
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
    text: RawText,
    help: Option<RawText>,
    pair: Option<Spanned<String>>,
    about: Option<Spanned<String>>,
    visibility: Option<Spanned<String>>,
    #[serde(default)]
    optional: bool,
    max_chars: Option<Spanned<i64>>,
    min_label: Option<RawText>,
    max_label: Option<RawText>,
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
    label: RawText,
}

/// A text in the file: one string in a one-language template, or one per
/// language (`text.en = "…"` and `text.es = "…"`, or `text = { en = "…", es = "…" }`).
#[derive(Clone)]
enum RawText {
    One(String),
    ByLanguage(BTreeMap<String, String>),
}

// By hand rather than `#[serde(untagged)]`: an untagged enum buffers its input,
// which loses `toml::Spanned`'s position (and fails inside it).
impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = RawText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, or a text per language (en = \"…\", es = \"…\")")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawText, E> {
                Ok(RawText::One(text.to_owned()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<RawText, A::Error> {
                let mut texts = BTreeMap::new();
                while let Some((language, text)) = map.next_entry::<String, String>()? {
                    texts.insert(language, text);
                }
                Ok(RawText::ByLanguage(texts))
            }
        }

        deserializer.deserialize_any(TextVisitor)
    }
}

impl RawText {
    /// Every version of the text, whatever its language.
    fn versions(&self) -> Vec<&str> {
        match self {
            RawText::One(text) => vec![text.as_str()],
            RawText::ByLanguage(texts) => texts.values().map(String::as_str).collect(),
        }
    }
}

/// Reads and checks a template file, in its own (first) language. On failure,
/// every problem found, in order.
pub fn parse(source: &str) -> Result<Template, Vec<TemplateProblem>> {
    parse_in(source, None)
}

/// Reads and checks a template file, once per language it is written in (its
/// own first). Every language's version has the same keys, prompts and pairs.
pub fn parse_every_language(source: &str) -> Result<Vec<Template>, Vec<TemplateProblem>> {
    let first = parse(source)?;
    let mut all = Vec::with_capacity(first.languages.len());
    for language in first.languages.iter().skip(1) {
        all.push(parse_in(source, Some(*language))?);
    }
    all.insert(0, first);
    Ok(all)
}

fn parse_in(source: &str, language: Option<Language>) -> Result<Template, Vec<TemplateProblem>> {
    let mut check = Checker {
        source,
        lines: LineStarts::of(source),
        problems: Vec::new(),
        languages: Vec::new(),
        reading: language,
    };
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
    /// The template's languages, its own first (read from the file first thing).
    languages: Vec<Language>,
    /// Which language's texts to read; `None` for the template's own.
    reading: Option<Language>,
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
        self.languages = self.languages(raw.languages.as_ref());
        // Texts are not `Spanned` (toml cannot span a table of languages): a
        // problem in one is shown at the key of what it belongs to.
        let at = raw.key.span();
        let title = self.text(&raw.title, &at, "title");
        let description = match &raw.description {
            Some(description) => self.text(description, &at, "description"),
            None => String::new(),
        };
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
            language: self.reading_language(),
            languages: self.languages.clone(),
            title,
            description,
            sections,
        }
    }

    fn section(
        &mut self,
        raw: RawSection,
        defaults: &Defaults,
        prompt_keys: &mut HashMap<String, usize>,
    ) -> Section {
        let section_key = raw.key.get_ref().clone();
        let at = raw.key.span();
        let title = self.text(&raw.title, &at, &format!("section \"{section_key}\" title"));
        let why = self.text(&raw.why, &at, &format!("section \"{section_key}\" why"));
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
        Section { key: raw.key.into_inner(), title, why, pairs, prompts }
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
        self.placeholders(&raw.text, &key_span, about);
        let what = format!("prompt \"{}\"", raw.key.get_ref());
        let text = self.text(&raw.text, &key_span, &format!("{what} text"));
        let help =
            raw.help.as_ref().map(|help| self.text(help, &key_span, &format!("{what} help")));

        let kind = self.kind(&raw, defaults);
        let flag = self.flag(&raw, &kind);
        let visibility = self.visibility(raw.visibility.as_ref(), defaults.visibility);
        Prompt {
            key: raw.key.into_inner(),
            roles,
            age_bands,
            kind,
            text,
            help,
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
            "scale" => {
                let what = format!("prompt \"{}\"", raw.key.get_ref());
                let at = raw.key.span();
                let mut label = |label: &Option<RawText>, name: &str, default: &str| {
                    label.as_ref().map_or_else(
                        || default.to_owned(),
                        |label| self.text(label, &at, &format!("{what} {name}")),
                    )
                };
                PromptKind::Scale {
                    min_label: label(&raw.min_label, "min_label", "0"),
                    max_label: label(&raw.max_label, "max_label", "10"),
                }
            }
            "single_choice" => {
                let choices: Vec<Choice> = match &raw.choices {
                    Some(listed) => listed
                        .get_ref()
                        .iter()
                        .map(|c| {
                            let what = format!("choice \"{}\" label", c.value);
                            let label = self.text(&c.label, &listed.span(), &what);
                            Choice { value: c.value.clone(), label }
                        })
                        .collect(),
                    None => Vec::new(),
                };
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
    fn placeholders(&mut self, text: &RawText, at: &Range<usize>, about: About) {
        for version in text.versions() {
            self.placeholders_of(version, at.clone(), about);
        }
    }

    fn placeholders_of(&mut self, text: &str, span: Range<usize>, about: About) {
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                self.problem(&span, "a '{' is never closed");
                return;
            };
            let name = &rest[open + 1..open + close];
            match name {
                "recovery_name" => {}
                "name"
                    if matches!(about, About::EachOtherParticipant | About::EachLastStepForMe) => {}
                "name" => self.problem(
                    &span,
                    "{name} needs about = \"each_other_participant\" or \"each_last_step_for_me\" \
                     (whose name would it be?)",
                ),
                "step" if about.is_next_step() => {}
                "step" => self.problem(
                    &span,
                    "{step} needs about = \"each_last_step_agreed\" or \"each_last_step_for_me\" \
                     (which next step would it be?)",
                ),
                other => self.problem(
                    &span,
                    format!(
                        "unknown placeholder {{{other}}} (use {{name}}, {{step}} or {{recovery_name}})"
                    ),
                ),
            }
            rest = &rest[open + close + 1..];
        }
    }

    /// The declared languages: known codes, each once; English alone when left out.
    fn languages(&mut self, raw: Option<&Spanned<Vec<String>>>) -> Vec<Language> {
        let Some(raw) = raw else { return vec![Language::En] };
        let mut languages = Vec::new();
        for code in raw.get_ref() {
            match Language::from_code(code).filter(|language| language.code() == code) {
                Some(language) if !languages.contains(&language) => languages.push(language),
                Some(_) => {
                    self.problem(&raw.span(), format!("language \"{code}\" is listed twice"))
                }
                None => self.problem(
                    &raw.span(),
                    format!("unknown language \"{code}\" (use {})", known_language_codes()),
                ),
            }
        }
        if languages.is_empty() {
            self.problem(&raw.span(), "languages needs at least one language");
            languages.push(Language::En);
        }
        languages
    }

    /// The language being read: the one asked for if the template has it, else its own.
    fn reading_language(&self) -> Language {
        let own = self.languages.first().copied().unwrap_or_default();
        self.reading.filter(|language| self.languages.contains(language)).unwrap_or(own)
    }

    /// A text in the language being read, after checking it is there, not empty, in
    /// every language the template declares and in no other.
    fn text(&mut self, raw: &RawText, span: &Range<usize>, what: &str) -> String {
        let reading = self.reading_language();
        let span = span.clone();
        match raw {
            RawText::One(text) => {
                if self.languages.len() > 1 {
                    self.problem(
                        &span,
                        format!(
                            "{what} is in one language, but the template is in {}: give it as {}",
                            self.language_list(),
                            self.languages
                                .iter()
                                .map(|l| format!("{}.{} = \"…\"", what_key(what), l.code()))
                                .collect::<Vec<_>>()
                                .join(" and ")
                        ),
                    );
                }
                if text.trim().is_empty() {
                    self.problem(&span, format!("{what} must not be empty"));
                }
                text.clone()
            }
            RawText::ByLanguage(texts) => {
                for code in texts.keys() {
                    if !self.languages.iter().any(|l| l.code() == code) {
                        self.problem(
                            &span,
                            format!(
                                "{what} has a text in \"{code}\", which is not one of the \
                                 template's languages ({})",
                                self.language_list()
                            ),
                        );
                    }
                }
                for language in self.languages.clone() {
                    match texts.get(language.code()) {
                        None => self.problem(
                            &span,
                            format!(
                                "{what} has no {} text ({}.{} = \"…\")",
                                language.own_name(),
                                what_key(what),
                                language.code()
                            ),
                        ),
                        Some(text) if text.trim().is_empty() => self.problem(
                            &span,
                            format!("{what} must not be empty in {}", language.own_name()),
                        ),
                        Some(_) => {}
                    }
                }
                texts.get(reading.code()).cloned().unwrap_or_default()
            }
        }
    }

    fn language_list(&self) -> String {
        self.languages.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
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

fn known_language_codes() -> String {
    Language::ALL.map(Language::code).join(", ")
}

/// The field's name in a problem's description ("prompt \"x\" help" → "help").
fn what_key(what: &str) -> &str {
    what.rsplit(' ').next().unwrap_or(what)
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
