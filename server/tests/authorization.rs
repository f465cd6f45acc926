//! The role × server-function table. Every server function is a public HTTP
//! endpoint; this calls each one over real HTTP as each kind of caller and checks
//! the policy's answer. A server function without a row fails the test, so a new
//! one cannot ship without deciding who may call it.

mod common;

use app::{
    auth::session::{self, Holder, Stage, Timeouts},
    family::{
        AgeBand, FamilyName, ParticipantName, Relationship, Role,
        store::{NewParticipant, add_participant, create_family},
    },
};
use common::{TestApp, TestDatabase, spawn::new_client};
use std::{collections::BTreeSet, time::Duration};

backend_tests!(every_server_function_enforces_the_policy_for_every_role);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// The therapist whose families these are.
    TherapistOwner,
    /// Another therapist on the same server.
    OtherTherapist,
    /// A participant of the owner's family.
    Participant,
    /// A participant of another therapist's family.
    OtherFamilyParticipant,
}

const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::TherapistOwner,
    Caller::OtherTherapist,
    Caller::Participant,
    Caller::OtherFamilyParticipant,
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
    form: &'static [(&'static str, &'static str)],
    access: [Access; 5],
}

/// Arguments are chosen so that an allowed call gets past argument parsing; what an
/// allowed call then answers (success, or a validation error) does not matter here.
const TABLE: &[Row] = &[
    Row { endpoint: "check_service_status", form: &[], access: [A, A, A, A, A] },
    Row { endpoint: "current_viewer", form: &[], access: [A, A, A, A, A] },
    Row {
        endpoint: "sign_in",
        form: &[("email", "nobody@example.org"), ("password", "not a real password")],
        access: [A, A, A, A, A],
    },
    Row { endpoint: "verify_second_factor", form: &[("code", "000000")], access: [D, D, D, D, D] },
    Row { endpoint: "sign_out", form: &[], access: [D, A, A, A, A] },
    Row { endpoint: "sign_out_everywhere", form: &[], access: [D, A, A, D, D] },
    Row {
        endpoint: "change_password",
        form: &[("current_password", "wrong"), ("new_password", "x"), ("confirm_password", "y")],
        access: [D, A, A, D, D],
    },
    Row {
        endpoint: "link_status",
        form: &[("purpose", "invite"), ("token", "unknown")],
        access: [A, A, A, A, A],
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
        access: [A, A, A, A, A],
    },
    Row { endpoint: "invite_colleague", form: &[], access: [D, A, A, D, D] },
    Row { endpoint: "begin_two_factor", form: &[], access: [D, A, A, D, D] },
    Row { endpoint: "confirm_two_factor", form: &[("code", "000000")], access: [D, A, A, D, D] },
    Row { endpoint: "disable_two_factor", form: &[("password", "wrong")], access: [D, A, A, D, D] },
    Row { endpoint: "list_my_activity", form: &[("page", "1")], access: [D, A, A, D, D] },
    Row { endpoint: "take_flash", form: &[("kind", "invite_link")], access: [D, A, A, D, D] },
];

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
    let owner = app.therapist("owner@example.org", "lantern orbit kettle marble").await;
    let other = app.therapist("other@example.org", "lantern orbit kettle marble").await;
    let participant = participant_of(&app, &owner.id, "Sam").await;
    let other_participant = participant_of(&app, &other.id, "Lee").await;

    let mut wrong = Vec::new();
    for row in TABLE {
        for (caller, expected) in CALLERS.iter().zip(row.access) {
            // A fresh session per call: some calls (sign out) end the one they use.
            let holder = match caller {
                Caller::Anonymous => None,
                Caller::TherapistOwner => Some(Holder::Therapist(owner.id.clone())),
                Caller::OtherTherapist => Some(Holder::Therapist(other.id.clone())),
                Caller::Participant => Some(Holder::Participant(participant.clone())),
                Caller::OtherFamilyParticipant => {
                    Some(Holder::Participant(other_participant.clone()))
                }
            };
            let client = new_client();
            let mut request = client
                .post(app.url(&format!("/api/{}", row.endpoint)))
                .header("accept", "application/json")
                .form(row.form);
            if let Some(holder) = holder {
                let token =
                    session::create(&app.db, &holder, Stage::Full, timeouts()).await.unwrap();
                request = request.header("cookie", format!("parallel_session={token}"));
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            let denied = matches!(
                (status, body.as_str()),
                (401, "\"Unauthenticated\"") | (403, "\"Forbidden\"")
            );
            let actual = if denied { D } else { A };
            if actual != expected {
                wrong.push(format!(
                    "{} as {caller:?}: expected {expected:?}, got {actual:?} ({status} {body})",
                    row.endpoint
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "the policy disagrees with the table:\n{}", wrong.join("\n"));
    app.stop().await;
}

fn timeouts() -> Timeouts {
    Timeouts { idle: Duration::from_secs(600), absolute: Duration::from_secs(3600) }
}

async fn participant_of(app: &TestApp, therapist_id: &str, name: &str) -> String {
    let family = create_family(&app.db, therapist_id, &FamilyName::parse("A family").unwrap())
        .await
        .unwrap();
    let new = NewParticipant {
        display_name: ParticipantName::parse(name).unwrap(),
        role: Role::FamilyMember,
        relationship: Relationship::Partner,
        age_band: AgeBand::Adult,
    };
    add_participant(&app.db, &family.id, new).await.unwrap().id
}
