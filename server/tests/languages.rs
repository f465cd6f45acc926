//! English and Spanish, chosen per person: the request's language (a signed-in
//! person's own, else the device's choice, else the browser's), the switch, and
//! `<html lang>`. Over real HTTP, on SQLite and PostgreSQL.

use crate::common::{
    TestApp, TestDatabase,
    family::{OpenExercise, PASSWORD, open_exercise},
    spawn::new_client,
};

backend_tests!(
    a_visitor_gets_their_browsers_language_until_they_choose_one,
    a_participant_reads_in_their_own_language_on_any_device,
    people_added_without_a_language_get_their_therapists,
    a_mixed_family_answers_side_by_side_each_in_their_own_language,
    no_english_is_left_on_a_spanish_participants_pages,
);

const THERAPIST: &str = "ana@example.org";

/// The therapist gives `name` (a family member, partner, adult) Spanish, the rest
/// of their details unchanged.
async fn give_spanish(app: &TestApp, exercise: &OpenExercise, name: &str) {
    let updated = app
        .call(
            "update_participant",
            &[
                ("participant_id", exercise.id(name)),
                ("display_name", name),
                ("role", "family_member"),
                ("relationship", "partner"),
                ("age_band", "adult"),
                ("language", "es"),
            ],
        )
        .await;
    assert_eq!(updated.status(), 200);
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str, accept: &str) -> String {
    let response = client
        .get(app.url(path))
        .header("accept-language", accept)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.expect("a page")
}

/// Chooses `language` with the header's switch, as a browser without JavaScript
/// does: a plain form post that comes back to `from`.
async fn switch(app: &TestApp, client: &reqwest::Client, language: &str, from: &str) {
    let response = client
        .post(app.url("/api/set_language"))
        .header("accept", "text/html")
        .form(&[("__return_to", from), ("language", language)])
        .send()
        .await
        .expect("the server answers");
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.ends_with(&format!("{from}?")), "{location}");
}

async fn a_visitor_gets_their_browsers_language_until_they_choose_one(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let visitor = new_client();

    let spanish = page(&app, &visitor, "/crisis", "es-MX,es;q=0.9,en;q=0.5").await;
    assert!(spanish.contains("<html lang=\"es\""), "{spanish}");
    assert!(spanish.contains("<h1>Ayuda en crisis</h1>"), "{spanish}");
    // The crisis lines in Spanish, with Spanish-speaking help named.
    assert!(spanish.contains("marque 2 para español"), "{spanish}");
    assert!(spanish.contains("Llamar al 988"), "{spanish}");
    // The switch offers English, named in English.
    assert!(spanish.contains("lang=\"en\""), "{spanish}");

    let english = page(&app, &visitor, "/crisis", "en-US").await;
    assert!(english.contains("<html lang=\"en\""));
    assert!(english.contains("<h1>Crisis help</h1>"));
    let french = page(&app, &visitor, "/crisis", "fr-FR").await;
    assert!(french.contains("<html lang=\"en\""), "a language we do not speak: English");

    // Choosing Spanish on an English browser: the device keeps the choice.
    switch(&app, &visitor, "es", "/crisis").await;
    let chosen = page(&app, &visitor, "/crisis", "en-US").await;
    assert!(chosen.contains("<html lang=\"es\""), "{chosen}");
    let not_found = visitor.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(not_found.status(), 404);
    assert!(not_found.text().await.unwrap().contains("No encontramos esa página"));

    // A language Parallel does not speak is refused in plain words.
    let refused = app.call_as(&visitor, "set_language", &[("language", "xx")]).await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Please choose a language"));
    app.stop().await;
}

