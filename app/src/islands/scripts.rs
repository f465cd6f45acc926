//! The page's `<head>` links and script that start its islands.
//!
//! Leptos's `<HydrationScripts islands=true/>`, with one change: the islands start
//! as soon as the page is parsed instead of on `requestIdleCallback` (see
//! `island_script.js` for the measured reason). Everything else is as Leptos renders
//! it: the main bundle's JS and WASM preloaded, and one nonced module script (the
//! CSP allows no other inline script). The build does not hash file names
//! (`hash-files` is off in Cargo.toml), so the names are the output name's.

use leptos::prelude::*;

/// In `<head>`: preloads the main bundle and starts the islands.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Islands mode: the server renders pages without hydration markers.
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    let nonce = use_nonce();
    let pkg = options.site_pkg_dir.to_string();
    let js = options.output_name.to_string();
    // cargo-leptos names the WASM file after the output name when it sets
    // `LEPTOS_OUTPUT_NAME` at build time, else wasm-bindgen's `<name>_bg`.
    let wasm =
        if option_env!("LEPTOS_OUTPUT_NAME").is_some() { js.clone() } else { format!("{js}_bg") };
    let start = format!(
        "{}(\"\", {pkg:?}, {js:?}, {wasm:?});",
        include_str!("island_script.js").trim_end().trim_end_matches(';')
    );
    // `crossorigin` with any value but "use-credentials" is anonymous: the same
    // mode as the module import and the `fetch` that will use these.
    view! {
        <link rel="modulepreload" href=format!("/{pkg}/{js}.js") crossorigin="anonymous" />
        <link
            rel="preload"
            href=format!("/{pkg}/{wasm}.wasm")
            r#as="fetch"
            r#type="application/wasm"
            crossorigin="anonymous"
        />
        <script type="module" nonce=nonce>
            {start}
        </script>
    }
}
