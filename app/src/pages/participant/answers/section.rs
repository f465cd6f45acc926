//! `/answers/<n>`: one section of the participant's questions.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{autosave::Saver, fields::AnswerField};
use crate::answer::{
    AskedItem, SectionPage,
    api::answer_section,
    form_fields::{self as names, destination},
};
use crate::components::{not_found::NotFound, participant::ParticipantLoaded};
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
    view! {
        <Title text="Your answers" />
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
    match notice {
        "saved" => Some("Your answers on this page are saved."),
        "not-saved" => Some(
            "Some answers on this page are not saved yet: the message next to each one says \
             why. Everything you typed is still in its box.",
        ),
        "error" => Some(
            "Something went wrong on our side and some answers may not be saved. Please try \
             again in a moment.",
        ),
        _ => None,
    }
}

/// The section's form is an island: autosave, kept drafts and the leaving guard run
/// in the browser. Its props (the person's own questions and answers) are in the
/// page's HTML, as the fields themselves are. Lazy: its code is fetched by the
/// answer pages only, so opening a link (the welcome page) stays small; until it
/// arrives the form works as a plain form, and what is typed meanwhile is taken
/// over when it does (`prehydration`).
#[island(lazy)]
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
    let saver = Saver::new(writer.clone(), draft_scope);
    let editable = access.can_edit();
    let leaving = RwSignal::new(None::<&'static str>);
    let go = StoredValue::new("stay");

    #[cfg(feature = "hydrate")]
    {
        // What was typed before the page took over, or kept in this browser from an
        // earlier visit, is saved now.
        Effect::new(move |_| super::autosave::take_over(saver));
        let guard = window_event_listener(leptos::ev::beforeunload, move |ev| {
            // Never in the way of Quick exit: what is unsaved is lost on purpose.
            if saver.any_pending() && !super::autosave::leaving_at_once() {
                ev.prevent_default();
                ev.set_return_value("");
            }
        });
        on_cleanup(move || guard.remove());
    }

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let go = go.get_value();
        leaving.set(Some("Saving…"));
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if super::autosave::flush_all(saver).await {
                if go == "stay" {
                    leaving.set(Some("Your answers on this page are saved."));
                } else {
                    let _ = window().location().set_href(&destination(number, count, go));
                }
            } else {
                leaving.set(Some(
                    "Some answers are not saved yet, so you are still on this page. Please see \
                     the message by each answer; nothing you typed is lost.",
                ));
                super::autosave::show_first_unsaved(saver);
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (go, number, count);
    };

    let groups = group_by_person(items);
    let last = number == count;
    crate::islands::island_ready();
    view! {
        <nav class="progress" aria-label="Progress">
            <p>{format!("Part {number} of {count}")}</p>
            <progress max=count value=number aria-hidden="true"></progress>
        </nav>
        <h1>{title}</h1>
        <p class="why">{why}</p>
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
        {access.explanation().map(|text| view! { <p class="notice">{text}</p> })}
        {(teen_starts_private && editable)
            .then(|| {
                view! {
                    <p class="notice" data-testid="teen-private">
                        "Your answers start as \u{201c}Only my therapist\u{201d}, because you are a "
                        "teen: nothing is shown to your family unless you choose. You can change "
                        "this for each answer."
                    </p>
                }
            })}
        <form
            method="post"
            action=crate::answer::form_fields::PATH
            class="answers"
            on:submit=on_submit
        >
            <input type="hidden" name=names::SECTION value=number />
            <input type="hidden" name=names::WRITER value=writer />
            // Pressing Enter in a field saves without leaving the page.
            <button
                type="submit"
                name=names::GO
                value="stay"
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                on:click=move |_| go.set_value("stay")
            >
                "Save"
            </button>
            {groups
                .into_iter()
                .map(|(about, items)| {
                    view! {
                        {about
                            .map(|name| view! { <h2 class="about">{format!("About {name}")}</h2> })}
                        {items
                            .into_iter()
                            .map(|item| view! { <AnswerField item saver editable /> })
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
                            on:click=move |_| go.set_value("back")
                        >
                            "Back"
                        </button>
                        <button
                            type="submit"
                            name=names::GO
                            value="stay"
                            class="button button--secondary"
                            on:click=move |_| go.set_value("stay")
                        >
                            "Save"
                        </button>
                        <button
                            type="submit"
                            name=names::GO
                            value="next"
                            class="button"
                            on:click=move |_| go.set_value("next")
                        >
                            {if last { "Next: finish" } else { "Next" }}
                        </button>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <div class="step-buttons">
                        <a class="button button--secondary" href=destination(number, count, "back")>
                            "Back"
                        </a>
                        <a class="button" href=destination(number, count, "next")>
                            "Next"
                        </a>
                    </div>
                }
                    .into_any()
            }}
            <p class="leaving-state" role="status" aria-live="polite">
                {move || leaving.get()}
            </p>
        </form>
    }
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
