//! A family in an exercise, set up over HTTP as a therapist would, and a reader
//! for the live event stream.

use std::{collections::HashMap, time::Duration};

use app::{
    exercise::api::GetExercise, family::api::GetFamily, invitation::link_api::InvitationLink,
    template::api::ListTemplates,
};
use serde_json::{Value, json};

use super::{TestApp, spawn::new_client};

pub const PASSWORD: &str = "lantern orbit kettle marble";

pub struct OpenExercise {
    pub family_id: String,
    pub exercise_id: String,
    /// Invitation link by display name.
    pub links: HashMap<String, String>,
    /// Participant id by display name.
    pub ids: HashMap<String, String>,
}

impl OpenExercise {
    pub fn id(&self, name: &str) -> &str {
        &self.ids[name]
    }

    /// A new browser that opened `name`'s invitation link and, as its first
    /// device, chose the passcode `PASSCODE` (or, as a later one, gave it).
    pub async fn join(&self, name: &str) -> reqwest::Client {
        let client = new_client();
        open_link(&client, &self.links[name]).await;
        client
    }
}

/// Every adult test participant's passcode.
pub const PASSCODE: &str = "2468";

/// `client` opens `link` and gets all the way in: choosing `PASSCODE` on the
/// link's first device, giving it on any other.
pub async fn open_link(client: &reqwest::Client, link: &str) {
    let joined = client.get(link).send().await.expect("join");
    assert_eq!(joined.status(), 303, "{link} should open");
    let location = joined.headers()["location"].to_str().unwrap().to_owned();
    if location == "/welcome" {
        return;
    }
    assert_eq!(location, "/passcode", "{link} led to {location}");
    let base = &link[..link.find("/j/").expect("an invitation link")];
    let call = |function: &'static str, form: Vec<(&'static str, &'static str)>| {
        client
            .post(format!("{base}/api/{function}"))
            .header("accept", "application/json")
            .form(&form)
            .send()
    };
    let step: Value = call("passcode_step", vec![]).await.unwrap().json().await.unwrap();
    let response = if step == json!("Choose") {
        call("choose_passcode", vec![("passcode", PASSCODE), ("again", PASSCODE)]).await
    } else {
        call("enter_passcode", vec![("passcode", PASSCODE)]).await
    };
    assert_eq!(response.unwrap().status(), 200, "the passcode step for {link} ({step})");
}

/// The therapist `email` (signed in on `app.client`) with Alex (in recovery) and
/// the given family members, in an exercise that is open for answers.
pub async fn open_exercise(app: &TestApp, email: &str, members: &[&str]) -> OpenExercise {
    app.therapist(email, PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, email, PASSWORD).await, 200);
    let family = app.call("create_family", &[("name", "R. family")]).await;
    let family_id =
        family.headers()["location"].to_str().unwrap().trim_start_matches("/families/").to_owned();
    let relationships = ["partner", "parent", "child", "sibling", "grandparent", "friend"];
    let mut people = vec![("Alex", "person_in_recovery", "self")];
    for (member, relationship) in members.iter().zip(relationships.iter().cycle()) {
        people.push((member, "family_member", relationship));
    }
    for (name, role, relationship) in people {
        let added = app
            .call(
                "add_participant",
                &[
                    ("family_id", &family_id),
                    ("display_name", name),
                    ("role", role),
                    ("relationship", relationship),
                    ("age_band", "adult"),
                ],
            )
            .await;
        assert_eq!(added.status(), 200);
    }
    let template_id = app.run(ListTemplates {}).await.unwrap().remove(0).id;
    let created = app
        .call(
            "create_exercise",
            &[
                ("family_id", &family_id),
                ("template_id", &template_id),
                ("focus", ""),
                ("due_date", ""),
            ],
        )
        .await;
    let exercise_id = created.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/exercises/")
        .to_owned();
    let opened =
        app.call("advance_exercise", &[("exercise_id", &exercise_id), ("to", "open")]).await;
    assert_eq!(opened.status(), 200);
    let detail = app.run(GetExercise { exercise_id: exercise_id.clone() }).await.unwrap();
    let family = app.run(GetFamily { family_id: family_id.clone() }).await.unwrap();
    let mut links = HashMap::new();
    for invitation in detail.invitations {
        let shown = app.run(InvitationLink { invitation_id: invitation.id }).await.unwrap();
        links.insert(invitation.participant_name, shown.link);
    }
    let ids = family
        .participants
        .into_iter()
        .map(|p| (p.display_name.as_str().to_owned(), p.id.to_string()))
        .collect();
    OpenExercise { family_id, exercise_id, links, ids }
}

/// Saves one answer as the hydrated page does, on the server at `base`; returns
/// the status.
pub async fn save(
    base: &str,
    client: &reqwest::Client,
    prompt: &str,
    about: Option<&str>,
    value: Value,
    visibility: &str,
) -> u16 {
    let body = json!({ "answer": {
        "key": { "prompt_key": prompt, "about": about },
        "value": value,
        "visibility": visibility,
        "base_version": 0,
        "writer": "test",
    }});
    let response = client
        .post(format!("{base}/api/save_answer"))
        .header("accept", "application/json")
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    if status != 200 {
        eprintln!("save {prompt}: {status} {}", response.text().await.unwrap_or_default());
    }
    status
}

/// Calls a server function as `client`; the status and the JSON answer (`Null` when
/// there is none).
pub async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    function: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let response = app.call_as(client, function, form).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub fn text(text: &str) -> Value {
    json!({ "kind": "text", "text": text })
}

/// A server-sent-events stream, read event by event.
pub struct EventStream {
    response: reqwest::Response,
    buffer: String,
}

#[derive(Debug, Clone)]
pub struct StreamEvent {
    pub name: String,
    pub data: String,
}

impl EventStream {
    /// Opens `GET {base}/live` as `client`.
    pub async fn open(client: &reqwest::Client, base: &str) -> Self {
        let response = client
            .get(format!("{base}/live"))
            .header("accept", "text/event-stream")
            .timeout(Duration::from_secs(300))
            .send()
            .await
            .expect("the live stream opens");
        assert_eq!(response.status(), 200, "the live stream should open");
        EventStream { response, buffer: String::new() }
    }

    /// The next event (keep-alive comments skipped), or `None` if none comes
    /// within `within` or the stream ends.
    pub async fn next(&mut self, within: Duration) -> Option<StreamEvent> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = String::from("message");
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = value.trim().to_owned();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push(value.strip_prefix(' ').unwrap_or(value).to_owned());
                    }
                }
                if !data.is_empty() {
                    return Some(StreamEvent { name, data: data.join("\n") });
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await;
            match chunk {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                _ => return None,
            }
        }
    }
}
