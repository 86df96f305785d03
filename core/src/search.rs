//! Search: what a person types → the pages they most likely want, as they type.
//!
//! The index is plain text made at build time ([`corpus`], native only), one
//! entry per line, and read in the browser by [`Index::parse`]:
//!
//! ```text
//! kind <TAB> href <TAB> title <TAB> note <TAB> aliases (joined by " | ") <TAB> body
//! ```
//!
//! Every word is folded ([`crate::text`]: case, tone marks, hats, `đ`, NFC or
//! NFD), so `dang ky khai sinh`, `ĐĂNG KÝ KHAI SINH` and `hoà`/`hòa` are the same
//! words. Vietnamese words are syllables, so the distinct folded words of the whole
//! corpus are few (a few thousand): a query word is compared with each of them
//! once (exact, prefix, or one slip: a swapped, missing or extra letter in a word
//! of four letters or more, a wrong one from five), and the entries come from the
//! postings of the words that matched. A word that matches nothing as typed is
//! read as a Vietnamese keyboard would have made it (`sinhf`, `ky1`:
//! [`crate::text::untyped`]).
//!
//! Ranking: every meaningful query word must match (words such as `làm`, `xin`,
//! `thủ tục` may be missing); the site's own pages (life events, guides,
//! documents, places) come before the entries of the national index, whose long
//! names hold the everyday words of other trades; then the score prefers a word in
//! the title to one in an alias to one in the body, an exact word to a prefix to a
//! typo, the query's words in order in the title, and titles the query covers
//! more of.
//!
//! Architecture invariant: pure; no Leptos, no browser, no I/O.

use std::collections::HashMap;
use std::ops::Range;

use crate::text::{fold, untyped, words};

/// What a result is; results are grouped by kind, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A life event (a question flow).
    Event,
    /// A procedure with a full guide.
    Procedure,
    /// A document of the glossary.
    Document,
    /// A procedure of the national index (no guide yet).
    Index,
    /// A commune, ward or special zone.
    Commune,
    /// A ward or commune before 2025; its link leads to the new commune.
    OldWard,
    /// A page that finds something: where to file, an old address, your rights.
    Tool,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Event,
        Kind::Procedure,
        Kind::Document,
        Kind::Index,
        Kind::Commune,
        Kind::OldWard,
        Kind::Tool,
    ];

    /// The letter that starts an index line.
    pub fn letter(self) -> char {
        match self {
            Kind::Event => 'e',
            Kind::Procedure => 'p',
            Kind::Document => 'd',
            Kind::Index => 'i',
            Kind::Commune => 'c',
            Kind::OldWard => 'o',
            Kind::Tool => 't',
        }
    }

    fn from_letter(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| s.len() == 1 && s.starts_with(k.letter()))
    }
}

/// Where a word was found in an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Title = 0,
    Alias = 1,
    Body = 2,
}

/// How a query word matched a word of the index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    Typo = 1,
    Prefix = 2,
    Exact = 3,
}

/// Points for a query word: the field it was found in, and how well it matched.
/// An exact word of the title beats one of an alias beats one of the body.
fn points(field: Field, quality: Quality) -> u8 {
    const TABLE: [[u8; 3]; 3] = [
        // typo, prefix, exact
        [5, 9, 12], // title
        [4, 7, 9],  // alias
        [1, 2, 3],  // body
    ];
    TABLE[field as usize][quality as usize - 1]
}

/// Words people add around what they look for ("làm", "xin", "thủ tục", "ở
/// đâu"…): they may be missing from a result, but count when present.
const OPTIONAL: &[&str] = &[
    "la", "lam", "xin", "cho", "cua", "o", "dau", "the", "nao", "nhu", "thu", "tuc", "cach",
    "muon", "toi", "em", "can", "gi", "ve", "va", "voi", "de", "thi", "bao", "nhieu", "o", "nguoi",
    "how", "to", "a", "an", "the", "for", "of", "my", "i", "get", "do", "in",
];

/// At most this many query words are considered.
const MAX_WORDS: usize = 8;

/// One entry of the index.
#[derive(Debug)]
pub struct Entry {
    pub kind: Kind,
    pub href: String,
    pub title: String,
    /// A line under the title (a code, a province, where an old ward went).
    pub note: String,
    /// The title's words: their range in `title`, and their word id.
    title_words: Vec<(Range<usize>, u32)>,
    /// The same word ids alone.
    title_ids: Vec<u32>,
    /// Each alias as word ids.
    aliases: Vec<Vec<u32>>,
}

/// The searchable index: entries, the folded words, and where each word occurs.
#[derive(Debug, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// Every distinct folded word.
    vocab: Vec<String>,
    ids: HashMap<String, u32>,
    /// For each word id: (entry, field) where it occurs, once per pair.
    postings: Vec<Vec<(u32, Field)>>,
}

