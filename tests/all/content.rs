//! The content pipeline: the real `content/` validates, and broken files fail with
//! exact `path:line:column: message` diagnostics, all of them at once.

use thu_tuc_xa::content::{self, Inputs, Source};

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A legal text of the register that only the tests cite.
const TEST_LAW: &str = r#"number = "99/2099/TT-THU"
kind = "thong-tu"
name = { vi = "Thông tư thử nghiệm", en = "Test circular" }
issuer = { vi = "Bộ Thử nghiệm", en = "Ministry of Tests" }
signed = "2020-01-01"
in_force = "2020-02-01"
read = ["https://example.org/99-2099-tt-thu"]
"#;

fn real_inputs() -> Inputs {
    let mut inputs = content::load(&root().join("content")).expect("content/ is readable");
    inputs
        .register
        .push(Source::new("content/van-ban/99-2099-tt-thu.toml", TEST_LAW));
    inputs
}

/// The real content with a legal text added to the register.
fn with_law(mut inputs: Inputs, id: &str, text: &str) -> Inputs {
    let path = format!("content/van-ban/{id}.toml");
    inputs.register.retain(|s| s.path != path);
    inputs.register.push(Source::new(path, text));
    inputs
}

/// The real content with one procedure file replaced (or added).
fn with_procedure(path: &str, text: &str) -> Inputs {
    let mut inputs = real_inputs();
    inputs.procedures.retain(|s| s.path != path);
    inputs.procedures.push(Source::new(path, text));
    inputs
}

fn errors(inputs: &Inputs) -> Vec<String> {
    match content::build(inputs) {
        Ok(_) => vec![],
        Err(diags) => diags.iter().map(|d| d.to_string()).collect(),
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures").join(name)).expect("fixture exists")
}

#[test]
fn the_real_content_validates() {
    let site = content::build(&real_inputs()).unwrap_or_else(|d| panic!("{}", content::report(&d)));
    assert!(site.procedures.len() >= 15, "at least 15 procedures");
    assert!(site.fields.len() >= 2);
}

#[test]
fn a_valid_fixture_validates() {
    let inputs = with_procedure("content/thu-tuc/thu-nghiem.md", &fixture("valid.md"));
    assert_eq!(errors(&inputs), Vec::<String>::new());
}

#[test]
fn every_problem_in_a_file_is_reported_at_its_line() {
    let inputs = with_procedure(
        "content/thu-tuc/thu-nghiem.md",
        &fixture("broken-values.md"),
    );
    assert_eq!(
        errors(&inputs),
        vec![
            "content/thu-tuc/thu-nghiem.md:2:8: code `1.1193` must look like `1.001193`",
            "content/thu-tuc/thu-nghiem.md:3:9: unknown field `ho-tch`; known: ho-tich, chung-thuc, cu-tru, can-cuoc, dat-dai, xay-dung, ho-kinh-doanh, bao-tro-xa-hoi, nguoi-co-cong, giam-ngheo, bao-hiem, quan-su, lien-thong",
            "content/thu-tuc/thu-nghiem.md:4:14: portal_url must be a https://dichvucong.gov.vn/ address",
            "content/thu-tuc/thu-nghiem.md:5:11: checked `2026-02-30` must be a date written YYYY-MM-DD",
            "content/thu-tuc/thu-nghiem.md:7:12: source `http://example.org` must be a https:// address",
            "content/thu-tuc/thu-nghiem.md:9:26: unknown channel `fax`; known: in-person, post, national-portal, vneid, phone-email",
            "content/thu-tuc/thu-nghiem.md:9:41: channel `post` is listed twice",
            "content/thu-tuc/thu-nghiem.md:10:9: unknown place `anywhere`; known: any-commune, any-commune-in-province, residence-commune, property-commune, record-office, commune-police, any-commune-police, social-insurance-office, online-only, commune-military, by-case",
            "content/thu-tuc/thu-nghiem.md:12:18: text is empty",
            "content/thu-tuc/thu-nghiem.md:27:7: unknown document `giay-khong-co`: there is no content/giay-to/giay-khong-co.toml",
            "content/thu-tuc/thu-nghiem.md:28:8: unknown document kind `photocopy`; known: original, copy, certified-copy, show",
            "content/thu-tuc/thu-nghiem.md:29:9: count must be between 1 and 100, not 0",
        ]
    );
}

#[test]
fn an_unknown_key_is_refused() {
    let text = fixture("valid.md").replace(
        "place = \"any-commune\"\n",
        "place = \"any-commune\"\nprice = 5\n",
    );
    let errs = errors(&with_procedure("content/thu-tuc/thu-nghiem.md", &text));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("content/thu-tuc/thu-nghiem.md:11:1: unknown field `price`"),
        "{}",
        errs[0]
    );
}

#[test]
fn a_toml_syntax_error_points_into_the_file() {
    let text = fixture("valid.md").replace("code = \"1.999999\"", "code = \"1.999999");
    let errs = errors(&with_procedure("content/thu-tuc/thu-nghiem.md", &text));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("content/thu-tuc/thu-nghiem.md:2:"),
        "{}",
        errs[0]
    );
}

#[test]
fn aliases_that_repeat_the_name_or_each_other_are_refused() {
    let name = "name = { vi = \"Thủ tục thử nghiệm\", en = \"Test procedure\" }\n";
    let good = fixture("valid.md").replace(
        name,
        &format!("{name}aliases.vi = [\"làm thử\", \"thử xem\"]\naliases.en = [\"a trial\"]\n"),
    );
    assert_eq!(
        errors(&with_procedure("content/thu-tuc/thu-nghiem.md", &good)),
        Vec::<String>::new()
    );
    let bad = fixture("valid.md").replace(
        name,
        &format!("{name}aliases.vi = [\"THU TUC THU NGHIEM\", \"làm thử\", \"lam thu\", \" \"]\n"),
    );
    let errs = errors(&with_procedure("content/thu-tuc/thu-nghiem.md", &bad));
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0].contains("thu-nghiem.md:12:") && errs[0].contains("repeats the name"),
        "{}",
        errs[0]
    );
    assert!(errs[1].contains("`lam thu` repeats"), "{}", errs[1]);
    assert!(errs[2].contains("alias is empty"), "{}", errs[2]);
}

#[test]
fn a_missing_translation_is_refused() {
    let text = fixture("valid.md").replace("summary.en = \"A test.\"\n", "");
    let errs = errors(&with_procedure("content/thu-tuc/thu-nghiem.md", &text));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("missing field `en`"), "{}", errs[0]);
}

