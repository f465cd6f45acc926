use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    components::{form::ServerForm, loaded::Loaded, signed_in::TherapistOnly},
    template::api::{
        ImportTemplate, TemplateExport, TemplateListing, export_template, list_templates,
    },
};

/// The templates a therapist can use, and importing one.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    view! {
        <Title text="Templates" />
        <Templates />
    }
}

#[component]
fn Templates() -> impl IntoView {
    // The data is made here, outside the signed-in gate: while the server waits for
    // data it rebuilds the gate's content, and a resource made inside it would be
    // fetched again each time (see components::signed_in).
    let import = ServerAction::<ImportTemplate>::new();
    let templates = Resource::new(move || import.version().get(), |_| list_templates());
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <h1>"Templates"</h1>
                <p>
                    "A template is the set of prompts an exercise asks. Open one to see its file; change it "
                    "and import it as your own (raise its version number). The format is described in the "
                    "project's docs/templates.md."
                </p>
                <Loaded resource=templates render=template_list />
                <section class="card" aria-labelledby="import-heading">
                    <h2 id="import-heading">"Import a template"</h2>
                    <ServerForm action=import class="form">
                        <label for="source">"Template file (TOML)"</label>
                        <textarea id="source" name="source" rows="12" required></textarea>
                        <button type="submit" class="button">
                            "Check and import"
                        </button>
                    </ServerForm>
                </section>
            }
                .into_any()
        } />
    }
}

/// One template's file, to copy.
#[component]
pub fn TemplatePage() -> impl IntoView {
    view! {
        <Title text="Template" />
        <TemplateFile />
    }
}

#[component]
fn TemplateFile() -> impl IntoView {
    // The data is made here, outside the signed-in gate: while the server waits for
    // data it rebuilds the gate's content, and a resource made inside it would be
    // fetched again each time (see components::signed_in).
    // Read once, untracked: a resource whose source tracks the route's params is
    // re-run while the page renders on the server, and the first run loses its
    // request context mid-flight (the page never finished). A new family is a new page.
    let id_value = use_params_map().read_untracked().get("id").unwrap_or_default();
    let id = move || id_value.clone();
    let export = Resource::new(id, export_template);
    view! {
        <TherapistOnly render=move |_| {
            view! {
                <p>
                    <a href="/templates">"← All templates"</a>
                </p>
                <Loaded resource=export render=template_source />
            }
                .into_any()
        } />
    }
}

fn template_list(templates: Vec<TemplateListing>) -> impl IntoView {
    view! {
        <ul class="item-list" data-testid="templates">
            {templates
                .into_iter()
                .map(|t| {
                    let builtin = if t.builtin { " · built in" } else { "" };
                    view! {
                        <li>
                            <a href=format!("/templates/{}", t.id)>{t.title}</a>
                            <span class="muted">
                                {format!(" · version {}{builtin}", t.version)}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

fn template_source(export: TemplateExport) -> impl IntoView {
    view! {
        <h1>{format!("{} (version {})", export.title, export.version)}</h1>
        <label for="template-source">"The template file: select all and copy it"</label>
        <textarea
            id="template-source"
            class="source"
            readonly
            rows="24"
            data-testid="template-source"
        >
            {export.source}
        </textarea>
    }
}
