//! Property tests of the core's readers of outside input (issue 20): whatever a
//! damaged download, a proxy, another script or a person types gives them, they
//! answer (maybe with nothing), and never panic. Each property runs
//! `props_runner::CASES` seeded cases; `cargo xtask fuzz` runs them longer.
//!
//! - search: [`Index::add`] and [`Index::add_places`] on any text, and
//!   [`Index::search`] on any query, of any length and script;
//! - text folding, which search and the filters run on what is typed, and the
//!   HTML escaping of names read from fetched files;
//! - places: [`Point::from_attr`] (a province page's `data-at`), and what the
//!   nearest search then does with the point;
//! - boundaries: [`Boundaries::parse`] (a fetched `/ranh-gioi/<code>.txt`) is
//!   an `Err`, never a panic; what it reads can be located in and drawn;
//! - embed: the embed builder's [`Choice`] (what a web team types) into the
//!   frame's address and the snippets, and the embedding protocol's messages
//!   ([`Message::parse`]).
//!
//! The app's readers (routes, flow states, the whole site's index) are in the
//! app's `tests/all/props.rs`.

mod props_runner;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use props_runner::check;
use thu_tuc_xa_core::boundaries::{touching, Boundaries};
use thu_tuc_xa_core::embed::{
    contrast_with_white, frame_url, iframe_snippet, readable_on_white, script_snippet, Choice,
    Message, MAX_HEIGHT, MESSAGE_PREFIX,
};
use thu_tuc_xa_core::model::Lang;
use thu_tuc_xa_core::places::{nearest, Bbox, Nearest, Origin, Point};
use thu_tuc_xa_core::search::{target_of, Index, Kind};
use thu_tuc_xa_core::sketch;
use thu_tuc_xa_core::text::{escape_html, fold, matches, slug, untyped, words};

// ---------------------------------------------------------------------------
// Inputs

/// Pieces of text that trouble text handling: Vietnamese in NFC and NFD, a
/// combining mark with nothing before it, letters whose case changes their
/// length, the index's own separators, invisible characters, digits, Telex and
/// VNI keys.
const PIECES: &[&str] = &[
    "Đăng",
    "ký",
    "khai",
    "sinh",
    "kết",
    "hôn",
    "căn",
    "cước",
    "công",
    "dân",
    "sĩ",
    "sỹ",
    "y",
    "quy",
    "09",
    "0",
    "1.001193",
    "cccd",
    "hkd",
    "Phường",
    "Bến",
    "Thành",
    "Xã",
    "a\u{301}",
    "Ke\u{302}\u{301}t",
    "\u{301}",
    "\u{36f}",
    "ǅ",
    "ß",
    "İ",
    "ﬃ",
    "🇻🇳",
    "👩‍👩‍👧",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "\u{a0}",
    "|",
    " | ",
    "→",
    "-",
    ".",
    ",",
    "#",
    "#ma-",
    "/",
    "sinhf",
    "ddawng",
    "ky1",
    "d9a8ng",
    "q1",
    "p12",
    "w",
    "ww",
    "dd",
    "aaa",
    "ooo",
    "uw",
    "\u{10ffff}",
    "\u{fffd}",
    "中文",
    "ภาษาไทย",
    "العربية",
];

/// A string of `len` characters of `set`.
fn chars(set: &'static str, len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let set: Vec<char> = set.chars().collect();
    vec(select(set), len).prop_map(|c| c.into_iter().collect())
}

const HEX: &str = "0123456789abcdefABCDEF";

/// Text made of [`PIECES`] and any characters at all.
fn short_text(max_parts: usize) -> impl Strategy<Value = String> {
    let part = prop_oneof![
        8 => select(PIECES).prop_map(str::to_string),
        3 => any::<char>().prop_map(String::from),
        1 => chars("abcdefghijklmnopqrstuvwxyz", 1..13),
    ];
    vec(part, 0..max_parts).prop_map(|p| p.concat())
}

/// The same, or now and then very long: a piece and a word repeated hundreds
/// or thousands of times.
fn text(max_parts: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        40 => short_text(max_parts),
        1 => (select(PIECES), 100..1_000usize).prop_map(|(p, n)| format!("{p}khai ").repeat(n)),
    ]
}