#[test]
fn raw_html_and_bad_links_in_the_body_are_refused() {
    let inputs = with_procedure("content/thu-tuc/thu-nghiem.md", &fixture("broken-body.md"));
    assert_eq!(
        errors(&inputs),
        vec![
            "content/thu-tuc/thu-nghiem.md:45:1: raw HTML is not allowed in content; use markdown",
            "content/thu-tuc/thu-nghiem.md:47:5: link `javascript:alert(1)` must start with `https://` or `/`",
            "content/thu-tuc/thu-nghiem.md:51:6: raw HTML is not allowed in content; use markdown",
            "content/thu-tuc/thu-nghiem.md:51:13: raw HTML is not allowed in content; use markdown",
        ]
    );
}

#[test]
fn site_links_must_lead_to_a_page_and_get_the_language_prefix() {
    let good = fixture("valid.md").replace(
        "1. Nộp hồ sơ.",
        "1. Xem [khai sinh](/thu-tuc/dang-ky-khai-sinh/#documents) và [hộ tịch](/linh-vuc/ho-tich/).",
    ).replace("1. File it.", "1. See [birth registration](/thu-tuc/dang-ky-khai-sinh/).");
    let site = content::build(&with_procedure("content/thu-tuc/thu-nghiem.md", &good))
        .unwrap_or_else(|d| panic!("{}", content::report(&d)));
    let p = site
        .procedures
        .iter()
        .find(|p| p.slug == "thu-nghiem")
        .expect("parsed");
    assert!(
        p.body_vi
            .contains("href=\"/thu-tuc/dang-ky-khai-sinh/#documents\""),
        "{}",
        p.body_vi
    );
    assert!(
        p.body_en
            .contains("href=\"/en/thu-tuc/dang-ky-khai-sinh/\""),
        "{}",
        p.body_en
    );

    let bad = fixture("valid.md").replace(
        "1. Nộp hồ sơ.",
        "1. Xem [đây](/thu-tuc/khong-co/) và [kia](/thu-tuc/dang-ky-khai-sinh).",
    );
    assert_eq!(
        errors(&with_procedure("content/thu-tuc/thu-nghiem.md", &bad)),
        vec![
            "content/thu-tuc/thu-nghiem.md:47:8: link `/thu-tuc/khong-co/` leads to no page of the site",
            "content/thu-tuc/thu-nghiem.md:47:37: link `/thu-tuc/dang-ky-khai-sinh` leads to no page of the site",
        ]
    );
}

#[test]
fn a_body_without_language_sections_is_refused() {
    let text = fixture("valid.md").replace("# en\n", "");
    assert_eq!(
        errors(&with_procedure("content/thu-tuc/thu-nghiem.md", &text)),
        vec!["content/thu-tuc/thu-nghiem.md:43:1: the body must have exactly one `# vi` line followed by one `# en` line (found: # vi)"]
    );
}

#[test]
fn missing_front_matter_is_refused() {
    assert_eq!(
        errors(&with_procedure("content/thu-tuc/thu-nghiem.md", "# vi\nXin chào\n")),
        vec!["content/thu-tuc/thu-nghiem.md:1:1: the file must start with a `+++` line opening the front matter"]
    );
}

#[test]
fn a_duplicate_code_and_a_bad_file_name_are_refused() {
    let text = fixture("valid.md").replace("1.999999", "1.001193");
    let errs = errors(&with_procedure("content/thu-tuc/Thu_Nghiem.md", &text));
    assert_eq!(
        errs,
        vec![
            "content/thu-tuc/Thu_Nghiem.md:1:1: file name `Thu_Nghiem.md` must be lower-case letters, digits and `-`, ending in `.md`",
            "content/thu-tuc/Thu_Nghiem.md:2:8: code `1.001193` is already used by content/thu-tuc/dang-ky-khai-sinh.md",
        ]
    );
}

#[test]
fn a_ui_string_missing_in_one_language_fails() {
    let mut inputs = real_inputs();
    inputs.strings_en.text = inputs.strings_en.text.replace("nav_home = \"Home\"\n", "");
    let errs = errors(&inputs);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("content/i18n/vi.toml:")
            && errs[0].ends_with("key `nav_home` is missing in content/i18n/en.toml"),
        "{}",
        errs[0]
    );
}

#[test]
fn the_report_numbers_every_problem() {
    let inputs = with_procedure(
        "content/thu-tuc/thu-nghiem.md",
        &fixture("broken-values.md"),
    );
    let diags = content::build(&inputs).expect_err("broken");
    let report = content::report(&diags);
    assert!(
        report.starts_with("content/ has 12 problems:\n  1. content/thu-tuc/thu-nghiem.md:2:8:"),
        "{report}"
    );
}

#[test]
fn a_broken_glossary_entry_is_reported_and_an_unused_one_refused() {
    let mut inputs = real_inputs();
    inputs.glossary.push(Source::new(
        "content/giay-to/giay-thu.toml",
        "name = { vi = \"Giấy thử\", en = \"Test paper\" }\nsummary = { vi = \"\", en = \"x\" }\nget = { vi = \"x\", en = \"x\" }\ncolour = \"red\"\n",
    ));
    let errs = errors(&inputs);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("content/giay-to/giay-thu.toml:4:1: unknown field `colour`"),
        "{}",
        errs[0]
    );

    let mut inputs = real_inputs();
    inputs.glossary.push(Source::new(
        "content/giay-to/giay-thu.toml",
        "name = { vi = \"Giấy thử\", en = \"Test paper\" }\nsummary = { vi = \"Một giấy.\", en = \"A paper.\" }\nget = { vi = \"Ở xã.\", en = \"At the commune.\" }\nreviewed = { date = \"2026-11-24\", note = \"Đối chiếu Thông tư thử nghiệm Điều 1.\" }\n",
    ));
    assert_eq!(
        errors(&inputs),
        vec!["content/giay-to/giay-thu.toml:1:1: document `giay-thu` is not needed by any procedure; remove it or refer to it"]
    );
}

#[test]
fn every_index_entry_has_an_english_name_and_no_other() {
    let mut inputs = real_inputs();
    let english = &mut inputs.index[3];
    let mut lines: Vec<String> = english.text.lines().map(String::from).collect();
    let code = lines[1].split(',').next().expect("a code").to_string();
    lines[1] = "9.999999,A procedure that is not in the index".to_string();
    lines[2] = format!("{},", lines[2].split(',').next().expect("a code"));
    english.text = lines.join("\n") + "\n";
    let errs = errors(&inputs);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs.iter().any(
            |e| e.starts_with("content/danh-muc/ten-tieng-anh.csv:3:1: code `")
                && e.ends_with("` has no English name")
        ),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e == "content/danh-muc/ten-tieng-anh.csv:2:1: code `9.999999` is not in content/danh-muc/thu-tuc-cap-xa.csv"),
        "{errs:?}"
    );
    assert!(
        errs.iter().any(|e| e.ends_with(&format!(
            "code `{code}` has no English name in content/danh-muc/ten-tieng-anh.csv"
        ))),
        "{errs:?}"
    );
}