async fn a_participant_reads_in_their_own_language_on_any_device(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Rosa", "Sam"]).await;
    // The therapist gives Rosa Spanish (the rest of her details unchanged).
    give_spanish(&app, &exercise, "Rosa").await;

    // Rosa's phone asks for English pages; her own language wins.
    let rosa = exercise.join("Rosa").await;
    let welcome = page(&app, &rosa, "/welcome", "en-US,en").await;
    assert!(welcome.contains("<html lang=\"es\""), "{welcome}");
    assert!(welcome.contains("Le damos la bienvenida, Rosa"), "{welcome}");
    assert!(welcome.contains("Quién ve sus respuestas"), "{welcome}");
    assert!(welcome.contains("Salida rápida"), "{welcome}");
    // Sam, in the same family, reads English on a Spanish phone: each their own.
    let sam = exercise.join("Sam").await;
    let sams = page(&app, &sam, "/welcome", "es-MX").await;
    assert!(sams.contains("Welcome, Sam"), "{sams}");

    // Rosa switches to English from the header; it stays with her, not the page.
    switch(&app, &rosa, "en", "/welcome").await;
    let welcome = page(&app, &rosa, "/welcome", "es-MX").await;
    assert!(welcome.contains("Welcome, Rosa"), "{welcome}");
    let family: serde_json::Value =
        app.call("get_family", &[("family_id", &exercise.family_id)]).await.json().await.unwrap();
    let language_of = |name: &str| {
        family["participants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["display_name"] == name)
            .map(|p| p["language"].clone())
            .unwrap()
    };
    assert_eq!(language_of("Rosa"), "en");
    assert_eq!(language_of("Sam"), "en");

    // Back to Spanish on a second phone: the first phone follows, as it is hers.
    let second_phone = new_client();
    crate::common::family::open_link(&second_phone, &exercise.links["Rosa"]).await;
    switch(&app, &second_phone, "es", "/welcome").await;
    let first = page(&app, &rosa, "/welcome", "en-US").await;
    assert!(first.contains("Le damos la bienvenida, Rosa"), "{first}");
    app.stop().await;
}

async fn people_added_without_a_language_get_their_therapists(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist(THERAPIST, PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, THERAPIST, PASSWORD).await, 200);
    assert_eq!(app.call("set_language", &[("language", "es")]).await.status(), 200);
    let family = app.call("create_family", &[("name", "G. family")]).await;
    let family_id =
        family.headers()["location"].to_str().unwrap().trim_start_matches("/families/").to_owned();
    for (name, language) in [("Abuela", None), ("Teo", Some("en"))] {
        let mut form = vec![
            ("family_id", family_id.as_str()),
            ("display_name", name),
            ("role", "family_member"),
            ("relationship", "grandparent"),
            ("age_band", "adult"),
        ];
        form.extend(language.map(|language| ("language", language)));
        assert_eq!(app.call("add_participant", &form).await.status(), 200);
    }
    let family: serde_json::Value =
        app.call("get_family", &[("family_id", &family_id)]).await.json().await.unwrap();
    let languages: Vec<_> = family["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["display_name"].as_str().unwrap().to_owned(), p["language"].clone()))
        .collect();
    assert_eq!(
        languages,
        vec![("Abuela".to_owned(), "es".into()), ("Teo".to_owned(), "en".into())]
    );
    app.stop().await;
}

/// A mixed family: a Spanish-speaking grandmother, an English-speaking teen and the
/// person in recovery in English. Each answers in their own language; the
/// therapist (English) sees every answer as written, side by side, the Spanish one
/// marked; each participant's questions come in their own language; switching
/// language mid-way keeps every answer.
async fn a_mixed_family_answers_side_by_side_each_in_their_own_language(database: TestDatabase) {
    use crate::common::family::{call, save, text};

    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Abuela", "Teo"]).await;
    give_spanish(&app, &exercise, "Abuela").await;
    let base = app.url("");
    let abuela = exercise.join("Abuela").await;
    let teo = exercise.join("Teo").await;
    for person in [&abuela, &teo] {
        assert_eq!(call(&app, person, "start_answering", &[]).await.0, 200);
    }

    // The grandmother's questions are in Spanish, the teen's in English.
    let hers = page(&app, &abuela, "/answers/3", "en").await;
    assert!(hers.contains("Describa un momento en que la adicción le afectó"), "{hers}");
    assert!(hers.contains("Parte 3 de"), "{hers}");
    let his = page(&app, &teo, "/answers/3", "es").await;
    assert!(his.contains("Describe one moment when the addiction affected you"), "{his}");

    let moment = "impact.moment.family";
    assert_eq!(
        save(&base, &abuela, moment, None, text("Cuando no llegó a la boda."), "shared").await,
        200
    );
    assert_eq!(
        save(&base, &teo, moment, None, text("When he missed my game."), "shared").await,
        200
    );

    // Switching language mid-way keeps every answer; the next save records the new one.
    switch(&app, &abuela, "en", "/answers/3").await;
    let hers = page(&app, &abuela, "/answers/3", "es").await;
    assert!(hers.contains("Describe one moment when the addiction affected you"), "{hers}");
    assert!(hers.contains("Cuando no llegó a la boda."), "her answer is kept: {hers}");
    switch(&app, &abuela, "es", "/answers/3").await;

    // The therapist's board in English: each answer as written, the Spanish one
    // marked and tagged with its language.
    let board =
        page(&app, &app.client, &format!("/exercises/{}/board", exercise.exercise_id), "en").await;
    assert!(board.contains("Cuando no llegó a la boda."), "{board}");
    assert!(board.contains("When he missed my game."), "{board}");
    assert!(board.contains("Written in Spanish"), "{board}");
    assert_eq!(board.matches("Written in Spanish").count(), 1, "only the Spanish answer is marked");
    assert!(board.contains("lang=\"es\" class=\"answer-text\">Cuando no llegó a la boda."));
    assert!(board.contains("Describe one moment when the addiction affected you"), "{board}");

    // The same board read in Spanish marks the English answer instead.
    assert_eq!(app.call("set_language", &[("language", "es")]).await.status(), 200);
    let board =
        page(&app, &app.client, &format!("/exercises/{}/board", exercise.exercise_id), "en").await;
    assert!(board.contains("Describa un momento en que la adicción le afectó"), "{board}");
    assert_eq!(board.matches("Escrito en inglés").count(), 1, "{board}");
    app.stop().await;
}

/// The words on a page as a person meets them: each text between tags, and each
/// `aria-label`, trimmed, with scripts, styles and island props left out.
fn words_on(page: &str) -> Vec<String> {
    let mut html = page.to_owned();
    for (open, close) in [("<script", "</script>"), ("<style", "</style>")] {
        while let Some(start) = html.find(open) {
            let end = html[start..].find(close).map_or(html.len(), |at| start + at + close.len());
            html.replace_range(start..end, "");
        }
    }
    let mut words: Vec<String> = html
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, text)| text))
        .chain(html.split("aria-label=\"").skip(1).filter_map(|rest| rest.split('"').next()))
        .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|text| !text.is_empty())
        .collect();
    words.dedup();
    words
}