/// A result: the entry, its score, and the ranges of its title to highlight.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub entry: usize,
    pub score: u32,
    pub marks: Vec<Range<usize>>,
}

impl Index {
    /// Adds the entries of an index text (see the module documentation). Lines
    /// that do not read are skipped: a damaged download gives fewer results, never
    /// a crash. Hrefs get `prefix` in front (`/en` for the English site's places).
    pub fn add(&mut self, text: &str, prefix: &str) {
        for line in text.lines() {
            let mut parts = line.split('\t');
            let (Some(kind), Some(href), Some(title)) = (
                parts.next().and_then(Kind::from_letter),
                parts.next(),
                parts.next(),
            ) else {
                continue;
            };
            let note = parts.next().unwrap_or_default();
            let aliases = parts.next().unwrap_or_default();
            let body = parts.next().unwrap_or_default();
            if href.is_empty() || title.is_empty() {
                continue;
            }
            let entry = self.entries.len() as u32;
            let title_words: Vec<(Range<usize>, u32)> = words(title)
                .into_iter()
                .map(|(range, w)| (range, self.word_id(w)))
                .collect();
            // A word counts once per entry, in its best field (the first seen).
            let mut seen: Vec<(u32, Field)> = Vec::new();
            let mut add = |id: u32, field: Field| {
                if !seen.iter().any(|&(i, _)| i == id) {
                    seen.push((id, field));
                }
            };
            for &(_, id) in &title_words {
                add(id, Field::Title);
            }
            for a in acronyms(title_words.iter().map(|(r, _)| &title[r.clone()])) {
                add(self.word_id(a.to_string()), Field::Title);
            }
            let alias_words: Vec<Vec<u32>> = aliases
                .split(" | ")
                .map(|a| words(a).into_iter().map(|(_, w)| self.word_id(w)).collect())
                .filter(|a: &Vec<u32>| !a.is_empty())
                .collect();
            for (text, field) in [
                (aliases, Field::Alias),
                (note, Field::Body),
                (body, Field::Body),
            ] {
                let words = words(text);
                for a in acronyms(words.iter().map(|(r, _)| &text[r.clone()])) {
                    add(self.word_id(a.to_string()), field);
                }
                for (_, w) in words {
                    let id = self.word_id(w);
                    add(id, field);
                }
            }
            for (id, field) in seen {
                self.postings[id as usize].push((entry, field));
            }
            self.entries.push(Entry {
                kind,
                href: format!("{prefix}{href}"),
                title: title.to_string(),
                note: note.to_string(),
                title_ids: title_words.iter().map(|&(_, id)| id).collect(),
                title_words,
                aliases: alias_words,
            });
        }
    }

    /// Adds the places of a places file (the app's `corpus::places_corpus`), their
    /// links under `places` (the place finder's path without its final `/`:
    /// `/noi-nop`, `/en/noi-nop`), those of the provinces whose code `shown`
    /// accepts (a frame kept to one province: `crate::embed::shows_place`): their
    /// communes, and the old wards, or the parts of a divided one, that went into
    /// them. Records that do not read are skipped.
    pub fn add_places(&mut self, text: &str, places: &str, shown: impl Fn(&str) -> bool) {
        let mut lines = String::new();
        // (href, name, shown) of each commune, by number.
        let mut communes: Vec<(String, String, bool)> = Vec::new();
        let (mut province, mut province_name, mut kept) = ("", "", true);
        let (mut old_province, mut district) = ("", "");
        for record in text.lines() {
            let mut f = record.split('\t');
            let (kind, a, b) = (f.next(), f.next().unwrap_or_default(), f.next());
            match kind {
                Some("P") => {
                    (province, province_name) = (a, b.unwrap_or_default());
                    kept = shown(f.next().unwrap_or_default());
                }
                Some("c") if !a.is_empty() && !province.is_empty() => {
                    let slug = b.map_or_else(|| crate::text::slug(a), str::to_string);
                    let href = format!("{places}/{province}/{slug}/");
                    if kept {
                        lines += &format!("c\t{href}\t{a}\t{province_name}\n");
                    }
                    communes.push((href, a.to_string(), kept));
                }
                Some("O") => old_province = a,
                Some("D") => district = a,
                Some("w") => {
                    // A ward divided between new communes is listed once for
                    // each, the main one first.
                    for n in b.unwrap_or_default().split(' ') {
                        let Some((href, to, true)) =
                            n.parse::<usize>().ok().and_then(|n| communes.get(n))
                        else {
                            continue;
                        };
                        lines += &if a.is_empty() {
                            format!("o\t{href}\t{district}\t{old_province} → {to}\n")
                        } else {
                            format!("o\t{href}\t{a}\t{district}, {old_province} → {to}\n")
                        };
                    }
                }
                _ => {}
            }
        }
        self.add(&lines, "");
    }