#[test]
fn the_index_reports_bad_rows_by_line() {
    let mut inputs = real_inputs();
    let csv = &mut inputs.index[0];
    let mut lines: Vec<String> = csv.text.lines().map(String::from).collect();
    lines[1] = lines[1].replacen("bo-", "bo-khong-co-", 1);
    lines[3] = lines[3].replace("https://dichvucong.gov.vn/", "http://example.org/");
    lines.push(lines[5].clone());
    csv.text = lines.join("\n") + "\n";
    let errs = errors(&inputs);
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0].starts_with("content/danh-muc/thu-tuc-cap-xa.csv:2:1: agency `bo-khong-co-"),
        "{}",
        errs[0]
    );
    assert!(
        errs[1].starts_with(
            "content/danh-muc/thu-tuc-cap-xa.csv:4:1: detail_url `http://example.org/"
        ),
        "{}",
        errs[1]
    );
    assert!(
        errs[2].starts_with(&format!(
            "content/danh-muc/thu-tuc-cap-xa.csv:{}:1: code `",
            lines.len()
        )),
        "{}",
        errs[2]
    );
    assert!(errs[2].ends_with("` is listed twice"), "{}", errs[2]);
}

#[test]
fn the_whole_index_is_there() {
    let site = content::build(&real_inputs()).unwrap_or_else(|d| panic!("{}", content::report(&d)));
    assert_eq!(site.index.rows.len(), 581);
    assert_eq!(site.index.fields.field.len(), 60);
}

/// The real content with one flow file replaced (or added).
fn with_flow(path: &str, text: &str) -> Inputs {
    let mut inputs = real_inputs();
    inputs.flows.retain(|s| s.path != path);
    inputs.flows.push(Source::new(path, text));
    inputs
}

#[test]
fn a_broken_flow_reports_every_problem_at_its_line() {
    let inputs = with_flow(
        "content/su-kien/thu-nghiem.toml",
        &fixture("broken-flow.toml"),
    );
    let errors = errors(&inputs);
    assert_eq!(
        errors,
        vec![
            "content/su-kien/thu-nghiem.toml:15:20: question `mot` has no option `c`; its options: a, b",
            "content/su-kien/thu-nghiem.toml:28:8: `dau-do` is neither a question nor an outcome of this flow",
            "content/su-kien/thu-nghiem.toml:31:6: `xem` is reserved for the address; choose another id",
            "content/su-kien/thu-nghiem.toml:33:10: a question needs at least two options",
            "content/su-kien/thu-nghiem.toml:42:13: unknown procedure `khong-co-thu-tuc-nay`: there is no content/thu-tuc/khong-co-thu-tuc-nay.md",
            "content/su-kien/thu-nghiem.toml:49:9: unknown note kind `phi`; known: doubt, documents, fee, time, where, next",
        ]
    );
}

#[test]
fn a_flow_naming_a_broken_procedure_points_to_its_errors() {
    let inputs = with_procedure("content/thu-tuc/dang-ky-khai-sinh.md", "+++\n+++\n");
    let errors = errors(&inputs);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/thu-tuc/dang-ky-khai-sinh.md:")),
        "{errors:?}"
    );
    let flow: Vec<&String> = errors
        .iter()
        .filter(|e| {
            e.starts_with("content/su-kien/sinh-con.toml:") && e.contains("`dang-ky-khai-sinh`")
        })
        .collect();
    assert!(!flow.is_empty(), "{errors:?}");
    for e in flow {
        assert!(
            e.ends_with(": procedure `dang-ky-khai-sinh` cannot be used until content/thu-tuc/dang-ky-khai-sinh.md is fixed: see its own errors"),
            "{e}"
        );
    }
}

#[test]
fn a_flow_is_walked_path_by_path() {
    let inputs = with_flow(
        "content/su-kien/duong-di.toml",
        &fixture("broken-paths.toml"),
    );
    let errors = errors(&inputs);
    assert_eq!(
        errors,
        vec![
            "content/su-kien/duong-di.toml:16:32: this branch of `mot` is never taken: on every path its condition fails or an earlier branch applies",
            "content/su-kien/duong-di.toml:21:6: no path reaches question `hai`",
            "content/su-kien/duong-di.toml:30:6: no step of this outcome applies to the answers mot=b",
            "content/su-kien/duong-di.toml:40:8: this condition never holds on a path to outcome `ket-qua`",
            "content/su-kien/duong-di.toml:44:6: no path reaches outcome `khac`",
        ]
    );
}

#[test]
fn a_flow_that_goes_round_in_a_circle_is_refused() {
    let inputs = with_flow(
        "content/su-kien/vong-lap.toml",
        &fixture("cyclic-flow.toml"),
    );
    let errors = errors(&inputs);
    assert_eq!(
        errors,
        vec![
            "content/su-kien/vong-lap.toml:8:6: the questions go round in a circle: mot → hai → mot",
        ]
    );
}

#[test]
fn scenarios_that_do_not_hold_fail_the_build() {
    let mut inputs = real_inputs();
    let path = "content/su-kien/kich-ban/sinh-con.toml";
    inputs.scenarios.retain(|s| s.path != path);
    inputs
        .scenarios
        .push(Source::new(path, fixture("scenarios-wrong.toml")));
    let errors = errors(&inputs);
    assert_eq!(
        errors,
        vec![
            "content/su-kien/kich-ban/sinh-con.toml:4:11: scenario “Sai mã thủ tục”: expected outcome `lien-thong`, the flow gives `yeu-to-nuoc-ngoai`",
            r#"content/su-kien/kich-ban/sinh-con.toml:5:14: scenario “Sai mã thủ tục”: expected procedures ["1.001193"], the flow gives ["2.000528"]"#,
            "content/su-kien/kich-ban/sinh-con.toml:9:11: scenario “Thiếu câu trả lời”: the answers stop at question `chung-sinh`",
            "content/su-kien/kich-ban/sinh-con.toml:18:14: scenario “Giấy tờ”: document `giay-chung-sinh` is not on the checklist; it has: to-khai-dang-ky-khai-sinh, bien-ban-xac-nhan-tre-bi-bo-roi, giay-to-tuy-than, to-khai-cu-tru-ct01, to-khai-tham-gia-bhyt",
            "content/su-kien/kich-ban/sinh-con.toml:19:11: scenario “Giấy tờ”: document `bien-ban-xac-nhan-tre-bi-bo-roi` is on the checklist",
            "content/su-kien/kich-ban/sinh-con.toml:19:46: scenario “Giấy tờ”: document `giay-da-xoa` is named by no procedure, so its absence proves nothing",
            r#"content/su-kien/kich-ban/sinh-con.toml:23:11: `noi-sinh = "sao-hoa"` is not a question and option of sinh-con"#,
            "content/su-kien/sinh-con.toml:1:1: a flow needs at least 5 scenarios in content/su-kien/kich-ban/sinh-con.toml; it has 4",
        ]
    );
}

