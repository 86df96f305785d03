//! What changed across the site: every procedure's and flow's change log
//! (`[[log]]` in `content/`), newest first, for the "what changed" page
//! (`/thay-doi/`) and the Atom feeds written at build time: `/thay-doi.xml` (every
//! change) and `/thay-doi/<field>.xml` (one field's procedures), each also under
//! `/en`. Native builds only.

use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text as AtomText,
};

use crate::data;
use crate::model::{Field, Lang, LogEntry, LogWhy, Text, Vocabulary};
use crate::route::{Page, Route, CHANGES_SEGMENT};

/// One entry of a change log with the page it belongs to.
#[derive(Clone, Copy, Debug)]
pub struct Logged {
    pub entry: &'static LogEntry,
    /// The procedure's or flow's page.
    pub page: Page,
    pub name: Text,
    /// The procedure's field; `None` for a flow.
    pub field: Option<&'static str>,
    /// Its place in its page's log counted from the oldest (1 first): with the
    /// page, an id that stays when newer entries are added on top (editors never
    /// remove or reorder entries: content/README.md).
    pub number: usize,
}

impl Logged {
    /// The anchor of this entry on the "what changed" page and its feed id's
    /// fragment: `thu-tuc-dang-ky-khai-sinh-3`.
    pub fn anchor(&self) -> String {
        let (kind, slug) = match self.page {
            Page::Procedure(p) => ("thu-tuc", p.slug),
            Page::Flow(f) => ("su-kien", f.slug),
            _ => ("trang", ""),
        };
        format!("{kind}-{slug}-{}", self.number)
    }
}

/// A log's entries with their page, numbered from the oldest.
fn logged(
    log: &'static [LogEntry],
    page: Page,
    name: Text,
    field: Option<&'static str>,
) -> impl Iterator<Item = Logged> {
    let n = log.len();
    log.iter().enumerate().map(move |(i, entry)| Logged {
        entry,
        page,
        name,
        field,
        number: n - i,
    })
}

/// Every change of the site, newest first; on one day, by page name in
/// `lang`'s order.
pub fn all_in(lang: Lang) -> Vec<Logged> {
    let mut out: Vec<Logged> = data::PROCEDURES
        .iter()
        .flat_map(|info| {
            let p = data::details(info);
            logged(p.log, Page::Procedure(info), info.name, Some(info.field))
        })
        .chain(data::FLOWS.iter().flat_map(|f| {
            let t = data::flow_text(f);
            logged(t.log, Page::Flow(f), f.name, None)
        }))
        .collect();
    out.sort_by_cached_key(|l| {
        (
            std::cmp::Reverse(l.entry.date),
            data::sort_key(l.name.get(lang)),
            std::cmp::Reverse(l.number),
        )
    });
    out
}

/// What an entry's reason is called, in a heading or a feed's title.
pub fn why_label(why: LogWhy, lang: Lang) -> &'static str {
    let t = data::strings(lang);
    match why {
        LogWhy::New => t.changes_why_new,
        LogWhy::Law => t.changes_why_law,
        LogWhy::Correction => t.changes_why_correction,
        LogWhy::Addition => t.changes_why_addition,
    }
}

/// The feeds that are written: the site's, then each field's that has a
/// procedure, as (field, path) in a language: `/thay-doi.xml`,
/// `/en/thay-doi/ho-tich.xml`.
pub fn feeds(lang: Lang) -> Vec<(Option<&'static Field>, String)> {
    std::iter::once(None)
        .chain(data::fields_in_use().map(Some))
        .map(|f| (f, feed_path(lang, f)))
        .collect()
}

/// A feed's path: the site's (`field: None`) or one field's.
pub fn feed_path(lang: Lang, field: Option<&Field>) -> String {
    let prefix = lang.prefix();
    match field {
        None => format!("{prefix}/{CHANGES_SEGMENT}.xml"),
        Some(f) => format!("{prefix}/{CHANGES_SEGMENT}/{}.xml", f.id),
    }
}

/// A feed's title, as the feed and the pages' `<link rel="alternate">` give it.
pub fn feed_title(lang: Lang, field: Option<&Field>) -> String {
    let t = data::strings(lang);
    match field {
        None => data::fill(t.changes_feed_title, "site", t.site_name),
        Some(f) => data::fill(
            &data::fill(t.changes_feed_title_field, "site", t.site_name),
            "field",
            f.name.get(lang),
        ),
    }
}

/// Noon in Việt Nam on an ISO day, as the feed's time: a change is known by its
/// day only.
fn day(iso: &str) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{iso}T12:00:00+07:00"))
        .unwrap_or_else(|_| panic!("`{iso}` was checked as a date by the pipeline"))
}

/// One Atom feed: the site's changes (`field: None`) or one field's, in a
/// language, with absolute links on `base_url`.
pub fn feed(lang: Lang, field: Option<&Field>, base_url: &str) -> String {
    let t = data::strings(lang);
    let entries: Vec<Logged> = all_in(lang)
        .into_iter()
        .filter(|l| field.is_none_or(|f| l.field == Some(f.id)))
        .collect();
    let path = feed_path(lang, field);
    let changes_page = format!("{base_url}{}", Route::new(lang, Page::Changes).href());
    let title = feed_title(lang, field);
    let author = Person {
        name: data::PUBLISHER.name(lang).to_string(),
        uri: data::PUBLISHER.url.map(str::to_string),
        ..Default::default()
    };
    let updated = entries
        .first()
        .map_or_else(|| day(data::CONTENT_DAY), |l| day(l.entry.date));
    let feed = Feed {
        id: format!("{base_url}{path}"),
        title: AtomText::plain(title),
        updated,
        authors: vec![author],
        lang: Some(lang.tag().to_string()),
        links: vec![
            Link {
                href: format!("{base_url}{path}"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: changes_page,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        rights: Some(AtomText::plain(t.changes_feed_rights)),
        subtitle: Some(AtomText::plain(t.changes_intro)),
        generator: Some(Generator {
            value: t.site_name.to_string(),
            ..Default::default()
        }),
        entries: entries.iter().map(|l| entry(l, lang, base_url)).collect(),
        ..Default::default()
    };
    feed.to_string()
}

fn entry(l: &Logged, lang: Lang, base_url: &str) -> Entry {
    let page = format!("{base_url}{}", Route::new(lang, l.page).href());
    let mut text = l.entry.text.get(lang).to_string();
    if let Some(doc) = law_not_named(l.entry, lang) {
        let t = data::strings(lang);
        text.push_str(&format!(" {}: {}.", t.changes_law, doc.short.get(lang)));
    }
    Entry {
        id: format!("{page}#{}", l.anchor()),
        title: AtomText::plain(format!(
            "{}: {}",
            l.name.get(lang),
            why_label(l.entry.why, lang)
        )),
        updated: day(l.entry.date),
        published: (l.entry.why == LogWhy::New).then(|| day(l.entry.date)),
        links: vec![Link {
            href: page,
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Default::default()
        }],
        categories: vec![Category {
            term: l.entry.why.id().to_string(),
            label: Some(why_label(l.entry.why, lang).to_string()),
            ..Default::default()
        }],
        content: Some(Content {
            value: Some(text),
            content_type: Some("text".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The legal text an entry follows, unless its words already name it.
pub fn law_not_named(entry: &LogEntry, lang: Lang) -> Option<&'static crate::model::LegalDoc> {
    entry
        .law
        .and_then(data::legal_doc)
        .filter(|doc| !entry.text.get(lang).contains(doc.short.get(lang)))
}
