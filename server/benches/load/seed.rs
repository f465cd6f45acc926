//! Families, exercises, answers and sessions written straight into the database,
//! so a run starts from a realistic state in seconds.

use app::ids::{ExerciseId, ParticipantId};
use std::time::Duration;

use app::{
    answer::{
        AnswerKey, AnswerToSave, AnswerValue,
        journey::{Asker, OtherPerson, asked_sections},
        store as answers,
    },
    auth::{
        password::hash_password,
        session::{self, Holder, Stage, Timeouts},
    },
    board::store as board,
    db::Db,
    exercise::{ExerciseStatus, store as exercises},
    family::{
        AgeBand, FamilyName, Participant, ParticipantName, Relationship, Role,
        store::{NewParticipant, add_participant, create_family},
    },
    invitation::store as invitations,
    state::SecretKey,
    template::store as templates,
    therapist::store::create_therapist,
};

pub const SESSION_COOKIE: &str = "parallel_session";

pub struct Person {
    pub id: String,
    /// `parallel_session=…` for one signed-in device of this person.
    pub cookie: String,
}

pub struct SeededExercise {
    pub id: String,
    pub people: Vec<Person>,
}

pub struct Seeded {
    pub therapist_cookie: String,
    pub exercises: Vec<SeededExercise>,
}

fn timeouts() -> Timeouts {
    Timeouts { idle: Duration::from_secs(3 * 3600), absolute: Duration::from_secs(12 * 3600) }
}

pub async fn session_cookie(db: &Db, holder: &Holder) -> String {
    let token = session::create(db, holder, Stage::Full, timeouts()).await.expect("a session");
    format!("{SESSION_COOKIE}={token}")
}

const NAMES: &[&str] = &["Alex", "Sam", "Pat", "Jo", "Kim", "Lee", "Max", "Ria"];

/// A text of about `chars` characters, plausible enough to render like an answer.
fn words(chars: usize, seed: usize) -> String {
    const BANK: &[&str] = &[
        "The night of the party, when nobody knew where they were until morning.",
        "I stopped telling friends what was going on at home.",
        "Money went missing and I started checking the bank every day.",
        "I felt like I had to hold everything together on my own.",
        "I want to hear that it was not my fault, and to believe it.",
    ];
    let mut text = String::new();
    let mut i = seed;
    while text.len() < chars {
        text.push_str(BANK[i % BANK.len()]);
        text.push(' ');
        i += 1;
    }
    text.truncate(chars);
    text
}

