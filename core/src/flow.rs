//! The flow engine: guided questions for a life event, ending in an outcome.
//!
//! A [`Flow`] is a small graph declared in `content/su-kien/<slug>.toml`: questions
//! with options, and for each question one rule choosing the next node from the
//! answers so far ([`Question::branches`], tried in order, then [`Question::next`]).
//! The only condition there is is [`Cond`]: "question q was answered with one of
//! these options", for one or more questions at once (all must hold).
//!
//! The person's answers live in the URL after `#` ([`State::parse`],
//! [`State::to_hash`]), so a reload, the back button and a shared link all work and
//! the answers never reach a server. Any hash is accepted: unknown or stale answers
//! are dropped and the person lands on the first unanswered question.
//!
//! Architecture invariant: pure data and logic. No Leptos, no browser, no I/O, and
//! no other module of the crate but [`crate::model`] (this file is shared with
//! `build.rs`, which checks every flow with it).

use crate::model::{NoteAbout, Place, PlaceOf, Text};

/// A node of the graph: a question or an outcome, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    Question(u16),
    Outcome(u16),
}

/// "Question `question` was answered with one of `options`".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clause {
    pub question: u16,
    pub options: &'static [u16],
}

/// A condition on the answers: every clause holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cond {
    pub clauses: &'static [Clause],
}

impl Cond {
    pub fn holds(&self, answers: &Answers) -> bool {
        self.clauses.iter().all(|c| {
            answers
                .get(c.question)
                .is_some_and(|o| c.options.contains(&o))
        })
    }
}

/// "When `when` holds, go to `go`".
#[derive(Debug)]
pub struct Branch {
    /// An index into [`Flow::conds`].
    pub when: u16,
    pub go: Node,
}

#[derive(Debug)]
pub struct Question {
    /// Its id in content files and in the URL.
    pub id: &'static str,
    /// The options' ids.
    pub options: &'static [&'static str],
    pub branches: &'static [Branch],
    /// Where to go when no branch applies.
    pub next: Node,
    /// The most questions left from here to an outcome, this one included.
    pub max_left: u16,
    /// The cases of documents its answer settles, each with the options under
    /// which the case applies and those that leave it open (content's
    /// `settles`; native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub settles: &'static [(&'static str, &'static [u16], &'static [u16])],
}

/// A procedure an outcome points to, possibly only under some answers.
#[derive(Debug)]
pub struct Step {
    /// The procedure's slug (`content/thu-tuc/<slug>.md`).
    pub procedure: &'static str,
    /// An index into [`Flow::conds`]; `None` means always.
    pub when: Option<u16>,
}

/// An outcome: its id (every build) and what it asks of the person (native builds:
/// the wasm gets that as HTML).
#[derive(Debug)]
pub struct Outcome {
    pub id: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub steps: &'static [Step],
    #[cfg(not(target_arch = "wasm32"))]
    pub doc_rules: &'static [DocRule],
}

/// "In this outcome, document `doc` is needed `need`": written in the flow's
/// file (`[[outcome.document]]`), or derived at build time from the question
/// that settles the document's case (`settles`) or from the outcome itself
/// (`given`).
#[derive(Clone, Copy, Debug)]
pub struct DocRule {
    /// The step (index into [`Outcome::steps`]) whose procedure asks for it,
    /// when the rule is for that step only; `None` for every step.
    pub step: Option<u16>,
    pub doc: &'static str,
    /// The document's case (`Document::case`) when the rule is for the entry
    /// of that case only (one procedure may ask for a document in two cases);
    /// `None` for every entry of the document.
    pub case: Option<&'static str>,
    pub need: Need,
}

/// A life event's questions and outcomes.
#[derive(Debug)]
pub struct Flow {
    /// URL segment, from the content file name.
    pub slug: &'static str,
    pub name: Text,
    pub start: Node,
    pub questions: &'static [Question],
    pub outcomes: &'static [Outcome],
    /// Every condition of the flow; branches, steps, rules and the outcome page
    /// (`data-when` attributes) refer to them by index.
    pub conds: &'static [Cond],
}

impl PartialEq for Flow {
    fn eq(&self, other: &Self) -> bool {
        self.slug == other.slug
    }
}
impl Eq for Flow {}

/// The answers given so far: (question, option) pairs in the order asked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers(pub Vec<(u16, u16)>);

impl Answers {
    pub fn get(&self, question: u16) -> Option<u16> {
        self.0.iter().find(|(q, _)| *q == question).map(|(_, o)| *o)
    }

    /// Sets an answer, keeping the question's place if it was already answered.
    pub fn set(&mut self, question: u16, option: u16) {
        match self.0.iter_mut().find(|(q, _)| *q == question) {
            Some(slot) => slot.1 = option,
            None => self.0.push((question, option)),
        }
    }
}

