//! The role × server-function table. Every server function is a public HTTP
//! endpoint; this calls each one over real HTTP as each kind of caller and checks
//! the policy's answer. A server function without a row fails the test, so a new
//! one cannot ship without deciding who may call it.

use crate::common::{TestApp, TestDatabase, spawn::new_client};
use app::{
    auth::session::{self, Holder, Stage, Timeouts},
    exercise::store as exercises,
    family::{
        AgeBand, FamilyName, ParticipantName, Relationship, Role,
        store::{NewParticipant, add_participant, create_family},
    },
    ids::{InvitationId, ParticipantId, TemplateId, TherapistId},
    invitation::store as invitations,
    state::SecretKey,
    template::store as templates,
};
use std::{collections::BTreeSet, time::Duration};

backend_tests!(every_server_function_enforces_the_policy_for_every_role);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// The therapist whose family and exercise the ids in the table name.
    TherapistOwner,
    /// Another therapist on the same server.
    OtherTherapist,
    /// A participant of that family's exercise.
    Participant,
    /// A participant of another therapist's family.
    OtherFamilyParticipant,
    /// A participant whose invitation was revoked.
    RevokedParticipant,
    /// A participant whose link just opened on its first device: the passcode is
    /// still to be chosen (the same invitation as `Participant`).
    ParticipantChoosingPasscode,
}

const CALLERS: [Caller; 7] = [
    Caller::Anonymous,
    Caller::TherapistOwner,
    Caller::OtherTherapist,
    Caller::Participant,
    Caller::OtherFamilyParticipant,
    Caller::RevokedParticipant,
    Caller::ParticipantChoosingPasscode,
];

/// Allowed (`A`) or denied (`D`), in the order of `CALLERS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    A,
    D,
}
use Access::{A, D};

struct Row {
    endpoint: &'static str,
    /// `{family}`, `{exercise}`, `{participant}`, `{spare_participant}`,
    /// `{spare_invitation}`, `{own_template}` and `{builtin_template}` stand for the
    /// owner's fixtures.
    form: &'static [(&'static str, &'static str)],
    access: [Access; 7],
}

const THERAPISTS: [Access; 7] = [D, A, A, D, D, D, D];
const OWNER: [Access; 7] = [D, A, D, D, D, D, D];
const EVERYONE: [Access; 7] = [A, A, A, A, A, A, A];
/// Any live session, also one half-way in (it may end itself).
const SIGNED_IN: [Access; 7] = [D, A, A, A, A, D, A];
/// Participants all the way in: never one whose passcode is still due.
const PARTICIPANTS: [Access; 7] = [D, D, D, A, A, D, D];
const NOBODY: [Access; 7] = [D, D, D, D, D, D, D];
/// Which passcode step: any participant (one all the way in hears "done").
const PASSCODE_STEP: [Access; 7] = [D, D, D, A, A, D, A];
/// Only a participant at the passcode step it is for.
const CHOOSING_PASSCODE: [Access; 7] = [D, D, D, D, D, D, A];

