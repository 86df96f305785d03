//! Life-event flows (`content/su-kien/<slug>.toml`); their scenarios are in
//! [`super::scenario`].
//!
//! A flow file is turned into the very [`Flow`] the site runs (leaked to `'static`:
//! this runs once, in `build.rs` or a test), then checked by walking every path
//! with the site's own engine: each node reachable, no cycle, each branch taken
//! somewhere, each outcome with a procedure to do, each condition able to hold.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use toml::Spanned;

use super::diag::{Diagnostics, Source};
use super::front_matter::{FlowFm, OutcomeFm, QuestionFm, WhenFm};
use super::validate::{id_of, is_slug, parse_toml, place_of, slug_of, text};
use super::ParsedProcedure;
use thu_tuc_xa_core::flow::{
    Answers, Branch, Clause, Cond, DocRule, Flow, FlowText, Need, Node, Note, Outcome, OutcomeText,
    Question, QuestionText, State, Step, View, KEY_QUESTION, KEY_VIEW,
};
use thu_tuc_xa_core::model::{NoteAbout, Place, Text};

/// The most paths a flow may have; beyond this it is too big to test whole.
pub const MAX_PATHS: usize = 20_000;

/// A flow that passed every check.
#[derive(Debug)]
pub struct ParsedFlow {
    pub slug: String,
    pub order: i64,
    pub text: &'static FlowText,
    /// How many complete paths it has.
    pub paths: usize,
}

pub(super) fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

pub(super) fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

pub(super) fn leak_text(t: &super::front_matter::TextFm) -> Text {
    Text {
        vi: leak_str(t.vi.get_ref()),
        en: leak_str(t.en.get_ref()),
    }
}

/// Builds conditions, reporting unknown questions and options.
struct Conds<'a> {
    source: &'a Source,
    questions: &'a [QuestionFm],
    conds: Vec<Cond>,
    /// Where each condition is written, for messages.
    spans: Vec<usize>,
}

impl Conds<'_> {
    fn add(&mut self, when: &WhenFm, diags: &mut Diagnostics) -> Option<u16> {
        let mut clauses = Vec::new();
        if when.get_ref().is_empty() {
            diags.push(self.source.at(
                when.span().start,
                "`when` needs at least one `question = \"option\"`",
            ));
            return None;
        }
        for (key, value) in when.get_ref() {
            let Some(qi) = self
                .questions
                .iter()
                .position(|q| q.id.get_ref() == key.get_ref())
            else {
                let known: Vec<&str> = self
                    .questions
                    .iter()
                    .map(|q| q.id.get_ref().as_str())
                    .collect();
                diags.push(self.source.at(
                    key.span().start,
                    format!(
                        "unknown question `{}`; known: {}",
                        key.get_ref(),
                        known.join(", ")
                    ),
                ));
                continue;
            };
            let question = &self.questions[qi];
            let mut options = Vec::new();
            for item in value.get_ref().items() {
                match question
                    .option
                    .get_ref()
                    .iter()
                    .position(|o| o.id.get_ref() == item)
                {
                    Some(oi) => options.push(oi as u16),
                    None => {
                        let known: Vec<&str> = question
                            .option
                            .get_ref()
                            .iter()
                            .map(|o| o.id.get_ref().as_str())
                            .collect();
                        diags.push(self.source.at(
                            value.span().start,
                            format!(
                                "question `{}` has no option `{item}`; its options: {}",
                                key.get_ref(),
                                known.join(", ")
                            ),
                        ));
                    }
                }
            }
            if options.is_empty() {
                continue;
            }
            clauses.push(Clause {
                question: qi as u16,
                options: leak(options),
            });
        }
        if clauses.len() != when.get_ref().len() {
            return None;
        }
        self.conds.push(Cond {
            clauses: leak(clauses),
        });
        self.spans.push(when.span().start);
        Some((self.conds.len() - 1) as u16)
    }
}