/// Every English text a Spanish page could show by mistake: the interface's
/// catalogues and the built-in template, less what is the same in both languages.
fn english_only() -> Vec<String> {
    use app::{
        i18n::{Language, keys::every_text},
        template::{builtin::IMPACT_HURT_AMENDS, file::parse_every_language},
    };
    let normalise = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let spanish: Vec<String> =
        every_text(Language::Es).into_iter().map(|(_, _, text)| normalise(text)).collect();
    let mut english: Vec<String> = every_text(Language::En)
        .into_iter()
        .map(|(_, _, text)| normalise(text))
        .filter(|text| text.chars().filter(char::is_ascii_alphabetic).count() > 1)
        .filter(|text| !spanish.contains(text))
        .collect();
    let every = parse_every_language(IMPACT_HURT_AMENDS).expect("the built-in template");
    let en = &every[0];
    english.extend([en.title.clone(), en.description.clone()]);
    for section in &en.sections {
        english.extend([section.title.clone(), section.why.clone()]);
        for prompt in &section.prompts {
            english.push(prompt.text.replace("{recovery_name}", "Alex"));
            english.extend(prompt.help.clone());
        }
    }
    english
}

/// Render the Spanish participant's pages and look for any English word of the
/// catalogues or the template: none may be left.
async fn no_english_is_left_on_a_spanish_participants_pages(database: TestDatabase) {
    use crate::common::family::call;

    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Abuela"]).await;
    give_spanish(&app, &exercise, "Abuela").await;
    let abuela = exercise.join("Abuela").await;
    let english = english_only();
    let mut pages = vec!["/welcome".to_owned(), "/crisis".to_owned(), "/no-such-page".to_owned()];
    let before_start = pages.len();
    pages.extend((1..=6).map(|n| format!("/answers/{n}")));
    pages.extend(["/answers/review".to_owned(), "/board".to_owned()]);
    let mut seen = 0;
    for (index, path) in pages.iter().enumerate() {
        if index == before_start {
            assert_eq!(call(&app, &abuela, "start_answering", &[]).await.0, 200);
        }
        let response =
            abuela.get(app.url(path)).header("accept-language", "en").send().await.unwrap();
        let page = response.text().await.unwrap();
        assert!(page.contains("<html lang=\"es\""), "{path} is not in Spanish");
        let left: Vec<String> = words_on(&page)
            .into_iter()
            .filter(|text| {
                english.iter().any(|en| text == en || (en.len() > 24 && text.contains(en.as_str())))
            })
            .collect();
        assert!(left.is_empty(), "English on {path}: {left:?}");
        seen += words_on(&page).len();
    }
    assert!(seen > 200, "the pages had words to check ({seen})");
    app.stop().await;
}
