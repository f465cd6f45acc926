use super::*;
use crate::template::builtin;

#[test]
fn the_built_in_template_loads_as_designed() {
    let template = parse(builtin::IMPACT_HURT_AMENDS).expect("the built-in template is valid");
    assert_eq!(template.key, "impact-hurt-amends");
    assert_eq!(template.version, 3);
    let sections: Vec<&str> = template.sections.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        sections,
        ["checkin", "since_last_time", "strengths", "impact", "hurt", "amends", "closing", "child"]
    );

    let prompt = |key: &str| {
        template.sections.iter().flat_map(|s| &s.prompts).find(|p| p.key == key).unwrap()
    };
    assert_eq!(prompt("checkin.settled").flag, Some(FlagRule::AtOrBelow(3)));
    assert_eq!(prompt("checkin.safe").flag, Some(FlagRule::Unless("yes".into())));
    assert_eq!(prompt("checkin.note").flag, Some(FlagRule::IfAnswered));
    assert_eq!(prompt("checkin.settled").visibility, Visibility::TherapistOnly);
    assert_eq!(prompt("impact.moment.recovery").about, About::EachOtherParticipant);
    assert_eq!(prompt("impact.moment.recovery").pair.as_deref(), Some("impact.moment"));
    // The series' follow-ups: the one who agreed a step and the one it was for, paired.
    assert_eq!(prompt("followup.how").about, About::EachLastStepAgreed);
    assert_eq!(prompt("followup.noticed").about, About::EachLastStepForMe);
    assert_eq!(prompt("followup.noticed").pair, prompt("followup.how").pair);
    assert_eq!(prompt("impact.moment.family").pair.as_deref(), Some("impact.moment"));
    assert!(matches!(
        prompt("impact.feelings.family").kind,
        PromptKind::Feelings { with_words: true }
    ));
    // Teens: the same prompts, therapist-only by default.
    assert_eq!(prompt("hurt.most.family").visibility, Visibility::Shared);
    assert_eq!(prompt("hurt.most.family").teen_visibility, Visibility::TherapistOnly);
}

#[test]
fn each_role_and_age_band_gets_its_own_prompts() {
    let template = builtin::impact_hurt_amends();
    let keys = |role, band| -> Vec<String> {
        template
            .for_participant(role, band)
            .into_iter()
            .flat_map(|(_, prompts)| prompts.into_iter().map(|p| p.key.clone()))
            .collect()
    };
    let family_adult = keys(Role::FamilyMember, AgeBand::Adult);
    assert!(family_adult.contains(&"impact.moment.family".into()));
    assert!(!family_adult.iter().any(|k| k.ends_with(".recovery") || k.starts_with("child.")));
    let recovery = keys(Role::PersonInRecovery, AgeBand::Adult);
    assert!(recovery.contains(&"amends.signs.recovery".into()));
    assert!(!recovery.iter().any(|k| k.ends_with(".family")));
    assert_eq!(keys(Role::FamilyMember, AgeBand::Teen), family_adult);
    // Children: the check-in and their short version, never anything about amends.
    let child = keys(Role::FamilyMember, AgeBand::Child);
    assert_eq!(
        child,
        [
            "checkin.settled",
            "checkin.note",
            "checkin.safe",
            "child.feelings",
            "child.wish",
            "child.picture"
        ]
    );
}

const MINIMAL: &str = r#"
format = "parallel-template/1"
key = "mini"
version = 2
title = "Mini"

[[sections]]
key = "one"
title = "One"
why = "Because."
pairs = ["p"]

[[sections.prompts]]
key = "one.f"
roles = ["family_member"]
kind = "long_text"
text = "What happened?"
pair = "p"

[[sections.prompts]]
key = "one.r"
roles = ["person_in_recovery"]
about = "each_other_participant"
kind = "long_text"
text = "What do you think happened for {name}?"
pair = "p"
"#;

