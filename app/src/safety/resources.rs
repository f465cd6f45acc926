use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Language;

/// One service people can contact in a crisis. The operator's list (a TOML file,
/// see README) replaces the default United States one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisResource {
    pub name: String,
    /// When and how, in a sentence ("Call or text 988, any time. Free and confidential.").
    pub how: String,
    /// A number to call, as people write it ("1-800-799-7233").
    #[serde(default)]
    pub call: Option<String>,
    /// A number to text.
    #[serde(default)]
    pub text: Option<String>,
    /// A web page (https only).
    #[serde(default)]
    pub web: Option<String>,
    /// The name and how in other languages, by language code (`[resources.translations.es]`).
    #[serde(default)]
    pub translations: BTreeMap<String, CrisisWords>,
}

/// A resource's words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrisisWords {
    pub name: String,
    pub how: String,
}

impl CrisisResource {
    /// The resource in `language`: its translation there, else as written.
    pub fn in_language(mut self, language: Language) -> CrisisResource {
        if let Some(words) = self.translations.remove(language.code()) {
            self.name = words.name;
            self.how = words.how;
        }
        // The page needs one language only.
        self.translations.clear();
        self
    }

    /// `tel:`/`sms:` targets: the digits (and a leading +) of a written number.
    pub fn dial_target(number: &str) -> String {
        number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
    }
}

/// DESIGN §5: the United States defaults, in English and Spanish.
pub fn default_crisis_resources() -> Vec<CrisisResource> {
    let resource = |[name, how, name_es, how_es]: [&str; 4],
                    call: Option<&str>,
                    text: Option<&str>| CrisisResource {
        name: name.to_owned(),
        how: how.to_owned(),
        call: call.map(str::to_owned),
        text: text.map(str::to_owned),
        web: None,
        translations: BTreeMap::from([(
            Language::Es.code().to_owned(),
            CrisisWords { name: name_es.to_owned(), how: how_es.to_owned() },
        )]),
    };
    vec![
        resource(
            ["In an emergency", "Call 911.", "En una emergencia", "Llame al 911."],
            Some("911"),
            None,
        ),
        resource(
            [
                "988 Suicide & Crisis Lifeline",
                "Call or text 988, any time. Free and confidential.",
                "988 Línea de Prevención del Suicidio y Crisis",
                "Llame al 988 y marque 2 para español, o envíe AYUDA por mensaje de texto al 988. \
                 A cualquier hora, gratis y confidencial.",
            ],
            Some("988"),
            Some("988"),
        ),
        resource(
            [
                "National Domestic Violence Hotline",
                "Call 1-800-799-7233, or text START to 88788.",
                "Línea Nacional sobre la Violencia Doméstica",
                "Llame al 1-800-799-7233: hay intercesores que hablan español. \
                 También puede enviar START por mensaje de texto al 88788.",
            ],
            Some("1-800-799-7233"),
            Some("88788"),
        ),
        resource(
            [
                "SAMHSA National Helpline (substance use)",
                "Call 1-800-662-4357, any time. Free and confidential.",
                "Línea Nacional de Ayuda de SAMHSA (consumo de sustancias)",
                "Llame al 1-800-662-4357, a cualquier hora. En inglés y en español, gratis y \
                 confidencial.",
            ],
            Some("1-800-662-4357"),
            None,
        ),
    ]
}

/// Reads and checks the operator's list (server only).
#[cfg(feature = "ssr")]
pub fn parse_crisis_resources(source: &str) -> Result<Vec<CrisisResource>, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        resources: Vec<CrisisResource>,
    }
    let file: File = toml::from_str(source).map_err(|error| error.to_string())?;
    if file.resources.is_empty() {
        return Err("the list has no resources; leave the setting unset for the default".into());
    }
    for resource in &file.resources {
        if resource.name.trim().is_empty() || resource.how.trim().is_empty() {
            return Err("every resource needs a name and a how".into());
        }
        for (code, words) in &resource.translations {
            if Language::from_code(code).is_none_or(|language| language.code() != code) {
                return Err(format!(
                    "{}: translations.{code}: not a language Parallel speaks (use {})",
                    resource.name,
                    Language::ALL.map(Language::code).join(", ")
                ));
            }
            if words.name.trim().is_empty() || words.how.trim().is_empty() {
                return Err(format!(
                    "{}: translations.{code} needs a name and a how",
                    resource.name
                ));
            }
        }
        if resource.web.as_deref().is_some_and(|web| !web.starts_with("https://")) {
            return Err(format!("{}: web must start with https://", resource.name));
        }
        for number in [&resource.call, &resource.text].into_iter().flatten() {
            if CrisisResource::dial_target(number).is_empty() {
                return Err(format!("{}: {number:?} is not a phone number", resource.name));
            }
        }
    }
    Ok(file.resources)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn an_operator_list_replaces_the_default_and_is_checked() {
        let list = parse_crisis_resources(
            "[[resources]]\nname = \"Samaritans\"\nhow = \"Call 116 123, any time.\"\ncall = \"116 123\"\n",
        )
        .unwrap();
        assert_eq!(list[0].name, "Samaritans");
        assert_eq!(CrisisResource::dial_target(list[0].call.as_deref().unwrap()), "116123");
        assert!(parse_crisis_resources("resources = []").is_err());
        assert!(
            parse_crisis_resources(
                "[[resources]]\nname = \"x\"\nhow = \"y\"\nweb = \"http://a\"\n"
            )
            .is_err()
        );
        assert!(parse_crisis_resources("[[resources]]\nname = \"x\"\n").is_err());
    }

    #[test]
    fn a_resource_speaks_the_page_language_where_it_can() {
        let source = "[[resources]]\nname = \"Helpline\"\nhow = \"Call 1.\"\ncall = \"1\"\n\
                      [resources.translations.es]\nname = \"Línea\"\nhow = \"Llame al 1.\"\n";
        let list = parse_crisis_resources(source).unwrap();
        assert_eq!(list[0].clone().in_language(Language::Es).how, "Llame al 1.");
        assert_eq!(list[0].clone().in_language(Language::En).how, "Call 1.");
        let unknown = source.replace("translations.es", "translations.xx");
        assert!(parse_crisis_resources(&unknown).unwrap_err().contains("translations.xx"));
        // Every default has Spanish words.
        for resource in default_crisis_resources() {
            assert!(resource.in_language(Language::Es).translations.is_empty());
        }
        let spanish: Vec<_> = default_crisis_resources()
            .into_iter()
            .map(|r| r.in_language(Language::Es).how)
            .collect();
        assert!(spanish[1].contains("marque 2") && spanish[1].contains("AYUDA"));
    }
}
