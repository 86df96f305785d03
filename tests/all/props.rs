//! Property tests of the app's readers of outside input (issue 20): an address
//! (any path a person, a link or a host sends: [`Route::parse`]), a flow's hash
//! (a shared link, a QR code, an edited address: `State::parse`), a search of
//! the whole site, a fragment's and the shell's build marks, and the modes an
//! address keeps ([`keeping_modes`]). None may panic; the seeded cases run in
//! every `cargo test`, and longer under `cargo xtask fuzz` (see
//! `core/tests/props_runner/mod.rs`). The core's readers are in
//! `core/tests/props.rs`.

#[path = "../../core/tests/props_runner/mod.rs"]
mod props_runner;

use std::sync::OnceLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use props_runner::check;
use thu_tuc_xa::corpus::site_index;
use thu_tuc_xa::data;
use thu_tuc_xa::flow::{Flow, Node, State, View};
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::route::{
    build_mark, build_of_fragment, build_of_shell, keeping_modes, Page, Route,
};
use thu_tuc_xa::search::Index;

type Outcome = Result<(), TestCaseError>;

/// Characters that trouble addresses and hashes, and any character at all.
fn odd_char() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(vec![
            "%", "%2F", "%2f", "%C3%A9", "%FF", "%E1%BB", "%00", "%%", "%G1", "?", "#", "&", "=",
            "..", ".", "//", "\\", " ", "+", "\u{0}", "\u{301}", "é", "Đ", "İ", "🇻🇳", "\u{202e}",
            "\n",
        ])
        .prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
    ]
}

// ---------------------------------------------------------------------------
// Routes

/// Every prerendered page (both languages), once.
fn all_routes() -> &'static [Route] {
    static ALL: OnceLock<Vec<Route>> = OnceLock::new();
    ALL.get_or_init(Route::all)
}

/// A prerendered page: as often one of the few hundred pages that are not a
/// commune's as one of the 6,600 communes' (`routes.rs` reads every page's own
/// address once; a commune's takes the longest to look up).
fn a_page() -> impl Strategy<Value = Route> {
    static SPLIT: OnceLock<(Vec<Route>, Vec<Route>)> = OnceLock::new();
    let (communes, others) = SPLIT.get_or_init(|| {
        all_routes()
            .iter()
            .copied()
            .partition(|r| matches!(r.page, Page::Commune(..)))
    });
    prop_oneof![select(communes.as_slice()), select(others.as_slice())]
}

/// The words of the site's addresses: each page's segments.
fn segments() -> &'static [String] {
    static SEGMENTS: OnceLock<Vec<String>> = OnceLock::new();
    SEGMENTS.get_or_init(|| {
        let mut all: Vec<String> = all_routes()
            .iter()
            .flat_map(|r| r.href().split('/').map(str::to_string).collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect();
        all.sort();
        all.dedup();
        all.extend(["index.html", "offline.html", "404.html", "EN", "Thu-Tuc"].map(String::from));
        all
    })
}

/// A path made of the site's segments, slashes and odd characters.
fn any_path() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        6 => select(segments()).prop_map(|s| format!("/{s}")),
        2 => Just("/".to_string()),
        2 => odd_char(),
    ];
    prop_oneof![
        40 => vec(part, 0..7).prop_map(|p| p.concat()),
        2 => vec(any::<char>(), 0..40).prop_map(|c| c.into_iter().collect()),
        1 => (select(segments()), 50..500usize).prop_map(|(s, n)| format!("/{s}").repeat(n)),
    ]
}

#[test]
fn any_address_is_a_page_whose_address_reads_back() {
    check("route_parse_any_path", any_path(), |path| {
        let route = Route::parse(&path);
        let again = Route::parse(&route.href());
        if route.page == Page::NotFound {
            // One address for "not found", whatever the language asked.
            prop_assert_eq!(again.page, Page::NotFound);
        } else {
            prop_assert_eq!(again, route);
            prop_assert_eq!(Route::parse(&route.translated().href()), route.translated());
        }
        let _ = route.fragment_href();
        let _ = route.title();
        Ok(())
    });
}

/// How a page's address reaches the site bent: each byte maybe
/// percent-encoded (upper or lower case hex), the file's own name, no final
/// slash, doubled slashes, a query or a fragment added.
#[derive(Clone, Debug)]
struct Bend {
    encode: Vec<bool>,
    lower_hex: bool,
    index_html: bool,
    no_slash: bool,
    double_slash: bool,
    suffix: &'static str,
}

