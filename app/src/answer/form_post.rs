//! `POST /answers/save`: a section's answers as a plain HTML form, for browsers
//! without JavaScript (with JavaScript, answers are saved field by field as people
//! type and this is not used). It saves every changed answer of the section, then
//! sends the browser to the next, previous or same section.
//!
//! A plain axum handler rather than a server function: a section's fields are
//! only known from the template, and the form names them `kind~prompt~about`
//! (`form_fields`). It
//! applies the same policy (`policy::participant_seat`) and the same checks
//! (`ParticipantContext::save`) as the `save_answer` server function.

use axum::{
    Form,
    http::{StatusCode, header},
    response::{Html, IntoResponse, Response},
};

use super::{
    AnswerKey, AnswerToSave, AnswerValue,
    context::ParticipantContext,
    form_fields::{self as field, destination},
};
use crate::{
    auth::policy,
    ctx::Ctx,
    error::AppError,
    state::AppState,
    template::{PromptKind, Visibility},
};

pub async fn save_section_form(ctx: Ctx, Form(fields): Form<Vec<(String, String)>>) -> Response {
    let form = FormFields(fields);
    let number: usize = form.get(field::SECTION).and_then(|n| n.parse().ok()).unwrap_or(1);
    let go = form.get(field::GO).unwrap_or("stay").to_owned();
    let state = ctx.state();
    let result = async {
        let seat = policy::participant_seat(&ctx).await?;
        let context = ParticipantContext::load(&state.db, seat).await?;
        if let Some(refused) = save_section(state, &context, number, &form).await? {
            return Err(Failed::Refused(refused));
        }
        if let Some(key) = form.get(field::DISMISS).and_then(AnswerKey::from_field_name) {
            super::store::dismiss_replaced(&state.db, &context.exercise.id, &context.me.id, &key)
                .await?;
            return Ok(None);
        }
        // The header's language switch on this page: saved, now the language.
        if let Some(language) = field::language_of_go(&go) {
            crate::family::store::set_participant_language(&state.db, &context.me.id, language)
                .await?;
        }
        Ok::<Option<usize>, Failed>(Some(context.sections().len()))
    }
    .await;
    // After a language switch the same page comes back, in the new language.
    if let (Ok(Some(_)), Some(language)) = (&result, field::language_of_go(&go)) {
        return switched_language(&ctx, language, number);
    }
    match result {
        Ok(Some(count)) => see_other(&destination(number, count, &go)),
        Ok(None) => see_other(&format!("/answers/{number}")),
        // The page opens at the first refused answer, which shows what was typed
        // and why it was not saved.
        Err(Failed::Refused(field_name)) => {
            see_other(&format!("/answers/{number}?notice=not-saved#q-{field_name}"))
        }
        Err(Failed::App(AppError::Unauthenticated)) => visit_ended(&form),
        Err(Failed::App(AppError::Invalid(_))) => {
            see_other(&format!("/answers/{number}?notice=not-saved"))
        }
        Err(Failed::App(error)) => {
            tracing::warn!(status = error.status_code(), "a section form could not be saved");
            see_other(&format!("/answers/{number}?notice=error"))
        }
    }
}