/// Where the person stands after following the answers from the start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walk {
    /// The questions answered along the way, in order, with their answers.
    pub path: Answers,
    /// The first unanswered question, or the outcome reached.
    pub end: Node,
}

/// Reserved URL keys: they may not be question ids.
pub const KEY_QUESTION: &str = "hoi";
pub const KEY_VIEW: &str = "xem";
pub const VIEW_CHECK: &str = "kiem-tra";
pub const VIEW_OUTCOME: &str = "ket-qua";

impl Flow {
    pub fn cond(&self, index: u16) -> &Cond {
        &self.conds[usize::from(index)]
    }

    pub fn question(&self, index: u16) -> &Question {
        &self.questions[usize::from(index)]
    }

    pub fn outcome(&self, index: u16) -> &Outcome {
        &self.outcomes[usize::from(index)]
    }

    pub fn question_index(&self, id: &str) -> Option<u16> {
        self.questions
            .iter()
            .position(|q| q.id == id)
            .and_then(|i| u16::try_from(i).ok())
    }

    /// Where question `q` leads under `answers`: the first branch that holds, or
    /// the default.
    pub fn next(&self, q: u16, answers: &Answers) -> Node {
        let question = self.question(q);
        question
            .branches
            .iter()
            .find(|b| self.cond(b.when).holds(answers))
            .map_or(question.next, |b| b.go)
    }

    /// Follows `answers` from the start. Answers to questions off the path are
    /// ignored. A cycle (which the build refuses) ends the walk at the repeated
    /// question instead of looping.
    pub fn walk(&self, answers: &Answers) -> Walk {
        let mut path = Answers::default();
        let mut node = self.start;
        while let Node::Question(q) = node {
            let Some(option) = answers.get(q) else { break };
            if path.get(q).is_some() {
                break;
            }
            path.0.push((q, option));
            node = self.next(q, &path);
        }
        Walk { path, end: node }
    }

    /// Whether a condition holds for the answers on the path.
    pub fn holds(&self, cond: u16, answers: &Answers) -> bool {
        self.cond(cond).holds(answers)
    }

    /// The steps of an outcome that apply under `answers`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn steps(&self, outcome: u16, answers: &Answers) -> impl Iterator<Item = &Step> + '_ {
        self.steps_at(outcome, answers).map(|(_, s)| s)
    }

    /// As [`Flow::steps`], each with its index in the outcome.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn steps_at(
        &self,
        outcome: u16,
        answers: &Answers,
    ) -> impl Iterator<Item = (u16, &Step)> + '_ {
        let answers = answers.clone();
        self.outcome(outcome)
            .steps
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.when.is_none_or(|c| self.holds(c, &answers)))
            .map(|(i, s)| (i as u16, s))
    }

    /// Whether a document of a procedure is on an outcome's checklist.
    #[cfg(not(target_arch = "wasm32"))]
    /// `conditional` says whether the procedure asks for it only in some cases.
    /// The outcome's rule for the document decides, if it has one; otherwise a
    /// conditional document is shown as "only if this applies to you".
    pub fn need(
        &self,
        outcome: u16,
        step: u16,
        doc: &str,
        case: Option<&str>,
        conditional: bool,
    ) -> Need {
        let rule = self.outcome(outcome).doc_rules.iter().find(|r| {
            r.doc == doc && r.step.is_none_or(|s| s == step) && (r.case.is_none() || r.case == case)
        });
        match (rule, conditional) {
            (Some(rule), _) => rule.need,
            (None, false) => Need::Always,
            (None, true) => Need::Maybe,
        }
    }

    /// Every complete path through the flow: all combinations of options, each
    /// ending in an outcome. `Err` names the question where a path loops back.
    pub fn paths(&self) -> Result<Vec<Walk>, Vec<u16>> {
        let mut out = Vec::new();
        let mut stack = vec![Answers::default()];
        while let Some(answers) = stack.pop() {
            let walk = self.walk(&answers);
            match walk.end {
                Node::Outcome(_) => out.push(walk),
                Node::Question(q) => {
                    if walk.path.get(q).is_some() {
                        let mut cycle: Vec<u16> = walk.path.0.iter().map(|(q, _)| *q).collect();
                        cycle.push(q);
                        return Err(cycle);
                    }
                    for o in (0..self.question(q).options.len()).rev() {
                        let mut next = walk.path.clone();
                        next.0.push((q, o as u16));
                        stack.push(next);
                    }
                }
            }
        }
        Ok(out)
    }
}

