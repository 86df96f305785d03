//! Markdown to HTML, at build time only. This is the one place that sets the
//! pulldown-cmark options and decides what content may contain.

use pulldown_cmark::{html, Event, Options, Parser, Tag};

/// A problem in a markdown text, at a byte offset of that text.
pub struct MarkdownError {
    pub offset: usize,
    pub message: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders `text` to HTML. Raw HTML, level-1 headings (the page title is the
/// procedure's name) and links that are neither `https://` nor site-relative are refused.
pub fn render(text: &str) -> Result<String, Vec<MarkdownError>> {
    let mut errors = Vec::new();
    let events: Vec<Event> = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| {
            match &event {
                Event::Html(_) | Event::InlineHtml(_) => errors.push(MarkdownError {
                    offset: range.start,
                    message: "raw HTML is not allowed in content; use markdown".into(),
                }),
                Event::Start(Tag::Heading { level, .. })
                    if *level == pulldown_cmark::HeadingLevel::H1 =>
                {
                    errors.push(MarkdownError {
                        offset: range.start,
                        message: "use `##` headings; the page title comes from `name`".into(),
                    })
                }
                Event::Start(Tag::Link { dest_url, .. })
                | Event::Start(Tag::Image { dest_url, .. })
                    if !(dest_url.starts_with("https://") || dest_url.starts_with('/')) =>
                {
                    errors.push(MarkdownError {
                        offset: range.start,
                        message: format!("link `{dest_url}` must start with `https://` or `/`"),
                    })
                }
                _ => {}
            }
            event
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Ok(out)
}