/// `families` families of one person in recovery and `members` family members,
/// each in an exercise at `status`; with `answered`, everyone has answered every
/// question they are asked (about 300 characters per text).
pub async fn seed(
    db: &Db,
    families: usize,
    members: usize,
    answered: bool,
    status: ExerciseStatus,
) -> Seeded {
    templates::install_builtins(db).await.expect("built-in templates");
    let hash = hash_password("bench password that is long enough").expect("hash");
    let therapist =
        create_therapist(db, "bench@example.org", "Bench", &hash).await.expect("therapist");
    let therapist_cookie = session_cookie(db, &Holder::Therapist(therapist.id.clone())).await;
    let template_id =
        templates::available_to(db, &therapist.id).await.expect("templates")[0].id.clone();
    let template =
        templates::find(db, &template_id).await.expect("a template").expect("the template");
    let mut seeded = Vec::new();
    for f in 0..families {
        let family =
            create_family(db, &therapist.id, &FamilyName::parse(&format!("Family {f}")).unwrap())
                .await
                .expect("family");
        let mut people: Vec<Participant> = Vec::new();
        for i in 0..=members {
            let in_recovery = i == 0;
            let new = NewParticipant {
                display_name: ParticipantName::parse(NAMES[i % NAMES.len()]).unwrap(),
                role: if in_recovery { Role::PersonInRecovery } else { Role::FamilyMember },
                relationship: if in_recovery {
                    Relationship::Myself
                } else {
                    Relationship::Partner
                },
                age_band: AgeBand::Adult,
                language: app::i18n::Language::En,
            };
            people.push(add_participant(db, &family.id, new).await.expect("participant"));
        }
        let exercise =
            exercises::create(db, &family.id, &template_id, None, None).await.expect("exercise");
        exercises::advance(db, &exercise.id, ExerciseStatus::Draft, ExerciseStatus::Open)
            .await
            .unwrap();
        let ids: Vec<ParticipantId> = people.iter().map(|p| p.id.clone()).collect();
        invitations::ensure_for_exercise(
            db,
            &SecretKey([7; 32]),
            &exercise.id,
            &ids,
            Duration::from_secs(86_400),
        )
        .await
        .expect("invitations");
        let invitations = invitations::of_exercise(db, &exercise.id).await.expect("invitations");
        let mut seeded_people = Vec::new();
        for person in &people {
            let invitation =
                invitations.iter().find(|i| i.participant_id == person.id).expect("invited");
            let holder = Holder::Participant {
                participant_id: person.id.clone(),
                invitation_id: invitation.id.clone(),
            };
            answers::consent(db, &exercise.id, &person.id).await.expect("consent");
            if answered {
                answer_everything(db, &template.template, &exercise.id, person, &people).await;
            }
            seeded_people.push(Person {
                id: person.id.to_string(),
                cookie: session_cookie(db, &holder).await,
            });
        }
        if status == ExerciseStatus::InSession {
            exercises::advance(db, &exercise.id, ExerciseStatus::Open, ExerciseStatus::InSession)
                .await
                .unwrap();
            for section in &template.template.sections {
                board::set_revealed(db, &exercise.id, &section.key, &therapist.id, true)
                    .await
                    .unwrap();
            }
        }
        seeded.push(SeededExercise { id: exercise.id.into(), people: seeded_people });
    }
    Seeded { therapist_cookie, exercises: seeded }
}

async fn answer_everything(
    db: &Db,
    template: &app::template::Template,
    exercise_id: &ExerciseId,
    me: &Participant,
    people: &[Participant],
) {
    let others: Vec<OtherPerson> = people
        .iter()
        .filter(|p| p.id != me.id)
        .map(|p| OtherPerson { id: p.id.to_string(), name: p.display_name.as_str().to_owned() })
        .collect();
    let recovery = people.iter().find(|p| p.role == Role::PersonInRecovery).expect("in recovery");
    let asker = Asker {
        me_id: me.id.as_str(),
        role: me.role,
        age_band: me.age_band,
        others: &others,
        recovery_name: recovery.display_name.as_str(),
        last_steps: &[],
    };
    for (n, (_, asked)) in asked_sections(template, &asker).into_iter().enumerate() {
        for (i, question) in asked.into_iter().enumerate() {
            use app::template::PromptKind;
            let value = match &question.prompt.kind {
                PromptKind::LongText { .. } => AnswerValue::Text { text: words(300, n + i) },
                PromptKind::Scale { .. } => AnswerValue::Scale { score: ((n + i) % 11) as u8 },
                PromptKind::SingleChoice { choices } => {
                    AnswerValue::Choice { choice: choices[0].value.clone() }
                }
                PromptKind::Feelings { .. } => AnswerValue::Feelings {
                    feelings: vec!["hurt".into(), if i % 2 == 0 { "afraid" } else { "sad" }.into()],
                    words: words(80, i),
                },
            };
            let save = AnswerToSave {
                key: AnswerKey {
                    prompt_key: question.prompt.key.clone(),
                    about: question.about.as_ref().map(|p| p.id.clone()),
                },
                value,
                visibility: question.default_visibility(me.age_band),
                base_version: 0,
                writer: "seed".into(),
            };
            answers::save(db, exercise_id, &me.id, &save, me.language, None)
                .await
                .expect("an answer");
        }
    }
}