/// What the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The start page: what the flow is for, and a start button.
    Intro,
    /// One question, with the option chosen before (if any) selected.
    Question(u16),
    /// "Check your answers".
    Check,
    /// The outcome for the answers.
    Outcome(u16),
}

/// The state of a flow as the URL holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct State {
    /// The answers on the path, in order (stale and unknown ones dropped).
    pub answers: Answers,
    pub view: View,
}

/// Splits `a=b&c=d` into pairs, ignoring anything malformed.
fn pairs(hash: &str) -> impl Iterator<Item = (&str, &str)> {
    hash.trim_start_matches('#')
        .split('&')
        .filter_map(|p| p.split_once('='))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
}

/// The parts of a flow's page, as its HTML names them (`data-show`, a part shown
/// in several views names each) and the wasm shows them: the one place these
/// names are written.
pub mod part {
    /// The introduction, with the start button.
    pub const INTRO: &str = "intro";
    /// The back link and progress, on every view but the intro.
    pub const NAV: &str = "nav";
    /// "Check your answers".
    pub const CHECK: &str = "check";
    /// What every outcome shares (its actions).
    pub const OUTCOME: &str = "outcome";

    /// A question's form.
    pub fn question(id: &str) -> String {
        format!("q:{id}")
    }

    /// An outcome's two parts.
    pub fn outcome(id: &str) -> String {
        format!("o:{id}")
    }
}

impl View {
    /// The parts of the page this view shows, the view's own last (its heading
    /// is the one focused).
    pub fn parts(self, flow: &Flow) -> Vec<String> {
        match self {
            View::Intro => vec![part::INTRO.into()],
            View::Question(q) => vec![part::NAV.into(), part::question(flow.question(q).id)],
            View::Check => vec![part::NAV.into(), part::CHECK.into()],
            View::Outcome(o) => vec![
                part::NAV.into(),
                part::OUTCOME.into(),
                part::outcome(flow.outcome(o).id),
            ],
        }
    }
}

impl State {
    pub const INTRO: State = State {
        answers: Answers(Vec::new()),
        view: View::Intro,
    };

    /// Where the start button leads: the first question, or the outcome of a
    /// flow that asks nothing.
    pub fn start(flow: &Flow) -> State {
        let view = match flow.start {
            Node::Question(q) => View::Question(q),
            Node::Outcome(o) => View::Outcome(o),
        };
        State {
            answers: Answers::default(),
            view,
        }
    }

    /// Reads the URL's hash (with or without `#`). Never fails: anything it does not
    /// understand is ignored, and a question that is not on the path yet leads to
    /// the first unanswered one.
    pub fn parse(flow: &Flow, hash: &str) -> State {
        let mut given = Answers::default();
        let mut asked = None;
        let mut view = None;
        let mut started = false;
        for (key, value) in pairs(hash) {
            if key == KEY_QUESTION {
                started = true;
                asked = flow.question_index(value);
            } else if key == KEY_VIEW {
                view = Some(value);
            } else if let Some(q) = flow.question_index(key) {
                started = true;
                let question = flow.question(q);
                if let Some(o) = question.options.iter().position(|o| *o == value) {
                    given.set(q, o as u16);
                }
            }
        }
        let walk = flow.walk(&given);
        let answers = walk.path;
        let on_path = |q: u16| answers.get(q).is_some() || walk.end == Node::Question(q);
        let view = match (asked, walk.end) {
            (Some(q), _) if on_path(q) => View::Question(q),
            (None, _) if view.is_none() && !started => View::Intro,
            (_, Node::Question(q)) => View::Question(q),
            (_, Node::Outcome(o)) if view == Some(VIEW_OUTCOME) => View::Outcome(o),
            (_, Node::Outcome(_)) => View::Check,
        };
        State { answers, view }
    }

    /// The hash for this state (without `#`): the answers in order, then the view.
    pub fn to_hash(&self, flow: &Flow) -> String {
        let mut parts: Vec<String> = self
            .answers
            .0
            .iter()
            .map(|&(q, o)| {
                let question = flow.question(q);
                format!("{}={}", question.id, question.options[usize::from(o)])
            })
            .collect();
        match self.view {
            View::Intro => {}
            View::Question(q) => {
                parts.push(format!("{KEY_QUESTION}={}", flow.question(q).id));
            }
            View::Check => parts.push(format!("{KEY_VIEW}={VIEW_CHECK}")),
            View::Outcome(_) => parts.push(format!("{KEY_VIEW}={VIEW_OUTCOME}")),
        }
        parts.join("&")
    }

