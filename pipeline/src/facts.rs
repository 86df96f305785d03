//! The hard facts of a procedure (who may apply, each document, the fee and each
//! exemption, the time, the deadline, where to file, the channels) and their
//! sources: every one cites a legal text of the register with its article, or the
//! portal's record, with a short quote; says whether it is settled, varies by
//! province or is unsettled; and may carry the dates it applies.

use jiff::civil::Date;
use toml::Spanned;

use super::diag::{Diagnostics, Source};
use super::front_matter::{CiteFm, FactFm, ProcedureFm, TextFm};
use super::register::{date, Ended, Register, PORTAL};
use super::validate::{id_of, text};
use thu_tuc_xa_core::calendar::Limit;
use thu_tuc_xa_core::model::{FactKind, Status, Vocabulary};

/// The longest quote a citation may carry, in characters.
pub const MAX_QUOTE: usize = 400;

/// Counts over the hard facts, for `cargo xtask bench`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct FactCounts {
    pub hard: usize,
    pub sourced: usize,
    pub unsettled: usize,
    pub varies: usize,
    /// Facts whose rule ends, or is replaced by an announced change, within 90 days.
    pub changing_within_90_days: usize,
    /// Procedures with a fact in force today that cites a text no longer in force.
    pub pages_relying_on_replaced_law: usize,
}

impl FactCounts {
    pub fn add(&mut self, other: FactCounts) {
        self.hard += other.hard;
        self.sourced += other.sourced;
        self.unsettled += other.unsettled;
        self.varies += other.varies;
        self.changing_within_90_days += other.changing_within_90_days;
        self.pages_relying_on_replaced_law += other.pages_relying_on_replaced_law;
    }
}

/// One fact, as the checks see it.
struct Fact<'a> {
    /// How messages name it: `fee`, `exemption 2`, `document giay-to-tuy-than`.
    name: String,
    /// Where messages about the fact as a whole point.
    at: usize,
    texts: Vec<&'a Spanned<String>>,
    cite: &'a [CiteFm],
    status: Option<&'a Spanned<String>>,
    reason: Option<&'a TextFm>,
    from: Option<&'a Spanned<String>>,
    until: Option<&'a Spanned<String>>,
    /// For the main text of who/time/fee/deadline/place/channels: its kind, whose
    /// announced changes end it.
    kind: Option<FactKind>,
}

impl<'a> Fact<'a> {
    fn of(name: String, f: &'a FactFm, kind: Option<FactKind>) -> Self {
        Fact {
            name,
            at: f.vi.span().start,
            texts: vec![&f.vi, &f.en],
            cite: &f.cite,
            status: f.status.as_ref(),
            reason: f.reason.as_ref(),
            from: f.from.as_ref(),
            until: f.until.as_ref(),
            kind,
        }
    }
}

/// The time limit of a procedure (`time.limit`), checked: words [`Limit::parse`]
/// reads, found in a quote of a legal text that `time` cites (the number as
/// written, maybe with a leading zero: "05 ngày làm việc", "02 (hai) ngày làm
/// việc"; "trong ngày" with "15 giờ"; "ngay"). Only `time` has one.
pub fn time_limit(
    source: &Source,
    offset: usize,
    fm: &ProcedureFm,
    diags: &mut Diagnostics,
) -> Option<Limit> {
    let others = [
        ("who", Some(&fm.who)),
        ("fee", Some(&fm.fee)),
        ("deadline", fm.deadline.as_ref()),
    ]
    .into_iter()
    .filter_map(|(n, f)| Some((n, f?)))
    .chain(fm.exemptions.iter().map(|e| ("exemptions", e)));
    for (name, f) in others {
        if let Some(l) = &f.limit {
            diags.push(source.at(
                offset + l.span().start,
                format!("only `time` has a limit, not `{name}`"),
            ));
        }
    }
    let words = fm.time.limit.as_ref()?;
    let at = offset + words.span().start;
    let Some(limit) = Limit::parse(words.get_ref()) else {
        diags.push(source.at(
            at,
            format!(
                "time.limit `{}` must be `N ngày làm việc`, `N ngày`, `trong ngày` or `ngay`",
                words.get_ref()
            ),
        ));
        return None;
    };
    if carrying(fm, limit).is_empty() {
        diags.push(source.at(
            at,
            format!(
                "time.limit `{}` is in no quote of a legal text that `time` cites",
                words.get_ref()
            ),
        ));
        return None;
    }
    Some(limit)
}

