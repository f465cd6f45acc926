//! The files of a page's lazy islands, named in its `<head>` so the browser fetches
//! them at once.
//!
//! Without this a lazy island's code is found late: the page, then the main bundle,
//! then (on idle, after `hydrate()`) the split loader script, and only then the
//! island's files, each leg a round trip on a phone's slow connection. The build
//! writes which files each lazy island needs to `pkg/__wasm_split_manifest.json`
//! (keyed `<island_in_snake_case>_loader_<hash>`); the server reads it once at
//! start-up ([`IslandFiles::read`]) and a page with a lazy island renders
//! `<PreloadIsland name="…"/>`, which adds `<link rel="preload">` for each file.
//! The loader fetches them with a plain `fetch()` (same origin, CORS mode), which
//! is what `as="fetch" crossorigin` matches, so nothing is fetched twice.
//!
//! Without a built site (the Rust tests) the manifest is missing and nothing is
//! preloaded; a page works the same, only later.

use std::collections::BTreeMap;

use leptos::prelude::*;

/// The split files of each lazy island, by the island's name in snake case.
#[derive(Debug, Default, Clone)]
pub struct IslandFiles {
    /// File names without `.wasm`, in the manifest's order.
    wasm: BTreeMap<String, Vec<String>>,
    /// The loader script every lazy island goes through (`__wasm_split.<hash>.js`).
    loader_script: Option<String>,
}

impl IslandFiles {
    /// Reads the build's split manifest from the site's package directory; a
    /// missing or unreadable one means no preloading (logged, never fatal).
    #[cfg(feature = "ssr")]
    pub fn read(pkg_dir: &std::path::Path) -> Self {
        let manifest = pkg_dir.join("__wasm_split_manifest.json");
        let Ok(json) = std::fs::read_to_string(&manifest) else {
            tracing::info!(path = %manifest.display(), "no split manifest: lazy islands are not preloaded");
            return Self::default();
        };
        let loader_script = std::fs::read_dir(pkg_dir).ok().and_then(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .find(|name| name.starts_with("__wasm_split.") && name.ends_with(".js"))
        });
        match Self::from_manifest(&json, loader_script) {
            Ok(files) => files,
            Err(error) => {
                tracing::warn!(path = %manifest.display(), %error, "unreadable split manifest: lazy islands are not preloaded");
                Self::default()
            }
        }
    }

    /// Parses the manifest's JSON (`{"section_loader_123": ["chunk_1", "split_…"]}`).
    pub fn from_manifest(
        json: &str,
        loader_script: Option<String>,
    ) -> Result<Self, serde_json::Error> {
        let manifest: BTreeMap<String, Vec<String>> = serde_json::from_str(json)?;
        let wasm = manifest
            .into_iter()
            .filter_map(|(key, files)| {
                let (island, _hash) = key.rsplit_once("_loader_")?;
                Some((island.to_owned(), files))
            })
            .collect();
        Ok(IslandFiles { wasm, loader_script })
    }

    /// The files to fetch for `island`, as paths under the package directory:
    /// the loader script first, then its WASM files. Empty for an unknown island.
    pub fn for_island(&self, island: &str) -> (Option<&str>, Vec<String>) {
        let wasm: Vec<String> = self
            .wasm
            .get(island)
            .map(|files| files.iter().map(|file| format!("{file}.wasm")).collect())
            .unwrap_or_default();
        let script = if wasm.is_empty() { None } else { self.loader_script.as_deref() };
        (script, wasm)
    }
}

/// `<link rel="preload">` in the page's head for each file of the lazy island
/// `name` (the island's function name in snake case, e.g. `"answer_autosave"` for
/// `AnswerAutosave`). Rendered by the page around the island, on the server only: pages
/// are never rendered in the browser in islands mode.
#[component]
pub fn PreloadIsland(name: &'static str) -> impl IntoView {
    links(name)
}

#[cfg(feature = "ssr")]
fn links(island: &str) -> AnyView {
    use leptos_meta::Link;
    let Some(state) = use_context::<crate::state::AppState>() else {
        return ().into_any();
    };
    let pkg = format!("/{}", state.leptos_options.site_pkg_dir);
    let (script, wasm) = state.island_files.for_island(island);
    let script = script.map(|script| {
        view! { <Link rel="modulepreload" href=format!("{pkg}/{script}") crossorigin="anonymous" /> }
    });
    let wasm = wasm
        .into_iter()
        .map(|file| {
            view! {
                <Link
                    rel="preload"
                    href=format!("{pkg}/{file}")
                    as_="fetch"
                    type_="application/wasm"
                    crossorigin="anonymous"
                />
            }
        })
        .collect_view();
    view! {
        {script}
        {wasm}
    }
    .into_any()
}

#[cfg(not(feature = "ssr"))]
fn links(_island: &str) -> AnyView {
    ().into_any()
}

#[cfg(test)]
mod tests {
    use super::IslandFiles;

    const MANIFEST: &str = r#"{
        "section_loader_1923045528237279695": ["chunk_10", "chunk_11", "split_section_loader_1923045528237279695"],
        "live_board_loader_10218260835136301111": ["chunk_7", "split_live_board_loader_10218260835136301111"]
    }"#;

    #[test]
    fn an_island_gets_its_own_files_and_the_loader_script() {
        let files =
            IslandFiles::from_manifest(MANIFEST, Some("__wasm_split.abc.js".to_owned())).unwrap();
        let (script, wasm) = files.for_island("section");
        assert_eq!(script, Some("__wasm_split.abc.js"));
        assert_eq!(
            wasm,
            ["chunk_10.wasm", "chunk_11.wasm", "split_section_loader_1923045528237279695.wasm"]
        );
        assert_eq!(files.for_island("live_board").1.len(), 2);
    }

    #[test]
    fn an_unknown_island_or_no_manifest_preloads_nothing() {
        let files =
            IslandFiles::from_manifest(MANIFEST, Some("__wasm_split.abc.js".to_owned())).unwrap();
        assert_eq!(files.for_island("live_dashboard"), (None, Vec::new()));
        assert_eq!(IslandFiles::default().for_island("section"), (None, Vec::new()));
        assert!(IslandFiles::from_manifest("not json", None).is_err());
    }
}
