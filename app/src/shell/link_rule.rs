//! Links are plain `<a>`, never the router's `<A>`.
//!
//! `<A>` reads the router's current address when it renders. A page whose
//! data arrives after its client has gone (a phone losing signal) can
//! still be rendering, by then with the router disposed, and `<A>`
//! panics. Plain links need nothing from the router, which still handles
//! their clicks in the browser; the header marks the current section
//! itself, in a way that cannot panic.

use std::path::Path;

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn nothing_uses_the_routers_link() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("shell/link_rule.rs"))
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("readable source");
            text.contains("<A ") || text.contains("components::A")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "use <a>, not <A>, in: {offenders:?}");
}