fn bend() -> impl Strategy<Value = Bend> {
    (
        vec(prop_oneof![4 => Just(false), 1 => Just(true)], 0..80),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![5 => Just(false), 1 => Just(true)],
        select(vec![
            "",
            "?nhung=1&tinh=79",
            "?quay=1",
            "#main",
            "?a=%2F#b?c",
            "?",
            "#",
        ]),
    )
        .prop_map(
            |(encode, lower_hex, index_html, no_slash, double_slash, suffix)| Bend {
                encode,
                lower_hex,
                index_html,
                no_slash,
                double_slash,
                suffix,
            },
        )
}

fn bent(href: &str, b: &Bend) -> String {
    let mut path = href.to_string();
    if b.double_slash {
        path = path.replace('/', "//");
    }
    if path.ends_with('/') {
        if b.index_html {
            path.push_str("index.html");
        } else if b.no_slash && path.len() > 1 {
            path.pop();
        }
    }
    let mut out = String::new();
    for (i, byte) in path.bytes().enumerate() {
        if b.encode.get(i).copied().unwrap_or(false) {
            if b.lower_hex {
                out.push_str(&format!("%{byte:02x}"));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(char::from(byte));
        }
    }
    out + b.suffix
}

#[test]
fn every_page_is_found_at_its_bent_addresses() {
    check("route_bent_addresses", (a_page(), bend()), |(route, b)| {
        let href = route.href();
        // Every address here is ASCII, so bytes are characters.
        prop_assert!(href.is_ascii());
        let path = bent(&href, &b);
        prop_assert_eq!(Route::parse(&path), route, "{}", path);
        Ok(())
    });
}

#[test]
fn a_page_address_in_other_case_is_that_page_or_not_found() {
    check(
        "route_case",
        (a_page(), vec(any::<bool>(), 0..80)),
        |(route, upper)| {
            let path: String = route
                .href()
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if upper.get(i).copied().unwrap_or(false) {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            let parsed = Route::parse(&path);
            prop_assert!(
                parsed == route || parsed.page == Page::NotFound,
                "{path} is {parsed:?}"
            );
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// Flow states

/// The flow of an index into [`data::FLOWS`].
fn flow(i: usize) -> &'static Flow {
    &data::FLOWS[i % data::FLOWS.len()]
}

/// A hash made of a flow's own words (question and option ids, the reserved
/// keys and views), separators and odd characters, picked by number so that
/// one strategy serves every flow.
fn any_hash() -> impl Strategy<Value = (usize, String)> {
    let token = (0..10u8, any::<usize>(), odd_char());
    (0..data::FLOWS.len(), vec(token, 0..14), any::<bool>()).prop_map(|(f, tokens, hash)| {
        let flow = flow(f);
        let mut out = String::from(if hash { "#" } else { "" });
        for (kind, n, odd) in tokens {
            let q = flow.question(u16::try_from(n % flow.questions.len()).unwrap_or(0));
            let option = q.options[n % q.options.len()];
            match kind {
                0 | 1 => out.push_str(&format!("{}={option}", q.id)),
                2 => out.push_str(&format!("hoi={}", q.id)),
                3 => out.push_str(["xem=kiem-tra", "xem=ket-qua", "xem=", "xem"][n % 4]),
                4 | 5 => out.push('&'),
                6 => out.push('='),
                7 => out.push_str(q.id),
                8 => out.push_str(option),
                _ => out.push_str(&odd),
            }
        }
        (f, out)
    })
}

/// A state the engine could show: its answers are the walk of themselves, and
/// its view is on their path.
fn state_is_sound(flow: &Flow, s: &State) -> Outcome {
    for &(q, o) in &s.answers.0 {
        prop_assert!(usize::from(q) < flow.questions.len());
        prop_assert!(usize::from(o) < flow.question(q).options.len());
    }
    let walk = flow.walk(&s.answers);
    prop_assert_eq!(&walk.path, &s.answers);
    match s.view {
        View::Intro => prop_assert!(s.answers.0.is_empty()),
        View::Question(q) => {
            prop_assert!(s.answers.get(q).is_some() || walk.end == Node::Question(q));
        }
        View::Check => prop_assert!(matches!(walk.end, Node::Outcome(_))),
        View::Outcome(o) => prop_assert_eq!(walk.end, Node::Outcome(o)),
    }
    Ok(())
}

/// The state, written and read back, is itself.
fn round_trips(flow: &Flow, s: &State) -> Outcome {
    let hash = s.to_hash(flow);
    prop_assert_eq!(&State::parse(flow, &hash), s, "{}", hash);
    prop_assert_eq!(&State::parse(flow, &format!("#{hash}")), s, "#{}", hash);
    Ok(())
}

#[test]
fn any_hash_is_a_sound_state_that_reads_back() {
    check("flow_state_any_hash", any_hash(), |(f, hash)| {
        let flow = flow(f);
        let s = State::parse(flow, &hash);
        state_is_sound(flow, &s)?;
        round_trips(flow, &s)?;
        // What the page does with it: the parts it shows, the back link, the
        // progress line, the summary's change links, the outcome link.
        let _ = s.view.parts(flow);
        if let Some(back) = s.back() {
            state_is_sound(flow, &back)?;
            round_trips(flow, &back)?;
        }
        let _ = s.progress(flow);
        for &(q, _) in &s.answers.0 {
            round_trips(flow, &s.change(q))?;
        }
        if matches!(s.view, View::Check | View::Outcome(_)) {
            round_trips(flow, &s.to_outcome(flow))?;
        }
        Ok(())
    });
}

/// What a person does on a flow's page.
#[derive(Clone, Copy, Debug)]
enum Act {
    /// The intro's start button ([`State::start`]).
    Start,
    /// Picks an option of the question shown, and continues.
    Answer(usize),
    Back,
    /// A "change" link of the summary: one of the answers given.
    Change(usize),
    /// "See the result", from the summary.
    Result,
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        1 => Just(Act::Start),
        8 => any::<usize>().prop_map(Act::Answer),
        2 => Just(Act::Back),
        2 => any::<usize>().prop_map(Act::Change),
        2 => Just(Act::Result),
    ]
}

#[test]
fn every_state_the_engine_reaches_reads_back_from_its_hash() {
    check(
        "flow_state_round_trip",
        (0..data::FLOWS.len(), vec(act(), 1..16)),
        |(f, acts)| {
            let flow = flow(f);
            let mut s = State::INTRO;
            for act in acts {
                s = match (act, s.view) {
                    (Act::Start, _) => State::start(flow),
                    (Act::Answer(n), View::Question(q)) => {
                        let options = flow.question(q).options.len();
                        s.answer(flow, u16::try_from(n % options).unwrap_or(0))
                    }
                    (Act::Back, _) => s.back().unwrap_or(State::INTRO),
                    (Act::Change(n), View::Check | View::Outcome(_)) if !s.answers.0.is_empty() => {
                        s.change(s.answers.0[n % s.answers.0.len()].0)
                    }
                    (Act::Result, View::Check) => s.to_outcome(flow),
                    _ => s,
                };
                state_is_sound(flow, &s)?;
                round_trips(flow, &s)?;
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// Search over the whole site

/// The site's index in Vietnamese, as the browser assembles it.
fn whole_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| site_index(Lang::Vi))
}

/// Words of the site's titles, as typed (with their marks) and folded.
fn title_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = whole_index()
            .entries
            .iter()
            .flat_map(|e| e.title.split(' ').map(str::to_string).collect::<Vec<_>>())
            .flat_map(|w| [thu_tuc_xa::text::fold(&w), w])
            .filter(|w| !w.is_empty())
            .collect();
        words.sort();
        words.dedup();
        words
    })
}

/// What a person types: a few of the site's words, some with a slip or an
/// input method's keys, spaces, odd characters; now and then a long paste.
fn typed() -> impl Strategy<Value = String> {
    let word = (select(title_words()), 0..6u8, any::<usize>()).prop_map(|(w, slip, n)| {
        let mut chars: Vec<char> = w.chars().collect();
        let i = n % (chars.len() + 1);
        match slip {
            0 if i < chars.len() => {
                chars.remove(i);
            }
            1 if i + 1 < chars.len() => chars.swap(i, i + 1),
            2 => chars.insert(i, ['s', 'f', 'w', '1', '9', 'd'][n % 6]),
            _ => {}
        }
        chars.into_iter().collect::<String>()
    });
    let part = prop_oneof![
        6 => word,
        3 => Just(" ".to_string()),
        1 => odd_char(),
    ];
    prop_oneof![
        200 => vec(part, 0..5).prop_map(|p| p.concat()),
        1 => (select(title_words()), 100..1_000usize).prop_map(|(w, n)| format!("{w} ").repeat(n)),
    ]
}

#[test]
fn the_whole_site_answers_any_query() {
    let index = whole_index();
    check(
        "search_whole_site",
        (typed(), 0..10usize),
        |(query, limit)| {
            let hits = index.search(&query, limit);
            prop_assert!(hits.len() <= limit);
            for h in &hits {
                let title = &index.entries[h.entry].title;
                for m in &h.marks {
                    prop_assert!(title.get(m.clone()).is_some(), "{m:?} of {title:?}");
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------
// Build marks, and the modes an address keeps

#[test]
fn any_fragment_or_shell_gives_its_build_or_none() {
    // Builds of letters and digits, hex or not, maybe empty.
    let build = vec(
        select("0123456789abcdefABCDEFxyz".chars().collect::<Vec<_>>()),
        0..20,
    )
    .prop_map(|c| c.into_iter().collect::<String>());
    let html = prop_oneof![
        3 => vec(odd_char(), 0..10).prop_map(|p| p.concat()),
        1 => select(vec!["<!--build ", "-->", "_bg.wasm", "-", "<h1>"]).prop_map(str::to_string),
    ];
    check(
        "route_build_marks",
        (build, html.clone(), html),
        |(build, before, after)| {
            // Any HTML: a build of letters and digits, or none.
            for html in [&before, &after] {
                let got = build_of_fragment(html);
                prop_assert!(got.is_none_or(|b| b.bytes().all(|b| b.is_ascii_alphanumeric())));
                let got = build_of_shell(html);
                prop_assert!(got.is_none_or(|b| b.bytes().all(|b| b.is_ascii_hexdigit())));
            }
            // A fragment gives the build of its mark, whatever follows.
            let fragment = format!("{}{after}", build_mark(&build));
            let expected = (!build.is_empty()).then_some(build.as_str());
            prop_assert_eq!(build_of_fragment(&fragment), expected);
            let _ = build_of_fragment(&format!("{before}{fragment}"));
            // A shell gives the hash of its wasm file's name.
            let shell = format!("{before}/thu-tuc-xa-{build}_bg.wasm{after}");
            let hex = !build.is_empty() && build.bytes().all(|b| b.is_ascii_hexdigit());
            if !before.contains("_bg.wasm") {
                prop_assert_eq!(build_of_shell(&shell), hex.then_some(build.as_str()));
            }
            Ok(())
        },
    );
}

#[test]
fn a_link_keeps_the_pages_modes_unless_it_has_its_own() {
    let to = prop_oneof![
        3 => (select(all_routes()), select(vec!["", "#main", "#hoi=a&b=c", "?quay=1", "?x#y", "#?"]))
            .prop_map(|(r, s)| format!("{}{s}", r.href())),
        1 => select(vec!["#", "#top", "", "?", "/a#b#c"]).prop_map(str::to_string),
        1 => vec(odd_char(), 0..8).prop_map(|p| p.concat()),
    ];
    let search = prop_oneof![
        3 => select(vec!["", "?quay=1", "?nhung=1&tinh=79&mau=0b4f8a"]).prop_map(str::to_string),
        1 => vec(odd_char(), 0..6).prop_map(|p| format!("?{}", p.concat())),
    ];
    check("route_keeping_modes", (to, search), |(to, search)| {
        let url = keeping_modes(&to, &search);
        if to.starts_with('#') || to.contains('?') || search.is_empty() {
            prop_assert_eq!(url, to);
        } else {
            let (path, hash) = to.split_at(to.find('#').unwrap_or(to.len()));
            prop_assert_eq!(&url, &format!("{path}{search}{hash}"));
            // The page it leads to is the link's: `Route::parse` reads the path
            // before the first `?` or `#`.
            let page = |u: &str| u.split(['?', '#']).next().map(str::to_string);
            prop_assert_eq!(page(&url), page(&to));
        }
        Ok(())
    });
}

/// A form's answers from another device (the QR code's `#` part, unpacked): any
/// text is refused or read as answers that fit the form, and answers packed on
/// one device are the same answers on the other.
#[test]
fn any_packed_text_is_answers_or_nothing_and_answers_make_the_trip() {
    use thu_tuc_xa_core::form::{pack, unpack, Answers, Kind};
    let forms = data::FORMS;
    check(
        "form_unpack",
        (
            0..forms.len(),
            vec(odd_char(), 0..24),
            vec(odd_char(), 0..32),
        ),
        |(i, noise, values)| {
            let form = &forms[i];
            if let Some(answers) = unpack(form, &noise.concat()) {
                for id in answers.keys() {
                    prop_assert!(form.field(id).is_some());
                }
            }
            // Any values in the form's fields, cut to fit and without control
            // characters (which no input can hold), read back the same.
            let answers: Answers = form
                .fields()
                .zip(values.iter())
                .filter_map(|(f, v)| {
                    let max = match f.kind {
                        Kind::Text { max } | Kind::LongText { max } => usize::from(max),
                        _ => 64,
                    };
                    let v: String = v
                        .chars()
                        .filter(|c| !c.is_control() || *c == '\n')
                        .take(max)
                        .collect();
                    (!v.is_empty()).then(|| (f.id.to_string(), v))
                })
                .collect();
            let packed = pack(form, &answers);
            prop_assert_eq!(unpack(form, &packed), Some(answers));
            // Cut short anywhere on a character boundary: refused or fewer answers,
            // never a panic.
            let bounds: Vec<usize> = packed.char_indices().map(|(i, _)| i).collect();
            for k in 1..4 {
                let _ = unpack(form, &packed[..bounds[bounds.len() * k / 4]]);
            }
            Ok(())
        },
    );
}