/// A point on the Earth, mostly in and around Việt Nam.
fn earth_point() -> impl Strategy<Value = Point> {
    prop_oneof![
        4 => (800_000..2_400_000i32, 10_200_000..11_000_000i32),
        1 => (-9_000_000..=9_000_000i32, -18_000_000..=18_000_000i32),
    ]
    .prop_map(|(lat, lon)| Point { lat, lon })
}

/// A whole number of any size, mostly small, and its edges.
fn number() -> impl Strategy<Value = i64> {
    prop_oneof![
        6 => -3_000..3_000i64,
        3 => -20_000_000..20_000_000i64,
        2 => any::<i32>().prop_map(i64::from),
        1 => any::<i64>(),
        1 => select(vec![
            i64::from(i32::MIN),
            i64::from(i32::MAX),
            9_000_000,
            9_000_001,
            -9_000_001,
            18_000_000,
            18_000_001,
            -18_000_001,
        ]),
    ]
}

/// A number as someone or something might write it: plain, with a sign, with
/// leading zeros, or replaced by anything.
fn written(n: i64) -> impl Strategy<Value = String> {
    prop_oneof![
        8 => Just(n.to_string()),
        1 => Just(format!("+{n}")),
        1 => Just(format!("00{n}")),
        1 => text(3),
    ]
}

/// Ok, or the error proptest reports, for `prop_assert!` in a closure.
type Outcome = Result<(), TestCaseError>;

// ---------------------------------------------------------------------------
// Search

/// A line of a pages index, or a damaged one.
fn index_line() -> impl Strategy<Value = String> {
    let kind = select(vec![
        "e", "p", "d", "i", "c", "o", "t", "x", "", "pp", "P", "é",
    ]);
    let field = || short_text(8);
    prop_oneof![
        6 => (kind, field(), field(), field(), field(), field(), 0..7usize).prop_map(
            |(k, href, title, note, aliases, body, n)| {
                // Sometimes fewer fields than the format has.
                [k.to_string(), href, title, note, aliases, body][..n.max(1)].join("\t")
            }
        ),
        1 => text(12),
    ]
}

fn index_text() -> impl Strategy<Value = String> {
    (vec(index_line(), 0..6), select(vec!["\n", "\r\n", "\n\n"]))
        .prop_map(|(lines, sep)| lines.join(sep))
}

/// What a person types: words of the index, slips, Telex and VNI keys, any
/// characters, spaces before or after; now and then thousands of characters.
fn query() -> impl Strategy<Value = String> {
    text(10)
}

/// Every hit names an entry once, no more than asked for, and its marks are
/// ranges of the title.
fn hits_are_sound(index: &Index, query: &str, limit: usize) -> Outcome {
    let hits = index.search(query, limit);
    prop_assert!(hits.len() <= limit);
    let mut seen = Vec::new();
    for h in &hits {
        prop_assert!(h.entry < index.entries.len());
        prop_assert!(!seen.contains(&h.entry), "entry {} twice", h.entry);
        seen.push(h.entry);
        let title = &index.entries[h.entry].title;
        for m in &h.marks {
            prop_assert!(title.get(m.clone()).is_some(), "{m:?} in {title:?}");
        }
    }
    Ok(())
}

#[test]
fn the_index_reads_any_text_and_answers_any_query() {
    check(
        "search_any_index_any_query",
        (index_text(), short_text(3), query(), 0..12usize),
        |(text, prefix, query, limit)| {
            let mut index = Index::default();
            index.add(&text, &prefix);
            for e in &index.entries {
                prop_assert!(e.href.starts_with(prefix.as_str()));
                prop_assert!(!e.title.is_empty());
                let _ = target_of(&e.href);
            }
            hits_are_sound(&index, &query, limit)
        },
    );
}

