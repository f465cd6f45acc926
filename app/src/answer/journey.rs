//! Which questions a participant is asked, in which order, with names filled in.
//! Pure: the server uses it to build pages and to check that a save is for a
//! question this participant was really asked.

use crate::{
    family::{AgeBand, Role},
    template::{About, Prompt, Section, Template, Visibility},
};

/// Someone else in the exercise, by id and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherPerson {
    pub id: String,
    pub name: String,
}

/// A next step agreed in the exercise before this one (the series' follow-ups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastStep {
    pub id: String,
    /// Who agreed it, and their name (for `{name}` on the other side).
    pub who_id: String,
    pub who_name: String,
    /// Whom it was for, if anyone in particular.
    pub for_id: Option<String>,
    pub what: String,
    /// `YYYY-MM-DD`, when it was to be done by.
    pub by_when: Option<String>,
}

/// Who is answering, and the people and next steps their questions may be about.
#[derive(Debug, Clone)]
pub struct Asker<'a> {
    /// The participant's own id (which next steps were theirs, or for them).
    pub me_id: &'a str,
    pub role: Role,
    pub age_band: AgeBand,
    /// Everyone else in the exercise, in the family's order.
    pub others: &'a [OtherPerson],
    /// The person in recovery's name, for `{recovery_name}`.
    pub recovery_name: &'a str,
    /// The next steps agreed in the exercise before, if this one follows one.
    pub last_steps: &'a [LastStep],
}

/// One question as asked: the prompt, whom it is about, and its text. For a
/// follow-up, `about` is the next step (its id, and the name of who agreed it).
#[derive(Debug, Clone)]
pub struct Asked<'t> {
    pub prompt: &'t Prompt,
    pub about: Option<OtherPerson>,
    pub text: String,
}

impl Asked<'_> {
    /// The visibility a new answer starts with: the template's, and for teens the
    /// template's teen default.
    pub fn default_visibility(&self, age_band: AgeBand) -> Visibility {
        if age_band == AgeBand::Teen { self.prompt.teen_visibility } else { self.prompt.visibility }
    }

    /// Whether the participant may choose to share it: not when the template keeps
    /// the prompt for the therapist only (check-in, the children's section).
    pub fn can_share(&self) -> bool {
        self.prompt.visibility == Visibility::Shared
    }
}

/// The participant's sections in order, each with its questions: first the
/// questions about nobody, then, for each other person in turn, the questions
/// about them (so "About Sam" reads as one block), then one set per next step
/// from the exercise before that they agreed or that was for them. A section
/// left with no question (no next steps for them) is left out.
pub fn asked_sections<'t>(
    template: &'t Template,
    asker: &Asker<'_>,
) -> Vec<(&'t Section, Vec<Asked<'t>>)> {
    template
        .for_participant(asker.role, asker.age_band)
        .into_iter()
        .map(|(section, prompts)| {
            let mut asked: Vec<Asked<'t>> = prompts
                .iter()
                .filter(|prompt| prompt.about == About::Nobody)
                .map(|prompt| Asked { prompt, about: None, text: fill(&prompt.text, None, asker) })
                .collect();
            for other in asker.others {
                asked.extend(
                    prompts
                        .iter()
                        .filter(|prompt| prompt.about == About::EachOtherParticipant)
                        .map(|prompt| Asked {
                            prompt,
                            about: Some(other.clone()),
                            text: fill(&prompt.text, Some(&other.name), asker),
                        }),
                );
            }
            for step in asker.last_steps {
                let mine = step.who_id == asker.me_id;
                let for_me = !mine && step.for_id.as_deref() == Some(asker.me_id);
                let about = |prompt: &&&Prompt| match prompt.about {
                    About::EachLastStepAgreed => mine,
                    About::EachLastStepForMe => for_me,
                    _ => false,
                };
                asked.extend(prompts.iter().filter(about).map(|prompt| Asked {
                    prompt,
                    about: Some(OtherPerson { id: step.id.clone(), name: step.who_name.clone() }),
                    text: fill_step(&fill(&prompt.text, Some(&step.who_name), asker), &step.what),
                }));
            }
            (section, asked)
        })
        .filter(|(_, asked)| !asked.is_empty())
        .collect()
}

fn fill(text: &str, about_name: Option<&str>, asker: &Asker<'_>) -> String {
    fill_names(text, about_name, asker.recovery_name)
}

/// A follow-up's text with the next step filled in as `{step}`. Filled last, so
/// braces in what the family agreed stay as written.
pub fn fill_step(text: &str, step: &str) -> String {
    text.replace("{step}", step)
}

