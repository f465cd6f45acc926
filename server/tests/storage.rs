//! The data-access layer, run unchanged against SQLite and PostgreSQL.

use crate::common::{TestApp, TestDatabase};
use app::family::{
    AgeBand, FamilyName, ParticipantName, Relationship, Role,
    store::{self as families, NewParticipant},
};
use app::therapist::store::{create_therapist, find_therapist_by_email};
use sqlx::Row;

backend_tests!(
    migrations_apply_once_and_report_the_schema_version,
    families_are_listed_per_therapist,
    renaming_a_family_keeps_its_people,
    deleting_a_family_removes_its_participants,
    therapist_emails_are_unique_ignoring_case,
    participants_keep_role_relationship_and_age_band,
    a_write_survives_a_server_restart,
    read_then_write_transactions_do_not_fail_under_contention,
    housekeeping_deletes_ended_sessions_and_forgotten_counts_only,
);

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$placeholder$placeholder";

async fn migrations_apply_once_and_report_the_schema_version(database: TestDatabase) {
    let db = database.connect().await;
    let first = db.schema_version().await.unwrap();
    let again = server::database::migrate(&db).await.unwrap();
    assert!(first >= 1);
    assert_eq!(first, again);
    assert_eq!(db.backend(), database.backend);
}

async fn families_are_listed_per_therapist(database: TestDatabase) {
    let db = database.connect().await;
    let ana = create_therapist(&db, "ana@example.org", "Ana", HASH).await.unwrap();
    let ben = create_therapist(&db, "ben@example.org", "Ben", HASH).await.unwrap();
    let r_family = families::create_family(&db, &ana.id, &name("R. family")).await.unwrap();
    let k_family = families::create_family(&db, &ana.id, &name("K. family")).await.unwrap();
    families::create_family(&db, &ben.id, &name("Ben's family")).await.unwrap();

    let listed = families::families_of_therapist(&db, &ana.id).await.unwrap();
    let ids: Vec<_> = listed.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&r_family.id.as_str()) && ids.contains(&k_family.id.as_str()));
    assert!(listed.iter().all(|f| f.therapist_id == ana.id));
    assert_eq!(families::find_family(&db, &r_family.id).await.unwrap(), Some(r_family));
}

async fn renaming_a_family_keeps_its_people(database: TestDatabase) {
    let db = database.connect().await;
    let therapist = create_therapist(&db, "ana@example.org", "Ana", HASH).await.unwrap();
    let family = families::create_family(&db, &therapist.id, &name("R. family")).await.unwrap();
    families::add_participant(&db, &family.id, member("Sam")).await.unwrap();

    assert!(families::rename_family(&db, &family.id, &name("Rivera family")).await.unwrap());
    assert!(!families::rename_family(&db, "no-such-family", &name("X")).await.unwrap());

    let renamed = families::find_family(&db, &family.id).await.unwrap().unwrap();
    assert_eq!(renamed.name.as_str(), "Rivera family");
    assert_eq!(families::participants_of_family(&db, &family.id).await.unwrap().len(), 1);
}

async fn deleting_a_family_removes_its_participants(database: TestDatabase) {
    let db = database.connect().await;
    let therapist = create_therapist(&db, "ana@example.org", "Ana", HASH).await.unwrap();
    let doomed = families::create_family(&db, &therapist.id, &name("R. family")).await.unwrap();
    let kept = families::create_family(&db, &therapist.id, &name("K. family")).await.unwrap();
    families::add_participant(&db, &doomed.id, member("Sam")).await.unwrap();
    families::add_participant(&db, &doomed.id, member("Jo")).await.unwrap();
    families::add_participant(&db, &kept.id, member("Lee")).await.unwrap();

    assert!(families::delete_family(&db, &doomed.id).await.unwrap());
    assert!(!families::delete_family(&db, &doomed.id).await.unwrap());

    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participants WHERE family_id = $1")
        .bind(&doomed.id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "participants outlived their family");
    assert_eq!(families::participants_of_family(&db, &kept.id).await.unwrap().len(), 1);
}

async fn therapist_emails_are_unique_ignoring_case(database: TestDatabase) {
    let db = database.connect().await;
    create_therapist(&db, "Ana@Example.org", "Ana", HASH).await.unwrap();
    let duplicate = create_therapist(&db, " ana@example.ORG ", "Imposter", HASH).await;
    assert!(duplicate.is_err(), "a second account with the same email was created");

    let found = find_therapist_by_email(&db, "ANA@example.org").await.unwrap().unwrap();
    assert_eq!(found.email, "ana@example.org");
    assert_eq!(found.display_name, "Ana");
}

async fn participants_keep_role_relationship_and_age_band(database: TestDatabase) {
    let db = database.connect().await;
    let therapist = create_therapist(&db, "ana@example.org", "Ana", HASH).await.unwrap();
    let family = families::create_family(&db, &therapist.id, &name("R. family")).await.unwrap();
    let people = [
        (Role::PersonInRecovery, Relationship::Myself, AgeBand::Adult, "Alex"),
        (Role::FamilyMember, Relationship::Partner, AgeBand::Adult, "Sam"),
        (Role::FamilyMember, Relationship::Child, AgeBand::Teen, "Jo"),
        (Role::FamilyMember, Relationship::Parent, AgeBand::Adult, "Pat"),
    ];
    for (role, relationship, age_band, display_name) in people {
        let new = NewParticipant {
            display_name: ParticipantName::parse(display_name).unwrap(),
            role,
            relationship,
            age_band,
            language: app::i18n::Language::En,
        };
        families::add_participant(&db, &family.id, new).await.unwrap();
    }
    let stored = families::participants_of_family(&db, &family.id).await.unwrap();
    let stored: Vec<_> = stored
        .iter()
        .map(|p| (p.role, p.relationship, p.age_band, p.display_name.as_str()))
        .collect();
    assert_eq!(stored.len(), 4);
    for person in people {
        assert!(stored.contains(&person), "{person:?} missing from {stored:?}");
    }
}