/// A record of a places file, or a damaged one.
fn places_record() -> impl Strategy<Value = String> {
    let numbers = vec(
        prop_oneof![
            4 => (0..8usize).prop_map(|n| n.to_string()),
            1 => select(vec!["", "-1", "99999999999999999999999", "1.5", "٣"])
                .prop_map(str::to_string),
        ],
        0..4,
    )
    .prop_map(|n| n.join(" "));
    prop_oneof![
        2 => (short_text(3), short_text(4), select(vec!["01", "79", "", "7"]))
            .prop_map(|(s, n, c)| format!("P\t{s}\t{n}\t{c}")),
        2 => (short_text(4), proptest::option::of(short_text(3))).prop_map(|(n, s)| match s {
            Some(s) => format!("c\t{n}\t{s}"),
            None => format!("c\t{n}"),
        }),
        1 => short_text(4).prop_map(|n| format!("O\t{n}")),
        1 => short_text(4).prop_map(|n| format!("D\t{n}")),
        3 => (short_text(4), numbers).prop_map(|(n, ns)| format!("w\t{n}\t{ns}")),
        1 => text(6),
    ]
}

#[test]
fn the_places_file_reads_any_text() {
    check(
        "search_any_places_file",
        (
            vec(places_record(), 0..12),
            select(vec!["/noi-nop", "/en/noi-nop", "", "/"]),
            proptest::option::of(select(vec!["01", "79", "", "x"])),
            query(),
            0..12usize,
        ),
        |(records, base, scope, query, limit)| {
            let mut index = Index::default();
            index.add_places(&records.join("\n"), base, |code| {
                thu_tuc_xa_core::embed::shows_place(scope, code)
            });
            for e in &index.entries {
                prop_assert!(matches!(e.kind, Kind::Commune | Kind::OldWard));
                prop_assert!(e.href.starts_with(base));
            }
            hits_are_sound(&index, &query, limit)
        },
    );
}

/// A small index like the site's: pages and places in both kinds of line.
fn sample_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index::default();
        index.add(
            "e\t/su-kien/sinh-con/\tSinh con\t\tlàm giấy khai sinh | bảo hiểm y tế cho trẻ\tkhai sinh, thường trú, BHYT\n\
             p\t/thu-tuc/dang-ky-khai-sinh/\tĐăng ký khai sinh\t1.001193\tlàm giấy khai sinh\tĐăng ký cho trẻ mới sinh\n\
             p\t/thu-tuc/dang-ky-ket-hon/\tĐăng ký kết hôn\t1.000894\tgiấy đăng ký kết hôn\tHai người nam, nữ\n\
             d\t/giay-to/can-cuoc/\tCăn cước công dân\t\tCCCD | chứng minh nhân dân\t\n\
             i\t/danh-muc/ho-tich/#ma-1-000080\tTrợ cấp thờ cúng liệt sĩ\t1.000080\t\t\n\
             t\t/noi-nop/\tNơi nộp hồ sơ\t\tphường xã của tôi\t",
            "",
        );
        index.add_places(
            "P\tha-noi\tThành phố Hà Nội\t01\nc\tPhường Hoàn Kiếm\nc\tXã Sơn Hà\txa-son-ha-9\n\
             P\tho-chi-minh\tThành phố Hồ Chí Minh\t79\nc\tPhường Bến Thành\n\
             O\tTỉnh Hà Tây\nD\tHuyện Đảo\nw\tXã Một\t1\nw\t\t0\nw\tXã Chia\t1 0 2\n",
            "/noi-nop",
            |_| true,
        );
        index
    })
}

#[test]
fn a_small_site_index_answers_any_query() {
    check(
        "search_sample_index_any_query",
        (query(), 0..12usize),
        |(query, limit)| hits_are_sound(sample_index(), &query, limit),
    );
}

// ---------------------------------------------------------------------------
// Text folding