    /// The state after answering the question shown: the next unanswered question
    /// on the new path, or "check your answers" when there is none.
    pub fn answer(&self, flow: &Flow, option: u16) -> State {
        let View::Question(q) = self.view else {
            return self.clone();
        };
        let mut answers = self.answers.clone();
        answers.set(q, option);
        let walk = flow.walk(&answers);
        let view = match walk.end {
            Node::Question(next) => View::Question(next),
            Node::Outcome(_) => View::Check,
        };
        State {
            answers: walk.path,
            view,
        }
    }

    /// The state the back link leads to; `None` on the intro.
    pub fn back(&self) -> Option<State> {
        let with = |view| {
            Some(State {
                answers: self.answers.clone(),
                view,
            })
        };
        let order: Vec<u16> = self.answers.0.iter().map(|(q, _)| *q).collect();
        match self.view {
            View::Intro => None,
            // The intro holds no answers (its start button begins afresh).
            View::Question(q) => match order.iter().position(|x| *x == q) {
                Some(0) => Some(State::INTRO),
                Some(i) => with(View::Question(order[i - 1])),
                None => match order.last() {
                    Some(&last) => with(View::Question(last)),
                    None => Some(State::INTRO),
                },
            },
            View::Check => order.last().and_then(|&q| with(View::Question(q))),
            View::Outcome(_) => with(View::Check),
        }
    }

    /// The outcome the answers reach, if they are complete.
    pub fn outcome(&self, flow: &Flow) -> Option<u16> {
        match flow.walk(&self.answers).end {
            Node::Outcome(o) => Some(o),
            Node::Question(_) => None,
        }
    }

    /// The state that reopens question `q` with its answer selected.
    pub fn change(&self, q: u16) -> State {
        State {
            answers: self.answers.clone(),
            view: View::Question(q),
        }
    }

    /// The same answers, showing the outcome (or the check page if incomplete).
    pub fn to_outcome(&self, flow: &Flow) -> State {
        let view = self.outcome(flow).map_or(View::Check, View::Outcome);
        State {
            answers: self.answers.clone(),
            view,
        }
    }

    /// "Question n of at most m" for a question view.
    pub fn progress(&self, flow: &Flow) -> Option<(u16, u16)> {
        let View::Question(q) = self.view else {
            return None;
        };
        let before = self
            .answers
            .0
            .iter()
            .position(|(x, _)| *x == q)
            .unwrap_or(self.answers.0.len()) as u16;
        Some((before + 1, before + flow.question(q).max_left))
    }
}

/// Whether a document is on a checklist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Always,
    /// Not in this outcome: the answers that lead here rule its case out.
    Never,
    /// When the condition (an index into [`Flow::conds`]) holds.
    When(u16),
    /// The procedure needs it only in some cases the flow does not ask about.
    Maybe,
    /// As [`Need::Maybe`], and only when the condition holds (the answers
    /// settle one part of its case, the flow does not ask about the rest).
    MaybeWhen(u16),
    /// Required when the first condition holds, as [`Need::Maybe`] when the
    /// second does (an answer such as "not sure" leaves its case open).
    Split(u16, u16),
}

impl Need {
    /// Whether the document must be brought, for these answers.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn required(self, flow: &Flow, answers: &Answers) -> bool {
        match self {
            Need::Always => true,
            Need::When(c) | Need::Split(c, _) => flow.holds(c, answers),
            Need::Never | Need::Maybe | Need::MaybeWhen(_) => false,
        }
    }
}

/// A flow's words: the questions and outcomes as people read them (native builds
/// only; the wasm gets them as HTML made at build time).
#[derive(Debug)]
pub struct FlowText {
    pub flow: &'static Flow,
    pub aliases: crate::model::Aliases,
    pub summary: Text,
    pub questions: &'static [QuestionText],
    pub outcomes: &'static [OutcomeText],
    /// What changed in the flow, newest first.
    pub log: &'static [crate::model::LogEntry],
}

#[derive(Debug)]
pub struct QuestionText {
    pub text: Text,
    pub hint: Option<Text>,
    pub options: &'static [Text],
}

#[derive(Debug)]
pub struct OutcomeText {
    pub title: Text,
    pub why: Text,
    /// For each step, what it is for in this situation.
    pub steps: &'static [Option<Text>],
    /// For each step, where it is filed in this situation when the outcome says
    /// so (`[[outcome.step]] place`); `None`: the procedure's own place.
    pub places: &'static [Option<(Place, Option<PlaceOf>)>],
    pub notes: &'static [Note],
}

#[derive(Debug)]
pub struct Note {
    pub about: NoteAbout,
    /// An index into [`Flow::conds`]; `None` means always.
    pub when: Option<u16>,
    pub text: Text,
    /// The last day the note applies (`YYYY-MM-DD`); pages hide it after.
    pub until: Option<&'static str>,
}
