//! Scenarios (`content/su-kien/kich-ban/<slug>.toml`): given answers, a flow must
//! reach the expected outcome, procedures and documents. They run against the
//! checked [`ParsedFlow`], with the same engine the site uses.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::diag::{Diagnostics, Source};
use super::flow::ParsedFlow;
use super::form::ParsedForm;
use super::front_matter::ScenariosFile;
use super::validate::{parse_toml, slug_of};
use super::ParsedProcedure;
use thu_tuc_xa_core::flow::{Answers, Flow, Need, Node};

/// Scenarios each flow needs at least.
pub const MIN_SCENARIOS: usize = 5;

/// The documents on the checklist of a complete set of answers: those required
/// (`maybe` false) or those in its "only if this applies to you" line (`maybe`
/// true), by procedure.
pub fn checklist<'a>(
    flow: &Flow,
    answers: &Answers,
    procedures: &HashMap<&str, &'a ParsedProcedure>,
    maybe: bool,
) -> Vec<&'a str> {
    let Node::Outcome(o) = flow.walk(answers).end else {
        return Vec::new();
    };
    flow.steps_at(o, answers)
        .filter_map(|(i, s)| procedures.get(s.procedure).map(|p| (i, p)))
        .flat_map(|(i, p)| p.fm.documents.get_ref().iter().map(move |d| (i, d)))
        .filter(|(i, d)| {
            let case = d.case.as_ref().map(|c| c.get_ref().items().join("+"));
            let need = flow.need(o, *i, d.doc.get_ref(), case.as_deref(), d.when.is_some());
            if maybe {
                match need {
                    Need::Maybe => true,
                    Need::MaybeWhen(c) | Need::Split(_, c) => flow.holds(c, answers),
                    _ => false,
                }
            } else {
                need.required(flow, answers)
            }
        })
        .map(|(_, d)| d.doc.get_ref().as_str())
        .collect()
}

