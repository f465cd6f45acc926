//! How a live board island stays current: it starts from the board the server
//! rendered (its props) and fetches the board again whenever something says it
//! changed (an action it sent finished, the live stream said so).

use std::future::Future;

use leptos::prelude::*;

use crate::error::AppError;

/// Fetches again each time `trigger` gives a new value (not at first: the island
/// already has the server's board). Only the newest request's answer is kept, so a
/// slow answer never replaces a newer one; a failed fetch leaves the board as it
/// was and says why in `failed`.
pub fn refetch_when<K, T, Fut>(
    trigger: impl Fn() -> K + 'static,
    fetch: impl Fn() -> Fut + 'static,
    board: RwSignal<T>,
    failed: RwSignal<Option<AppError>>,
) where
    K: PartialEq + Clone + 'static,
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + 'static,
{
    let latest = StoredValue::new(0u64);
    Effect::watch(
        trigger,
        move |_, _, _| {
            latest.update_value(|n| *n += 1);
            let this_request = latest.get_value();
            let request = fetch();
            leptos::task::spawn_local(async move {
                let answer = request.await;
                if latest.get_value() != this_request {
                    return;
                }
                match answer {
                    Ok(fresh) => {
                        failed.set(None);
                        board.set(fresh);
                    }
                    Err(error) => failed.set(Some(error)),
                }
            });
        },
        false,
    );
}
