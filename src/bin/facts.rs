//! `cargo run --release --bin facts`: figures on the hard facts and their sources
//! for `cargo xtask bench`, as `name: value` lines. The build has already refused
//! any fact without a source; these say how many there are, how sure, and how
//! many change soon.

use thu_tuc_xa::data;

fn main() {
    let c = &data::FACT_COUNTS;
    println!("facts_hard: {}", c.hard);
    println!("facts_sourced: {}", c.sourced);
    println!("facts_unsettled: {}", c.unsettled);
    println!("facts_varies_by_province: {}", c.varies);
    println!(
        "facts_changing_within_90_days: {}",
        c.changing_within_90_days
    );
    println!("legal_documents: {}", data::LEGAL_DOCS.len());
    println!(
        "pages_relying_on_replaced_law: {}",
        c.pages_relying_on_replaced_law
    );
    // The build refuses a procedure, flow or glossary entry without the record
    // of its independent check; these count the records.
    let reviewed = data::DETAILS
        .iter()
        .filter(|p| p.reviewed.is_some())
        .count();
    println!("procedures_reviewed: {reviewed}");
    println!("flows_reviewed: {}", data::FLOWS.len());
    println!("glossary_reviewed: {}", data::GLOSSARY.len());
    println!("content_day: {}", data::CONTENT_DAY.replace('-', ""));
    // Documents flows ask for only sometimes, over every outcome: decided by the
    // answers, left to the "only if" line, or undecided (the build refuses it).
    let (decided, open, undecided) = data::conditional_docs();
    println!("conditional_docs_decided: {decided}");
    println!("conditional_docs_open: {open}");
    println!("conditional_docs_undecided: {undecided}");
    // The working-day cases counted by hand that the calendar's tests check.
    println!(
        "working_days_cases_tested: {}",
        CASES.len() + SAME_DAY.len()
    );
}

include!("../../tests/all/calendar_cases.rs");
