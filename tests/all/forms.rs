//! The declaration forms (`content/bieu-mau/`): a filled-in form passes its own
//! rules, each rule catches what it is for, and the answers survive the trip to
//! another device.

use thu_tuc_xa::data::FORMS;
use thu_tuc_xa_core::calendar::Day;
use thu_tuc_xa_core::form::{pack, unpack, Answers, Form, Kind, Problem};

fn today() -> Day {
    Day::at(2026, 12, 4)
}

/// Answers a careful person could give: every field filled, every rule met.
fn filled(form: &Form) -> Answers {
    form.fields()
        .map(|f| {
            let value = match f.kind {
                Kind::Text { max } => "Nguyễn Thị Hoa".chars().take(usize::from(max)).collect(),
                Kind::LongText { .. } => "Thôn 3, xã A, tỉnh B".to_string(),
                Kind::Date => "2026-01-15".to_string(),
                Kind::Year => "1990".to_string(),
                Kind::Time => "07:30".to_string(),
                Kind::IdNumber => "001190012345".to_string(),
                // The greatest count: every part asked only for a count is asked.
                Kind::Number { max, .. } => max.to_string(),
                Kind::Choice(options) => options[0].id.to_string(),
            };
            (f.id.to_string(), value)
        })
        .collect()
}

#[test]
fn there_are_at_least_eight_forms_each_with_a_template_in_force() {
    assert!(FORMS.len() >= 8, "{} forms", FORMS.len());
    for form in FORMS {
        let t = form.template_on(today());
        assert!(t.from <= today(), "{}: a template in force", form.slug);
        assert!(t.until.is_none_or(|u| u >= today()), "{}", form.slug);
        assert!((1..=2).contains(&t.pages), "{}", form.slug);
        assert!(form.fields().count() >= 5, "{}", form.slug);
    }
}

#[test]
fn a_form_filled_with_care_has_no_problem_and_survives_the_trip() {
    for form in FORMS {
        let answers = filled(form);
        let problems: Vec<_> = form
            .check(&answers, today())
            .into_iter()
            .map(|(f, p)| (f.id, p))
            .collect();
        assert_eq!(problems, Vec::new(), "{}", form.slug);
        let packed = pack(form, &answers);
        assert_eq!(unpack(form, &packed), Some(answers), "{}", form.slug);
        // Another form's answers, or another version's, are refused.
        let other = FORMS
            .iter()
            .find(|f| f.slug != form.slug)
            .expect("eight forms");
        assert_eq!(
            unpack(other, &packed),
            None,
            "{} read as {}",
            form.slug,
            other.slug
        );
        assert_eq!(unpack(form, &packed.replacen("v2", "v3", 1)), None);
        // The same form with other questions (another build's): refused.
        let fp = thu_tuc_xa_core::form::fingerprint(form);
        assert_eq!(unpack(form, &packed.replacen(&fp, "00000000", 1)), None);
    }
}

#[test]
fn every_rule_catches_what_it_is_for() {
    for form in FORMS {
        for field in form.fields() {
            let mut answers = filled(form);
            if field.required {
                answers.remove(field.id);
                let problems = form.check(&answers, today());
                assert!(
                    problems
                        .iter()
                        .any(|(f, p)| f.id == field.id && *p == Problem::Missing),
                    "{}: {} left empty",
                    form.slug,
                    field.id
                );
            }
            let mut answers = filled(form);
            let wrong = match field.kind {
                Kind::Date => ("15/01/2026", Problem::NotADate),
                Kind::Year => ("90", Problem::NotAYear),
                Kind::Time => ("7h30", Problem::NotATime),
                Kind::IdNumber => ("00119001234", Problem::NotAnId),
                Kind::Choice(_) => ("khong_co_lua_chon_nay", Problem::NotAnOption),
                Kind::Number { min, max } => ("", Problem::OutOfRange { min, max }),
                Kind::Text { max } | Kind::LongText { max } => ("", Problem::TooLong { max }),
            };
            let value = match field.kind {
                Kind::Number { max, .. } => (max + 1).to_string(),
                Kind::Text { max } | Kind::LongText { max } => "a".repeat(usize::from(max) + 1),
                _ => wrong.0.to_string(),
            };
            answers.insert(field.id.to_string(), value);
            let problems = form.check(&answers, today());
            assert!(
                problems
                    .iter()
                    .any(|(f, p)| f.id == field.id && *p == wrong.1),
                "{}: {} wrong gives {:?}, got {problems:?}",
                form.slug,
                field.id,
                wrong.1
            );
        }
    }
}

#[test]
fn a_birth_after_the_form_or_in_the_future_is_refused() {
    let form = FORMS
        .iter()
        .find(|f| f.slug == "to-khai-dang-ky-khai-sinh")
        .expect("the birth form");
    let mut answers = filled(form);
    answers.insert("ngay_lam".into(), "2026-01-10".into());
    assert!(form
        .check(&answers, today())
        .iter()
        .any(|(f, p)| f.id == "ngay_sinh" && *p == Problem::After("ngay_lam")));
    answers.insert("ngay_sinh".into(), "2026-12-05".into());
    answers.insert("ngay_lam".into(), "2026-12-06".into());
    assert!(form
        .check(&answers, today())
        .iter()
        .any(|(f, p)| f.id == "ngay_sinh" && *p == Problem::InTheFuture));
}