    fn word_id(&mut self, word: String) -> u32 {
        let word = spelling(word);
        if let Some(&id) = self.ids.get(&word) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.push(word.clone());
        self.ids.insert(word, id);
        self.postings.push(Vec::new());
        id
    }

    /// Each word of the vocabulary that the query word `q` matches, and how.
    fn matches(&self, q: &str, prefix: bool) -> Vec<(u32, Quality)> {
        self.vocab
            .iter()
            .enumerate()
            .filter_map(|(id, v)| word_quality(q, v, prefix).map(|m| (id as u32, m)))
            .collect()
    }

    /// How many distinct words the index holds.
    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    /// The best `limit` results for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        // Words followed by a space are whole; the last one may be half typed.
        let typing = !query.ends_with(char::is_whitespace);
        let mut query: Vec<String> = fold(query)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| spelling(w.to_string()))
            .collect();
        query.dedup();
        let typing = typing && query.len() <= MAX_WORDS;
        query.truncate(MAX_WORDS);
        if query.is_empty() {
            return Vec::new();
        }
        let optional: Vec<bool> = {
            let all_optional = query.iter().all(|w| OPTIONAL.contains(&w.as_str()));
            // A query of nothing but such words must still match them.
            query
                .iter()
                .map(|w| !all_optional && OPTIONAL.contains(&w.as_str()))
                .collect()
        };
        let required = optional.iter().filter(|&&o| !o).count();
        // How each query word matches each word of the vocabulary.
        let last = query.len() - 1;
        let matched: Vec<Vec<(u32, Quality)>> = query
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let prefix = typing && i == last;
                let mut m = self.matches(q, prefix);
                // A word that is in the index as typed (or begins one) is not a typo.
                if m.iter().any(|&(_, q)| q > Quality::Typo) {
                    m.retain(|&(_, q)| q > Quality::Typo);
                } else if let Some(u) = untyped(q).map(spelling) {
                    // Not a word as typed, but one once an input method's keys
                    // are read (`sinhf`, `ky1`): that word, as if typed.
                    let read = self.matches(&u, prefix);
                    if read.iter().any(|&(_, q)| q > Quality::Typo) {
                        m = read;
                        m.retain(|&(_, q)| q > Quality::Typo);
                    }
                }
                m
            })
            .collect();
        // For each word of the vocabulary, which query words it matches (a bit
        // each): titles and aliases are compared with the query through this.
        let mut mask = vec![0u8; self.vocab.len()];
        for (i, ids) in matched.iter().enumerate() {
            for &(id, _) in ids {
                mask[id as usize] |= 1 << i;
            }
        }
        // Per entry, the best points of each query word (a dense table: most
        // keystrokes touch many entries).
        let mut best = vec![[0u8; MAX_WORDS]; self.entries.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (i, ids) in matched.iter().enumerate() {
            for &(id, quality) in ids {
                for &(entry, field) in &self.postings[id as usize] {
                    let p = points(field, quality);
                    let pts = &mut best[entry as usize];
                    if *pts == [0; MAX_WORDS] {
                        touched.push(entry);
                    }
                    pts[i] = pts[i].max(p);
                }
            }
        }
        // Entries with every required word, and those of a longer query that
        // miss one (a word mistyped beyond one letter, or one the site does not
        // use), for when too few have every word.
        let mut hits: Vec<Ranked> = touched
            .into_iter()
            .filter_map(|entry| {
                let pts = best[entry as usize];
                let found = pts
                    .iter()
                    .zip(&optional)
                    .filter(|(&p, &opt)| p > 0 && !opt)
                    .count();
                let full = found == required;
                if !full && (required < 3 || found + 1 < required) {
                    return None;
                }
                let e = &self.entries[entry as usize];
                let words_score: u32 = pts.iter().map(|&p| u32::from(p)).sum();
                let hit = Hit {
                    entry: entry as usize,
                    score: words_score * 10 + title_bonus(e, query.len(), &mask),
                    marks: Vec::new(),
                };
                // An entry of the national index comes after the site's own
                // pages: its long titles hold the everyday words of other
                // trades (`nhập … hồ sơ … khẩu`, `chuyển khẩu`).
                let late = e.kind == Kind::Index;
                Some(Ranked { full, late, hit })
            })
            .collect();
        // Entries with every required word, if a page of the site's own is
        // among them; if only national-index entries are, the site's own pages
        // that miss one word too (before them).
        if hits.iter().any(|r| r.full && !r.late) {
            hits.retain(|r| r.full);
        } else if hits.iter().any(|r| r.full) {
            hits.retain(|r| r.full || !r.late);
        }
        let order = |a: &Ranked, b: &Ranked| {
            let (ea, eb) = (&self.entries[a.hit.entry], &self.entries[b.hit.entry]);
            a.late
                .cmp(&b.late)
                .then(b.full.cmp(&a.full))
                .then(b.hit.score.cmp(&a.hit.score))
                .then(ea.kind.cmp(&eb.kind))
                .then(ea.title.len().cmp(&eb.title.len()))
                .then(a.hit.entry.cmp(&b.hit.entry))
        };
        // The best `limit` first (in linear time: a short prefix matches most
        // entries), then those in order.
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
        }
        hits.truncate(limit);
        hits.sort_by(order);
        hits.into_iter()
            .map(|Ranked { mut hit, .. }| {
                hit.marks = title_matches(&self.entries[hit.entry], &mask);
                hit
            })
            .collect()
    }
}