fn check_id(source: &Source, id: &Spanned<String>, what: &str, diags: &mut Diagnostics) {
    if !is_slug(id.get_ref()) {
        diags.push(source.at(
            id.span().start,
            format!(
                "{what} id `{}` must be lower-case letters, digits and `-`",
                id.get_ref()
            ),
        ));
    }
}

/// The longest run of questions from `node` to an outcome (the graph is acyclic).
fn max_left(node: Node, edges: &HashMap<u16, Vec<Node>>, memo: &mut HashMap<u16, u16>) -> u16 {
    let Node::Question(q) = node else { return 0 };
    if let Some(&m) = memo.get(&q) {
        return m;
    }
    memo.insert(q, 0);
    let m = 1 + edges[&q]
        .iter()
        .map(|&n| max_left(n, edges, memo))
        .max()
        .unwrap_or(0);
    memo.insert(q, m);
    m
}

/// One flow file: parsed, built and checked.
pub fn flow(
    source: &Source,
    procedures: &[&ParsedProcedure],
    files: &BTreeSet<&str>,
    register: &super::register::Register,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> Option<ParsedFlow> {
    let slug = slug_of(&source.path).to_string();
    let before = diags.0.len();
    if !is_slug(&slug) {
        diags.push(source.at(
            0,
            format!("file name `{slug}.toml` must be lower-case letters, digits and `-`"),
        ));
    }
    let fm: FlowFm = parse_toml(source, &source.text, 0, diags)?;
    for t in [&fm.name, &fm.summary] {
        text(source, 0, t, diags);
    }
    super::validate::aliases(source, 0, &fm.name, &fm.aliases, diags);
    super::validate::require_review(source, fm.reviewed.as_ref(), diags);
    let reviewed = fm
        .reviewed
        .as_ref()
        .and_then(|r| super::register::date(r.date.get_ref()));
    let log = super::validate::log(source, 0, &fm.log, (register, reviewed), today, diags);
    let questions = fm.question.get_ref();
    let outcomes = fm.outcome.get_ref();
    if questions.is_empty() {
        diags.push(source.at(
            fm.question.span().start,
            "a flow needs at least one `[[question]]`",
        ));
    }
    if outcomes.is_empty() {
        diags.push(source.at(
            fm.outcome.span().start,
            "a flow needs at least one `[[outcome]]`",
        ));
    }

    // Ids: unique across questions and outcomes, not reserved.
    let mut ids: BTreeMap<&str, Node> = BTreeMap::new();
    for (i, q) in questions.iter().enumerate() {
        check_id(source, &q.id, "question", diags);
        if [KEY_QUESTION, KEY_VIEW].contains(&q.id.get_ref().as_str()) {
            diags.push(source.at(
                q.id.span().start,
                format!(
                    "`{}` is reserved for the address; choose another id",
                    q.id.get_ref()
                ),
            ));
        }
        if ids
            .insert(q.id.get_ref(), Node::Question(i as u16))
            .is_some()
        {
            diags.push(source.at(
                q.id.span().start,
                format!("id `{}` is used twice", q.id.get_ref()),
            ));
        }
        text(source, 0, &q.text, diags);
        if let Some(h) = &q.hint {
            text(source, 0, h, diags);
        }
        if q.option.get_ref().len() < 2 {
            diags.push(source.at(
                q.option.span().start,
                "a question needs at least two options",
            ));
        }
        let mut seen = BTreeSet::new();
        for o in q.option.get_ref() {
            check_id(source, &o.id, "option", diags);
            if !seen.insert(o.id.get_ref()) {
                diags.push(source.at(
                    o.id.span().start,
                    format!("option `{}` is listed twice", o.id.get_ref()),
                ));
            }
            for s in [&o.vi, &o.en] {
                if s.get_ref().trim().is_empty() {
                    diags.push(source.at(s.span().start, "text is empty"));
                }
            }
        }
    }
    for (i, o) in outcomes.iter().enumerate() {
        check_id(source, &o.id, "outcome", diags);
        if ids
            .insert(o.id.get_ref(), Node::Outcome(i as u16))
            .is_some()
        {
            diags.push(source.at(
                o.id.span().start,
                format!("id `{}` is used twice", o.id.get_ref()),
            ));
        }
        for t in [&o.title, &o.why] {
            text(source, 0, t, diags);
        }
    }
    let node = |name: &Spanned<String>, diags: &mut Diagnostics| -> Option<Node> {
        let found = ids.get(name.get_ref().as_str()).copied();
        if found.is_none() {
            diags.push(source.at(
                name.span().start,
                format!(
                    "`{}` is neither a question nor an outcome of this flow",
                    name.get_ref()
                ),
            ));
        }
        found
    };

    let mut conds = Conds {
        source,
        questions,
        conds: Vec::new(),
        spans: Vec::new(),
    };
    let start = node(&fm.start, diags);
    let mut built_questions = Vec::new();
    let mut edges: HashMap<u16, Vec<Node>> = HashMap::new();
    for (i, q) in questions.iter().enumerate() {
        let next = node(&q.next, diags);
        let mut branches = Vec::new();
        for b in &q.branch {
            if let (Some(when), Some(go)) = (conds.add(&b.when, diags), node(&b.go, diags)) {
                branches.push(Branch { when, go });
            }
        }
        let mut out: Vec<Node> = branches.iter().map(|b| b.go).collect();
        out.extend(next);
        edges.insert(i as u16, out);
        built_questions.push((q, branches, next));
    }

    let known_slugs: HashMap<&str, &ParsedProcedure> =
        procedures.iter().map(|p| (p.slug.as_str(), *p)).collect();
    let mut built_outcomes = Vec::new();
    let mut outcome_texts = Vec::new();
    for o in outcomes {
        let (outcome, text) = outcome(source, o, &known_slugs, files, &mut conds, today, diags)?;
        built_outcomes.push(outcome);
        outcome_texts.push(text);
    }
    if diags.0.len() != before {
        return None;
    }
    let start = start?;
    let mut memo = HashMap::new();
    // Cycles are reported from the paths below; guard the depth computation.
    let questions_built: Vec<Question> = built_questions
        .into_iter()
        .enumerate()
        .map(|(i, (q, branches, next))| Question {
            id: leak_str(q.id.get_ref()),
            options: leak(
                q.option
                    .get_ref()
                    .iter()
                    .map(|o| leak_str(o.id.get_ref()))
                    .collect(),
            ),
            branches: leak(branches),
            next: next.expect("checked"),
            max_left: max_left(Node::Question(i as u16), &edges, &mut memo),
            settles: leak(
                q.settles
                    .iter()
                    .map(|(case, settles)| {
                        let (yes, maybe) = settles.get_ref().options();
                        let index = |items: Vec<&str>| -> &'static [u16] {
                            leak(
                                items
                                    .iter()
                                    .filter_map(|item| {
                                        q.option
                                            .get_ref()
                                            .iter()
                                            .position(|o| o.id.get_ref() == item)
                                            .map(|o| o as u16)
                                    })
                                    .collect(),
                            )
                        };
                        (leak_str(case.get_ref()), index(yes), index(maybe))
                    })
                    .collect(),
            ),
        })
        .collect();
    let flow: &'static Flow = Box::leak(Box::new(Flow {
        slug: leak_str(&slug),
        name: leak_text(&fm.name),
        start,
        questions: leak(questions_built),
        outcomes: leak(built_outcomes),
        conds: leak(conds.conds.clone()),
    }));
    let text: &'static FlowText = Box::leak(Box::new(FlowText {
        flow,
        aliases: thu_tuc_xa_core::model::Aliases {
            vi: leak(
                fm.aliases
                    .vi
                    .iter()
                    .map(|a| leak_str(a.get_ref()))
                    .collect(),
            ),
            en: leak(
                fm.aliases
                    .en
                    .iter()
                    .map(|a| leak_str(a.get_ref()))
                    .collect(),
            ),
        },
        summary: leak_text(&fm.summary),
        questions: leak(
            questions
                .iter()
                .map(|q| QuestionText {
                    text: leak_text(&q.text),
                    hint: q.hint.as_ref().map(leak_text),
                    options: leak(
                        q.option
                            .get_ref()
                            .iter()
                            .map(|o| Text {
                                vi: leak_str(o.vi.get_ref()),
                                en: leak_str(o.en.get_ref()),
                            })
                            .collect(),
                    ),
                })
                .collect(),
        ),
        outcomes: leak(outcome_texts),
        log,
    }));
    let flow = with_derived_rules(source, &fm, flow, &known_slugs, &mut conds, diags)?;
    let text: &'static FlowText = Box::leak(Box::new(FlowText { flow, ..*text }));
    let paths = check_paths(source, &fm, flow, text, &conds.spans, diags)?;
    (diags.0.len() == before).then_some(ParsedFlow {
        slug,
        order: *fm.order.get_ref(),
        text,
        paths,
    })
}