// ---------------------------------------------------------------- facts and sources

const PATH: &str = "content/thu-tuc/thu-nghiem.md";
const CITE: &str =
    r#"cite = [{ doc = "99-2099-tt-thu", art = "Điều 1", quote = "Trích dẫn thử." }]"#;

/// The valid fixture with a change applied; the errors it gives.
fn fixture_errors(edit: impl Fn(String) -> String) -> Vec<String> {
    errors(&with_procedure(PATH, &edit(fixture("valid.md"))))
}

#[test]
fn a_hard_fact_without_a_source_fails_at_its_line() {
    let errs = fixture_errors(|s| {
        s.replace(
            r#"fee = { vi = "Miễn phí.", en = "Free.", cite = [{ doc = "99-2099-tt-thu", art = "Điều 1", quote = "Trích dẫn thử." }] }"#,
            r#"fee = { vi = "Miễn phí.", en = "Free." }"#,
        )
        .replace(&format!("count = 1\n{CITE}\n"), "count = 1\n")
    });
    assert_eq!(
        errs,
        vec![
            "content/thu-tuc/thu-nghiem.md:17:14: `fee` has no source: cite the legal text and article it comes from (cite = [{ doc = \"…\", art = \"Điều …\", quote = \"…\" }])",
            "content/thu-tuc/thu-nghiem.md:22:7: `document van-ban-uy-quyen` has no source: cite the legal text and article it comes from (cite = [{ doc = \"…\", art = \"Điều …\", quote = \"…\" }])",
            "content/thu-tuc/thu-nghiem.md:27:7: `document giay-to-tuy-than` has no source: cite the legal text and article it comes from (cite = [{ doc = \"…\", art = \"Điều …\", quote = \"…\" }])",
        ]
    );
}

#[test]
fn a_citation_must_point_into_the_register_with_an_article_and_a_quote() {
    let errs = fixture_errors(|s| {
        s.replacen(
            r#"channels_cite = [{ doc = "99-2099-tt-thu", art = "Điều 1", quote = "Trích dẫn thử." }]"#,
            r#"channels_cite = [{ doc = "khong-co", art = "Điều 1", quote = "x" }, { doc = "99-2099-tt-thu", quote = " " }]"#,
            1,
        )
    });
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0].contains(":18:")
            && errs[0].contains(
                "unknown legal text `khong-co`: there is no content/van-ban/khong-co.toml"
            ),
        "{}",
        errs[0]
    );
    assert!(
        errs[1].contains("a citation of `99-2099-tt-thu` needs `art`"),
        "{}",
        errs[1]
    );
    assert!(errs[2].contains("quote is empty"), "{}", errs[2]);
}

#[test]
fn a_cited_text_must_be_in_the_legal_basis() {
    let law = TEST_LAW.replace("99/2099/TT-THU", "98/2099/TT-THU");
    let inputs = with_law(
        with_procedure(
            PATH,
            &fixture("valid.md").replacen(
                "doc = \"99-2099-tt-thu\"",
                "doc = \"98-2099-tt-thu\"",
                1,
            ),
        ),
        "98-2099-tt-thu",
        &law,
    );
    assert_eq!(
        errors(&inputs),
        vec!["content/thu-tuc/thu-nghiem.md:14:63: `98-2099-tt-thu` is cited but not listed in legal_basis"]
    );
}

#[test]
fn a_portal_citation_needs_the_portal_record() {
    let errs = fixture_errors(|s| {
        s.replace(
            "portal_url = \"https://dichvucong.gov.vn/thu-tuc-hanh-chinh/test\"\n",
            "",
        )
        .replace(
            r#"place_cite = [{ doc = "99-2099-tt-thu", art = "Điều 1", quote = "Trích dẫn thử." }]"#,
            r#"place_cite = [{ doc = "cong-dvc", quote = "Cấp xã" }]"#,
        )
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0]
            .contains("`cong-dvc` cites the procedure's portal record, but it has no portal_url"),
        "{}",
        errs[0]
    );
}

#[test]
fn a_settled_fact_may_not_hedge_and_an_unsettled_one_says_why() {
    let errs = fixture_errors(|s| {
        s.replace("vi = \"Trong ngày.\"", "vi = \"Thường trong ngày.\"")
            .replace(
                "fee = { vi = \"Miễn phí.\", en = \"Free.\",",
                "fee = { vi = \"Miễn phí.\", en = \"Free.\", status = \"unsettled\",",
            )
    });
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs[0].contains(":16:15: `time` is settled but hedges (“thường”)"),
        "{}",
        errs[0]
    );
    assert!(
        errs[1].contains(":17:")
            && errs[1].contains("`fee` is unsettled: say why in reason.vi and reason.en"),
        "{}",
        errs[1]
    );

    let ok = fixture_errors(|s| {
        s.replace("vi = \"Trong ngày.\"", "vi = \"Thường trong ngày.\"").replace(
            "time = { vi",
            "time = { status = \"varies\", reason = { vi = \"Tùy tỉnh.\", en = \"By province.\" }, vi",
        )
    });
    assert_eq!(ok, Vec::<String>::new());
    // `thường trú` is a word of its own, not a hedge.
    let ok =
        fixture_errors(|s| s.replace("vi = \"Trong ngày.\"", "vi = \"Nộp tại nơi thường trú.\""));
    assert_eq!(ok, Vec::<String>::new());
}