/// A result while results are ranked: whether it has every meaningful word
/// (`full`), and whether it goes after the site's own pages (`late`).
struct Ranked {
    full: bool,
    late: bool,
    hit: Hit,
}

/// Points for how well the title, or else an alias (three quarters as much),
/// fits the whole query of `n` words.
fn title_bonus(e: &Entry, n: usize, mask: &[u8]) -> u32 {
    let alias = e
        .aliases
        .iter()
        .map(|a| fit(a, n, mask) * 3 / 4)
        .max()
        .unwrap_or(0);
    fit(&e.title_ids, n, mask).max(alias)
}

/// The title's words that match a query word (for highlighting).
fn title_matches(e: &Entry, mask: &[u8]) -> Vec<Range<usize>> {
    e.title_words
        .iter()
        .filter(|&&(_, id)| mask[id as usize] != 0)
        .map(|(range, _)| range.clone())
        .collect()
}

/// The anchor of a national-index entry on its field's page: `ma-1-000080`.
pub fn index_anchor(code: &str) -> String {
    format!("ma-{}", code.replace('.', "-"))
}

/// The index files, by language: the pages (procedures, life events, documents,
/// the national index), and the places (communes and old wards: one file for
/// both languages, its links without the `/en` prefix).
pub const PAGES_FILE: [&str; 2] = ["/search/vi.txt", "/search/en.txt"];
pub const PLACES_FILE: &str = "/search/places.txt";

/// What a result's link is, in the query set's terms: the Vietnamese path, or
/// `ma:<code>` for a national-index entry.
pub fn target_of(href: &str) -> String {
    let path = href.strip_prefix("/en").unwrap_or(href);
    match path.split_once("#ma-") {
        Some((_, code)) => format!("ma:{}", code.replacen('-', ".", 1)),
        None => path.to_string(),
    }
}

/// Points for how well a run of words (a title, an alias) fits the whole query:
/// the share of it the query covers, all of it (the query is the name), and the
/// query's words in order as consecutive words of it.
fn fit(title: &[u32], n: usize, mask: &[u8]) -> u32 {
    let any = |id: u32| mask[id as usize] != 0;
    let covered = title.iter().filter(|&&id| any(id)).count();
    let mut bonus = (covered * 40 / title.len().max(1)) as u32;
    if covered == title.len() {
        bonus += 60;
    }
    if n > 1
        && title.windows(n).any(|w| {
            w.iter()
                .enumerate()
                .all(|(i, &id)| mask[id as usize] & (1 << i) != 0)
        })
    {
        bonus += 80;
    }
    bonus
}

/// Initials people type for long names (`cccd` for căn cước công dân), with the
/// folded words they stand for. A text that has the words is found by the
/// initials too.
const ACRONYMS: &[(&str, &[&str])] = &[
    ("cccd", &["can", "cuoc", "cong", "dan"]),
    ("cmnd", &["chung", "minh", "nhan", "dan"]),
    ("hkd", &["ho", "kinh", "doanh"]),
    ("bhyt", &["bao", "hiem", "y", "te"]),
    ("bhxh", &["bao", "hiem", "xa", "hoi"]),
    ("nvqs", &["nghia", "vu", "quan", "su"]),
    ("ubnd", &["uy", "ban", "nhan", "dan"]),
    ("qsdd", &["quyen", "su", "dung", "dat"]),
    ("gcn", &["giay", "chung", "nhan"]),
    ("gpxd", &["giay", "phep", "xay", "dung"]),
    ("dvc", &["dich", "vu", "cong"]),
];

/// The initials (see [`ACRONYMS`]) whose words occur, in order, in `words`.
fn acronyms<'a>(words: impl Iterator<Item = &'a str>) -> Vec<&'static str> {
    let folded: Vec<String> = words.map(fold).collect();
    ACRONYMS
        .iter()
        .filter(|(_, full)| folded.windows(full.len()).any(|w| w == *full))
        .map(|&(a, _)| a)
        .collect()
}