/// The citations of `time`, legal texts only, whose quote states `limit`.
pub fn carrying(fm: &ProcedureFm, limit: Limit) -> Vec<&CiteFm> {
    let says = |quote: &str| -> bool {
        let q = quote.split_whitespace().collect::<Vec<_>>().join(" ");
        let with_number = |n: u32, unit: &str, text: &str| {
            text.match_indices(unit).any(|(i, _)| {
                // The words before the unit: "5", "05", "05 (năm)".
                let before = text[..i].trim_end();
                let before = match before.strip_suffix(')') {
                    Some(b) => b.rsplit_once('(').map_or(before, |(b, _)| b.trim_end()),
                    None => before,
                };
                let number = before.rsplit(' ').next().unwrap_or("");
                !number.is_empty() && number.trim_start_matches('0') == n.to_string()
            })
        };
        match limit {
            Limit::WorkingDays(n) => with_number(n, " ngày làm việc", &q),
            // Calendar days: "ngày" not followed by "làm việc".
            Limit::Days(n) => with_number(n, " ngày", &q.replace(" ngày làm việc", " \u{0}")),
            // "Trong ngày" as the day itself, not as the next working day's words.
            Limit::SameDay => {
                q.match_indices("trong ngày")
                    .any(|(i, w)| !q[i + w.len()..].starts_with(" làm việc"))
                    && q.contains("15 giờ")
            }
            Limit::AtOnce => q.to_lowercase().contains("ngay"),
        }
    };
    fm.time
        .cite
        .iter()
        .filter(|c| c.doc.get_ref() != PORTAL && says(c.quote.get_ref()))
        .collect()
}

/// The last day a procedure's time limit applies: the last day of the texts that
/// state it, when every one of them has one (a law replaced on a known date).
pub fn limit_until(fm: &ProcedureFm, register: &Register) -> Option<Date> {
    let limit = Limit::parse(fm.time.limit.as_ref()?.get_ref())?;
    carrying(fm, limit)
        .iter()
        .map(|c| register.last_day(c.doc.get_ref()))
        .collect::<Option<Vec<Date>>>()?
        .into_iter()
        .max()
}

/// Checks every hard fact of a procedure and counts them.
pub fn check(
    source: &Source,
    offset: usize,
    fm: &ProcedureFm,
    register: &Register,
    today: Date,
    diags: &mut Diagnostics,
) -> FactCounts {
    time_limit(source, offset, fm, diags);
    let mut facts: Vec<Fact> = vec![
        Fact::of("who".into(), &fm.who, Some(FactKind::Who)),
        Fact::of("time".into(), &fm.time, Some(FactKind::Time)),
        Fact::of("fee".into(), &fm.fee, Some(FactKind::Fee)),
    ];
    if let Some(d) = &fm.deadline {
        facts.push(Fact::of("deadline".into(), d, Some(FactKind::Deadline)));
    }
    let place_texts: Vec<&Spanned<String>> =
        fm.place_note.iter().flat_map(|n| [&n.vi, &n.en]).collect();
    facts.push(Fact {
        name: "place".into(),
        at: fm.place.span().start,
        texts: place_texts,
        cite: &fm.place_cite,
        status: None,
        reason: None,
        from: None,
        until: None,
        kind: Some(FactKind::Place),
    });
    facts.push(Fact {
        name: "channels".into(),
        at: fm.channels.span().start,
        texts: Vec::new(),
        cite: &fm.channels_cite,
        status: None,
        reason: None,
        from: None,
        until: None,
        kind: Some(FactKind::Channels),
    });
    for (i, e) in fm.exemptions.iter().enumerate() {
        facts.push(Fact::of(format!("exemption {}", i + 1), e, None));
    }
    for d in fm.documents.get_ref() {
        let mut texts = Vec::new();
        for t in [&d.note, &d.when, &d.lacking].into_iter().flatten() {
            texts.extend([&t.vi, &t.en]);
        }
        facts.push(Fact {
            name: format!("document {}", d.doc.get_ref()),
            at: d.doc.span().start,
            texts,
            cite: &d.cite,
            status: d.status.as_ref(),
            reason: d.reason.as_ref(),
            from: d.from.as_ref(),
            until: d.until.as_ref(),
            kind: None,
        });
    }
    let changes: Vec<(FactKind, Date, Fact)> = fm
        .change
        .iter()
        .filter_map(|c| {
            let kind = id_of::<FactKind>(source, offset, "fact", &c.fact, diags)?;
            let Some(from) = date(c.from.get_ref()) else {
                diags.push(source.at(
                    offset + c.from.span().start,
                    format!("from `{}` must be a date written YYYY-MM-DD", c.from.get_ref()),
                ));
                return None;
            };
            if from <= today {
                diags.push(source.at(
                    offset + c.from.span().start,
                    format!(
                        "this change to `{}` is in force since {}: make it the text of `{}` and remove the [[change]]",
                        c.fact.get_ref(),
                        c.from.get_ref(),
                        c.fact.get_ref()
                    ),
                ));
            }
            text(
                source,
                offset,
                &TextFm {
                    vi: c.vi.clone(),
                    en: c.en.clone(),
                },
                diags,
            );
            let fact = Fact {
                name: format!("the change of {} to {}", c.from.get_ref(), c.fact.get_ref()),
                at: c.fact.span().start,
                texts: vec![&c.vi, &c.en],
                cite: &c.cite,
                status: c.status.as_ref(),
                reason: c.reason.as_ref(),
                from: Some(&c.from),
                until: None,
                kind: None,
            };
            Some((kind, from, fact))
        })
        .collect();

    let basis: Vec<&str> = fm
        .legal_basis
        .get_ref()
        .iter()
        .map(|b| b.get_ref().as_str())
        .collect();
    let ctx = Ctx {
        source,
        offset,
        register,
        today,
        has_portal: fm.portal_url.is_some(),
        basis: Some(&basis),
        excused: fm
            .legal_basis_why
            .keys()
            .map(|k| k.get_ref().as_str())
            .collect(),
    };
    ctx.check_list(&facts, &changes, diags)
}

