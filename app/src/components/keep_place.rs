//! Keeping the reader's place when a page redraws itself.
//!
//! A board redraws whole after every action and every live change. Without help
//! the control that was just used disappears with the old drawing, focus falls to
//! the page top, and content that grew or shrank above moves the view into
//! another section. Controls that should keep focus carry a stable
//! `data-focus-key`; just before the redraw [`remember`] notes which of them had
//! focus and where it stood in the window, and [`restore`] (after the redraw)
//! focuses its new twin and scrolls so it stands where it stood.

/// The focused control before a redraw, and its distance from the window's top.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    key: String,
    top: f64,
    /// Where the caret was, in a text field being typed in.
    selection: Option<(u32, u32)>,
}

/// The control with focus now, if it has a `data-focus-key`. Call it while the
/// old drawing is still on the page (in the body of the component that redraws).
pub fn remember() -> Option<Place> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let focused = leptos::prelude::document().active_element()?;
        let key = focused.get_attribute("data-focus-key")?;
        let selection = focused
            .dyn_ref::<web_sys::HtmlTextAreaElement>()
            .and_then(|field| Some((field.selection_start().ok()??, field.selection_end().ok()??)));
        Some(Place { key, top: focused.get_bounding_client_rect().top(), selection })
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

/// Puts the control remembered in `place` back where it stood in the window, and
/// focuses it if the redraw took focus away. Does nothing when the control is gone
/// (say, the Acknowledge button of a flag just acknowledged) or when focus has
/// moved on to something else.
pub fn restore(place: &Place) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::{document, window};
        use wasm_bindgen::JsCast;
        let document = document();
        let selector = format!("[data-focus-key=\"{}\"]", place.key);
        let Some(control) = document
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        // The redraw may have kept the very element (Leptos updates in place what
        // it can) or made a new one; either way it goes back where it stood.
        let active = document.active_element();
        let still_focused = active.as_ref().is_some_and(|el| el == control.as_ref());
        let focus_is_free =
            active.is_none_or(|el| document.body().is_some_and(|body| el == *body.as_ref()));
        if !still_focused && !focus_is_free {
            return;
        }
        let moved_by = control.get_bounding_client_rect().top() - place.top;
        if moved_by.abs() >= 1.0 {
            window().scroll_by_with_x_and_y(0.0, moved_by);
        }
        if still_focused {
            return;
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = control.focus_with_options(&options);
        if let (Some((start, end)), Some(field)) =
            (place.selection, control.dyn_ref::<web_sys::HtmlTextAreaElement>())
        {
            let _ = field.set_selection_range(start, end);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = place;
}

/// A `data-focus-key` value: the parts joined by `-`, with anything but letters,
/// digits, `-` and `_` made a `_` so the key is safe inside a CSS selector.
pub fn focus_key(parts: &[&str]) -> String {
    parts
        .join("-")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::focus_key;

    #[test]
    fn focus_keys_are_safe_in_a_selector() {
        assert_eq!(focus_key(&["rate", "impact.effects", "p:1", "3"]), "rate-impact_effects-p_1-3");
        assert_eq!(focus_key(&["reveal", "impact\"]"]), "reveal-impact__");
    }
}
