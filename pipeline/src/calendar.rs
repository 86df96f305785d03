//! The working-day calendar, `content/ngay-nghi/<year>.toml`: per year, the
//! weekdays state agencies do not work and the Saturdays they do, each with where
//! it comes from. See `content/ngay-nghi/README.md`.

use serde::Deserialize;
use toml::Spanned;

use super::diag::{Diagnostics, Source};
use super::facts::{self, FactCounts};
use super::front_matter::{CiteFm, FactFm, TextFm};
use super::register::{date, Register};
use super::validate::{is_url, parse_toml, slug_of, text};

/// One year's file.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct YearFm {
    pub year: Spanned<i64>,
    pub checked: Spanned<String>,
    pub complete: bool,
    #[serde(default)]
    pub note: Option<TextFm>,
    #[serde(default)]
    pub day: Vec<DayFm>,
}

/// A day that differs from the Monday-to-Friday week.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct DayFm {
    pub date: Spanned<String>,
    /// `off` or `work`.
    pub kind: Spanned<String>,
    pub why: TextFm,
    /// `law`, `notice` or `derived`.
    pub basis: Spanned<String>,
    #[serde(default)]
    pub notice: Option<Spanned<String>>,
    #[serde(default)]
    pub read: Vec<Spanned<String>>,
    #[serde(default)]
    pub cite: Vec<CiteFm>,
}

/// A year that passed every check; its days sorted.
#[derive(Debug)]
pub struct ParsedYear {
    pub year: i32,
    pub complete: bool,
    pub note: Option<TextFm>,
    pub days: Vec<ParsedDay>,
}

#[derive(Debug)]
pub struct ParsedDay {
    pub date: jiff::civil::Date,
    pub work: bool,
    pub why: TextFm,
    /// `law`, `notice` or `derived`.
    pub basis: &'static str,
}

