//! Articles are written in Markdown and shown as HTML. Safety comes from
//! what the renderer lets through, not from cleaning its output: raw HTML
//! in the Markdown is shown as text, and links and images keep only web,
//! mail and same-site addresses. So an article cannot carry a script, an
//! event handler or a `javascript:` link, however it was written.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// Whether an address may be a link: http(s), mailto, or on this site.
pub fn safe_link(url: &str) -> bool {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || (url.starts_with('/') && !url.starts_with("//"))
        || url.starts_with('#')
}

/// Images only from this site or https, so a page cannot leak its readers
/// to a plain-http tracker.
fn safe_image(url: &str) -> bool {
    let url = url.trim();
    url.to_ascii_lowercase().starts_with("https://") || (url.starts_with('/') && !url.starts_with("//"))
}

/// The links in `markdown` that would be dropped, for the editor to name.
pub fn unsafe_links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) if !safe_link(&dest_url) => Some(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) if !safe_image(&dest_url) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to HTML that is safe to insert into a page.
pub fn to_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = if safe_link(&dest_url) { dest_url } else { CowStr::from("#") };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let dest_url = if safe_image(&dest_url) { dest_url } else { CowStr::from("") };
            Event::Start(Tag::Image { link_type, dest_url, title, id })
        }
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What must never reach a page, whatever the Markdown held. Text has
    /// its `<` escaped, so every literal `<` in the output opens a real tag:
    /// only tags are checked (the words "javascript:" in prose are fine).
    fn assert_inert(html: &str) {
        for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or("")) {
            let tag = tag.to_ascii_lowercase();
            let name =
                tag.split(|c: char| c.is_whitespace() || c == '/').find(|n| !n.is_empty()).unwrap_or("");
            assert!(
                [
                    "p",
                    "a",
                    "img",
                    "h1",
                    "h2",
                    "strong",
                    "em",
                    "code",
                    "pre",
                    "ul",
                    "ol",
                    "li",
                    "blockquote",
                    "del",
                    "br"
                ]
                .contains(&name),
                "tag <{tag}> got through in: {html}"
            );
            let squeezed: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!squeezed.contains(&format!("=\"{scheme}")), "{scheme} in <{tag}>");
            }
            let attributes = tag.split_whitespace().skip(1);
            assert!(attributes.clone().all(|a| !a.starts_with("on")), "handler in <{tag}>");
            assert!(attributes.clone().all(|a| !a.starts_with("style")), "style in <{tag}>");
        }
    }

    // A corpus of the usual ways in: raw tags, handlers, hostile schemes,
    // entity tricks, and HTML split across Markdown constructs.
    const CORPUS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click]( javascript:alert(1) )",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](javascript:alert(1))",
        "![x](http://tracker.example/pixel.gif)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<div onclick=\"alert(1)\">hi</div>",
        "text <b onmouseover=alert(1)>bold</b>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<style>body{display:none}</style>",
        "<object data=\"x\"></object><embed src=\"x\">",
        "`<script>` in code is fine",
        "```html\n<script>alert(1)</script>\n```",
        "<scr<script>ipt>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ];

    #[test]
    fn a_corpus_of_attacks_renders_inert() {
        for case in CORPUS {
            assert_inert(&to_html(case));
        }
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html =
            to_html("# Goal\n\nBe **clear**. See [GROW](https://example.org/grow) and [home](/resources).");
        assert!(html.contains("<h1>Goal</h1>"));
        assert!(html.contains("<strong>clear</strong>"));
        assert!(html.contains("href=\"https://example.org/grow\""));
        assert!(html.contains("href=\"/resources\""));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert!(to_html("<b>hi</b>").contains("&lt;b&gt;hi&lt;/b&gt;"));
    }

    #[test]
    fn unsafe_links_are_named_for_the_editor() {
        assert_eq!(
            unsafe_links("[a](javascript:x) [b](https://ok.example) ![c](http://x.example/i.png)"),
            ["javascript:x", "http://x.example/i.png"]
        );
        assert!(!safe_link("//evil.example/x"));
    }
}