/// Arguments are chosen so that an allowed call gets past argument parsing; what an
/// allowed call then answers (success, or a validation error) does not matter here.
const TABLE: &[Row] = &[
    Row { endpoint: "check_service_status", form: &[], access: EVERYONE },
    Row { endpoint: "current_viewer", form: &[], access: EVERYONE },
    Row {
        endpoint: "sign_in",
        form: &[("email", "nobody@example.org"), ("password", "not a real password")],
        access: EVERYONE,
    },
    Row { endpoint: "verify_second_factor", form: &[("code", "000000")], access: NOBODY },
    Row { endpoint: "sign_out", form: &[], access: SIGNED_IN },
    Row { endpoint: "sign_out_everywhere", form: &[], access: THERAPISTS },
    Row {
        endpoint: "change_password",
        form: &[("current_password", "wrong"), ("new_password", "x"), ("confirm_password", "y")],
        access: THERAPISTS,
    },
    Row {
        endpoint: "link_status",
        form: &[("purpose", "invite"), ("token", "unknown")],
        access: EVERYONE,
    },
    Row {
        endpoint: "create_account",
        form: &[
            ("purpose", "invite"),
            ("token", "unknown"),
            ("display_name", "X"),
            ("email", "x@example.org"),
            ("password", "p"),
            ("confirm_password", "p"),
        ],
        access: EVERYONE,
    },
    Row { endpoint: "invite_colleague", form: &[], access: THERAPISTS },
    Row { endpoint: "begin_two_factor", form: &[], access: THERAPISTS },
    Row { endpoint: "confirm_two_factor", form: &[("code", "000000")], access: THERAPISTS },
    Row {
        endpoint: "disable_two_factor",
        form: &[("password", "wrong"), ("code", "000000")],
        access: THERAPISTS,
    },
    Row { endpoint: "list_my_activity", form: &[("page", "1")], access: THERAPISTS },
    Row { endpoint: "take_flash", form: &[("kind", "invite_link")], access: THERAPISTS },
    // Families and participants.
    Row { endpoint: "list_families", form: &[], access: THERAPISTS },
    Row { endpoint: "create_family", form: &[("name", "New family")], access: THERAPISTS },
    Row { endpoint: "get_family", form: &[("family_id", "{family}")], access: OWNER },
    Row {
        endpoint: "rename_family",
        form: &[("family_id", "{family}"), ("name", "R. family")],
        access: OWNER,
    },
    Row {
        endpoint: "set_family_archived",
        form: &[("family_id", "{family}"), ("archived", "false")],
        access: OWNER,
    },
    Row {
        endpoint: "delete_family",
        form: &[("family_id", "{family}"), ("confirm_name", "not the name")],
        access: OWNER,
    },
    Row {
        endpoint: "add_participant",
        form: &[
            ("family_id", "{family}"),
            ("display_name", "Pat"),
            ("role", "family_member"),
            ("relationship", "parent"),
            ("age_band", "adult"),
        ],
        access: OWNER,
    },
    Row {
        endpoint: "update_participant",
        form: &[
            ("participant_id", "{participant}"),
            ("display_name", "Sam"),
            ("role", "family_member"),
            ("relationship", "partner"),
            ("age_band", "adult"),
        ],
        access: OWNER,
    },
    Row {
        endpoint: "remove_participant",
        form: &[("participant_id", "{spare_participant}")],
        access: OWNER,
    },
    // Templates.
    Row { endpoint: "list_templates", form: &[], access: THERAPISTS },
    Row { endpoint: "import_template", form: &[("source", "not a template")], access: THERAPISTS },
    Row {
        endpoint: "export_template",
        form: &[("template_id", "{builtin_template}")],
        access: THERAPISTS,
    },
    // Exercises and invitations.
    Row {
        endpoint: "create_exercise",
        form: &[
            ("family_id", "{family}"),
            ("template_id", "{builtin_template}"),
            ("focus", ""),
            ("due_date", ""),
        ],
        access: OWNER,
    },
    Row { endpoint: "get_exercise", form: &[("exercise_id", "{exercise}")], access: OWNER },
    // Refused past the check: the family's last exercise is not closed.
    Row {
        endpoint: "start_next_exercise",
        form: &[
            ("family_id", "{family}"),
            ("template", "same"),
            ("links", "keep"),
            ("focus", ""),
            ("due_date", ""),
        ],
        access: OWNER,
    },
    Row {
        endpoint: "advance_exercise",
        form: &[("exercise_id", "{exercise}"), ("to", "open")],
        access: OWNER,
    },
    Row {
        endpoint: "revoke_invitation",
        form: &[("invitation_id", "{spare_invitation}")],
        access: OWNER,
    },
    Row {
        endpoint: "reissue_invitation",
        form: &[("invitation_id", "{spare_invitation}")],
        access: OWNER,
    },
    Row {
        endpoint: "invitation_link",
        form: &[("invitation_id", "{spare_invitation}")],
        access: OWNER,
    },
    Row {
        endpoint: "sign_out_devices",
        form: &[("invitation_id", "{spare_invitation}")],
        access: OWNER,
    },
    Row { endpoint: "participant_welcome", form: &[], access: PARTICIPANTS },
    // The passcode step of a link opened on a device (`invitation::join`). No caller
    // here owes a passcode on another device, so nobody may give one; the HTTP tests
    // in links.rs cover that path.
    Row { endpoint: "passcode_step", form: &[], access: PASSCODE_STEP },
    Row {
        endpoint: "choose_passcode",
        form: &[("passcode", "2468"), ("again", "2468")],
        access: CHOOSING_PASSCODE,
    },
    Row { endpoint: "enter_passcode", form: &[("passcode", "2468")], access: NOBODY },
    // The participant's own answers (none of these takes a participant id: each
    // reaches only the caller's own answers in their invitation's exercise).
    Row { endpoint: "answer_section", form: &[("number", "1")], access: PARTICIPANTS },
    Row { endpoint: "save_answer", form: &[(JSON, SAVE_ANSWER_JSON)], access: PARTICIPANTS },
    Row { endpoint: "answers_review", form: &[], access: PARTICIPANTS },
    Row { endpoint: "start_answering", form: &[], access: PARTICIPANTS },
    Row { endpoint: "set_answers_done", form: &[("done", "true")], access: PARTICIPANTS },
    Row {
        endpoint: "dismiss_replaced",
        form: &[("field", "closing.friend~-")],
        access: PARTICIPANTS,
    },
    Row { endpoint: "crisis_resources", form: &[], access: EVERYONE },
    // Anyone may choose their device's language; the signed-in keep it as their own
    // (a participant's or therapist's row changes only for themselves).
    Row { endpoint: "set_language", form: &[("language", "es")], access: EVERYONE },
    // The session: dashboard, boards, reveals, marks, notes, next steps, flags.
    Row { endpoint: "dashboard", form: &[], access: THERAPISTS },
    Row { endpoint: "therapist_board", form: &[("exercise_id", "{exercise}")], access: OWNER },
    Row { endpoint: "exercise_summary", form: &[("exercise_id", "{exercise}")], access: OWNER },
    Row { endpoint: "presenter_board", form: &[("exercise_id", "{exercise}")], access: OWNER },
    // Over time: the therapist's only, never a participant's.
    Row { endpoint: "family_over_time", form: &[("family_id", "{family}")], access: OWNER },
    Row { endpoint: "exercise_over_time", form: &[("exercise_id", "{exercise}")], access: OWNER },
    Row { endpoint: "participant_board", form: &[], access: PARTICIPANTS },
    Row {
        endpoint: "set_section_revealed",
        form: &[("exercise_id", "{exercise}"), ("section_key", "impact"), ("revealed", "true")],
        access: OWNER,
    },
    Row {
        endpoint: "set_pair_discussed",
        form: &[
            ("exercise_id", "{exercise}"),
            ("pair_key", "impact.moment"),
            ("subject_id", "{participant}"),
            ("discussed", "true"),
        ],
        access: OWNER,
    },
    // The therapist, or the participant the guess is about (Sam here; refused
    // as "not now" since the section is not revealed, which is past the check).
    Row {
        endpoint: "rate_guess",
        form: &[
            ("exercise_id", "{exercise}"),
            ("pair_key", "impact.moment"),
            ("subject_id", "{participant}"),
            ("rating", "2"),
        ],
        access: OWNER_OR_PARTICIPANT,
    },
    Row {
        endpoint: "save_note",
        form: &[("exercise_id", "{exercise}"), ("target", "section:impact"), ("body", "A note")],
        access: OWNER,
    },
    Row {
        endpoint: "add_next_step",
        form: &[
            ("exercise_id", "{exercise}"),
            ("who_id", "{participant}"),
            ("what", "Call on Sundays"),
            ("by_when", ""),
        ],
        access: OWNER,
    },
    Row {
        endpoint: "remove_next_step",
        form: &[("exercise_id", "{exercise}"), ("step_id", "no-such-step")],
        access: OWNER,
    },
    Row { endpoint: "acknowledge_flag", form: &[("flag_id", "{flag}")], access: OWNER },
];