fn problems(source: &str) -> Vec<String> {
    match parse(source) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_minimal_template_loads() {
    let template = parse(MINIMAL).unwrap();
    assert_eq!(template.version, 2);
    assert_eq!(template.prompt_count(), 2);
}

/// Each broken file yields the expected problem at the expected place.
#[test]
fn broken_files_report_every_problem_with_its_location() {
    let cases: &[(&str, &str, &str)] = &[
        ("pair = \"p\"\n\"#", "pair = \"q\"", "line 26, column 8: unknown pair key \"q\""),
        (
            "key = \"one.r\"",
            "key = \"one.f\"",
            "line 21, column 7: prompt key \"one.f\" is used twice (first on line 14)",
        ),
        (
            "roles = [\"person_in_recovery\"]\n",
            "",
            "line 21, column 7: prompt \"one.r\" has no roles",
        ),
        (
            "roles = [\"family_member\"]",
            "roles = [\"cousin\"]",
            "line 15, column 9: unknown role \"cousin\"",
        ),
        (
            "kind = \"long_text\"\ntext = \"What happened?\"",
            "kind = \"essay\"\ntext = \"What happened?\"",
            "line 16, column 8: unknown kind \"essay\"",
        ),
        (
            "about = \"each_other_participant\"\n",
            "",
            "{name} needs about = \"each_other_participant\"",
        ),
        (
            "format = \"parallel-template/1\"",
            "format = \"parallel-template/9\"",
            "line 2, column 10: format must be \"parallel-template/1\"",
        ),
        ("version = 2", "version = 0", "line 4, column 11: version must be a whole number from 1"),
        (
            "why = \"Because.\"",
            "why = \"\"",
            "line 8, column 7: section \"one\" why must not be empty",
        ),
        (
            "title = \"Mini\"",
            "title = \"Mini\"\ncolour = \"blue\"",
            "line 6, column 1: unknown field `colour`",
        ),
        ("What happened?", "What {happened}?", "unknown placeholder {happened}"),
        ("What happened?", "Did {step} happen?", "{step} needs about = \"each_last_step_agreed\""),
        (
            "about = \"each_other_participant\"\n",
            "about = \"each_next_step\"\n",
            "about must be \"each_other_participant\", \"each_last_step_agreed\" or",
        ),
    ];
    for (from, to, expected) in cases {
        let source = if from.ends_with("\"#") {
            // Replace the last pair line only.
            let at = MINIMAL.rfind("pair = \"p\"").unwrap();
            format!("{}{}{}", &MINIMAL[..at], to, &MINIMAL[at + "pair = \"p\"".len()..])
        } else {
            MINIMAL.replacen(from, to, 1)
        };
        let found = problems(&source);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "expected {expected:?} for {to:?}; got {found:?}"
        );
    }
}

#[test]
fn several_problems_are_reported_together() {
    let source = MINIMAL
        .replacen("version = 2", "version = -1", 1)
        .replacen("kind = \"long_text\"", "kind = \"poem\"", 1)
        .replacen("pair = \"p\"", "pair = \"x\"", 1);
    let found = problems(&source);
    assert!(found.len() >= 3, "{found:?}");
}

#[test]
fn choices_flags_and_lengths_are_checked() {
    let source = MINIMAL.replacen(
        "kind = \"long_text\"\ntext = \"What happened?\"",
        "kind = \"single_choice\"\ntext = \"Pick\"\nchoices = [{ value = \"a\", label = \"A\" }]\nflag_unless = \"b\"",
        1,
    );
    let found = problems(&source);
    assert!(found.iter().any(|p| p.contains("at least two choices")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("flag_unless must name one of")), "{found:?}");

    let source = MINIMAL.replacen(
        "text = \"What happened?\"",
        "text = \"What happened?\"\nmax_chars = 50000",
        1,
    );
    assert!(problems(&source).iter().any(|p| p.contains("max_chars must be from 1 to 20000")));
}

#[test]
fn positions_count_lines_and_characters_from_one() {
    let source = "a = 1\nsé = \"x\"\n\nlast";
    let lines = LineStarts::of(source);
    assert_eq!(lines.position(source, 0), (1, 1));
    assert_eq!(lines.position(source, 4), (1, 5));
    // "sé" is three bytes and two characters: the `=` after it is the fourth.
    assert_eq!(lines.position(source, source.rfind('=').unwrap()), (2, 4));
    assert_eq!(lines.position(source, source.find("last").unwrap()), (4, 1));
    assert_eq!(lines.position(source, source.len() + 10), (4, 5), "past the end: the end");
}