/// A flow's scenario file: each scenario's answers must lead to its outcome,
/// procedures and documents.
pub fn run(
    source: &Source,
    flow: &ParsedFlow,
    procedures: &[&ParsedProcedure],
    form_files: &[Source],
    forms: &[ParsedForm],
    used: &mut HashSet<(String, usize)>,
    diags: &mut Diagnostics,
) -> usize {
    let Some(file) = parse_toml::<ScenariosFile>(source, &source.text, 0, diags) else {
        return 0;
    };
    let f = flow.text.flow;
    let by_slug: HashMap<&str, &ParsedProcedure> =
        procedures.iter().map(|p| (p.slug.as_str(), *p)).collect();
    // A document no procedure names is absent from every checklist: asserting
    // its absence would be a test that cannot fail (a glossary entry removed).
    let named: BTreeSet<&str> = procedures
        .iter()
        .flat_map(|p| p.fm.documents.get_ref().iter())
        .map(|d| d.doc.get_ref().as_str())
        .collect();
    for s in &file.scenario {
        let mut answers = Answers::default();
        let mut ok = true;
        for (key, value) in s.answers.get_ref() {
            let option = f.question_index(key).and_then(|q| {
                f.question(q)
                    .options
                    .iter()
                    .position(|o| o == value)
                    .map(|o| (q, o as u16))
            });
            match option {
                Some((q, o)) => answers.set(q, o),
                None => {
                    ok = false;
                    diags.push(source.at(
                        s.answers.span().start,
                        format!(
                            "`{key} = \"{value}\"` is not a question and option of {}",
                            flow.slug
                        ),
                    ));
                }
            }
        }
        if !ok {
            continue;
        }
        let walk = f.walk(&answers);
        let at =
            |sp: usize, m: String| source.at(sp, format!("scenario “{}”: {m}", s.name.get_ref()));
        let o = match walk.end {
            Node::Outcome(o) => o,
            Node::Question(q) => {
                diags.push(at(
                    s.answers.span().start,
                    format!("the answers stop at question `{}`", f.question(q).id),
                ));
                continue;
            }
        };
        if walk.path.0.len() != answers.0.len() {
            let unused: Vec<&str> = answers
                .0
                .iter()
                .filter(|(q, _)| walk.path.get(*q).is_none())
                .map(|(q, _)| f.question(*q).id)
                .collect();
            diags.push(at(
                s.answers.span().start,
                format!(
                    "these answers are never asked on this path: {}",
                    unused.join(", ")
                ),
            ));
        }
        let outcome = f.outcome(o).id;
        if outcome != s.outcome.get_ref() {
            diags.push(at(
                s.outcome.span().start,
                format!(
                    "expected outcome `{}`, the flow gives `{outcome}`",
                    s.outcome.get_ref()
                ),
            ));
        }
        let codes: Vec<&str> = f
            .steps(o, &walk.path)
            .filter_map(|st| by_slug.get(st.procedure))
            .map(|p| p.fm.code.get_ref().as_str())
            .collect();
        if codes != *s.procedures.get_ref() {
            diags.push(at(
                s.procedures.span().start,
                format!(
                    "expected procedures {:?}, the flow gives {codes:?}",
                    s.procedures.get_ref()
                ),
            ));
        }
        let docs = checklist(f, &walk.path, &by_slug, false);
        let maybe = checklist(f, &walk.path, &by_slug, true);
        for d in &s.maybe {
            if !maybe.contains(&d.get_ref().as_str()) {
                diags.push(at(
                    d.span().start,
                    format!(
                        "document `{}` is not in the “only if” line; it has: {}",
                        d.get_ref(),
                        maybe.join(", ")
                    ),
                ));
            }
        }
        for d in &s.documents {
            if !docs.contains(&d.get_ref().as_str()) {
                diags.push(at(
                    d.span().start,
                    format!(
                        "document `{}` is not on the checklist; it has: {}",
                        d.get_ref(),
                        docs.join(", ")
                    ),
                ));
            }
        }
        for d in &s.absent {
            if docs.contains(&d.get_ref().as_str()) {
                diags.push(at(
                    d.span().start,
                    format!("document `{}` is on the checklist", d.get_ref()),
                ));
            } else if !named.contains(d.get_ref().as_str()) {
                diags.push(at(
                    d.span().start,
                    format!(
                        "document `{}` is named by no procedure, so its absence proves nothing",
                        d.get_ref()
                    ),
                ));
            }
        }
        // The forms on the checklist, filled in from these answers.
        let given: Vec<(&str, &str)> = s
            .answers
            .get_ref()
            .iter()
            .map(|(q, o)| (q.as_str(), o.as_str()))
            .collect();
        for form in forms.iter().filter(|f| docs.contains(&f.slug.as_str())) {
            for (i, rule) in form.prefill.iter().enumerate() {
                if rule.holds(&flow.slug, &given) {
                    used.insert((form.slug.clone(), i));
                }
            }
            let p = thu_tuc_xa_core::form::prefilled(form.prefill, &flow.slug, &given);
            if let Some(expected) = s.filled.get(&form.slug) {
                let got: std::collections::BTreeMap<String, String> = p
                    .set
                    .iter()
                    .map(|(f, v)| (f.to_string(), v.to_string()))
                    .collect();
                if got != *expected.get_ref() {
                    diags.push(at(
                        expected.span().start,
                        format!(
                            "`{}` is filled in with {got:?}, not {:?}",
                            form.slug,
                            expected.get_ref()
                        ),
                    ));
                }
            }
            if let Some(expected) = s.left_blank.get(&form.slug) {
                let mut got: Vec<&str> = p.skip.iter().map(|(f, _)| *f).collect();
                let mut want: Vec<&str> = expected.get_ref().iter().map(String::as_str).collect();
                got.sort_unstable();
                want.sort_unstable();
                if got != want {
                    diags.push(at(
                        expected.span().start,
                        format!("`{}` leaves blank {got:?}, not {want:?}", form.slug),
                    ));
                }
            }
        }
        for (slug, spanned) in s
            .filled
            .iter()
            .map(|(k, v)| (k, v.span().start))
            .chain(s.left_blank.iter().map(|(k, v)| (k, v.span().start)))
        {
            let is_form = form_files.iter().any(|f| slug_of(&f.path) == slug);
            let parsed = forms.iter().any(|f| f.slug == *slug);
            // A form that failed its own checks says so itself.
            if !is_form || (parsed && !docs.contains(&slug.as_str())) {
                diags.push(at(
                    spanned,
                    format!("`{slug}` is not a form on this outcome's checklist"),
                ));
            }
        }
    }
    file.scenario.len()
}
