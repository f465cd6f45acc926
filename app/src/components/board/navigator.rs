//! The therapist's way around a long board: every part of the exercise with where
//! it stands, a jump to it, the part being read marked as current, and parts
//! already discussed folded away.
//!
//! Without JavaScript the links still jump (`#section-<key>`), parts fold with the
//! browser's own `<details>`, and a form sent from a part comes back to that part
//! (its `ReturnHere` carries the fragment). With JavaScript the part nearest the
//! top of the window is marked `aria-current`, and folding survives the board's
//! redraws after actions and live changes.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::board::BoardSection;

/// One part of the exercise in the navigator.
#[derive(Debug, Clone)]
pub struct NavEntry {
    pub key: String,
    pub title: String,
    /// Where it stands, in a word or two: "Shown", "Not shown", "Never shown".
    pub state: &'static str,
    pub discussed: bool,
}

impl NavEntry {
    pub fn of(section: &BoardSection) -> Self {
        NavEntry {
            key: section.key.clone(),
            title: section.title.clone(),
            state: match (section.revealed, section.never_shown) {
                (_, Some(_)) => "Never shown",
                (true, None) => "Shown",
                (false, None) => "Not shown",
            },
            discussed: all_discussed(section),
        }
    }
}

/// True when the part has pairs and every one of them is marked discussed: such a
/// part starts folded.
pub fn all_discussed(section: &BoardSection) -> bool {
    let mut rows = section.perspectives.iter().flat_map(|p| p.rows.iter()).peekable();
    rows.peek().is_some() && rows.all(|row| row.discussed)
}

/// The board's reading state that outlives a redraw: which part is current and
/// which parts the therapist folded or opened.
#[derive(Clone, Copy)]
pub struct Reading {
    pub current: RwSignal<Option<String>>,
    folds: RwSignal<HashMap<String, bool>>,
}

impl Reading {
    /// Made once per board page; with JavaScript, follows the scrolling.
    pub fn new() -> Self {
        let reading =
            Reading { current: RwSignal::new(None), folds: RwSignal::new(HashMap::new()) };
        #[cfg(feature = "hydrate")]
        {
            let handle = window_event_listener(leptos::ev::scroll, move |_| reading.follow());
            on_cleanup(move || handle.remove());
        }
        reading
    }

    /// Whether the part is open: as the therapist left it, else open unless all of
    /// it is discussed.
    pub fn is_open(&self, key: &str, all_discussed: bool) -> bool {
        self.folds.with_untracked(|folds| folds.get(key).copied()).unwrap_or(!all_discussed)
    }

    pub fn set_open(&self, key: String, open: bool) {
        self.folds.update_untracked(|folds| {
            folds.insert(key, open);
        });
    }

    /// Marks as current the last part whose top has passed the upper third of the
    /// window (the first part until then).
    pub fn follow(&self) {
        #[cfg(feature = "hydrate")]
        {
            let Ok(sections) = document().query_selector_all("[data-section]") else { return };
            let line = window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0) / 3.0;
            let mut current = None;
            for i in 0..sections.length() {
                let Some(element) = sections
                    .item(i)
                    .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
                else {
                    continue;
                };
                if current.is_none() || element.get_bounding_client_rect().top() <= line {
                    current = element.get_attribute("data-section");
                }
            }
            if self.current.get_untracked() != current {
                self.current.set(current);
            }
        }
    }
}

impl Default for Reading {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn SectionNavigator(entries: Vec<NavEntry>, reading: Reading) -> impl IntoView {
    view! {
        <nav class="section-nav" aria-label="Parts of the exercise" data-testid="section-nav">
            <ol>
                {entries
                    .into_iter()
                    .map(|entry| {
                        let key = entry.key.clone();
                        let is_current = move || {
                            reading.current.with(|current| current.as_deref() == Some(key.as_str()))
                        };
                        let state = if entry.discussed {
                            format!("{} · discussed", entry.state)
                        } else {
                            entry.state.to_owned()
                        };
                        view! {
                            <li>
                                <a
                                    href=format!("#section-{}", entry.key)
                                    aria-current=move || is_current().then_some("location")
                                    data-focus-key=crate::components::keep_place::focus_key(
                                        &["nav", &entry.key],
                                    )
                                >
                                    <span class="section-nav__title">{entry.title}</span>
                                    <span class="section-nav__state">{state}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()} <li>
                    <a href="#next-steps-heading">
                        <span class="section-nav__title">"Next steps"</span>
                    </a>
                </li>
            </ol>
        </nav>
    }
}