/// Whether a note's `until` is a date not yet passed; reports it if not.
fn note_until(
    source: &Source,
    until: &Spanned<String>,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> bool {
    let at = until.span().start;
    match super::register::date(until.get_ref()) {
        None => {
            diags.push(source.at(
                at,
                format!(
                    "until `{}` must be a date written YYYY-MM-DD",
                    until.get_ref()
                ),
            ));
            false
        }
        Some(day) if day < today => {
            diags.push(source.at(
                at,
                format!(
                    "this note applied until {}, which has passed: remove it or write what applies now",
                    until.get_ref()
                ),
            ));
            false
        }
        Some(_) => true,
    }
}

/// One `[[outcome]]`: its steps (procedures that exist) and notes.
fn outcome(
    source: &Source,
    o: &OutcomeFm,
    procedures: &HashMap<&str, &ParsedProcedure>,
    files: &BTreeSet<&str>,
    conds: &mut Conds,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> Option<(Outcome, OutcomeText)> {
    let mut steps = Vec::new();
    let mut whys = Vec::new();
    let mut places = Vec::new();
    for s in &o.step {
        places.push(step_place(source, s, diags));
        let slug = s.procedure.get_ref().as_str();
        if !procedures.contains_key(slug) {
            let why = if files.contains(slug) {
                format!("procedure `{slug}` cannot be used until content/thu-tuc/{slug}.md is fixed: see its own errors")
            } else {
                format!("unknown procedure `{slug}`: there is no content/thu-tuc/{slug}.md")
            };
            diags.push(source.at(s.procedure.span().start, why));
        }
        if let Some(w) = &s.why {
            text(source, 0, w, diags);
        }
        let when = s.when.as_ref().map(|w| conds.add(w, diags));
        steps.push(Step {
            procedure: leak_str(s.procedure.get_ref()),
            when: when.flatten(),
        });
        whys.push(s.why.as_ref().map(leak_text));
    }
    let outcome_docs: BTreeSet<&str> = o
        .step
        .iter()
        .filter_map(|s| procedures.get(s.procedure.get_ref().as_str()))
        .flat_map(|p| {
            p.fm.documents
                .get_ref()
                .iter()
                .map(|d| d.doc.get_ref().as_str())
        })
        .collect();
    let mut doc_rules: Vec<DocRule> = Vec::new();
    for r in &o.document {
        if !outcome_docs.contains(r.doc.get_ref().as_str()) {
            diags.push(source.at(
                r.doc.span().start,
                format!(
                    "document `{}` is not asked for by any procedure of this outcome",
                    r.doc.get_ref()
                ),
            ));
        }
        if doc_rules.iter().any(|d| d.doc == r.doc.get_ref()) {
            diags.push(source.at(
                r.doc.span().start,
                format!("document `{}` has two rules", r.doc.get_ref()),
            ));
        }
        if let Some(when) = conds.add(&r.when, diags) {
            doc_rules.push(DocRule {
                step: None,
                doc: leak_str(r.doc.get_ref()),
                case: None,
                need: Need::When(when),
            });
        }
    }
    let mut notes = Vec::new();
    for n in &o.note {
        text(source, 0, &n.text, diags);
        let about = id_of::<NoteAbout>(source, 0, "note kind", &n.about, diags);
        let when = n.when.as_ref().and_then(|w| conds.add(w, diags));
        let until = n
            .until
            .as_ref()
            .filter(|u| note_until(source, u, today, diags));
        if let Some(about) = about {
            notes.push(Note {
                about,
                when,
                text: leak_text(&n.text),
                until: until.map(|u| leak_str(u.get_ref())),
            });
        }
    }
    Some((
        Outcome {
            id: leak_str(o.id.get_ref()),
            steps: leak(steps),
            doc_rules: leak(doc_rules),
        },
        OutcomeText {
            title: leak_text(&o.title),
            why: leak_text(&o.why),
            steps: leak(whys),
            places: leak(places),
            notes: leak(notes),
        },
    ))
}

/// Where an `[[outcome.step]]` says its step is filed (`place`, `place_of`).
fn step_place(
    source: &Source,
    s: &super::front_matter::StepFm,
    diags: &mut Diagnostics,
) -> Option<(Place, Option<thu_tuc_xa_core::model::PlaceOf>)> {
    match (&s.place, &s.place_of) {
        (None, None) => None,
        (None, Some(of)) => {
            diags.push(source.at(
                of.span().start,
                "`place_of` needs a `place` beside it in `[[outcome.step]]`",
            ));
            None
        }
        (Some(p), of) => {
            let place = id_of::<Place>(source, 0, "place", p, diags)?;
            if place == Place::ByCase {
                diags.push(source.at(
                    p.span().start,
                    "an outcome's step names one place, not `by-case`",
                ));
                return None;
            }
            let of = place_of(source, 0, place, p, of.as_ref(), diags);
            Some((place, of))
        }
    }
}

/// The cases the documents of this flow's procedures are needed in, each with
/// the procedures that name it.
fn cases_of<'p>(
    fm: &FlowFm,
    procedures: &HashMap<&str, &'p ParsedProcedure>,
) -> BTreeMap<&'p str, BTreeSet<&'p str>> {
    let mut cases: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for o in fm.outcome.get_ref() {
        for s in &o.step {
            let Some(p) = procedures.get(s.procedure.get_ref().as_str()) else {
                continue;
            };
            for d in p.fm.documents.get_ref() {
                for id in d.case.iter().flat_map(|c| c.get_ref().items()) {
                    cases.entry(id).or_default().insert(p.slug.as_str());
                }
            }
        }
    }
    cases
}

/// A question that settles a case: the question, the options under which the
/// case applies, and those that leave it open.
struct Settler {
    q: u16,
    yes: &'static [u16],
    maybe: &'static [u16],
}

/// What the answers that reach an outcome say of one case.
enum Settled {
    /// It applies on every way here (`given`, or a question all ways answer so).
    Yes,
    /// It applies on no way here.
    No,
    /// It depends on the answer to a question; `partly` when some ways here do
    /// not ask it.
    By { settler: usize, partly: bool },
    /// Nothing here asks about it.
    Open,
}

/// How case `id` is settled on an outcome's step, given the answers of every way
/// to the outcome (`here`) and the questions that settle it.
fn settle(
    id: &str,
    step: &super::front_matter::StepFm,
    here: &[&Answers],
    settlers: &[Settler],
) -> Settled {
    if let Some((_, given)) = step.given.iter().find(|(c, _)| c.get_ref() == id) {
        return if *given.get_ref() {
            Settled::Yes
        } else {
            Settled::No
        };
    }
    // A question every way asks comes first; else one some ways ask.
    let asked = |s: &Settler| here.iter().filter(|a| a.get(s.q).is_some()).count();
    let best = settlers
        .iter()
        .enumerate()
        .filter(|(_, s)| asked(s) > 0)
        .max_by_key(|(_, s)| asked(s));
    let Some((i, s)) = best else {
        return Settled::Open;
    };
    if asked(s) < here.len() {
        return Settled::By {
            settler: i,
            partly: true,
        };
    }
    let answers = || here.iter().filter_map(|a| a.get(s.q));
    if answers().all(|o| s.yes.contains(&o)) {
        Settled::Yes
    } else if answers().all(|o| !s.yes.contains(&o) && !s.maybe.contains(&o)) {
        Settled::No
    } else {
        Settled::By {
            settler: i,
            partly: false,
        }
    }
}

/// The flow with the document rules its questions and outcomes settle.
///
/// A document a procedure needs only sometimes names its case (`case`). On an
/// outcome, its need is, in order: the outcome's own rule (`[[outcome.document]]`);
/// what the step says of the case (`given`); the answer to a question that settles
/// the case (`settles`) and is asked on every way to the outcome (its condition,
/// or plainly needed or not when the ways here agree); otherwise "only if it
/// applies to you". A settling question asked on some ways here but not all
/// leaves the document undecided, which fails the build, unless another answer
/// rules the document out on the ways that do not ask it.
fn with_derived_rules(
    source: &Source,
    fm: &FlowFm,
    flow: &'static Flow,
    procedures: &HashMap<&str, &ParsedProcedure>,
    conds: &mut Conds,
    diags: &mut Diagnostics,
) -> Option<&'static Flow> {
    let before = diags.0.len();
    let questions = fm.question.get_ref();
    let cases = cases_of(fm, procedures);
    let known = || cases.keys().copied().collect::<Vec<_>>().join(", ");
    // What each question settles: case → the questions.
    let mut settlers: BTreeMap<&str, Vec<Settler>> = BTreeMap::new();
    for (qi, q) in questions.iter().enumerate() {
        for (case, settles) in &q.settles {
            if !cases.contains_key(case.get_ref().as_str()) {
                diags.push(source.at(
                    case.span().start,
                    format!(
                        "no document of this flow's procedures is needed in case `{}`; known cases: {}",
                        case.get_ref(),
                        known()
                    ),
                ));
                continue;
            }
            // The built question holds the options' indices; what it could not
            // find is reported here.
            let (yes, maybe) = settles.get_ref().options();
            for item in yes.into_iter().chain(maybe) {
                if !q.option.get_ref().iter().any(|o| o.id.get_ref() == item) {
                    diags.push(source.at(
                        settles.span().start,
                        format!("question `{}` has no option `{item}`", q.id.get_ref()),
                    ));
                }
            }
            let (_, yes, maybe) = flow
                .question(qi as u16)
                .settles
                .iter()
                .find(|(c, _, _)| *c == case.get_ref())
                .expect("the built question settles the same cases");
            settlers
                .entry(case.get_ref().as_str())
                .or_default()
                .push(Settler {
                    q: qi as u16,
                    yes,
                    maybe,
                });
        }
    }
    for o in fm.outcome.get_ref() {
        for s in &o.step {
            let Some(p) = procedures.get(s.procedure.get_ref().as_str()) else {
                continue;
            };
            for case in s.given.keys() {
                let named = p.fm.documents.get_ref().iter().any(|d| {
                    d.case
                        .as_ref()
                        .is_some_and(|c| c.get_ref().items().contains(&case.get_ref().as_str()))
                });
                if !named {
                    diags.push(source.at(
                        case.span().start,
                        format!(
                            "no document of `{}` is needed in case `{}`",
                            p.slug,
                            case.get_ref()
                        ),
                    ));
                }
            }
        }
    }
    if diags.0.len() != before {
        return None;
    }
    // Cycles are reported by `check_paths`.
    let Ok(paths) = flow.paths() else {
        return Some(flow);
    };
    let mut outcomes = Vec::new();
    for (oi, (o, built)) in fm.outcome.get_ref().iter().zip(flow.outcomes).enumerate() {
        let here: Vec<&Answers> = paths
            .iter()
            .filter(|w| w.end == Node::Outcome(oi as u16))
            .map(|w| &w.path)
            .collect();
        let mut rules: Vec<DocRule> = built.doc_rules.to_vec();
        let explicit: BTreeSet<&str> = built.doc_rules.iter().map(|r| r.doc).collect();
        for (si, s) in o.step.iter().enumerate() {
            let Some(p) = procedures.get(s.procedure.get_ref().as_str()) else {
                continue;
            };
            // The ways to the outcome on which this step applies.
            let here: Vec<&Answers> = here
                .iter()
                .copied()
                .filter(|a| built.steps[si].when.is_none_or(|c| flow.holds(c, a)))
                .collect();
            for d in p.fm.documents.get_ref() {
                let (Some(case), doc) = (&d.case, d.doc.get_ref().as_str()) else {
                    continue;
                };
                if explicit.contains(doc) {
                    continue;
                }
                let ids = case.get_ref().items();
                // Each case: applies, does not, open, or by a question's answer.
                let mut by: Vec<(&str, &Settler, bool)> = Vec::new();
                let (mut never, mut open) = (false, false);
                for id in &ids {
                    let of = settlers.get(id).map_or(&[][..], Vec::as_slice);
                    match settle(id, s, &here, of) {
                        Settled::Yes => {}
                        Settled::No => never = true,
                        Settled::Open => open = true,
                        Settled::By { settler, partly } => by.push((id, &of[settler], partly)),
                    }
                }
                // A question some ways here do not ask leaves the document out on
                // those ways: right only where another answer rules it out.
                for &(id, settler, _) in by.iter().filter(|(_, _, partly)| *partly) {
                    let unsettled = here.iter().any(|a| {
                        a.get(settler.q).is_none()
                            && !by.iter().any(|(_, other, _)| {
                                a.get(other.q).is_some_and(|o| {
                                    !other.yes.contains(&o) && !other.maybe.contains(&o)
                                })
                            })
                    });
                    if unsettled && !never {
                        diags.push(source.at(
                            o.id.span().start,
                            format!(
                                "outcome `{}`: document `{doc}` of `{}` is needed only in case `{id}`, which question `{}` settles, but not every way here asks it; write an [[outcome.document]] rule for `{doc}`, or say `given` on the step",
                                o.id.get_ref(),
                                p.slug,
                                flow.question(settler.q).id
                            ),
                        ));
                    }
                }
                let mut cond = |clauses: Vec<Clause>| {
                    conds.conds.push(Cond {
                        clauses: leak(clauses),
                    });
                    conds.spans.push(o.id.span().start);
                    (conds.conds.len() - 1) as u16
                };
                let clause = |s: &Settler, options: &[&[u16]]| Clause {
                    question: s.q,
                    options: leak(options.iter().flat_map(|o| o.iter().copied()).collect()),
                };
                let open_here: Vec<usize> = (0..by.len())
                    .filter(|&i| !by[i].1.maybe.is_empty())
                    .collect();
                let need = if never {
                    Need::Never
                } else if by.is_empty() {
                    if open {
                        continue;
                    }
                    Need::Always
                } else if !open && open_here.is_empty() {
                    Need::When(cond(
                        by.iter().map(|(_, s, _)| clause(s, &[s.yes])).collect(),
                    ))
                } else if !open && open_here.len() == 1 {
                    // Required where every answer says so; open where the one
                    // question with an open answer got it.
                    let i = open_here[0];
                    let yes = cond(by.iter().map(|(_, s, _)| clause(s, &[s.yes])).collect());
                    let maybe = cond(
                        by.iter()
                            .enumerate()
                            .map(|(j, (_, s, _))| {
                                if j == i {
                                    clause(s, &[s.maybe])
                                } else {
                                    clause(s, &[s.yes])
                                }
                            })
                            .collect(),
                    );
                    Need::Split(yes, maybe)
                } else {
                    Need::MaybeWhen(cond(
                        by.iter()
                            .map(|(_, s, _)| clause(s, &[s.yes, s.maybe]))
                            .collect(),
                    ))
                };
                rules.push(DocRule {
                    step: Some(si as u16),
                    doc: leak_str(doc),
                    case: Some(leak_str(&ids.join("+"))),
                    need,
                });
            }
        }
        outcomes.push(Outcome {
            id: built.id,
            steps: built.steps,
            doc_rules: leak(rules),
        });
    }
    if diags.0.len() != before {
        return None;
    }
    Some(Box::leak(Box::new(Flow {
        outcomes: leak(outcomes),
        conds: leak(conds.conds.clone()),
        ..*flow
    })))
}