/// A time limit the dossier card counts with must be words it reads, found in a
/// quote of a legal text the time fact cites; and only `time` has one.
#[test]
fn a_time_limit_is_read_from_a_quote_of_the_law() {
    const TIME: &str = r#"time = { vi = "Trong ngày.", en = "Same day.", cite = [{ doc = "99-2099-tt-thu", art = "Điều 1", quote = "Trích dẫn thử." }] }"#;
    let with = |limit: &str, quote: &str| {
        format!(
            r#"time = {{ vi = "Trong ngày.", en = "Same day.", limit = "{limit}", cite = [{{ doc = "99-2099-tt-thu", art = "Điều 1", quote = "{quote}" }}] }}"#
        )
    };
    // In the quote, with a leading zero and the number in words after it.
    let ok = fixture_errors(|s| {
        s.replace(
            TIME,
            &with(
                "5 ngày làm việc",
                "Giải quyết trong 05 (năm) ngày làm việc.",
            ),
        )
    });
    assert_eq!(ok, Vec::<String>::new());
    let errs = fixture_errors(|s| {
        s.replace(
            TIME,
            &with("7 ngày làm việc", "Giải quyết trong 05 ngày làm việc."),
        )
        .replace(
            "fee = { vi = \"Miễn phí.\", en = \"Free.\",",
            "fee = { vi = \"Miễn phí.\", en = \"Free.\", limit = \"ngay\",",
        )
    });
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs.iter().any(|e| e.contains(":16:")
            && e.contains("time.limit `7 ngày làm việc` is in no quote of a legal text")),
        "{errs:?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.contains(":17:") && e.contains("only `time` has a limit, not `fee`")),
        "{errs:?}"
    );
    // "Trong ngày" of the next working day is not the same day.
    let errs = fixture_errors(|s| {
        s.replace(
            TIME,
            &with(
                "trong ngày",
                "Nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo.",
            ),
        )
    });
    assert!(
        errs.iter()
            .any(|e| e.contains("time.limit `trong ngày` is in no quote")),
        "{errs:?}"
    );
    let errs = fixture_errors(|s| s.replace(TIME, &with("05 ngày", "Trong 05 ngày.")));
    assert!(
        errs.iter()
            .any(|e| e.contains("must be `N ngày làm việc`, `N ngày`, `trong ngày` or `ngay`")),
        "{errs:?}"
    );
}

/// The fixture's inputs on a given day.
fn on_day(text: &str, day: &str) -> Vec<String> {
    let mut inputs = with_procedure(PATH, text);
    inputs.today = day.parse().expect("a date");
    // Other pages' dated rules are not this test's business.
    errors(&inputs)
        .into_iter()
        .filter(|e| e.starts_with(PATH))
        .collect()
}

#[test]
fn dated_rules_fail_once_their_day_has_passed() {
    // The ID document is asked for until the end of 2026; the fee changes in 2027.
    // Before the change log, the last table is the ID document's.
    let (front, log) = fixture("valid.md")
        .split_once("[[log]]\n")
        .map(|(f, b)| (f.to_string(), b.to_string()))
        .expect("the fixture has a change log");
    let text = format!(
        "{front}until = \"2026-12-31\"\n\n[[change]]\nfact = \"fee\"\nfrom = \"2027-03-01\"\nvi = \"50.000 đồng.\"\nen = \"50,000 VND.\"\n{CITE}\n\n[[log]]\n{log}"
    );
    assert_eq!(on_day(&text, "2026-12-02"), Vec::<String>::new());
    let later = on_day(&text, "2027-01-05");
    assert_eq!(later.len(), 1, "{later:?}");
    assert!(
        later[0].contains("`document giay-to-tuy-than` ended on 2026-12-31: remove it"),
        "{}",
        later[0]
    );
    let after = on_day(&text, "2027-03-02");
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(
        after[1].contains(
            "this change to `fee` is in force since 2027-03-01: make it the text of `fee`"
        ),
        "{}",
        after[1]
    );
}

#[test]
fn a_fact_resting_only_on_a_lapsing_text_must_say_what_comes_next() {
    let lapsing = format!("{TEST_LAW}until = \"2027-02-28\"\n");
    let inputs = with_law(
        with_procedure(PATH, &fixture("valid.md")),
        "99-2099-tt-thu",
        &lapsing,
    );
    let errs = errors(&inputs);
    assert!(!errs.is_empty());
    assert!(
        errs.iter().all(|e| e.contains("rests only on texts in force until 2027-02-28: give it until = \"2027-02-28\" and a [[change]] from = \"2027-03-01\"")),
        "{errs:?}"
    );
}

#[test]
fn a_page_may_not_rely_on_a_replaced_text_without_saying_why() {
    let old = TEST_LAW.replace("read = ", "replaced_by = \"97-2025-tt-thu\"\nread = ");
    let new = TEST_LAW
        .replace("99/2099/TT-THU", "97/2025/TT-THU")
        .replace("in_force = \"2020-02-01\"", "in_force = \"2025-07-01\"");
    let inputs = with_law(
        with_law(
            with_procedure(PATH, &fixture("valid.md")),
            "99-2099-tt-thu",
            &old,
        ),
        "97-2025-tt-thu",
        &new,
    );
    let errs = errors(&inputs);
    assert!(
        errs[0].contains(":8:16: `99-2099-tt-thu` was replaced by `97-2025-tt-thu` on 2025-07-01: rely on the text in force, or say why in legal_basis_why.99-2099-tt-thu.vi and .en"),
        "{errs:?}"
    );
    assert!(
        errs[1..]
            .iter()
            .all(|e| e.contains("cites `99-2099-tt-thu`, which was replaced")),
        "{errs:?}"
    );
}

#[test]
fn a_register_file_is_named_after_its_number_and_its_links_exist() {
    let bad = TEST_LAW
        .replace("kind = \"thong-tu\"", "kind = \"cong-van\"")
        .replace("read = ", "replaced_by = \"khong-co\"\nread = ");
    let inputs = with_law(real_inputs(), "99-2099-tt-thuu", &bad);
    let errs = errors(&inputs);
    assert!(errs.iter().any(|e| e == "content/van-ban/99-2099-tt-thuu.toml:1:10: the file of number `99/2099/TT-THU` must be named content/van-ban/99-2099-tt-thu.toml"), "{errs:?}");
    assert!(
        errs.iter().any(|e| e.starts_with(
            "content/van-ban/99-2099-tt-thuu.toml:2:8: unknown kind of legal text `cong-van`"
        )),
        "{errs:?}"
    );
}

#[test]
fn a_page_without_its_independent_check_is_refused() {
    const R: &str =
        "reviewed = { date = \"2026-11-24\", note = \"Đối chiếu Thông tư thử nghiệm Điều 1.\" }\n";
    const MISSING: &str = "reviewed.date and reviewed.note are missing: record the independent check (see content/README.md)";
    let procedure = fixture("valid.md").replace(R, "");
    assert_eq!(
        errors(&with_procedure(PATH, &procedure)),
        vec![format!("{PATH}:2:1: {MISSING}")]
    );
    let empty = fixture("valid.md").replace("Đối chiếu Thông tư thử nghiệm Điều 1.", " ");
    assert_eq!(
        errors(&with_procedure(PATH, &empty)),
        vec![format!(
            "{PATH}:6:42: reviewed.note must say which texts the check used and what it changed"
        )]
    );
    let mut inputs = real_inputs();
    let flow = inputs
        .flows
        .iter_mut()
        .find(|s| s.path.ends_with("/sinh-con.toml"))
        .expect("the birth flow");
    let path = flow.path.clone();
    *flow = Source::new(path.clone(), strip_review(&flow.text));
    let glossary = inputs
        .glossary
        .iter_mut()
        .find(|s| s.path.ends_with("/giay-chung-sinh.toml"))
        .expect("the birth certificate");
    let entry = glossary.path.clone();
    *glossary = Source::new(entry.clone(), strip_review(&glossary.text));
    assert_eq!(
        errors(&inputs),
        vec![
            format!("{entry}:1:1: {MISSING}"),
            format!("{path}:1:1: {MISSING}")
        ]
    );
}