/// The built-in template in Spanish: the same sections, prompts, pairs, age bands
/// and choice values as in English, every text given, none left in English.
#[test]
fn the_built_in_template_is_whole_in_spanish() {
    let every = parse_every_language(builtin::IMPACT_HURT_AMENDS).expect("valid");
    let languages: Vec<Language> = every.iter().map(|t| t.language).collect();
    assert_eq!(languages, [Language::En, Language::Es]);
    let (en, es) = (&every[0], &every[1]);
    assert_eq!(es.languages, [Language::En, Language::Es]);
    assert_eq!(es.title, "Impacto, dolor y reparación");
    let shape = |t: &Template| {
        t.sections
            .iter()
            .flat_map(|s| &s.prompts)
            .map(|p| {
                let choices = match &p.kind {
                    PromptKind::SingleChoice { choices } => {
                        choices.iter().map(|c| c.value.clone()).collect()
                    }
                    _ => Vec::new(),
                };
                (p.key.clone(), p.pair.clone(), p.age_bands.clone(), p.about, choices)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(en), shape(es));
    // Every text differs from the English, but for words that are the same in both.
    let texts = |t: &Template| {
        let mut all = vec![t.title.clone(), t.description.clone()];
        for section in &t.sections {
            all.extend([section.title.clone(), section.why.clone()]);
            for prompt in &section.prompts {
                all.push(prompt.text.clone());
                all.extend(prompt.help.clone());
                match &prompt.kind {
                    PromptKind::Scale { min_label, max_label } => {
                        all.extend([min_label.clone(), max_label.clone()]);
                    }
                    PromptKind::SingleChoice { choices } => {
                        all.extend(choices.iter().map(|c| c.label.clone()));
                    }
                    _ => {}
                }
            }
        }
        all
    };
    let same: Vec<String> = texts(en)
        .into_iter()
        .zip(texts(es))
        .filter(|(en, es)| en == es && en != "No")
        .map(|(en, _)| en)
        .collect();
    assert!(same.is_empty(), "left in English: {same:?}");
    // Places are kept, in both.
    let prompt = |t: &Template, key: &str| {
        t.sections.iter().flat_map(|s| &s.prompts).find(|p| p.key == key).unwrap().text.clone()
    };
    assert!(prompt(es, "followup.noticed").contains("{name}"));
    assert!(prompt(es, "followup.noticed").contains("{step}"));
}

/// A template that claims a language must give every text in it, in no other,
/// and a text in one language only is a problem when it claims two.
#[test]
fn a_missing_or_unknown_language_is_reported_at_its_text() {
    let two = MINIMAL.replacen("version = 2", "version = 2\nlanguages = [\"en\", \"es\"]", 1);
    let found = problems(&two);
    assert!(
        found.iter().any(|p| p.contains("title is in one language, but the template is in en, es")),
        "{found:?}"
    );

    let source = r#"
format = "parallel-template/1"
key = "two-languages"
version = 1
languages = ["en", "es"]
title = { en = "Two", es = "Dos" }

[[sections]]
key = "one"
title.en = "One"
title.es = "Uno"
why.en = "Because."
why.es = "Porque."

[[sections.prompts]]
key = "one.f"
roles = ["family_member"]
kind = "long_text"
text.en = "What happened?"
text.fr = "Qu'est-ce qui s'est passé ?"

[[sections.prompts]]
key = "one.c"
roles = ["family_member"]
kind = "single_choice"
text = { en = "Ready?", es = "¿Listo?" }
choices = [
  { value = "yes", label = { en = "Yes", es = "Sí" } },
  { value = "no", label = { en = "No" } },
]
"#;
    let found = problems(source);
    assert!(
        found.iter().any(|p| p.starts_with("line 16")
            && p.contains("prompt \"one.f\" text has no Español text (text.es")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.contains("text in \"fr\", which is not one of the template's")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|p| p.contains("choice \"no\" label has no Español text")),
        "{found:?}"
    );
    let fixed = source
        .replace("text.fr = \"Qu'est-ce qui s'est passé ?\"", "text.es = \"¿Qué pasó?\"")
        .replace("label = { en = \"No\" }", "label = { en = \"No\", es = \"No\" }");
    let every = parse_every_language(&fixed).expect("fixed");
    assert_eq!(every[1].sections[0].prompts[0].text, "¿Qué pasó?");
    assert_eq!(every[1].sections[0].title, "Uno");
    assert!(
        problems(&fixed.replace("languages = [\"en\", \"es\"]", "languages = [\"en\", \"xx\"]"))
            .iter()
            .any(|p| p.contains("unknown language \"xx\""))
    );
}