/// Walks every path; reports what no path reaches, cycles and empty outcomes.
fn check_paths(
    source: &Source,
    fm: &FlowFm,
    flow: &Flow,
    text: &FlowText,
    cond_spans: &[usize],
    diags: &mut Diagnostics,
) -> Option<usize> {
    let questions = fm.question.get_ref();
    let outcomes = fm.outcome.get_ref();
    let paths = match flow.paths() {
        Ok(p) => p,
        Err(cycle) => {
            let names: Vec<&str> = cycle.iter().map(|&q| flow.question(q).id).collect();
            let last = *cycle.last().expect("a cycle has a question");
            diags.push(source.at(
                questions[usize::from(last)].id.span().start,
                format!("the questions go round in a circle: {}", names.join(" → ")),
            ));
            return None;
        }
    };
    if paths.len() > MAX_PATHS {
        diags.push(source.at(
            0,
            format!(
                "{} paths is too many to check (at most {MAX_PATHS}); split the flow",
                paths.len()
            ),
        ));
        return None;
    }
    let mut reached = BTreeSet::new();
    let mut taken = BTreeSet::new();
    let mut held = BTreeSet::new();
    for walk in &paths {
        let mut sofar = Answers::default();
        for &(q, o) in &walk.path.0 {
            reached.insert(Node::Question(q));
            sofar.0.push((q, o));
            if let Some(b) = flow
                .question(q)
                .branches
                .iter()
                .position(|b| flow.holds(b.when, &sofar))
            {
                taken.insert((q, b));
            }
        }
        reached.insert(walk.end);
        let Node::Outcome(oi) = walk.end else {
            continue;
        };
        for (c, _) in cond_spans.iter().enumerate() {
            if flow.holds(c as u16, &walk.path) {
                held.insert((oi, c as u16));
            }
        }
        // An outcome with steps must have one for every path; one without
        // says that no procedure is needed.
        let declared = !flow.outcome(oi).steps.is_empty();
        if declared && flow.steps(oi, &walk.path).next().is_none() {
            let answers = State {
                answers: walk.path.clone(),
                view: View::Intro,
            }
            .to_hash(flow);
            diags.push(source.at(
                outcomes[usize::from(oi)].id.span().start,
                format!("no step of this outcome applies to the answers {answers}"),
            ));
        }
    }
    for (i, q) in questions.iter().enumerate() {
        if !reached.contains(&Node::Question(i as u16)) {
            diags.push(source.at(
                q.id.span().start,
                format!("no path reaches question `{}`", q.id.get_ref()),
            ));
        }
        for (b, branch) in q.branch.iter().enumerate() {
            if !taken.contains(&(i as u16, b)) {
                diags.push(source.at(
                    branch.go.span().start,
                    format!(
                        "this branch of `{}` is never taken: on every path its condition fails or an earlier branch applies",
                        q.id.get_ref()
                    ),
                ));
            }
        }
    }
    for (i, o) in outcomes.iter().enumerate() {
        let oi = i as u16;
        if !reached.contains(&Node::Outcome(oi)) {
            diags.push(source.at(
                o.id.span().start,
                format!("no path reaches outcome `{}`", o.id.get_ref()),
            ));
            continue;
        }
        let outcome = flow.outcome(oi);
        let conds_here = outcome
            .steps
            .iter()
            .filter_map(|s| s.when)
            .chain(outcome.doc_rules.iter().filter_map(|r| match r.need {
                Need::When(c) => Some(c),
                _ => None,
            }))
            .chain(text.outcomes[i].notes.iter().filter_map(|n| n.when));
        for c in conds_here {
            if !held.contains(&(oi, c)) {
                diags.push(source.at(
                    cond_spans[usize::from(c)],
                    format!(
                        "this condition never holds on a path to outcome `{}`",
                        o.id.get_ref()
                    ),
                ));
            }
        }
    }
    Some(paths.len())
}