/// A content file without its `reviewed` lines.
fn strip_review(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("reviewed"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn a_flow_note_with_a_last_day_fails_once_it_has_passed() {
    let path = "content/su-kien/thu-nghiem.toml";
    let flow = fixture("cyclic-flow.toml");
    let flow = format!(
        "{}\n[[outcome.note]]\nabout = \"fee\"\ntext = {{ vi = \"Miễn phí đến hết năm.\", en = \"Free until the end of the year.\" }}\nuntil = \"2026-12-31\"\n",
        flow.trim_end()
    );
    let notes = |day: &str| {
        let mut inputs = with_flow(path, &flow);
        inputs.today = day.parse().expect("a date");
        errors(&inputs)
            .into_iter()
            // Other flows' dated notes are not this test's business.
            .filter(|e| e.starts_with(path) && e.contains("this note applied until"))
            .collect::<Vec<_>>()
    };
    assert_eq!(notes("2026-12-31"), Vec::<String>::new());
    let late = notes("2027-01-01");
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(late[0].starts_with(&format!("{path}:")), "{}", late[0]);
}

#[test]
fn a_broken_office_row_is_reported_at_its_line() {
    let mut inputs = real_inputs();
    let offices = &mut inputs.places[5];
    assert_eq!(offices.path, "content/dia-phuong/offices.csv");
    let header = offices.text.lines().next().expect("a header").to_string();
    let rows = [
        "01,00004,trung-tam,,\"Số 2, phố Trúc Bạch\",,,1,1,sapnhap",
        "01,99999,ubnd,,Trụ sở,,,,,sapnhap",
        "79,00004,ubnd,,Trụ sở,,,,,sapnhap",
        "01,00004,van-phong,,Trụ sở,,,,,sapnhap",
        "01,00004,ubnd,,Đang cập nhật,,,,,vpd",
        "01,00004,ubnd,Điểm số 1,Số 1 phố Hàng Bài,,,1,,sapnhap",
        "01,00004,ubnd,,\"Số 2 phố Trúc Bạch,\",,,1,,sapnhap",
        "01,00004,ubnd,,Trụ sở,,,x,,sapnhap",
        "01,00004,ubnd,,Trụ sở,,,,1,sapnhap",
        "01,00004,ubnd,,Trụ sở,,,,,web",
        "01,00004,diem-phuc-vu,,Số 1 phố Hàng Bài,,,1,,sapnhap",
        "01,00004,diem-phuc-vu,,Số 1 phố Hàng Bài,,,1,,vpd",
        "01,00004,trung-tam-hc,,Số 1 phố Hàng Bải,,,1,,vpd",
    ];
    *offices = Source::new(
        offices.path.clone(),
        format!("{header}\n{}\n", rows.join("\n")),
    );
    assert_eq!(
        errors(&inputs),
        vec![
            "content/dia-phuong/offices.csv:3:1: commune_code `99999` is not in communes-2025.csv",
            "content/dia-phuong/offices.csv:4:1: commune 00004 is in province 01, not 79",
            "content/dia-phuong/offices.csv:5:1: unknown kind `van-phong`; known: trung-tam, diem-phuc-vu, ubnd, trung-tam-hc",
            "content/dia-phuong/offices.csv:6:1: address is empty or “đang cập nhật”: leave the office out",
            "content/dia-phuong/offices.csv:7:1: only a service point (diem-phuc-vu) has a label",
            "content/dia-phuong/offices.csv:8:1: the same address is listed twice for 00004",
            "content/dia-phuong/offices.csv:9:1: old, street and committee must be empty or 1",
            "content/dia-phuong/offices.csv:10:1: only a centre (trung-tam) can share the People's Committee's address",
            "content/dia-phuong/offices.csv:11:1: unknown source `web`; known: sapnhap, vpd",
            // A service point needs no label; the same text twice is refused, a
            // spelling that differs in a tone mark is not.
            "content/dia-phuong/offices.csv:13:1: the same address is listed twice for 00004",
        ]
    );
}

#[test]
fn a_centre_address_in_a_province_that_no_longer_exists_is_refused() {
    let mut inputs = real_inputs();
    let centers = &mut inputs.places[3];
    assert_eq!(centers.path, "content/dia-phuong/centers.csv");
    let text = centers.text.replacen(
        "phường Thủ Dầu Một, Tp Hồ Chí Minh",
        "phường Thủ Dầu Một, Bình Dương",
        1,
    );
    assert_ne!(text, centers.text, "the fixture row is there");
    *centers = Source::new(centers.path.clone(), text);
    let errs = errors(&inputs);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].ends_with(":1: the address ends in `Bình Dương`, a province that no longer exists: write the province it is in now"),
        "{}",
        errs[0]
    );
}

// ------------------------------------------------------ documents needed sometimes

#[test]
fn a_document_needed_only_sometimes_names_its_case() {
    let errors = fixture_errors(|t| t.replace("case = \"nop-truc-tiep\"\n", ""));
    assert_eq!(
        errors,
        vec!["content/thu-tuc/thu-nghiem.md:28:7: document `giay-to-tuy-than` is needed only sometimes (`when`) but names no `case`: add `case = \"<id>\"`, the situation, so that a flow's question can settle it"]
    );
    let errors = fixture_errors(|t| {
        t.replace(
            "doc = \"van-ban-uy-quyen\"\n",
            "doc = \"van-ban-uy-quyen\"\ncase = \"Nho-Nguoi\"\n",
        )
    });
    assert_eq!(
        errors,
        vec!["content/thu-tuc/thu-nghiem.md:23:8: `case` names when a document is needed only sometimes; this one has no `when`"]
    );
}