/// Reads every year; the years must follow each other.
pub fn calendar(
    sources: &[Source],
    register: &Register,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> (Vec<ParsedYear>, FactCounts) {
    let mut years = Vec::new();
    let mut counts = FactCounts::default();
    for source in sources {
        if let Some((year, c)) = one(source, register, today, diags) {
            counts.add(c);
            years.push(year);
        }
    }
    years.sort_by_key(|y| y.year);
    for pair in years.windows(2) {
        if pair[1].year != pair[0].year + 1 {
            if let Some(s) = sources
                .iter()
                .find(|s| slug_of(&s.path) == pair[1].year.to_string())
            {
                diags.push(s.at(
                    0,
                    format!(
                        "the calendar jumps from {} to {}: add content/ngay-nghi/{}.toml",
                        pair[0].year,
                        pair[1].year,
                        pair[0].year + 1
                    ),
                ));
            }
        }
    }
    (years, counts)
}

fn one(
    source: &Source,
    register: &Register,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> Option<(ParsedYear, FactCounts)> {
    let before = diags.0.len();
    let fm: YearFm = parse_toml(source, &source.text, 0, diags)?;
    let year = *fm.year.get_ref();
    if slug_of(&source.path) != year.to_string() {
        diags.push(source.at(
            fm.year.span().start,
            format!("the file of year {year} must be named content/ngay-nghi/{year}.toml"),
        ));
    }
    if date(fm.checked.get_ref()).is_none() {
        diags.push(source.at(
            fm.checked.span().start,
            format!(
                "checked `{}` must be a date written YYYY-MM-DD",
                fm.checked.get_ref()
            ),
        ));
    }
    match (&fm.note, fm.complete) {
        (None, false) => diags.push(source.at(
            0,
            "the year is not complete: say what is missing in note.vi and note.en",
        )),
        (Some(n), true) => diags.push(source.at(
            n.vi.span().start,
            "the year is complete, so it has no note of what is missing",
        )),
        (Some(n), false) => text(source, 0, n, diags),
        (None, true) => {}
    }
    let mut days: Vec<ParsedDay> = Vec::new();
    let mut facts_of: Vec<(String, FactFm)> = Vec::new();
    for d in &fm.day {
        text(source, 0, &d.why, diags);
        let Some(day) = date(d.date.get_ref()) else {
            diags.push(source.at(
                d.date.span().start,
                format!(
                    "date `{}` must be a date written YYYY-MM-DD",
                    d.date.get_ref()
                ),
            ));
            continue;
        };
        if i64::from(day.year()) != year {
            diags.push(source.at(d.date.span().start, format!("{day} is not in {year}")));
        }
        let saturday = day.weekday() == jiff::civil::Weekday::Saturday;
        let weekend = saturday || day.weekday() == jiff::civil::Weekday::Sunday;
        let work = match d.kind.get_ref().as_str() {
            "off" => {
                if weekend {
                    diags.push(source.at(
                        d.date.span().start,
                        format!(
                            "{day} is a {:?}, not a working day: list only weekdays off",
                            day.weekday()
                        ),
                    ));
                }
                false
            }
            "work" => {
                if !saturday {
                    diags.push(source.at(
                        d.date.span().start,
                        format!(
                            "{day} is a {:?}: a day worked in place of another is a Saturday",
                            day.weekday()
                        ),
                    ));
                }
                true
            }
            other => {
                diags.push(source.at(
                    d.kind.span().start,
                    format!("unknown kind `{other}`; known: off, work"),
                ));
                false
            }
        };
        if days.iter().any(|p| p.date == day) {
            diags.push(source.at(d.date.span().start, format!("{day} is listed twice")));
        }
        let basis = match d.basis.get_ref().as_str() {
            "law" => "law",
            "notice" => "notice",
            "derived" => "derived",
            other => {
                diags.push(source.at(
                    d.basis.span().start,
                    format!("unknown basis `{other}`; known: law, notice, derived"),
                ));
                "law"
            }
        };
        if basis == "notice" {
            match &d.notice {
                None => diags.push(source.at(
                    d.basis.span().start,
                    "a day from a notice names it: notice = \"Công văn … ngày … của …\"",
                )),
                Some(n) if n.get_ref().trim().is_empty() => {
                    diags.push(source.at(n.span().start, "notice is empty"))
                }
                Some(_) => {}
            }
            if d.read.is_empty() {
                diags.push(source.at(
                    d.basis.span().start,
                    "a day from a notice lists where the notice was read: read = [\"https://…\"]",
                ));
            }
        } else {
            if d.cite.is_empty() {
                diags.push(source.at(
                    d.basis.span().start,
                    format!(
                        "a day of basis `{basis}` cites the law it rests on: cite = [{{ doc = …, art = …, quote = … }}]"
                    ),
                ));
            }
            if let Some(n) = &d.notice {
                diags.push(source.at(
                    n.span().start,
                    format!("a day of basis `{basis}` has no notice; make it basis = \"notice\""),
                ));
            }
        }
        for r in &d.read {
            if !is_url(r.get_ref(), "https://") {
                diags.push(source.at(
                    r.span().start,
                    format!("`{}` must be a https:// address", r.get_ref()),
                ));
            }
        }
        if !d.cite.is_empty() {
            facts_of.push((
                format!("the day off of {day}"),
                FactFm {
                    vi: d.why.vi.clone(),
                    en: d.why.en.clone(),
                    cite: d.cite.clone(),
                    status: None,
                    reason: None,
                    from: None,
                    until: None,
                    limit: None,
                },
            ));
        }
        days.push(ParsedDay {
            date: day,
            work,
            why: TextFm {
                vi: d.why.vi.clone(),
                en: d.why.en.clone(),
            },
            basis,
        });
    }
    let list: Vec<(String, &FactFm)> = facts_of.iter().map(|(n, f)| (n.clone(), f)).collect();
    let counts = facts::check_facts(source, &list, register, today, diags);
    days.sort_by_key(|d| d.date);
    (diags.0.len() == before).then_some((
        ParsedYear {
            year: year as i32,
            complete: fm.complete,
            note: fm.note,
            days,
        },
        counts,
    ))
}
