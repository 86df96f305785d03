//! Draws each life-event flow as a graph for editors, or counts its paths.
//!
//! `flows` prints Mermaid (paste into https://mermaid.live, or a ```mermaid block
//! on GitHub); `flows --dot` prints Graphviz; `flows --paths` prints how many
//! complete paths each flow has (every one is walked by `tests/flows.rs`);
//! `flows --outcomes` prints, for each outcome, the address of one path reaching it
//! (the browser tests print each outcome).
//! Run through `cargo xtask flows [--dot | --paths]`.

use thu_tuc_xa::data::{self, FLOWS, FLOW_PATHS};
use thu_tuc_xa::flow::{Flow, FlowText, Node, State, View};
use thu_tuc_xa::model::Lang;

fn node_id(flow: &Flow, node: Node) -> String {
    match node {
        Node::Question(q) => format!("q_{}", flow.question(q).id.replace('-', "_")),
        Node::Outcome(o) => format!("o_{}", flow.outcome(o).id.replace('-', "_")),
    }
}

/// The labels of a branch's condition, `question = a | b`.
fn condition(flow: &Flow, text: &FlowText, cond: u16) -> String {
    flow.cond(cond)
        .clauses
        .iter()
        .map(|c| {
            let labels: Vec<&str> = c
                .options
                .iter()
                .map(|&o| text.questions[usize::from(c.question)].options[usize::from(o)].vi)
                .collect();
            format!("{}: {}", flow.question(c.question).id, labels.join(" | "))
        })
        .collect::<Vec<_>>()
        .join(" và ")
}

fn escape(s: &str) -> String {
    s.replace('"', "'")
}

fn mermaid(text: &FlowText) -> String {
    let f = text.flow;
    let mut out = format!("%% {} ({})\nflowchart TD\n", f.name.vi, f.slug);
    for (i, q) in f.questions.iter().enumerate() {
        let label = text.questions[i].text.get(Lang::Vi);
        out.push_str(&format!(
            "  {}[\"{}\"]\n",
            node_id(f, Node::Question(i as u16)),
            escape(label)
        ));
        for b in q.branches {
            out.push_str(&format!(
                "  {} -->|\"{}\"| {}\n",
                node_id(f, Node::Question(i as u16)),
                escape(&condition(f, text, b.when)),
                node_id(f, b.go)
            ));
        }
        let label = if q.branches.is_empty() {
            ""
        } else {
            "còn lại"
        };
        let arrow = if label.is_empty() {
            " --> ".to_string()
        } else {
            format!(" -->|{label}| ")
        };
        out.push_str(&format!(
            "  {}{arrow}{}\n",
            node_id(f, Node::Question(i as u16)),
            node_id(f, q.next)
        ));
    }
    for (i, o) in f.outcomes.iter().enumerate() {
        let steps: Vec<&str> = o
            .steps
            .iter()
            .filter_map(|s| data::procedure(s.procedure))
            .map(|p| p.code)
            .collect();
        out.push_str(&format!(
            "  {}([\"{}<br/>{}\"])\n",
            node_id(f, Node::Outcome(i as u16)),
            escape(text.outcomes[i].title.vi),
            steps.join(", ")
        ));
    }
    out
}

fn dot(text: &FlowText) -> String {
    let f = text.flow;
    let mut out = format!(
        "digraph \"{}\" {{\n  rankdir=TB;\n  node [shape=box, fontname=\"sans-serif\"];\n",
        f.slug
    );
    for (i, q) in f.questions.iter().enumerate() {
        let from = node_id(f, Node::Question(i as u16));
        out.push_str(&format!(
            "  {from} [label=\"{}\"];\n",
            escape(text.questions[i].text.vi)
        ));
        for b in q.branches {
            out.push_str(&format!(
                "  {from} -> {} [label=\"{}\"];\n",
                node_id(f, b.go),
                escape(&condition(f, text, b.when))
            ));
        }
        out.push_str(&format!("  {from} -> {};\n", node_id(f, q.next)));
    }
    for (i, _) in f.outcomes.iter().enumerate() {
        out.push_str(&format!(
            "  {} [shape=oval, style=bold, label=\"{}\"];\n",
            node_id(f, Node::Outcome(i as u16)),
            escape(text.outcomes[i].title.vi)
        ));
    }
    out.push_str("}\n");
    out
}

fn main() {
    let arg = std::env::args().nth(1);
    match arg.as_deref() {
        Some("--paths") => {
            for (f, n) in FLOWS.iter().zip(FLOW_PATHS) {
                println!("{}: {n}", f.slug);
            }
            println!("total: {}", FLOW_PATHS.iter().sum::<usize>());
        }
        Some("--outcomes") => {
            for f in FLOWS.iter() {
                let paths = f.paths().expect("the build refuses cycles");
                for (i, o) in f.outcomes.iter().enumerate() {
                    // The longest path: the outcome with the most applying.
                    let walk = paths
                        .iter()
                        .filter(|w| w.end == Node::Outcome(i as u16))
                        .max_by_key(|w| f.steps(i as u16, &w.path).count() * 100 + w.path.0.len());
                    if let Some(w) = walk {
                        let state = State {
                            answers: w.path.clone(),
                            view: View::Outcome(i as u16),
                        };
                        println!("/su-kien/{}/#{} {}", f.slug, state.to_hash(f), o.id);
                    }
                }
            }
        }
        Some("--dot") => FLOWS
            .iter()
            .for_each(|f| println!("{}", dot(data::flow_text(f)))),
        None => FLOWS
            .iter()
            .for_each(|f| println!("{}", mermaid(data::flow_text(f)))),
        Some(other) => {
            eprintln!("unknown option {other}; use --dot or --paths");
            std::process::exit(2);
        }
    }
}