/// One spelling for the two that Vietnamese allows after a consonant, `i` and
/// `y` at the end of a syllable: `sĩ`/`sỹ`, `kĩ`/`kỹ`, `lí`/`lý` (folded: `si`,
/// `ki`, `li`). `quy`, `tay`, `thuy` keep their `y`: it follows a vowel there.
fn spelling(mut word: String) -> String {
    // A number the same with or without leading zeros: `09` is `9`.
    if word.len() > 1 && word.bytes().all(|b| b.is_ascii_digit()) {
        let zeros = word.bytes().take_while(|&b| b == b'0').count();
        word.drain(..zeros.min(word.len() - 1));
        return word;
    }
    let b = word.as_bytes();
    if b.len() >= 2 && b[b.len() - 1] == b'y' && !b"aeiouy".contains(&b[b.len() - 2]) {
        word.pop();
        word.push('i');
    }
    word
}

/// How the query word `q` matches the index word `w`, if it does: the same word,
/// the beginning of it (when `prefix`: the word is being typed), or the same word
/// with one slip ([`slip`]) that [`forgiven`] allows for its length; a query word
/// of five letters or more may also be the beginning of a word with one slip.
fn word_quality(q: &str, w: &str, prefix: bool) -> Option<Quality> {
    if q == w {
        return Some(Quality::Exact);
    }
    if prefix && w.starts_with(q) {
        return Some(Quality::Prefix);
    }
    let (q, w) = (q.as_bytes(), w.as_bytes());
    if slip(q, w).is_some_and(|s| forgiven(s, w.len())) {
        return Some(Quality::Typo);
    }
    if prefix && q.len() >= 5 {
        let typo = (w.len() > q.len() && slip(q, &w[..q.len()]).is_some())
            || (w.len() > q.len() + 1 && slip(q, &w[..q.len() + 1]).is_some());
        if typo {
            return Some(Quality::Typo);
        }
    }
    None
}

/// The one slip between what was typed and a word, if there is exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slip {
    /// One letter typed wrong: `thamh` for `thanh`.
    Wrong,
    /// One letter left out: `snh` for `sinh`.
    Missing,
    /// One letter too many: `chuung` for `chung`.
    Extra,
    /// Two neighbouring letters swapped: `khia` for `khai`.
    Swapped,
}

/// Whether a slip is forgiven in a word of `len` letters. A swap, a missing or an
/// extra letter changes a word of four letters or more into no other common
/// syllable (`sihn`, `snh`, `sinhh` can only be `sinh`); a wrong letter does
/// (`sinh`, `sanh`, `tinh`), so it is forgiven from five letters on.
fn forgiven(slip: Slip, len: usize) -> bool {
    match slip {
        Slip::Wrong => len >= 5,
        Slip::Missing | Slip::Extra | Slip::Swapped => len >= 4,
    }
}

