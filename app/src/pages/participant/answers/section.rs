//! `/answers/<n>`: one section of the participant's questions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    autosave::{AnswerState, Saver},
    fields::{AnswerField, FORM_ID, LEAVING_ID},
    read_aloud::{ReadAloud, ReadAloudButton},
};
use crate::answer::{
    AskedItem, SectionPage,
    api::answer_section,
    form_fields::{self as names, destination},
};
use crate::components::{not_found::NotFound, participant::ParticipantLoaded};
use crate::i18n::{fill, keys::AnswerTexts, page_language, texts};
use crate::islands::preload::PreloadIsland;

#[component]
pub fn AnswerSectionPage() -> impl IntoView {
    // Read once, untracked (see `ExercisePage`); every section is its own page load.
    // `/answers/abc` is no page at all (404), not the first part.
    let Some(number) = use_params_map().read_untracked().get("n").and_then(|n| n.parse().ok())
    else {
        return view! { <NotFound /> }.into_any();
    };
    let number: usize = number;
    let notice = use_query_map().read_untracked().get("notice");
    let page = Resource::new(move || number, answer_section);
    let title = texts::<AnswerTexts>().title;
    view! {
        <Title text=title />
        <ParticipantLoaded
            resource=page
            render=move |page| {
                view! {
                    <PreloadIsland name="section" />
                    <Section page notice=notice.clone() />
                }
            }
        />
    }
    .into_any()
}

fn notice_text(notice: &str) -> Option<&'static str> {
    let t = texts::<AnswerTexts>();
    match notice {
        "saved" => Some(t.notice_saved),
        "not-saved" => Some(t.notice_not_saved),
        "error" => Some(t.notice_error),
        _ => None,
    }
}

/// One section: its questions as a plain form that posts without JavaScript
/// (`answer::form_post` saves it on Back, Save and Next). With JavaScript the
/// island [`AnswerAutosave`] takes the form over.
#[component]
fn Section(page: SectionPage, notice: Option<String>) -> impl IntoView {
    let SectionPage {
        number,
        count,
        title,
        why,
        items,
        access,
        teen_starts_private,
        draft_scope,
        writer,
    } = page;
    let editable = access.can_edit();
    let answers: Vec<AnswerState> = items.iter().map(AnswerState::from).collect();
    let groups = group_by_person(items);
    let last = number == count;
    let t = texts::<AnswerTexts>();
    let part_of =
        fill(t.part_of, &[("number", &number.to_string()), ("count", &count.to_string())]);
    view! {
        <nav class="progress" aria-label=t.progress_label>
            <p>{part_of}</p>
            <progress max=count value=number aria-hidden="true"></progress>
        </nav>
        <h1>{title}</h1>
        <p class="why">{why.clone()}</p>
        <ReadAloudButton words=why />
        {notice
            .as_deref()
            .and_then(notice_text)
            .map(|text| {
                view! {
                    <p class="notice" role="status">
                        {text}
                    </p>
                }
            })}
        {access.explanation(page_language()).map(|text| view! { <p class="notice">{text}</p> })}
        {(teen_starts_private && editable)
            .then(|| {
                view! {
                    <p class="notice" data-testid="teen-private">
                        {t.teen_private}
                    </p>
                }
            })}
        <form method="post" action=names::PATH class="answers" id=FORM_ID>
            <input type="hidden" name=names::SECTION value=number />
            <input type="hidden" name=names::WRITER value=writer.clone() />
            // Pressing Enter in a field saves without leaving the page.
            <button
                type="submit"
                name=names::GO
                value="stay"
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
            >
                {t.save}
            </button>
            {groups
                .into_iter()
                .map(|(about, items)| {
                    view! {
                        {about
                            .map(|name| {
                                view! { <h2 class="about">{fill(t.about, &[("name", &name)])}</h2> }
                            })}
                        {items
                            .into_iter()
                            .map(|item| view! { <AnswerField item editable /> })
                            .collect_view()}
                    }
                })
                .collect_view()}
            {if editable {
                view! {
                    <div class="step-buttons">
                        <button
                            type="submit"
                            name=names::GO
                            value="back"
                            class="button button--secondary"
                        >
                            {t.back}
                        </button>
                        <button
                            type="submit"
                            name=names::GO
                            value="stay"
                            class="button button--secondary"
                        >
                            {t.save}
                        </button>
                        <button type="submit" name=names::GO value="next" class="button">
                            {if last { t.next_finish } else { t.next }}
                        </button>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <div class="step-buttons">
                        <a class="button button--secondary" href=destination(number, count, "back")>
                            {t.back}
                        </a>
                        <a class="button" href=destination(number, count, "next")>
                            {t.next}
                        </a>
                    </div>
                }
                    .into_any()
            }}
            <p class="leaving-state" id=LEAVING_ID role="status" aria-live="polite"></p>
        </form>
        <PreloadIsland name="read_aloud" />
        <ReadAloud />
        {editable
            .then(|| {
                view! {
                    <PreloadIsland name="answer_autosave" />
                    <AnswerAutosave answers writer draft_scope number count />
                }
            })}
    }
}

/// Autosave, kept drafts and the leaving guard, over the server-rendered form
/// above it. It renders nothing: it listens on the form and writes into it
/// (`wiring`), so its code stays small. Its props are the person's own answers'
/// state (their words are in the page already). Lazy: only answer pages fetch its
/// code (preloaded with the page); until it arrives the form works as a plain form,
/// and what is typed meanwhile is taken over when it does (`controls`).
#[island(lazy)]
fn AnswerAutosave(
    answers: Vec<AnswerState>,
    writer: String,
    draft_scope: String,
    number: usize,
    count: usize,
) -> impl IntoView {
    let saver = Saver::new(writer, draft_scope);
    for answer in answers {
        saver.field(answer);
    }
    #[cfg(feature = "hydrate")]
    {
        super::wiring::wire(saver, number, count);
        // What was typed before the island started, or kept in this browser from an
        // earlier visit, is saved now.
        Effect::new(move |_| super::autosave::take_over(saver));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (saver, number, count);
    crate::islands::island_ready();
}

/// Questions about nobody first, then a block per person they are about.
fn group_by_person(items: Vec<AskedItem>) -> Vec<(Option<String>, Vec<AskedItem>)> {
    let mut groups: Vec<(Option<String>, Vec<AskedItem>)> = Vec::new();
    for item in items {
        match groups.last_mut() {
            Some((about, group)) if *about == item.about_name => group.push(item),
            _ => groups.push((item.about_name.clone(), vec![item])),
        }
    }
    groups
}