/// A prompt's text with `{recovery_name}` and (for questions about someone) `{name}`
/// filled in.
pub fn fill_names(text: &str, about_name: Option<&str>, recovery_name: &str) -> String {
    let text = text.replace("{recovery_name}", recovery_name);
    match about_name {
        Some(name) => text.replace("{name}", name),
        None => text,
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn builtin() -> Template {
        crate::template::builtin::impact_hurt_amends()
    }

    fn people() -> Vec<OtherPerson> {
        vec![
            OtherPerson { id: "sam".into(), name: "Sam".into() },
            OtherPerson { id: "pat".into(), name: "Pat".into() },
        ]
    }

    #[test]
    fn the_person_in_recovery_is_asked_about_each_family_member_by_name() {
        let template = builtin();
        let others = people();
        let asker = Asker {
            me_id: "alex",
            role: Role::PersonInRecovery,
            age_band: AgeBand::Adult,
            others: &others,
            recovery_name: "Alex",
            last_steps: &[],
        };
        let sections = asked_sections(&template, &asker);
        let keys: Vec<&str> = sections.iter().map(|(s, _)| s.key.as_str()).collect();
        assert_eq!(keys, ["checkin", "strengths", "impact", "hurt", "amends", "closing"]);
        let (_, impact) = &sections[2];
        // Four questions about each of the two family members, Sam's first.
        assert_eq!(impact.len(), 8);
        assert_eq!(impact[0].text, "Which moment do you think stands out most for Sam?");
        assert_eq!(impact[4].about.as_ref().map(|p| p.name.as_str()), Some("Pat"));
        assert!(impact.iter().all(|asked| !asked.text.contains('{')));
    }

    #[test]
    fn family_members_see_the_recovery_name_and_teens_default_to_therapist_only() {
        let template = builtin();
        let others = vec![OtherPerson { id: "alex".into(), name: "Alex".into() }];
        let asker = Asker {
            me_id: "sam",
            role: Role::FamilyMember,
            age_band: AgeBand::Teen,
            others: &others,
            recovery_name: "Alex",
            last_steps: &[],
        };
        let sections = asked_sections(&template, &asker);
        let (_, strengths) = &sections[1];
        assert_eq!(strengths[0].text, "Describe a time when Alex was at their best.");
        assert_eq!(strengths[0].default_visibility(AgeBand::Teen), Visibility::TherapistOnly);
        assert!(strengths[0].can_share());
        let (_, checkin) = &sections[0];
        assert!(checkin.iter().all(|asked| !asked.can_share()));
    }

    #[test]
    fn children_get_the_short_version() {
        let template = builtin();
        let others = people();
        let asker = Asker {
            me_id: "jo",
            role: Role::FamilyMember,
            age_band: AgeBand::Child,
            others: &others,
            recovery_name: "Alex",
            last_steps: &[],
        };
        let keys: Vec<String> =
            asked_sections(&template, &asker).iter().map(|(s, _)| s.key.clone()).collect();
        assert!(keys.contains(&"child".to_owned()));
        assert!(
            !keys.contains(&"amends".to_owned()),
            "children are never asked about amends: {keys:?}"
        );
    }

    #[test]
    fn next_steps_come_back_to_exactly_the_people_they_name() {
        let template = builtin();
        let steps = vec![
            LastStep {
                id: "step-1".into(),
                who_id: "alex".into(),
                who_name: "Alex".into(),
                for_id: Some("sam".into()),
                what: "Call on Sundays {name}".into(),
                by_when: None,
            },
            LastStep {
                id: "step-2".into(),
                who_id: "pat".into(),
                who_name: "Pat".into(),
                for_id: None,
                what: "Walk the dog".into(),
                by_when: Some("2027-01-31".into()),
            },
        ];
        let asked_of = |me: &str, role: Role| -> Vec<(String, String, String)> {
            let others = people();
            let asker = Asker {
                me_id: me,
                role,
                age_band: AgeBand::Adult,
                others: &others,
                recovery_name: "Alex",
                last_steps: &steps,
            };
            asked_sections(&template, &asker)
                .into_iter()
                .filter(|(section, _)| section.key == "since_last_time")
                .flat_map(|(_, asked)| asked)
                .map(|a| (a.prompt.key.clone(), a.about.unwrap().id, a.text))
                .collect()
        };
        let alex = asked_of("alex", Role::PersonInRecovery);
        assert_eq!(alex.len(), 2, "{alex:?}");
        assert_eq!(alex[0].0, "followup.how");
        assert_eq!(alex[0].1, "step-1");
        // The family's words stay as written, braces and all.
        assert_eq!(
            alex[0].2,
            "Last time you agreed: \u{201c}Call on Sundays {name}\u{201d}. How has it gone?"
        );
        let sam = asked_of("sam", Role::FamilyMember);
        assert_eq!(sam.len(), 2, "{sam:?}");
        assert_eq!(
            sam[0].2,
            "Last time Alex agreed: \u{201c}Call on Sundays {name}\u{201d}. Have you noticed a change?"
        );
        // Pat agreed a step for nobody in particular; Jo is named in none.
        assert_eq!(asked_of("pat", Role::FamilyMember).len(), 2);
        assert!(asked_of("jo", Role::FamilyMember).is_empty());
    }
}
