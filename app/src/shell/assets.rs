//! The stylesheet and the wasm bundle in the document's head. A release
//! build names these files by content hash and writes the hashes to a file
//! beside the server; Leptos's own head components read that file on every
//! page, about a tenth of the sign-in page's work, so it is read once here.
//!
//! The bundle is fetched only once the page has painted, not preloaded
//! from the head as Leptos does: the page is complete and its forms work
//! without it, and on a slow phone connection a megabyte of wasm fetched
//! beside the stylesheet held back the first readable paint.

use leptos::nonce::use_nonce;
use leptos::prelude::*;
use std::sync::OnceLock;

/// Where the page finds its stylesheet, script and wasm.
#[derive(Debug)]
pub struct Assets {
    pub css: String,
    pub js: String,
    pub wasm: String,
    /// The module script that, after the first paint, fetches the bundle
    /// and hydrates the page.
    pub start: String,
}

impl Assets {
    /// The paths for `output_name` under `/{pkg_dir}`, with the hashes of
    /// a hash file's `css: …`, `js: …` and `wasm: …` lines when given.
    pub fn new(pkg_dir: &str, output_name: &str, hashes: Option<&str>) -> Assets {
        let path = |kind: &str| {
            let hash = hashes
                .into_iter()
                .flat_map(str::lines)
                .filter_map(|line| line.split_once(':'))
                .find(|(name, _)| name.trim() == kind)
                .map(|(_, hash)| hash.trim())
                .filter(|hash| !hash.is_empty());
            match hash {
                Some(hash) => format!("/{pkg_dir}/{output_name}.{hash}.{kind}"),
                None => format!("/{pkg_dir}/{output_name}.{kind}"),
            }
        };
        let (js, wasm) = (path("js"), path("wasm"));
        // A module script runs once the document is parsed and its
        // stylesheet loaded; a task queued from the next frame runs after
        // that frame's paint. The timeout covers a page opened in a
        // background tab, which gets no frames.
        let start = format!(
            "let go = () => {{ go = () => {{}}; import({js:?}).then((m) => \
             m.default({{ module_or_path: {wasm:?} }}).then(m.hydrate)); }}; \
             requestAnimationFrame(() => setTimeout(() => go())); setTimeout(() => go(), 1000);"
        );
        Assets { css: path("css"), js, wasm, start }
    }

    /// The running server's assets, read once.
    pub fn of(options: &LeptosOptions) -> &'static Assets {
        static ASSETS: OnceLock<Assets> = OnceLock::new();
        ASSETS.get_or_init(|| {
            let file = || Some(std::env::current_exe().ok()?.parent()?.join(options.hash_file.as_ref()));
            let hashes = match options.hash_files {
                true => file().and_then(|file| std::fs::read_to_string(file).ok()),
                false => None,
            };
            Assets::new(&options.site_pkg_dir, &options.output_name, hashes.as_deref())
        })
    }
}

/// The stylesheet, and the script that starts the bundle once the page
/// has painted: it initialises the wasm and hydrates the body.
#[component]
pub fn HeadAssets(options: LeptosOptions) -> impl IntoView {
    let assets = Assets::of(&options);
    view! {
        <link rel="stylesheet" id="leptos" href=assets.css.clone() />
        <script type="module" nonce=use_nonce() inner_html=assets.start.as_str()></script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let hashes = "js: h0V-W0\nwasm: gVDvv_0O\ncss: em-tgD\n";
        let assets = Assets::new("pkg", "mentorwell", Some(hashes));
        assert_eq!(assets.css, "/pkg/mentorwell.em-tgD.css");
        assert_eq!(assets.js, "/pkg/mentorwell.h0V-W0.js");
        assert_eq!(assets.wasm, "/pkg/mentorwell.gVDvv_0O.wasm");
        assert!(assets.start.contains(r#"import("/pkg/mentorwell.h0V-W0.js")"#));
        assert!(assets.start.contains(r#"module_or_path: "/pkg/mentorwell.gVDvv_0O.wasm""#));
    }

    #[test]
    fn without_hashes_the_output_name_is_the_file_name() {
        let assets = Assets::new("pkg", "mentorwell", None);
        assert_eq!(assets.css, "/pkg/mentorwell.css");
        assert_eq!(assets.js, "/pkg/mentorwell.js");
        assert_eq!(assets.wasm, "/pkg/mentorwell.wasm");
    }
}
