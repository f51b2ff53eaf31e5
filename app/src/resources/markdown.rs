//! Articles are written in Markdown and shown as HTML. Safety comes from
//! what the renderer lets through, not from cleaning its output: raw HTML
//! in the Markdown is shown as text, and links and images keep only web,
//! mail and same-site addresses. So an article cannot carry a script, an
//! event handler or a `javascript:` link, however it was written.

use pulldown_cmark::{html, BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag};

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

/// What is wrong with an article's Markdown, each with its line, for the
/// editor to show beside the text. `known` says whether a slug is in the
/// library, so links to other resources are checked too. Addresses on
/// other websites are checked for form only: fetching them from the
/// server would let an editor make it call anywhere.
pub fn problems(markdown: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let line = |offset: usize| markdown[..offset.min(markdown.len())].matches('\n').count() + 1;
    let mut found = Vec::new();
    let mut broken = Vec::new();
    let mut note_broken = |link: BrokenLink| {
        // A bare "[word]" is ordinary prose; only "[text][name]" and
        // "[name][]" promise a link.
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            broken.push((link.span.start, link.reference.to_string()));
        }
        None
    };
    let parser = Parser::new_with_broken_link_callback(markdown, options(), Some(&mut note_broken));
    for (event, range) in parser.into_offset_iter() {
        let at = line(range.start);
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => found.push(format!("Line {at}: {}", html_problem(&raw))),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(problem) = link_problem(&dest_url, &known) {
                    found.push(format!("Line {at}: {problem}"));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) if !safe_image(&dest_url) => found.push(format!(
                "Line {at}: the picture {} is not allowed. Pictures must come from this site or an https:// address.",
                shorten(&dest_url)
            )),
            _ => {}
        }
    }
    for (start, name) in broken {
        found.push(format!(
            "Line {}: the link [{name}] has no address. Add a line \"[{name}]: https://…\" or write the address in brackets.",
            line(start)
        ));
    }
    found
}

fn html_problem(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    let handler = lower.split(|c: char| c.is_whitespace() || c == '/' || c == '"' || c == '\'').any(|part| {
        part.strip_prefix("on")
            .and_then(|rest| rest.split_once('='))
            .is_some_and(|(name, _)| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic()))
    });
    if lower.contains("<script") {
        "a script (<script>) is not allowed. Articles are written in Markdown only.".into()
    } else if handler {
        format!(
            "an event handler in {} is not allowed. Articles are written in Markdown only.",
            shorten(raw.trim())
        )
    } else {
        format!(
            "HTML ({}) is not used as formatting. Use Markdown instead, for example **bold** or [a link](https://…).",
            shorten(raw.trim())
        )
    }
}

fn link_problem(url: &str, known: &impl Fn(&str) -> bool) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return Some(
            "a link has no address. Write it in the brackets after the text: [text](https://…).".into(),
        );
    }
    if !safe_link(url) {
        return Some(format!(
            "the link {} is not allowed. Links start with https://, http://, mailto: or /.",
            shorten(url)
        ));
    }
    let lower = url.to_ascii_lowercase();
    let host = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    if let Some(rest) = host {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        if !host.contains('.') || url.contains(char::is_whitespace) {
            return Some(format!("the link {} is not a complete web address.", shorten(url)));
        }
    }
    if let Some(slug) = url.strip_prefix("/resources/") {
        let slug = slug.split(['?', '#']).next().unwrap_or("");
        if !slug.is_empty() && !known(slug) {
            return Some(format!("the link {} is not a resource in the library.", shorten(url)));
        }
    }
    None
}

/// A quoted piece of the text, kept short for a message.
fn shorten(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("\u{201c}{short}…\u{201d}")
    } else {
        format!("\u{201c}{short}\u{201d}")
    }
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
    fn every_attack_in_the_corpus_gets_a_message() {
        let known = |_: &str| true;
        for case in CORPUS.iter().filter(|c| !c.contains('`') && !c.starts_with("&lt;")) {
            assert!(!problems(case, known).is_empty(), "no message for {case}");
        }
        assert!(problems("`<script>` in code is fine\n\n```html\n<script>x</script>\n```", known).is_empty());
    }

    #[test]
    fn problems_name_their_line_and_kind() {
        let known = |slug: &str| slug == "grow-questions";
        let text =
            "Fine.\n\n<script>alert(1)</script>\n\nSee <img src=x onerror=alert(2)> and <b>this</b>.\n\n\
                    [GROW](/resources/grow-questions), [gone](/resources/nope), [x](), [site](https://nhs),\n\
                    [ref][missing] and [prose] in brackets.";
        let found = problems(text, known);
        assert!(found[0].starts_with("Line 3: a script (<script>) is not allowed"), "{found:?}");
        assert!(found[1].starts_with("Line 5: an event handler in"), "{found:?}");
        assert!(found.iter().any(|p| p.starts_with("Line 5: HTML (\u{201c}<b>\u{201d})")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("/resources/nope\u{201d} is not a resource")), "{found:?}");
        assert!(found.iter().any(|p| p.starts_with("Line 7: a link has no address")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("https://nhs\u{201d} is not a complete")), "{found:?}");
        assert!(
            found.iter().any(|p| p.starts_with("Line 8: the link [missing] has no address")),
            "{found:?}"
        );
        assert!(!found.iter().any(|p| p.contains("prose")), "bare brackets are prose: {found:?}");
        assert!(!found.iter().any(|p| p.contains("grow-questions")), "{found:?}");
        assert!(problems("Plain **text** with [a link](https://www.nhs.uk/).", known).is_empty());
    }

    #[test]
    fn protocol_relative_links_are_not_same_site() {
        assert!(!safe_link("//evil.example/x"));
    }
}
