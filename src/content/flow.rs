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
use super::validate::{id_of, is_slug, parse_toml, slug_of, text};
use super::ParsedProcedure;
use crate::flow::{
    Answers, Branch, Clause, Cond, DocRule, Flow, FlowText, Node, Note, Outcome, OutcomeText,
    Question, QuestionText, State, Step, View, KEY_QUESTION, KEY_VIEW,
};
use crate::model::{NoteAbout, Text};

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

fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn leak_text(t: &super::front_matter::TextFm) -> Text {
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
        let (outcome, text) = outcome(source, o, &known_slugs, &mut conds, today, diags)?;
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
        })
        .collect();
    let flow: &'static Flow = Box::leak(Box::new(Flow {
        slug: leak_str(&slug),
        name: leak_text(&fm.name),
        start,
        questions: leak(questions_built),
        outcomes: leak(built_outcomes),
        conds: leak(conds.conds),
    }));
    let text: &'static FlowText = Box::leak(Box::new(FlowText {
        flow,
        aliases: crate::model::Aliases {
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
    }));
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
    conds: &mut Conds,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> Option<(Outcome, OutcomeText)> {
    let mut steps = Vec::new();
    let mut whys = Vec::new();
    for s in &o.step {
        if !procedures.contains_key(s.procedure.get_ref().as_str()) {
            diags.push(source.at(
                s.procedure.span().start,
                format!(
                    "unknown procedure `{}`: there is no content/thu-tuc/{}.md",
                    s.procedure.get_ref(),
                    s.procedure.get_ref()
                ),
            ));
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
                doc: leak_str(r.doc.get_ref()),
                when,
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
            notes: leak(notes),
        },
    ))
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
            .chain(outcome.doc_rules.iter().map(|r| r.when))
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