async fn a_write_survives_a_server_restart(database: TestDatabase) {
    let first = TestApp::spawn(&database).await;
    let therapist = create_therapist(&first.db, "ana@example.org", "Ana", HASH).await.unwrap();
    let family =
        families::create_family(&first.db, &therapist.id, &name("R. family")).await.unwrap();
    first.stop().await;

    let second = TestApp::spawn(&database).await;
    let health = second.client.get(second.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let found = families::find_family(&second.db, &family.id).await.unwrap();
    assert_eq!(found, Some(family));
    second.stop().await;
}

/// Each transaction reads, then writes: the pattern that makes SQLite fail at once
/// with SQLITE_BUSY when a deferred transaction has to upgrade to a write lock.
async fn read_then_write_transactions_do_not_fail_under_contention(database: TestDatabase) {
    let db = database.connect().await;
    let therapist = create_therapist(&db, "ana@example.org", "Ana", HASH).await.unwrap();
    let writers = (0..24).map(|i| {
        let db = db.clone();
        let therapist_id = therapist.id.clone();
        tokio::spawn(async move {
            let mut tx = db.begin_write().await?;
            let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM families")
                .fetch_one(&mut *tx)
                .await?
                .try_get("n")?;
            sqlx::query(
                "INSERT INTO families (id, therapist_id, name, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(format!("family-{i}"))
            .bind(&therapist_id)
            .bind(format!("family number {}", count + 1))
            .bind(i64::from(i))
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        })
    });
    for writer in writers.collect::<Vec<_>>() {
        writer.await.unwrap().expect("a concurrent write failed");
    }
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM families ORDER BY name")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert_eq!(names.len(), 24);
    if database.backend == app::db::Backend::Sqlite {
        // SQLite runs write transactions one at a time: each saw every earlier one.
        let mut expected: Vec<String> = (1..=24).map(|n| format!("family number {n}")).collect();
        expected.sort();
        assert_eq!(names, expected);
    }
}

fn name(text: &str) -> FamilyName {
    FamilyName::parse(text).unwrap()
}

fn member(display_name: &str) -> NewParticipant {
    NewParticipant {
        display_name: ParticipantName::parse(display_name).unwrap(),
        role: Role::FamilyMember,
        relationship: Relationship::Sibling,
        age_band: AgeBand::Adult,
        language: app::i18n::Language::En,
    }
}

/// The ten-minute sweep: sessions past their end and forgotten sign-in counts go;
/// a live session and a running block stay.
async fn housekeeping_deletes_ended_sessions_and_forgotten_counts_only(database: TestDatabase) {
    use app::auth::session::{self, Holder, Stage, Timeouts};
    use std::time::Duration;
    let db = database.connect().await;
    let ana = create_therapist(&db, "ana@example.org", "Ana", HASH).await.unwrap();
    let holder = Holder::Therapist(ana.id.clone());
    let long = Timeouts { idle: Duration::from_secs(600), absolute: Duration::from_secs(3600) };
    let live = session::create(&db, &holder, Stage::Full, long).await.unwrap();
    let ended = session::create(&db, &holder, Stage::Full, long).await.unwrap();
    let idle = session::create(&db, &holder, Stage::Full, long).await.unwrap();
    let hash = |token: &str| app::auth::secrets::hash_secret(token);
    let now = app::db::time::now_ms();
    let set = |sql: &'static str, token: String, at: i64| {
        let db = db.clone();
        async move {
            sqlx::query(sql).bind(at).bind(hash(&token)).execute(db.pool()).await.unwrap();
        }
    };
    set("UPDATE sessions SET expires_at = $1 WHERE id_hash = $2", ended, now - 1).await;
    set("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", idle, now - 601_000).await;
    let hour_ago = now - 2 * 60 * 60 * 1000;
    for (key, blocked_until) in [("forgotten", 0), ("still-blocked", now + 60_000)] {
        sqlx::query(
            "INSERT INTO sign_in_throttle (scope, throttle_key, failures, blocked_until, updated_at) \
             VALUES ('ip', $1, 30, $2, $3)",
        )
        .bind(key)
        .bind(blocked_until)
        .bind(hour_ago)
        .execute(db.pool())
        .await
        .unwrap();
    }
    server::housekeeping::sweep(&db, long).await;
    let sessions: Vec<String> =
        sqlx::query_scalar("SELECT id_hash FROM sessions").fetch_all(db.pool()).await.unwrap();
    assert_eq!(sessions, [hash(&live)]);
    let counts: Vec<String> = sqlx::query_scalar("SELECT throttle_key FROM sign_in_throttle")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert_eq!(counts, ["still-blocked"]);
}