/// Checks the facts of a page that is not a procedure (the rights page): every
/// text of the register may be cited, none is excused.
pub fn check_facts(
    source: &Source,
    facts: &[(String, &FactFm)],
    register: &Register,
    today: Date,
    diags: &mut Diagnostics,
) -> FactCounts {
    let list: Vec<Fact> = facts
        .iter()
        .map(|(name, f)| Fact::of(name.clone(), f, None))
        .collect();
    for (_, f) in facts {
        text(source, 0, &f.text(), diags);
    }
    let ctx = Ctx {
        source,
        offset: 0,
        register,
        today,
        has_portal: false,
        basis: None,
        excused: Vec::new(),
    };
    ctx.check_list(&list, &[], diags)
}

impl Ctx<'_> {
    fn check_list(
        &self,
        facts: &[Fact],
        changes: &[(FactKind, Date, Fact)],
        diags: &mut Diagnostics,
    ) -> FactCounts {
        let (source, offset, register, today) =
            (self.source, self.offset, self.register, self.today);
        let ctx = self;
        let excused = |id: &str| self.excused.contains(&id);
        let mut counts = FactCounts::default();
        let mut relies_on_ended = false;
        let horizon = today
            .checked_add(jiff::Span::new().days(90))
            .unwrap_or(today);
        let all = facts
            .iter()
            .map(|f| (f, None))
            .chain(changes.iter().map(|(k, d, f)| (f, Some((*k, *d)))));
        for (fact, change) in all {
            counts.hard += 1;
            // The last day the fact applies: its own `until`, or the day before the
            // first announced change of its kind.
            let own_until = fact.until.and_then(|u| ctx.day(u, "until", diags));
            let from = fact.from.and_then(|f| ctx.day(f, "from", diags));
            let next_change = fact.kind.and_then(|k| {
                changes
                    .iter()
                    .filter(|(ck, _, _)| *ck == k)
                    .map(|(_, d, _)| *d)
                    .min()
            });
            if let (Some(u), Some(kind)) = (own_until, fact.kind) {
                let follows = next_change.is_some_and(|c| c.yesterday().ok() == Some(u));
                if !follows {
                    let next = u.tomorrow().map(|d| d.to_string()).unwrap_or_default();
                    diags.push(source.at(
                        offset + fact.until.map_or(fact.at, |u| u.span().start),
                        format!(
                            "`{}` ends on {u}: add a [[change]] with fact = \"{}\" and from = \"{next}\" saying what applies next",
                            fact.name,
                            kind.id()
                        ),
                    ));
                }
            }
            let last = match (own_until, next_change.and_then(|c| c.yesterday().ok())) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if let (Some(f), Some(u)) = (from, own_until) {
                if u < f {
                    diags.push(source.at(
                        offset + fact.until.map_or(fact.at, |u| u.span().start),
                        "until comes before from",
                    ));
                }
            }
            if let Some(u) = own_until.filter(|u| *u < today) {
                diags.push(source.at(
                    offset + fact.until.map_or(fact.at, |u| u.span().start),
                    format!(
                        "`{}` ended on {u}: remove it (and keep what replaced it)",
                        fact.name
                    ),
                ));
            }
            if last.is_some_and(|l| l >= today && l < horizon)
                || change.is_some_and(|(_, d)| d > today && d <= horizon)
                || from.is_some_and(|f| f > today && f <= horizon)
            {
                counts.changing_within_90_days += 1;
            }
            let status = ctx.status(fact, diags);
            match status {
                Status::Settled => ctx.no_hedge(fact, diags),
                Status::Varies => counts.varies += 1,
                Status::Unsettled => counts.unsettled += 1,
            }
            let in_force_today = from.is_none_or(|f| f <= today)
                && last.is_none_or(|l| l >= today)
                && change.is_none();
            let (sourced, ended) = ctx.cites(fact, last, change.map(|(_, d)| d), diags);
            if sourced {
                counts.sourced += 1;
            }
            for id in ended {
                if in_force_today {
                    relies_on_ended = true;
                    if !excused(&id) {
                        let why = match register.ended(&id, today) {
                            Some(Ended::Replaced(by, from)) => {
                                format!("was replaced by `{by}` on {from}")
                            }
                            Some(Ended::Lapsed(d)) => format!("lapsed after {d}"),
                            None => "is not in force".into(),
                        };
                        diags.push(source.at(
                            offset + fact.at,
                            format!(
                                "`{}` cites `{id}`, which {why}: cite the text in force, or say why in legal_basis_why.{id}.vi and .en",
                                fact.name
                            ),
                        ));
                    }
                }
            }
        }
        if relies_on_ended {
            counts.pages_relying_on_replaced_law = 1;
        }
        counts
    }
}

