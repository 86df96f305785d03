//! Markdown to HTML, at build time only. This is the one place that sets the
//! pulldown-cmark options and decides what content may contain.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// A problem in a markdown text, at a byte offset of that text.
pub struct MarkdownError {
    pub offset: usize,
    pub message: String,
}

/// How links to other pages of the site are checked and written.
pub struct Links<'a> {
    /// The language prefix put before site links (`""` or `"/en"`): content always
    /// writes the Vietnamese path, e.g. `/thu-tuc/dang-ky-khai-sinh/`.
    pub prefix: &'a str,
    /// Whether a site path (without prefix, fragment removed) is a page.
    pub exists: &'a dyn Fn(&str) -> bool,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders `text` to HTML. Raw HTML, level-1 headings (the page title is the
/// procedure's name), links that are neither `https://` nor site paths, and site
/// paths that lead to no page are refused.
pub fn render(text: &str, links: &Links) -> Result<String, Vec<MarkdownError>> {
    let mut errors = Vec::new();
    let mut error = |offset: usize, message: String| errors.push(MarkdownError { offset, message });
    let events: Vec<Event> = Parser::new_ext(text, options())
        .into_offset_iter()
        .map(|(event, range)| match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                error(
                    range.start,
                    "raw HTML is not allowed in content; use markdown".into(),
                );
                event
            }
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            }) => {
                error(
                    range.start,
                    "use `##` headings; the page title comes from `name`".into(),
                );
                event
            }
            Event::Start(Tag::Image { .. }) => {
                error(range.start, "images are not supported in content".into());
                event
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if dest_url.starts_with("https://") {
                    dest_url
                } else if dest_url.starts_with('/') {
                    let path = dest_url.split('#').next().unwrap_or_default();
                    if !(links.exists)(path) {
                        error(
                            range.start,
                            format!("link `{dest_url}` leads to no page of the site"),
                        );
                    }
                    CowStr::from(format!("{}{dest_url}", links.prefix))
                } else {
                    error(
                        range.start,
                        format!("link `{dest_url}` must start with `https://` or `/`"),
                    );
                    dest_url
                };
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            _ => event,
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Ok(out)
}