/// A flow's question that settles a case on some ways to an outcome but not
/// all leaves the document undecided there, and the build says which.
#[test]
fn a_case_settled_on_some_ways_only_fails_the_build() {
    let mut flow = std::fs::read_to_string(root().join("content/su-kien/sinh-con.toml"))
        .expect("the birth flow");
    // `cach-nop` is not asked of a child 6 or older, nor of an abandoned child.
    flow = flow.replacen(
        "branch = [\n  { when = { cach-nop = \"truc-tuyen\" }, go = \"lien-thong\" },\n]\nnext = \"nguoi-nop\"",
        "branch = [\n  { when = { cach-nop = \"truc-tuyen\" }, go = \"lien-thong\" },\n]\nnext = \"nguoi-nop\"\nsettles = { nop-truc-tiep = [\"truc-tiep\"], khong-co-truong-hop-nay = [\"truc-tiep\"] }",
        1,
    );
    let errors = errors(&with_flow("content/su-kien/sinh-con.toml", &flow));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains(
            "no document of this flow's procedures is needed in case `khong-co-truong-hop-nay`"
        ),
        "{}",
        errors[0]
    );
    let flow = flow.replace(", khong-co-truong-hop-nay = [\"truc-tiep\"]", "");
    let errors = errors_of(&flow);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("content/su-kien/sinh-con.toml:"));
    assert!(
        errors[0].ends_with("outcome `tai-trung-tam`: document `giay-to-tuy-than` of `dang-ky-thuong-tru` is needed only in case `nop-truc-tiep`, which question `cach-nop` settles, but not every way here asks it; write an [[outcome.document]] rule for `giay-to-tuy-than`, or say `given` on the step"),
        "{}",
        errors[0]
    );
}

fn errors_of(flow: &str) -> Vec<String> {
    errors(&with_flow("content/su-kien/sinh-con.toml", flow))
}