/// The exercise's therapist and its participants (whose own exercise it is).
const OWNER_OR_PARTICIPANT: [Access; 7] = [D, A, D, A, D, D, D];

/// A row whose only field is named `JSON` sends that value as a JSON body (for
/// server functions that take JSON).
const JSON: &str = "(json)";
const SAVE_ANSWER_JSON: &str = r#"{"answer":{"key":{"prompt_key":"closing.friend","about":null},"value":{"kind":"text","text":"Be kind to yourself."},"visibility":"shared","base_version":0,"writer":"table"}}"#;

/// An imported template is exported only to the therapist who imported it.
const OWN_TEMPLATE_EXPORT: Row =
    Row { endpoint: "export_template", form: &[("template_id", "{own_template}")], access: OWNER };

async fn every_server_function_enforces_the_policy_for_every_role(database: TestDatabase) {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _method)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let in_table: BTreeSet<String> = TABLE.iter().map(|row| row.endpoint.to_owned()).collect();
    let missing: Vec<_> = registered.difference(&in_table).collect();
    let stale: Vec<_> = in_table.difference(&registered).collect();
    assert!(missing.is_empty(), "server functions with no row in the table: {missing:?}");
    assert!(stale.is_empty(), "rows for server functions that no longer exist: {stale:?}");

    let app = TestApp::spawn(&database).await;
    let world = World::build(&app).await;
    let mut wrong = Vec::new();
    for row in TABLE.iter().chain([&OWN_TEMPLATE_EXPORT]) {
        // The owner goes last: an allowed call may remove what it names (a
        // participant, an invitation), and every refused caller must meet the row
        // as it stands, not a "not found".
        let mut calls: Vec<_> = CALLERS.iter().zip(row.access).collect();
        calls.sort_by_key(|(caller, _)| **caller == Caller::TherapistOwner);
        for (caller, expected) in calls {
            let actual = world.call(&app, *caller, row).await;
            if actual.0 != expected {
                wrong.push(format!(
                    "{} as {caller:?}: expected {expected:?}, got {:?} ({})",
                    row.endpoint, actual.0, actual.1
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "the policy disagrees with the table:\n{}", wrong.join("\n"));
    app.stop().await;
}

/// The fixtures: two therapists, each with a family in an exercise.
struct World {
    owner: TherapistId,
    other: TherapistId,
    participant: Holder,
    other_participant: Holder,
    revoked_participant: Holder,
    ids: Vec<(&'static str, String)>,
}

impl World {
    async fn build(app: &TestApp) -> Self {
        let owner = app.therapist("owner@example.org", "lantern orbit kettle marble").await.id;
        let other = app.therapist("other@example.org", "lantern orbit kettle marble").await.id;
        let builtin = templates::available_to(&app.db, &owner).await.unwrap()[0].id.clone();
        let own_template =
            templates::import(&app.db, &owner, app::template::builtin::IMPACT_HURT_AMENDS)
                .await
                .unwrap()
                .unwrap();

        let (family, exercise, people) =
            family_in_exercise(app, &owner, &builtin, &["Alex", "Sam", "Spare", "Gone", "Extra"])
                .await;
        let invitation_of = |name: &str| people.iter().find(|(n, _, _)| n == name).unwrap().clone();
        let (_, sam, sam_invitation) = invitation_of("Sam");
        let (_, spare, _) = invitation_of("Spare");
        let (_, gone, gone_invitation) = invitation_of("Gone");
        invitations::revoke(&app.db, &gone_invitation).await.unwrap();

        let (_, _, other_people) = family_in_exercise(app, &other, &builtin, &["Lee", "Kim"]).await;
        // A check-in flag on the owner's exercise (as Sam's "not safe at home" would raise).
        sqlx::query(
            "INSERT INTO checkin_flags (id, exercise_id, participant_id, prompt_key, rule, \
             summary, raised_at) VALUES ('table-flag', $1, $2, 'checkin.safe', 'unless', 'No', 0)",
        )
        .bind(&exercise)
        .bind(&sam)
        .execute(app.db.pool())
        .await
        .unwrap();
        let (_, lee, lee_invitation) = other_people[1].clone();
        // Not Spare's: the table removes Spare before it revokes this.
        let spare_invitation = invitation_of("Extra").2;

        World {
            owner,
            other,
            participant: Holder::Participant {
                participant_id: sam.clone(),
                invitation_id: sam_invitation,
            },
            other_participant: Holder::Participant {
                participant_id: lee,
                invitation_id: lee_invitation,
            },
            revoked_participant: Holder::Participant {
                participant_id: gone,
                invitation_id: gone_invitation,
            },
            ids: vec![
                ("{family}", family),
                ("{exercise}", exercise),
                ("{participant}", sam.to_string()),
                ("{spare_participant}", spare.to_string()),
                ("{spare_invitation}", spare_invitation.to_string()),
                ("{own_template}", own_template.to_string()),
                ("{builtin_template}", builtin.to_string()),
                ("{flag}", "table-flag".to_owned()),
            ],
        }
    }

    /// Calls `row` as `caller` with a fresh session; returns allowed/denied and what
    /// came back.
    async fn call(&self, app: &TestApp, caller: Caller, row: &Row) -> (Access, String) {
        let holder = match caller {
            Caller::Anonymous => None,
            Caller::TherapistOwner => Some(Holder::Therapist(self.owner.clone())),
            Caller::OtherTherapist => Some(Holder::Therapist(self.other.clone())),
            Caller::Participant => Some(self.participant.clone()),
            Caller::OtherFamilyParticipant => Some(self.other_participant.clone()),
            Caller::RevokedParticipant => Some(self.revoked_participant.clone()),
            Caller::ParticipantChoosingPasscode => Some(self.participant.clone()),
        };
        let stage = if caller == Caller::ParticipantChoosingPasscode {
            Stage::ChoosePasscode
        } else {
            Stage::Full
        };
        let form: Vec<(&str, String)> = row
            .form
            .iter()
            .map(|(name, value)| {
                let value = self.ids.iter().fold(value.to_string(), |v, (k, id)| v.replace(k, id));
                (*name, value)
            })
            .collect();
        let client = new_client();
        let request = client
            .post(app.url(&format!("/api/{}", row.endpoint)))
            .header("accept", "application/json");
        let mut request = match form.as_slice() {
            [(JSON, body)] => request.header("content-type", "application/json").body(body.clone()),
            _ => request.form(&form),
        };
        if let Some(holder) = holder {
            let token = session::create(&app.db, &holder, stage, timeouts()).await.unwrap();
            request = request.header("cookie", format!("parallel_session={token}"));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        let denied = matches!(
            (status, body.as_str()),
            (401, "\"Unauthenticated\"") | (403, "\"Forbidden\"")
        );
        (
            if denied { D } else { A },
            format!("{status} {}", body.chars().take(120).collect::<String>()),
        )
    }
}

fn timeouts() -> Timeouts {
    Timeouts { idle: Duration::from_secs(600), absolute: Duration::from_secs(3600) }
}

/// A family whose first person is in recovery, in an exercise with invitations.
/// Returns the family, the exercise and each person's (name, participant, invitation).
async fn family_in_exercise(
    app: &TestApp,
    therapist_id: &TherapistId,
    template_id: &TemplateId,
    names: &[&str],
) -> (String, String, Vec<(String, ParticipantId, InvitationId)>) {
    let family = create_family(&app.db, therapist_id, &FamilyName::parse("A family").unwrap())
        .await
        .unwrap();
    let mut people = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let in_recovery = i == 0;
        let new = NewParticipant {
            display_name: ParticipantName::parse(name).unwrap(),
            role: if in_recovery { Role::PersonInRecovery } else { Role::FamilyMember },
            relationship: if in_recovery { Relationship::Myself } else { Relationship::Partner },
            age_band: AgeBand::Adult,
            language: app::i18n::Language::En,
        };
        people.push(add_participant(&app.db, &family.id, new).await.unwrap());
    }
    let exercise = exercises::create(&app.db, &family.id, template_id, None, None).await.unwrap();
    let ids: Vec<ParticipantId> = people.iter().map(|p| p.id.clone()).collect();
    invitations::ensure_for_exercise(
        &app.db,
        &SecretKey([3; 32]),
        &exercise.id,
        &ids,
        Duration::from_secs(3600),
    )
    .await
    .unwrap();
    let all = invitations::of_exercise(&app.db, &exercise.id).await.unwrap();
    let people = people
        .into_iter()
        .map(|p| {
            let invitation = all.iter().find(|i| i.participant_id == p.id).unwrap().id.clone();
            (p.display_name.as_str().to_owned(), p.id, invitation)
        })
        .collect();
    (family.id.into(), exercise.id.into(), people)
}