/// The slip that turns the word `w` into what was typed, `q`, when they differ
/// by exactly one (Damerau–Levenshtein distance 1).
fn slip(q: &[u8], w: &[u8]) -> Option<Slip> {
    if q == w || q.len().abs_diff(w.len()) > 1 {
        return None;
    }
    let start = q.iter().zip(w).take_while(|(x, y)| x == y).count();
    let (a, b) = (&q[start..], &w[start..]);
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal if a[1..] == b[1..] => Some(Slip::Wrong),
        std::cmp::Ordering::Equal
            if a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..] =>
        {
            Some(Slip::Swapped)
        }
        std::cmp::Ordering::Less if a == &b[1..] => Some(Slip::Missing),
        std::cmp::Ordering::Greater if &a[1..] == b => Some(Slip::Extra),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(lines: &[&str]) -> Index {
        let mut index = Index::default();
        index.add(&lines.join("\n"), "");
        index
    }

    fn titles(index: &Index, q: &str) -> Vec<String> {
        index
            .search(q, 10)
            .into_iter()
            .map(|h| index.entries[h.entry].title.clone())
            .collect()
    }

    #[test]
    fn a_slip_is_one_edit_of_a_kind() {
        assert_eq!(slip(b"khia", b"khai"), Some(Slip::Swapped));
        assert_eq!(slip(b"sihn", b"sinh"), Some(Slip::Swapped));
        assert_eq!(slip(b"snh", b"sinh"), Some(Slip::Missing));
        assert_eq!(slip(b"thnh", b"thanh"), Some(Slip::Missing));
        assert_eq!(slip(b"thannh", b"thanh"), Some(Slip::Extra));
        assert_eq!(slip(b"tranh", b"thanh"), Some(Slip::Wrong));
        assert_eq!(slip(b"thanh", b"thanh"), None);
        assert_eq!(slip(b"thnah_", b"thanh"), None);
        assert_eq!(slip(b"tahnx", b"thanh"), None);
        assert_eq!(slip(b"sinh", b"snih"), Some(Slip::Swapped));
    }

    #[test]
    fn short_words_forgive_a_swap_or_a_missing_letter_but_not_a_wrong_one() {
        // Four-letter words: a swap, a missing or an extra letter.
        assert_eq!(word_quality("sihn", "sinh", false), Some(Quality::Typo));
        assert_eq!(word_quality("snh", "sinh", false), Some(Quality::Typo));
        assert_eq!(word_quality("khia", "khai", false), Some(Quality::Typo));
        assert_eq!(word_quality("sinhh", "sinh", false), Some(Quality::Typo));
        // A wrong letter only from five letters on: `tinh` is a word of its own.
        assert_eq!(word_quality("tinh", "sinh", false), None);
        assert_eq!(word_quality("thamh", "thanh", false), Some(Quality::Typo));
        // Three-letter words forgive nothing: `ti` is not `tu` missing a letter.
        assert_eq!(word_quality("ti", "tui", false), None);
        assert_eq!(word_quality("tu", "tuu", false), None);
        assert_eq!(word_quality("hco", "cho", false), None);
        // Half-typed words: a slip only in a beginning of five letters or more.
        assert_eq!(word_quality("snh", "sinhh", true), None);
        assert_eq!(word_quality("thnah", "thanhx", true), Some(Quality::Typo));
    }

    #[test]
    fn folds_and_prefixes_and_forgives_one_typo() {
        let idx = index(&[
            "p\t/thu-tuc/dang-ky-khai-sinh/\tĐăng ký khai sinh\t1.001193\tlàm giấy khai sinh\tĐăng ký cho trẻ mới sinh",
            "p\t/thu-tuc/dang-ky-ket-hon/\tĐăng ký kết hôn\t1.000894\t\tHai người nam, nữ",
        ]);
        assert_eq!(titles(&idx, "dang ky khai sinh"), ["Đăng ký khai sinh"]);
        assert_eq!(titles(&idx, "ĐĂNG KÝ KHAI SINH"), ["Đăng ký khai sinh"]);
        assert_eq!(
            titles(&idx, "Đa\u{306}ng ky\u{301} ke\u{302}\u{301}t"),
            ["Đăng ký kết hôn"]
        );
        assert_eq!(titles(&idx, "dang ky kh"), ["Đăng ký khai sinh"]);
        // A swap in a four-letter word, "khai sinh" with "giay" from the
        // alias, and a typo in a 5-letter word are forgiven; a wrong letter in a
        // four-letter word is not.
        assert_eq!(titles(&idx, "khai snih"), ["Đăng ký khai sinh"]);
        assert_eq!(titles(&idx, "khia sinh"), ["Đăng ký khai sinh"]);
        assert_eq!(titles(&idx, "khai snh "), ["Đăng ký khai sinh"]);
        assert!(titles(&idx, "khai sing").is_empty());
        assert_eq!(titles(&idx, "lam giay khai sinh"), ["Đăng ký khai sinh"]);
        assert_eq!(titles(&idx, "nguoi nam nuuw"), Vec::<String>::new());
        assert_eq!(titles(&idx, "1.001193"), ["Đăng ký khai sinh"]);
    }

    #[test]
    fn a_title_beats_an_alias_beats_the_body() {
        let idx = index(&[
            "p\t/a/\tXác nhận tình trạng hôn nhân\t\tgiấy độc thân\t",
            "d\t/b/\tGiấy độc thân\t\t\t",
            "p\t/c/\tĐăng ký kết hôn\t\t\tcần giấy độc thân",
        ]);
        assert_eq!(
            titles(&idx, "giay doc than"),
            [
                "Giấy độc thân",
                "Xác nhận tình trạng hôn nhân",
                "Đăng ký kết hôn"
            ]
        );
    }

    #[test]
    fn optional_words_may_be_missing_and_one_other_after_full_matches() {
        let idx = index(&[
            "p\t/a/\tĐăng ký tạm trú\t\t\t",
            "p\t/b/\tĐăng ký thường trú\t\t\t",
        ]);
        assert_eq!(
            titles(&idx, "xin dang ky tam tru o dau")[0],
            "Đăng ký tạm trú"
        );
        // Every word found: only those.
        assert_eq!(titles(&idx, "dang ky thuong tru"), ["Đăng ký thường trú"]);
        // "trng" is too short to be forgiven as a typo: with no full match, the
        // entries that miss one word ("tạm trú" misses two).
        assert_eq!(titles(&idx, "dang ky thuong trng"), ["Đăng ký thường trú"]);
        // Two of four words is not enough, nor one of two.
        assert!(titles(&idx, "dang ky khai sinh").is_empty());
        assert_eq!(titles(&idx, "thu tuc"), Vec::<String>::new());
    }

    #[test]
    fn the_national_index_comes_after_the_sites_own_pages() {
        let idx = index(&[
            "i\t/i1/\tKhai bổ sung hồ sơ hải quan hàng hoá xuất khẩu, nhập khẩu\t\t\t",
            "p\t/p/\tĐăng ký thường trú\t\tnhập hộ khẩu\t",
            "i\t/i2/\tThủ tục hải quan đối với hàng hoá theo phương thức chuyển khẩu\t\t\t",
            "e\t/e/\tChuyển nơi ở\t\tchuyển hộ khẩu\t",
        ]);
        // The customs entry scores higher (every word in its title), yet comes
        // after the guide.
        assert_eq!(
            titles(&idx, "nhap ho khau"),
            [
                "Đăng ký thường trú",
                "Khai bổ sung hồ sơ hải quan hàng hoá xuất khẩu, nhập khẩu"
            ]
        );
        assert_eq!(titles(&idx, "chuyen khau")[0], "Chuyển nơi ở");
        // Alone, an entry of the index is found as before.
        assert_eq!(
            titles(&idx, "hai quan"),
            [
                "Khai bổ sung hồ sơ hải quan hàng hoá xuất khẩu, nhập khẩu",
                "Thủ tục hải quan đối với hàng hoá theo phương thức chuyển khẩu"
            ]
        );
    }

    #[test]
    fn when_only_the_index_has_every_word_our_pages_missing_one_come_first() {
        let idx = index(&[
            "i\t/i/\tCấp giấy thông hành cho công dân có hộ khẩu thường trú\t\t\tvợ, chồng, nhập cảnh",
            "p\t/p/\tĐăng ký thường trú\t\tnhập hộ khẩu\t",
        ]);
        assert_eq!(
            titles(&idx, "nhap ho khau cho vo"),
            [
                "Đăng ký thường trú",
                "Cấp giấy thông hành cho công dân có hộ khẩu thường trú"
            ]
        );
    }

    #[test]
    fn keyboard_leftovers_are_read_as_the_words_they_would_have_made() {
        let idx = index(&[
            "p\t/a/\tĐăng ký khai sinh\t\t\t",
            "p\t/b/\tĐăng ký kết hôn\t\t\t",
        ]);
        assert_eq!(titles(&idx, "khai sinhf"), ["Đăng ký khai sinh"]);
        assert_eq!(titles(&idx, "dang ky1 ket hon"), ["Đăng ký kết hôn"]);
        assert_eq!(titles(&idx, "ddawng kys keets hoon"), ["Đăng ký kết hôn"]);
        assert_eq!(titles(&idx, "d9a8ng ky1 ke6t"), ["Đăng ký kết hôn"]);
    }

    #[test]
    fn i_and_y_after_a_consonant_are_one_spelling() {
        let idx = index(&["p\t/a/\tTrợ cấp thờ cúng liệt sĩ\t\t\t"]);
        assert_eq!(
            titles(&idx, "tro cap liet sỹ"),
            ["Trợ cấp thờ cúng liệt sĩ"]
        );
        assert_eq!(spelling("ky".into()), "ki");
        assert_eq!(spelling("quy".into()), "quy");
        assert_eq!(spelling("tay".into()), "tay");
        assert_eq!(spelling("y".into()), "y");
        assert_eq!(spelling("09".into()), "9");
        assert_eq!(spelling("00".into()), "0");
    }

    #[test]
    fn a_phrase_in_an_alias_beats_its_words_scattered_in_a_long_title() {
        let idx = index(&[
            "i\t/a/\tKhai báo vũ khí thô sơ là hiện vật trưng bày, triển lãm, làm đồ gia bảo\t\t\t",
            "p\t/b/\tĐăng ký đất đai lần đầu\t\tlàm sổ đỏ\t",
        ]);
        assert_eq!(titles(&idx, "lam so do")[0], "Đăng ký đất đai lần đầu");
    }

    #[test]
    fn initials_find_the_words_they_stand_for() {
        let idx = index(&[
            "p\t/a/\tXác nhận số chứng minh nhân dân 09 số\t\t\t",
            "p\t/b/\tĐăng ký hộ kinh doanh\t\tHKD\t",
        ]);
        assert_eq!(
            titles(&idx, "xac nhan cmnd 9 so"),
            ["Xác nhận số chứng minh nhân dân 09 số"]
        );
        assert_eq!(titles(&idx, "hkd"), ["Đăng ký hộ kinh doanh"]);
        assert!(titles(&idx, "cccd").is_empty());
    }

    #[test]
    fn marks_are_the_matched_title_words() {
        let idx = index(&["c\t/noi-nop/x/\tPhường Bến Thành\tHồ Chí Minh\t\t"]);
        let hit = &idx.search("ben thanh", 5)[0];
        let title = &idx.entries[hit.entry].title;
        let marked: Vec<&str> = hit.marks.iter().map(|r| &title[r.clone()]).collect();
        assert_eq!(marked, ["Bến", "Thành"]);
        // The province, in the note, is searchable too.
        assert_eq!(idx.search("ben thanh ho chi minh", 5).len(), 1);
    }

    #[test]
    fn places_expand_from_their_compact_form() {
        let text = "P\tha-noi\tThành phố Hà Nội\nc\tPhường Hoàn Kiếm\nc\tXã Sơn Hà\txa-son-ha-9\n\
                    O\tTỉnh Hà Tây\nD\tHuyện Đảo\nw\tXã Một\t1\nw\t\t0\nw\tXã Hỏng\t7\nbroken\n\
                    w\tXã Chia\t1 0 9\n";
        let mut idx = Index::default();
        idx.add_places(text, "/en/noi-nop", |_| true);
        let got: Vec<(Kind, &str, &str, &str)> = idx
            .entries
            .iter()
            .map(|e| (e.kind, e.href.as_str(), e.title.as_str(), e.note.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Kind::Commune,
                    "/en/noi-nop/ha-noi/phuong-hoan-kiem/",
                    "Phường Hoàn Kiếm",
                    "Thành phố Hà Nội"
                ),
                (
                    Kind::Commune,
                    "/en/noi-nop/ha-noi/xa-son-ha-9/",
                    "Xã Sơn Hà",
                    "Thành phố Hà Nội"
                ),
                (
                    Kind::OldWard,
                    "/en/noi-nop/ha-noi/xa-son-ha-9/",
                    "Xã Một",
                    "Huyện Đảo, Tỉnh Hà Tây → Xã Sơn Hà"
                ),
                (
                    Kind::OldWard,
                    "/en/noi-nop/ha-noi/phuong-hoan-kiem/",
                    "Huyện Đảo",
                    "Tỉnh Hà Tây → Phường Hoàn Kiếm"
                ),
                // Divided: once for each part, the main one first; a number
                // that leads nowhere is skipped.
                (
                    Kind::OldWard,
                    "/en/noi-nop/ha-noi/xa-son-ha-9/",
                    "Xã Chia",
                    "Huyện Đảo, Tỉnh Hà Tây → Xã Sơn Hà"
                ),
                (
                    Kind::OldWard,
                    "/en/noi-nop/ha-noi/phuong-hoan-kiem/",
                    "Xã Chia",
                    "Huyện Đảo, Tỉnh Hà Tây → Phường Hoàn Kiếm"
                ),
            ]
        );
    }

    #[test]
    fn a_province_frame_keeps_the_places_of_its_province() {
        // Two provinces with a commune of the same name; an old ward that went
        // whole into the other province, and one divided between both.
        let text = "P\tha-noi\tThành phố Hà Nội\t01\nc\tPhường Hoàn Kiếm\nc\tXã Tân Lập\n\
                    P\tho-chi-minh\tThành phố Hồ Chí Minh\t79\nc\tPhường Bến Thành\nc\tXã Tân Lập\n\
                    O\tTỉnh Cũ\nD\tHuyện Cũ\nw\tXã Về Hà Nội\t0\nw\tXã Chia Đôi\t1 3\n\
                    O\tTỉnh Khác\nD\tHuyện Khác\nw\tXã Về Sài Gòn\t2\n";
        let kept = |scope: Option<&str>| {
            let mut idx = Index::default();
            idx.add_places(text, "/noi-nop", |code| scope.is_none_or(|s| s == code));
            idx.entries
                .iter()
                .map(|e| format!("{:?} {} {}", e.kind, e.title, e.href))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kept(Some("79")),
            [
                "Commune Phường Bến Thành /noi-nop/ho-chi-minh/phuong-ben-thanh/",
                "Commune Xã Tân Lập /noi-nop/ho-chi-minh/xa-tan-lap/",
                "OldWard Xã Chia Đôi /noi-nop/ho-chi-minh/xa-tan-lap/",
                "OldWard Xã Về Sài Gòn /noi-nop/ho-chi-minh/phuong-ben-thanh/",
            ]
        );
        // Outside a province frame, every place.
        assert_eq!(kept(None).len(), 8);
        // A province with no code (an older file) is not a province frame's.
        let mut idx = Index::default();
        idx.add_places(
            "P\tha-noi\tThành phố Hà Nội\nc\tPhường Hoàn Kiếm\n",
            "",
            |code| code == "01",
        );
        assert!(idx.entries.is_empty());
    }

    #[test]
    fn damaged_lines_are_skipped() {
        let idx = index(&["x\t/a/\tNo kind", "p\t\tNo href", "p\t/b/", "p\t/c/\tFine"]);
        assert_eq!(idx.entries.len(), 1);
        assert_eq!(idx.entries[0].href, "/c/");
    }
}