/// What the checks of one procedure share.
struct Ctx<'a> {
    source: &'a Source,
    offset: usize,
    register: &'a Register,
    today: Date,
    has_portal: bool,
    /// The procedure's legal_basis, which every cited text must be in.
    basis: Option<&'a [&'a str]>,
    /// Texts no longer in force that legal_basis_why explains.
    excused: Vec<&'a str>,
}

impl Ctx<'_> {
    fn day(&self, value: &Spanned<String>, what: &str, diags: &mut Diagnostics) -> Option<Date> {
        let d = date(value.get_ref());
        if d.is_none() {
            diags.push(self.source.at(
                self.offset + value.span().start,
                format!(
                    "{what} `{}` must be a date written YYYY-MM-DD",
                    value.get_ref()
                ),
            ));
        }
        d
    }

    fn status(&self, fact: &Fact, diags: &mut Diagnostics) -> Status {
        let status = fact.status.map_or(Some(Status::Settled), |s| {
            id_of::<Status>(self.source, self.offset, "status", s, diags)
        });
        let status = status.unwrap_or(Status::Settled);
        match (status, fact.reason) {
            (Status::Settled, Some(r)) => diags.push(self.source.at(
                self.offset + r.vi.span().start,
                format!(
                    "`{}` is settled, so it has no reason; mark it `varies` or `unsettled`, or remove the reason",
                    fact.name
                ),
            )),
            (Status::Varies | Status::Unsettled, None) => diags.push(self.source.at(
                self.offset + fact.status.map_or(fact.at, |s| s.span().start),
                format!(
                    "`{}` is {}: say why in reason.vi and reason.en",
                    fact.name,
                    status.id()
                ),
            )),
            (_, Some(r)) => text(self.source, self.offset, r, diags),
            _ => {}
        }
        status
    }

    /// A settled fact is written plainly.
    fn no_hedge(&self, fact: &Fact, diags: &mut Diagnostics) {
        for t in &fact.texts {
            if let Some(word) = super::hedges::find(t.get_ref()) {
                diags.push(self.source.at(
                    self.offset + t.span().start,
                    format!(
                        "`{}` is settled but hedges (“{word}”): state the rule plainly, or mark it `varies` or `unsettled` with the reason",
                        fact.name
                    ),
                ));
            }
        }
    }

    /// Checks the citations; returns whether the fact is sourced, and the texts it
    /// cites that are no longer in force today.
    fn cites(
        &self,
        fact: &Fact,
        last: Option<Date>,
        change_from: Option<Date>,
        diags: &mut Diagnostics,
    ) -> (bool, Vec<String>) {
        let at = |s: &Spanned<String>| self.offset + s.span().start;
        if fact.cite.is_empty() {
            diags.push(self.source.at(
                self.offset + fact.at,
                format!(
                    "`{}` has no source: cite the legal text and article it comes from (cite = [{{ doc = \"…\", art = \"Điều …\", quote = \"…\" }}])",
                    fact.name
                ),
            ));
            return (false, Vec::new());
        }
        let before = diags.0.len();
        let mut ended = Vec::new();
        // The last day any cited text is in force (None: one of them has no end).
        let mut longest: Option<Option<Date>> = None;
        for c in fact.cite {
            let id = c.doc.get_ref().as_str();
            let quote = c.quote.get_ref().trim();
            if quote.is_empty() {
                diags.push(self.source.at(at(&c.quote), "quote is empty"));
            } else if quote.chars().count() > MAX_QUOTE {
                diags.push(self.source.at(
                    at(&c.quote),
                    format!("quote is longer than {MAX_QUOTE} characters: cut it with …"),
                ));
            }
            if quote.contains('<') {
                diags.push(self.source.at(at(&c.quote), "quote may not contain `<`"));
            }
            if id == PORTAL {
                if !self.has_portal {
                    diags.push(self.source.at(
                        at(&c.doc),
                        "`cong-dvc` cites the procedure's portal record, but it has no portal_url",
                    ));
                }
                longest = Some(None);
                continue;
            }
            if self.register.get(id).is_none() {
                diags.push(self.source.at(
                    at(&c.doc),
                    format!("unknown legal text `{id}`: there is no content/van-ban/{id}.toml"),
                ));
                continue;
            }
            if self.basis.is_some_and(|b| !b.contains(&id)) {
                diags.push(self.source.at(
                    at(&c.doc),
                    format!("`{id}` is cited but not listed in legal_basis"),
                ));
            }
            match &c.art {
                Some(a) if a.get_ref().trim().is_empty() => {
                    diags.push(self.source.at(at(a), "art is empty"));
                }
                None => diags.push(self.source.at(
                    at(&c.doc),
                    format!("a citation of `{id}` needs `art`: the article, e.g. art = \"Điều 3 khoản 2\""),
                )),
                _ => {}
            }
            let doc_last = self.register.last_day(id);
            if let (Some(from), Some(l)) = (change_from, doc_last) {
                if l < from {
                    diags.push(self.source.at(
                        at(&c.doc),
                        format!(
                            "`{id}` is no longer in force on {from}, when {} starts",
                            fact.name
                        ),
                    ));
                }
            }
            if self.register.ended(id, self.today).is_some() {
                ended.push(id.to_string());
            }
            longest = Some(match (longest, doc_last) {
                (Some(None), _) | (_, None) => None,
                (Some(Some(a)), Some(b)) => Some(a.max(b)),
                (None, Some(b)) => Some(b),
            });
        }
        // A fact that applies beyond the end of every text it cites rests on nothing.
        // (A text already ended is reported as such, above and by the caller.)
        if let Some(Some(end)) = longest.filter(|l| l.is_none_or(|end| end >= self.today)) {
            if change_from.is_none() && last.is_none_or(|l| l > end) {
                let next = end.tomorrow().map(|d| d.to_string()).unwrap_or_default();
                diags.push(self.source.at(
                    self.offset + fact.at,
                    format!(
                        "`{}` rests only on texts in force until {end}: give it until = \"{end}\" and a [[change]] from = \"{next}\" (status `unsettled` if nothing is known yet), or cite a text that stays in force",
                        fact.name
                    ),
                ));
            }
        }
        (diags.0.len() == before, ended)
    }
}