#[test]
fn folding_takes_any_text() {
    check(
        "text_fold_words_untyped",
        (text(12), text(4)),
        |(text, key)| {
            let folded = fold(&text);
            prop_assert!(folded
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' '));
            prop_assert!(!folded.starts_with(' ') && !folded.ends_with(' '));
            prop_assert!(!folded.contains("  "));
            let ws = words(&text);
            for (range, w) in &ws {
                prop_assert!(text.get(range.clone()).is_some(), "{range:?}");
                prop_assert!(!w.is_empty());
                if let Some(u) = untyped(w) {
                    prop_assert!(!u.is_empty());
                }
            }
            let joined: Vec<&str> = ws.iter().map(|(_, w)| w.as_str()).collect();
            prop_assert_eq!(joined.join(" "), folded.clone());
            prop_assert!(!slug(&text).contains(' '));
            // Names from fetched files go into HTML through this.
            let escaped = escape_html(&text);
            prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
            let back = escaped
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            prop_assert_eq!(back, text.clone());
            // As the filters use it: what is typed against a name.
            let key = fold(&key);
            prop_assert!(matches(&key, ""));
            let _ = matches(&key, &folded);
            let _ = matches(&folded, &key);
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// Places

/// A `data-at` value: two numbers with some space between them, or anything.
fn at_attr() -> impl Strategy<Value = String> {
    let space = select(vec![" ", "  ", "\t", "\u{a0}", "\n", "", " \r\n "]);
    prop_oneof![
        6 => (number(), number(), space.clone(), space.clone(), space)
            .prop_flat_map(|(lat, lon, a, b, c)| (written(lat), written(lon), Just((a, b, c))))
            .prop_map(|(lat, lon, (a, b, c))| format!("{a}{lat}{b}{lon}{c}")),
        1 => text(6),
    ]
}

#[test]
fn a_points_attribute_reads_as_a_point_on_the_earth_or_none() {
    check(
        "places_from_attr",
        (at_attr(), earth_point(), earth_point()),
        |(attr, you, other)| {
            let Some(p) = Point::from_attr(&attr) else {
                return Ok(());
            };
            prop_assert!(p.on_earth());
            prop_assert_eq!(Point::from_attr(&p.to_attr()), Some(p));
            // What the finder does with it: distances from the person, the
            // nearest communes, province by province.
            let km = Origin::new(you).km(p);
            prop_assert!(km.is_finite() && km >= 0.0, "{km}");
            let found = nearest(you, [(0, p), (1, other)], 1);
            prop_assert_eq!(found.len(), 1);
            let boxes = [
                Bbox::around([p]).unwrap(),
                Bbox::around([p, other]).unwrap(),
            ];
            let mut search = Nearest::new(you, boxes, 2);
            while search.next_province().is_some() {
                search.add([(2, p), (3, other)]);
            }
            prop_assert!(search.found.len() <= 2);
            Ok(())
        },
    );
}

#[test]
fn a_point_reads_back_from_its_attribute() {
    check(
        "places_point_round_trip",
        (earth_point(), select(vec!["", " ", "\t", "\n "])),
        |(p, pad)| {
            let attr = format!("{pad}{}{pad}", p.to_attr());
            prop_assert_eq!(Point::from_attr(&attr), Some(p));
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// Boundaries

/// An arc's words: a first point near Việt Nam, then small steps (now and then a
/// huge one).
fn arc() -> impl Strategy<Value = Vec<String>> {
    let step = prop_oneof![
        60 => (-3_000..3_000i64, -3_000..3_000i64),
        1 => (number(), number()),
    ];
    (earth_point(), vec(step, 1..8)).prop_map(|(start, steps)| {
        let mut words = vec![
            "a".to_string(),
            start.lon.to_string(),
            start.lat.to_string(),
        ];
        for (dlon, dlat) in steps {
            words.push(dlon.to_string());
            words.push(dlat.to_string());
        }
        words
    })
}

/// A commune's five-digit code.
fn code() -> impl Strategy<Value = String> {
    (0..100_000u32).prop_map(|n| format!("{n:05}"))
}

/// A commune's words but its rings: its code and point. Its rings are arcs
/// by number, `~` for backwards, drawn when the file is put together (mostly
/// arcs defined above).
type CommuneLine = (String, Point, Vec<Vec<(u8, bool)>>);

fn commune() -> impl Strategy<Value = CommuneLine> {
    let ring = vec((any::<u8>(), any::<bool>()), 1..4);
    let rings = prop_oneof![20 => vec(ring, 1..3), 1 => Just(Vec::new())];
    (code(), earth_point(), rings)
}

/// Something that is not the word it replaces.
fn damage() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => short_text(2),
        2 => number().prop_map(|n| n.to_string()),
        1 => select(vec!["", "~", ",", "~~1", "1,", "#", "t", "a", "c", "n"]).prop_map(str::to_string),
    ]
}

/// A boundaries file as `cargo xtask boundaries` writes it (and the
/// prerenderer's `n` lines), with now and then a word or a line damaged.
fn boundaries_file() -> impl Strategy<Value = String> {
    // A name's commune: one of the file's, by number, or now and then a code
    // of none.
    let named = prop_oneof![20 => any::<usize>().prop_map(Ok), 1 => code().prop_map(Err)];
    let names = vec(
        (
            named,
            select(vec!["xa-son-ha", "phuong-b", "a", "-", "x-9"]),
            short_text(4),
        ),
        0..3,
    );
    let damages = prop_oneof![
        4 => Just(Vec::new()),
        1 => vec((any::<usize>(), any::<usize>(), damage()), 1..3),
    ];
    let junk = prop_oneof![6 => Just(Vec::new()), 1 => vec(text(6), 1..2)];
    (
        // The tolerances: at most 100,000 reads, and now and then more.
        prop_oneof![
            20 => (0..=100_000i64, 0..=100_000i64),
            1 => (number(), number()),
        ],
        vec(arc(), 1..6),
        vec(commune(), 0..5),
        names,
        damages,
        junk,
        any::<usize>(),
    )
        .prop_map(|((t0, t1), arcs, communes, names, damages, junk, at)| {
            let n = arcs.len();
            let mut lines: Vec<Vec<String>> = vec![
                vec!["#".to_string(), "made".to_string(), "here".to_string()],
                vec!["t".to_string(), t0.to_string(), t1.to_string()],
            ];
            lines.extend(arcs);
            let codes: Vec<String> = communes.iter().map(|c| c.0.clone()).collect();
            for (code, p, rings) in communes {
                let mut words = vec!["c".to_string(), code, p.lat.to_string(), p.lon.to_string()];
                for ring in rings {
                    let uses: Vec<String> = ring
                        .into_iter()
                        .map(|(a, back)| {
                            let a = usize::from(a);
                            let arc = if a % 40 == 39 { n + a % 3 } else { a % n };
                            format!("{}{arc}", if back { "~" } else { "" })
                        })
                        .collect();
                    words.push(uses.join(","));
                }
                lines.push(words);
            }
            for (named, slug, name) in names {
                let code = match named {
                    Ok(i) if !codes.is_empty() => codes[i % codes.len()].clone(),
                    Ok(i) => i.to_string(),
                    Err(code) => code,
                };
                lines.push(vec!["n".to_string(), code, slug.to_string(), name]);
            }
            for (line, word, with) in damages {
                let count = lines.len();
                let line = &mut lines[line % count];
                let i = word % line.len();
                line[i] = with;
            }
            let mut lines: Vec<String> = lines.into_iter().map(|l| l.join(" ")).collect();
            for j in junk {
                lines.insert(at % (lines.len() + 1), j);
            }
            lines.join("\n")
        })
}

#[test]
fn any_text_is_a_boundaries_file_or_an_error() {
    check(
        "boundaries_parse_any_text",
        prop_oneof![
            3 => text(30),
            1 => vec(select(vec!["t", "a", "c", "n", "#", "~", ",", " ", "\n", "1", "-1", "0,~0"]), 0..40)
                .prop_map(|w| w.concat()),
        ],
        |text| {
            if let Err((line, why)) = Boundaries::parse(&text) {
                prop_assert!(
                    line >= 1 && line <= text.lines().count(),
                    "line {line}: {why}"
                );
            }
            Ok(())
        },
    );
}

/// What the finder and the sketch do with a file that reads: locate the person,
/// name the neighbours, draw the sketch around them; and the build's checks
/// (rings, borders shared across files, the province's drawing).
fn use_boundaries(b: &Boundaries, you: Point, near_km: f64) -> Outcome {
    let located = b.locate(you, near_km);
    if let Some(i) = located.inside {
        prop_assert!(b.contains(i, you));
    }
    for &i in &located.near {
        prop_assert!(i < b.areas.len());
    }
    for i in 0..b.areas.len() {
        for r in 0..b.rings(i) {
            let ring = b.ring(i, r);
            prop_assert!(!ring.is_empty());
        }
        let _ = b.arcs_of(i).count();
        let _ = b.neighbours(i);
        let d = b.border_km(i, you);
        prop_assert!(d >= 0.0);
        let _ = b.find(&b.areas[i].code);
    }
    let _ = touching([b, b]);
    if let Some(focus) = located.inside.or(located.near.first().copied()) {
        let shapes: Vec<sketch::Shape> = std::iter::once(focus)
            .chain(b.neighbours(focus))
            .map(|i| sketch::Shape {
                boundaries: b,
                area: i,
                label: &b.areas[i].name,
                focus: i == focus,
            })
            .collect();
        let area = b.areas[focus].bbox;
        let view = Bbox::around([
            Point {
                lat: area.south,
                lon: area.west,
            },
            Point {
                lat: area.north,
                lon: area.east,
            },
            you,
        ])
        .unwrap_or(area);
        let svg = sketch::svg(&shapes, sketch::pad(view, 0.2), Some((you, "Bạn")), "<&\">");
        prop_assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
    let (svg, _) = sketch::province_svg(b, &|i| b.areas[i].name.clone(), "Tỉnh");
    // Nothing to draw when every commune is an inset's, or there is none.
    prop_assert!(svg.ends_with("</svg>") || svg.is_empty());
    Ok(())
}

#[test]
fn a_boundaries_file_reads_or_is_refused_and_what_reads_can_be_used() {
    // How many files read, and held a commune: the property is about them too.
    let read = AtomicU32::new(0);
    check(
        "boundaries_parse_files",
        (boundaries_file(), earth_point(), 0.0..30.0f64),
        |(text, you, near_km)| match Boundaries::parse(&text) {
            Err((line, why)) => {
                prop_assert!(
                    line >= 1 && line <= text.lines().count(),
                    "line {line}: {why}"
                );
                Ok(())
            }
            Ok(b) => {
                if !b.areas.is_empty() {
                    read.fetch_add(1, Ordering::Relaxed);
                }
                // Near the first commune, most of the time.
                let you = match b.areas.first() {
                    Some(a) if you.lat % 4 != 0 => Point {
                        lat: a.point.lat + you.lat % 5_000,
                        lon: a.point.lon + you.lon % 5_000,
                    },
                    _ => you,
                };
                use_boundaries(&b, you, near_km)
            }
        },
    );
    let read = read.into_inner();
    eprintln!("boundaries_parse_files: {read} files of communes read");
    assert!(
        read >= props_runner::cases() / 5,
        "only {read} files of communes read"
    );
}

// ---------------------------------------------------------------------------
// Embed

/// Whether the frame keeps an accent: `mode.js` keeps a colour white text is
/// readable on, computed as [`contrast_with_white`] does.
fn mode_js_keeps(hex6: &str) -> bool {
    readable_on_white(&format!("#{hex6}"))
}

#[test]
fn any_colour_text_has_a_contrast_or_none() {
    check(
        "embed_contrast",
        prop_oneof![
            3 => chars(HEX, 6..7).prop_map(|h| format!("#{h}")),
            1 => chars("#0123456789abcdefABCDEFgé", 0..9),
            1 => text(4),
        ],
        |hex| {
            if let Some(c) = contrast_with_white(&hex) {
                prop_assert!((1.0 - 1e-9..=21.0 + 1e-9).contains(&c), "{c}");
                prop_assert_eq!(readable_on_white(&hex), c >= 4.5);
            } else {
                prop_assert!(!readable_on_white(&hex));
            }
            Ok(())
        },
    );
}

/// What a web team may type in the builder's fields.
fn field_text() -> impl Strategy<Value = String> {
    let piece = select(vec![
        "/",
        "//",
        "en",
        "/en",
        "/en/",
        "su-kien",
        "sinh-con",
        "..",
        "%2F",
        "\"",
        "<",
        ">",
        "&",
        "'",
        "?",
        "#",
        "=",
        "javascript:",
        "EN",
        "Su-Kien",
        " ",
        "79",
        "01",
        "#0b4f8a",
        "#7A1F5C",
        "#ffffff",
        "#000",
        "ǅ",
    ]);
    prop_oneof![
        6 => vec(piece, 0..8).prop_map(|p| p.concat()),
        1 => text(6),
    ]
}

#[test]
fn any_choice_makes_an_address_the_frame_honours_and_safe_snippets() {
    check(
        "embed_choice",
        (
            proptest::option::of(prop_oneof![2 => chars("0123456789", 2..3), 1 => field_text()]),
            any::<bool>(),
            field_text(),
            proptest::option::of(
                prop_oneof![2 => chars(HEX, 6..7).prop_map(|h| format!("#{h}")), 1 => field_text()],
            ),
            select(vec![
                "https://thutucxa.example.gov.vn",
                "https://thutucxa.example.gov.vn/",
                "http://127.0.0.1:8080",
                "",
            ]),
            text(4),
        ),
        |(province, en, start, accent, origin, title)| {
            let lang = if en { Lang::En } else { Lang::Vi };
            // The builder offers an accent only if white text is readable on it.
            let readable = accent.as_deref().filter(|a| readable_on_white(a));
            let choice = Choice {
                province: province.as_deref(),
                lang,
                start: &start,
                accent: readable,
            };
            let url = frame_url(origin, &choice);
            let base = origin.trim_end_matches('/');
            let rest = url
                .strip_prefix(base)
                .expect("the address starts with the origin");
            let (path, query) = rest.split_once('?').expect("a query");
            prop_assert!(path.starts_with('/') && path.ends_with('/'), "{path}");
            prop_assert!(!path.contains("//"), "{path}");
            prop_assert!(path
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/'));
            if en {
                prop_assert!(path.starts_with("/en/"), "{path}");
            }
            // What `mode.js` reads: `nhung=1`, then a province of two digits and an
            // accent of six hex digits, each only if the choice had one, and kept
            // by the frame.
            let mut pairs = query.split('&');
            prop_assert_eq!(pairs.next(), Some("nhung=1"));
            for pair in pairs {
                let (key, value) = pair.split_once('=').expect("key=value");
                match key {
                    "tinh" => {
                        prop_assert!(value.len() == 2 && value.bytes().all(|b| b.is_ascii_digit()));
                        prop_assert_eq!(Some(value), province.as_deref());
                    }
                    "mau" => {
                        prop_assert!(
                            value.len() == 6
                                && value
                                    .bytes()
                                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                        );
                        prop_assert!(mode_js_keeps(value), "{value}");
                    }
                    _ => prop_assert!(false, "unexpected {pair}"),
                }
            }
            // The snippets: what a web team pastes into their page. Nothing they
            // typed ends an attribute or opens a tag.
            let script = script_snippet(origin, &choice);
            let inner = script
                .strip_prefix(&format!("<script src=\"{base}/embed.js\""))
                .and_then(|s| s.strip_suffix(" async></script>"))
                .expect("one script element");
            prop_assert!(!inner.contains('<') && !inner.contains('>'), "{inner}");
            for attr in inner.split(' ').filter(|a| !a.is_empty()) {
                let (name, value) = attr.split_once('=').expect("name=value");
                prop_assert!(name.starts_with("data-"), "{attr}");
                prop_assert!(value.starts_with('"') && value.ends_with('"') && value.len() >= 2);
                prop_assert!(!value[1..value.len() - 1].contains(['"', '&']), "{attr}");
            }
            let frame = iframe_snippet(origin, &choice, &title);
            let title_attr = frame
                .split_once(" title=\"")
                .and_then(|(_, t)| t.split_once('"'))
                .map(|(t, _)| t)
                .expect("a title");
            prop_assert_eq!(
                title_attr.replace("&quot;", "\"").replace("&amp;", "&"),
                title.clone()
            );
            Ok(())
        },
    );
}

#[test]
fn a_message_is_read_exactly_or_not_at_all() {
    let message = prop_oneof![
        Just(Message::Ready),
        Just(Message::Hello),
        Just(Message::Top),
        (1..=MAX_HEIGHT).prop_map(Message::Height),
    ];
    check(
        "embed_message",
        (
            message,
            prop_oneof![
                2 => text(6),
                2 => (text(2), select(vec!["ready", "hello", "top", "height:", "height:0", "height:60001", "height:+5", "height:5 "]), text(2))
                    .prop_map(|(a, m, b)| format!("{a}{MESSAGE_PREFIX}{m}{b}")),
                1 => (0..u64::MAX).prop_map(|n| format!("{MESSAGE_PREFIX}height:{n}")),
            ],
        ),
        |(m, data)| {
            prop_assert_eq!(Message::parse(&m.text()), Some(m));
            // Anything read is written back the same: one spelling per message.
            if let Some(read) = Message::parse(&data) {
                prop_assert_eq!(read.text(), data.clone());
                if let Message::Height(px) = read {
                    prop_assert!((1..=MAX_HEIGHT).contains(&px));
                }
            }
            Ok(())
        },
    );
}

/// Days: any day from 1900 to 2199 is the day `jiff` says (year, month, day,
/// weekday), and back; any text is read as a day or refused, never a panic.
#[test]
fn days_agree_with_jiff_and_any_text_is_a_day_or_not() {
    use thu_tuc_xa_core::calendar::{Day, Weekday};
    check(
        "calendar_days",
        (0..109_572i64, short_text(2)),
        |(offset, typed)| {
            let expected = jiff::civil::date(1900, 1, 1)
                .checked_add(jiff::Span::new().days(offset))
                .expect("in range");
            let day = Day::from_ymd(
                i32::from(expected.year()),
                expected.month() as u32,
                expected.day() as u32,
            )
            .expect("a real day");
            prop_assert_eq!(
                day.ymd(),
                (
                    i32::from(expected.year()),
                    expected.month() as u32,
                    expected.day() as u32
                )
            );
            let weekday = match expected.weekday() {
                jiff::civil::Weekday::Monday => Weekday::Monday,
                jiff::civil::Weekday::Tuesday => Weekday::Tuesday,
                jiff::civil::Weekday::Wednesday => Weekday::Wednesday,
                jiff::civil::Weekday::Thursday => Weekday::Thursday,
                jiff::civil::Weekday::Friday => Weekday::Friday,
                jiff::civil::Weekday::Saturday => Weekday::Saturday,
                jiff::civil::Weekday::Sunday => Weekday::Sunday,
            };
            prop_assert_eq!(day.weekday(), weekday);
            prop_assert_eq!(Day::parse(&day.iso()), Some(day));
            prop_assert_eq!(day.plus(1).until(day), -1);
            if let Some(d) = Day::parse(&typed) {
                prop_assert_eq!(d.iso(), typed);
            }
            Ok(())
        },
    );
}

/// The calendar reminder: whatever the names hold, every line of the file is at
/// most 75 octets, ends in CRLF, and the text fields carry no bare line break.
#[test]
fn any_reminder_text_makes_a_well_formed_calendar_file() {
    use thu_tuc_xa_core::calendar::Day;
    use thu_tuc_xa_core::ics::{reminder, Reminder};
    check(
        "ics_any_text",
        (short_text(6), short_text(12), 0..40_000i32),
        |(summary, description, offset)| {
            let text = reminder(&Reminder {
                uid: "x@thu-tuc-xa",
                stamp: "20261204T000000Z",
                day: Day::at(2000, 1, 1).plus(offset),
                summary: &summary,
                description: &description,
                url: None,
            });
            prop_assert!(text.ends_with("\r\n"));
            for line in text.split("\r\n") {
                prop_assert!(line.len() <= 75);
                prop_assert!(!line.contains('\n') && !line.contains('\r'));
            }
            prop_assert_eq!(
                text.split("\r\n")
                    .filter(|l| l.starts_with("BEGIN:"))
                    .count(),
                3
            );
            Ok(())
        },
    );
}