/// The page again after a language switch, with the device keeping the language too.
fn switched_language(ctx: &Ctx, language: crate::i18n::Language, number: usize) -> Response {
    let mut response = see_other(&format!("/answers/{number}"));
    let cookie = crate::i18n::language_cookie(language, ctx.secure_attribute());
    if let Ok(value) = http::HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Why a section form was not (wholly) saved.
enum Failed {
    /// This answer (by field name), and maybe others after it, did not fit its
    /// question; each is held for its author (`answer::held`).
    Refused(String),
    App(AppError),
}

impl From<AppError> for Failed {
    fn from(error: AppError) -> Self {
        Failed::App(error)
    }
}

impl From<sqlx::Error> for Failed {
    fn from(error: sqlx::Error) -> Self {
        Failed::App(error.into())
    }
}

/// Saves the section's changed answers; the field name of the first answer that
/// did not fit its question, if one did not. Answers that fit are saved even then.
async fn save_section(
    state: &AppState,
    context: &ParticipantContext,
    number: usize,
    form: &FormFields,
) -> Result<Option<String>, AppError> {
    let writer = form.get(field::WRITER).unwrap_or("form").to_owned();
    let answers = context.answers(&state.db).await?;
    let sections = context.sections();
    let (_, asked) =
        number.checked_sub(1).and_then(|i| sections.get(i)).ok_or(AppError::NotFound)?;
    let mut refused = None;
    let mut first_not_fitting = None;
    for asked in asked {
        let item = context.item(asked, &answers);
        let name = item.key.field_name();
        // Only fields that were on the page: a missing version means it was not.
        let Some(base_version) =
            form.get(&field::name(field::VERSION, &name)).and_then(|v| v.parse::<i64>().ok())
        else {
            continue;
        };
        let Some(value) = value_from(form, &item.kind, &name) else { continue };
        let visibility = [Visibility::Shared, Visibility::TherapistOnly]
            .into_iter()
            .find(|v| {
                form.get(&field::name(field::VISIBILITY, &name))
                    == Some(field::visibility_value(*v))
            })
            .unwrap_or(item.visibility);
        let unchanged = item.visibility == visibility
            && (item.answer.as_ref() == Some(&value)
                || (item.answer.is_none() && !value.is_answered()));
        if unchanged {
            continue;
        }
        if value.clone().checked(&item.kind).is_err() {
            // Every character typed is kept for the page to give back.
            super::held::hold(&state.db, &context.exercise.id, &context.me.id, &item.key, &value)
                .await?;
            first_not_fitting.get_or_insert(name);
            continue;
        }
        let save = AnswerToSave {
            key: item.key.clone(),
            value,
            visibility,
            base_version,
            writer: writer.clone(),
        };
        // Save the others even if one is refused; report the first refusal.
        if let Err(error) = context.save(state, save).await {
            refused.get_or_insert(error);
        }
    }
    match refused {
        Some(error) => Err(error),
        None => Ok(first_not_fitting),
    }
}

/// The answer a form carries for one question, if it carries one.
fn value_from(form: &FormFields, kind: &PromptKind, name: &str) -> Option<AnswerValue> {
    match kind {
        PromptKind::LongText { .. } => form
            .get(&field::name(field::TEXT, name))
            .map(|text| AnswerValue::Text { text: text.to_owned() }),
        PromptKind::Scale { .. } => form
            .get(&field::name(field::SCORE, name))
            .and_then(|score| score.parse().ok())
            .map(|score| AnswerValue::Scale { score }),
        PromptKind::SingleChoice { .. } => form
            .get(&field::name(field::CHOICE, name))
            .map(|choice| AnswerValue::Choice { choice: choice.to_owned() }),
        PromptKind::Feelings { .. } => {
            let feeling = field::name(field::FEELING, name);
            Some(AnswerValue::Feelings {
                feelings: form.all(&feeling).map(str::to_owned).collect(),
                words: form.get(&field::name(field::WORDS, name)).unwrap_or_default().to_owned(),
            })
        }
    }
}

fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned())]).into_response()
}

/// The visit ended (idle too long) while the person was writing. Their text is in
/// this very request: give it back to them on the page, so nothing is lost, and
/// say how to continue. Only the sender ever receives it.
fn visit_ended(form: &FormFields) -> Response {
    let texts: String = form
        .0
        .iter()
        .filter(|(name, value)| {
            (name.starts_with("text~") || name.starts_with("words~")) && !value.trim().is_empty()
        })
        .map(|(_, value)| format!("<pre class=\"kept-text\">{}</pre>", escape_html(value)))
        .collect();
    let kept = if texts.is_empty() {
        String::new()
    } else {
        format!(
            "<h2>What you wrote</h2><p>It was not saved. Please copy it, then paste it back after \
             you open your link again.</p>{texts}"
        )
    };
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>Your visit ended · Parallel</title>\
         <link rel=\"stylesheet\" href=\"/pkg/parallel.css\"></head><body><main id=\"main\">\
         <h1>Your visit ended</h1><p>For your privacy, a visit ends after a while without \
         activity. Please open the link from your therapist again to carry on.</p>{kept}\
         <p>If you need help now, <a href=\"/crisis\">find crisis help</a>.</p></main></body></html>"
    );
    // The visit is over on this browser: nothing typed stays in it.
    (
        StatusCode::UNAUTHORIZED,
        [("clear-site-data", crate::invitation::join::CLEAR_STORAGE)],
        Html(page),
    )
        .into_response()
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The form's fields in order; a name may repeat (checkboxes).
struct FormFields(Vec<(String, String)>);

impl FormFields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.0.iter().filter(move |(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_text_is_escaped() {
        let form = FormFields(vec![("text~a~-".into(), "<script>x</script>".into())]);
        let response = visit_ended(&form);
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()["clear-site-data"], "\"storage\"");
        assert_eq!(escape_html("<b>\"&"), "&lt;b&gt;&quot;&amp;");
    }
}