#[test]
fn a_place_tied_to_someone_must_say_whose_it_is() {
    // "The commune where …": without whose, a page would say "where you live"
    // for the land's commune or the new home's police.
    let errs =
        fixture_errors(|s| s.replace(r#"place = "any-commune""#, r#"place = "property-commune""#));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with(
            "content/thu-tuc/thu-nghiem.md:10:9: place `property-commune` needs `place_of`"
        ),
        "{}",
        errs[0]
    );
    // And a place that is no one's takes none.
    let errs = fixture_errors(|s| {
        s.replace(
            r#"place = "any-commune""#,
            "place = \"any-commune\"\nplace_of = \"land\"",
        )
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with(
            "content/thu-tuc/thu-nghiem.md:11:12: place `any-commune` takes no `place_of`"
        ),
        "{}",
        errs[0]
    );
    // "Depends on the case" is only honest with the cases written out.
    let errs = fixture_errors(|s| s.replace(r#"place = "any-commune""#, r#"place = "by-case""#));
    assert_eq!(
        errs,
        vec!["content/thu-tuc/thu-nghiem.md:10:9: place `by-case` needs a `place_note` saying where, case by case"]
    );
}

// ---------------------------------------------------------------- forms filled in from flows

const BIRTH_FORM: &str = "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml";

/// The real content with the birth form's text edited.
fn birth_form_errors(edit: impl Fn(&str) -> String) -> Vec<String> {
    let mut inputs = real_inputs();
    let source = inputs
        .forms
        .iter_mut()
        .find(|s| s.path == BIRTH_FORM)
        .expect("the birth form");
    *source = Source::new(BIRTH_FORM, edit(&source.text));
    errors(&inputs)
}

#[test]
fn a_prefill_that_does_not_fit_its_form_fails_at_its_line() {
    let errs = birth_form_errors(|text| {
        text.replace(
            r#"set = { quoc_tich = "Việt Nam" }"#,
            r#"set = { quoc_tich = "Việt Nam", gioi_tinh = "khac", ngay_sinh = "2026-01-01", khong_co = "x" }"#,
        )
        .replace(
            r#"skip = ["kh_so", "kh_quyen", "kh_ngay", "kh_noi"]"#,
            r#"skip = ["kh_so", "kh_quyen", "kh_ngay", "kh_noi", "ho_ten"]"#,
        )
    });
    assert_eq!(
        errs,
        vec![
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:333:51: `skip`: `ho_ten` must be answered, it cannot be left blank",
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:349:45: `gioi_tinh` cannot take `khac`: a prefilled value fits a text field's length or is one of a choice's options",
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:349:65: `ngay_sinh` cannot take `2026-01-01`: a prefilled value fits a text field's length or is one of a choice's options",
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:349:79: `set`: there is no field `khong_co` in this form",
        ]
    );
}

#[test]
fn a_prefill_that_names_no_flow_answer_or_scenario_fails_at_its_line() {
    let errs = birth_form_errors(|text| {
        text.replace(
            "[[template]]",
            r#"[[prefill]]
flow = "sinh-con"
when = { cha-me = "co-le" }
skip = ["kh_so"]
why.vi = "Thử."
why.en = "Test."

[[prefill]]
flow = "sinh-chau"
when = { ket-hon = "roi" }
skip = ["kh_so"]
why.vi = "Thử."
why.en = "Test."

[[prefill]]
flow = "sinh-con"
when = { ket-hon = "roi", nhan-cha = "co" }
set = { kh_noi = "Ủy ban nhân dân xã A" }
why.vi = "Không bao giờ xảy ra."
why.en = "Never happens."

[[prefill]]
flow = "sinh-con"
when = { noi-sinh = "viet-nam", chung-sinh = "bo-roi" }
set = { quoc_tich = "Lào" }
why.vi = "Trái với quy tắc khác."
why.en = "Disagrees with another rule."

[[template]]"#,
        )
    });
    assert_eq!(
        errs,
        vec![
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:347:8: `quoc_tich`: two [[prefill]] rules of `sinh-con` that can hold together disagree on it",
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:355:19: question `cha-me` has no option `co-le`; its options: khong, co",
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:361:8: unknown flow `sinh-chau`; known: chuyen-noi-o, co-nguoi-mat, giay-to-ca-nhan, ho-tro-xa-hoi, ket-hon, kinh-doanh, nghia-vu-quan-su, nha-dat, sinh-con, xay-nha",
            "content/bieu-mau/to-khai-dang-ky-khai-sinh.toml:368:8: no scenario of content/su-kien/kich-ban/sinh-con.toml reaches this form with these answers: add one that does",
        ]
    );
}

#[test]
fn a_scenario_whose_form_is_filled_otherwise_fails_the_build() {
    let mut inputs = real_inputs();
    let path = "content/su-kien/kich-ban/sinh-con.toml";
    let source = inputs
        .scenarios
        .iter_mut()
        .find(|s| s.path == path)
        .expect("the birth scenarios");
    let text = source.text.replacen(
        r#"filled = { to-khai-dang-ky-khai-sinh = { quoc_tich = "Việt Nam" } }
left_blank = { to-khai-dang-ky-khai-sinh = [] }"#,
        r#"filled = { to-khai-dang-ky-khai-sinh = { quoc_tich = "Lào" }, to-khai-ket-hon = {}, to-khai-nhan-cha-me-con = {} }
left_blank = { to-khai-dang-ky-khai-sinh = ["cha_ho_ten"] }"#,
        1,
    );
    *source = Source::new(path, text);
    assert_eq!(
        errors(&inputs),
        vec![
            r#"content/su-kien/kich-ban/sinh-con.toml:26:40: scenario “Khai sinh sau 60 ngày, nộp trực tiếp, cha mẹ tự đi: vẫn là thủ tục khai sinh thông thường (Luật Hộ tịch, Điều 15)”: `to-khai-dang-ky-khai-sinh` is filled in with {"quoc_tich": "Việt Nam"}, not {"quoc_tich": "Lào"}"#,
            "content/su-kien/kich-ban/sinh-con.toml:26:81: scenario “Khai sinh sau 60 ngày, nộp trực tiếp, cha mẹ tự đi: vẫn là thủ tục khai sinh thông thường (Luật Hộ tịch, Điều 15)”: `to-khai-ket-hon` is not a form on this outcome's checklist",
            "content/su-kien/kich-ban/sinh-con.toml:26:111: scenario “Khai sinh sau 60 ngày, nộp trực tiếp, cha mẹ tự đi: vẫn là thủ tục khai sinh thông thường (Luật Hộ tịch, Điều 15)”: `to-khai-nhan-cha-me-con` is not a form on this outcome's checklist",
            r#"content/su-kien/kich-ban/sinh-con.toml:27:44: scenario “Khai sinh sau 60 ngày, nộp trực tiếp, cha mẹ tự đi: vẫn là thủ tục khai sinh thông thường (Luật Hộ tịch, Điều 15)”: `to-khai-dang-ky-khai-sinh` leaves blank [], not ["cha_ho_ten"]"#,
        ]
    );
}

// ---------------------------------------------------------------- parts asked for a count

const CT01_FORM: &str = "content/bieu-mau/to-khai-cu-tru-ct01.toml";

#[test]
fn a_part_asked_for_a_count_and_digit_boxes_are_checked_at_their_line() {
    let mut inputs = real_inputs();
    let source = inputs
        .forms
        .iter_mut()
        .find(|s| s.path == CT01_FORM)
        .expect("the CT01 form");
    let text = source
        .text
        .replace(
            r#"only_if = { field = "so_nguoi", at_least = 2 }"#,
            r#"only_if = { field = "so_nguoi", at_least = 7 }"#,
        )
        .replace(
            r#"only_if = { field = "so_nguoi", at_least = 3 }"#,
            r#"only_if = { field = "ho_ten", at_least = 3 }"#,
        )
        .replace(
            "id = \"tv4_quan_he\"\n",
            "id = \"tv4_quan_he\"\nrequired = true\n",
        )
        .replace("{ngay_sinh~8}", "{ngay_sinh.boxes}");
    *source = Source::new(CT01_FORM, text);
    // (The `required` line is added after line 305: the layout moves down one.)
    assert_eq!(
        errors(&inputs),
        vec![
            "content/bieu-mau/to-khai-cu-tru-ct01.toml:40:6: field `ngay_sinh` has no slot in the template from 2026-07-01: the printout would leave it out",
            "content/bieu-mau/to-khai-cu-tru-ct01.toml:185:44: only_if: at_least 7 must be above `so_nguoi`'s least, 0, and at most its greatest, 6",
            "content/bieu-mau/to-khai-cu-tru-ct01.toml:229:21: only_if: `ho_ten` is not a number field of an earlier section",
            "content/bieu-mau/to-khai-cu-tru-ct01.toml:305:6: field `tv4_quan_he` is in a section asked only_if, so it cannot be required",
            "content/bieu-mau/to-khai-cu-tru-ct01.toml:482:27: `{ngay_sinh.boxes}`: only a personal ID number (id-number) prints a digit to a box",
        ]
    );
}

#[test]
fn a_change_log_out_of_order_or_without_its_first_entry_fails_at_its_lines() {
    // The fixture's log (lines 36–40) replaced by five entries, each wrong once.
    let log = "[[log]]\ndate = \"2026-11-30\"\nwhy = \"law\"\nvi = \"Cập nhật.\"\nen = \"Updated.\"\n\n\
[[log]]\ndate = \"2026-12-01\"\nwhy = \"correction\"\nlaw = \"99-2099-tt-thu\"\nvi = \"Sửa.\"\nen = \"Corrected.\"\n\n\
[[log]]\ndate = \"2099-01-01\"\nwhy = \"addition\"\nvi = \"Thêm.\"\nen = \"Added.\"\n\n\
[[log]]\ndate = \"2026-11-23\"\nwhy = \"new\"\nvi = \"Trang được đăng.\"\nen = \"Page published.\"\n\n\
[[log]]\ndate = \"2026-11-20\"\nwhy = \"rewrite\"\nvi = \"Viết lại.\"\nen = \"Rewritten.\"\n";
    // Checked after every entry's day, so that only the log's own faults show.
    let s = fixture("valid.md")
        .replace("checked = \"2026-11-23\"", "checked = \"2026-12-04\"")
        .replace("date = \"2026-11-24\"", "date = \"2026-12-04\"");
    let (front, rest) = s.split_once("[[log]]\n").expect("the fixture has a log");
    let (_, body) = rest.split_once("+++\n").expect("the front matter ends");
    let errs = on_day(&format!("{front}{log}+++\n{body}"), "2026-12-04");
    assert_eq!(
        errs,
        vec![
            "content/thu-tuc/thu-nghiem.md:38:7: `why = \"law\"` needs `law = \"<id>\"`: the text of the register that caused the change",
            "content/thu-tuc/thu-nghiem.md:43:8: log entries go newest first: 2026-12-01 comes after an older entry",
            "content/thu-tuc/thu-nghiem.md:45:7: `law` goes only with `why = \"law\"`, not `correction`",
            "content/thu-tuc/thu-nghiem.md:50:8: log date 2099-01-01 is after the content's day 2026-12-04: a change is logged once it is made",
            "content/thu-tuc/thu-nghiem.md:57:7: `why = \"new\"` is the page's first publication: the last (oldest) entry, once",
            "content/thu-tuc/thu-nghiem.md:63:7: unknown why `rewrite`; known: new, law, correction, addition",
        ]
    );
    // A change logged after the page's last check (checked 2026-11-23).
    let errs = fixture_errors(|s| {
        s.replace(
            "[[log]]\n",
            "[[log]]\ndate = \"2026-11-30\"\nwhy = \"addition\"\nvi = \"Thêm.\"\nen = \"Added.\"\n\n[[log]]\n",
        )
    });
    assert_eq!(
        errs,
        vec!["content/thu-tuc/thu-nghiem.md:37:8: log date 2026-11-30 is after the page's last check (2026-11-23): check the change, then move `checked` and `reviewed.date` to its day"]
    );
    // No log at all.
    let errs = fixture_errors(|s| {
        let (front, rest) = s.split_once("[[log]]\n").expect("the fixture has a log");
        let (_, body) = rest.split_once("+++\n").expect("the front matter ends");
        format!("{front}+++\n{body}")
    });
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].contains("the change log is missing"), "{errs:?}");
}
