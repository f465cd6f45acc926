//! The browser's end of the live stream (hydrate only).

use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{EventSource, MessageEvent};

/// Calls `on_event` with the name and data of every event the live stream sends
/// while the calling component is mounted. The browser reconnects by itself after a dropped
/// connection, and the server's first event on a new connection brings the page up
/// to date, so a gap is covered.
pub fn listen(on_event: impl Fn(&str, String) + 'static) {
    let Ok(source) = EventSource::new(super::PATH) else { return };
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |message: MessageEvent| {
        if let Some(data) = message.data().as_string() {
            on_event(&message.type_(), data);
        }
    });
    for name in [super::event::CHANGE, super::event::BOARD, super::event::ENDED] {
        let _ = source.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
    }
    // Both live as long as the component; closing the source ends the connection.
    let kept = StoredValue::new_local((source, handler));
    on_cleanup(move || kept.with_value(|(source, _)| source.close()));
}
