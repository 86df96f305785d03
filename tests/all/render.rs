//! Server rendering: every page prerenders to HTML that carries its content, so the
//! site reads without JavaScript.

use thu_tuc_xa::data;
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::route::{Page, Route};
use thu_tuc_xa::ssr;

#[test]
fn every_page_renders_with_its_heading() {
    // The prerenderer checks every page as it writes it (`ssr::check_body`); here,
    // the first pages of each kind and every 50th of the rest.
    let mut checked = 0;
    for route in sample() {
        let body = ssr::render_body(&route);
        let article = thu_tuc_xa::app::article::render(&route);
        ssr::check_body(&route, &body, article.as_deref()).unwrap_or_else(|e| panic!("{e}"));
        checked += 1;
    }
    assert!(checked > 200, "{checked} pages checked");
}

/// The first ten pages of each kind, then every 50th page.
fn sample() -> Vec<Route> {
    let mut seen: std::collections::HashMap<std::mem::Discriminant<Page>, usize> =
        std::collections::HashMap::new();
    Route::all()
        .into_iter()
        .enumerate()
        .filter(|(i, route)| {
            let n = seen.entry(std::mem::discriminant(&route.page)).or_default();
            *n += 1;
            *n <= 10 || i % 50 == 0
        })
        .map(|(_, route)| route)
        .collect()
}

#[test]
fn a_procedure_page_has_every_part_a_citizen_needs() {
    let p = data::procedure("dang-ky-khai-sinh").expect("exists");
    let html = ssr::render_body(&Route::new(Lang::Vi, Page::Procedure(p)));
    let checked = data::details(p).checked;
    let checked_vi = thu_tuc_xa::model::format_date(checked, Lang::Vi);
    let checked_en = thu_tuc_xa::model::format_date(checked, Lang::En);
    for needle in [
        "Đăng ký khai sinh",
        "1.001193",
        data::details(p)
            .portal_url
            .expect("birth registration has a portal entry"),
        "Giấy tờ cần mang",
        "Giấy chứng sinh",
        "href=\"/giay-to/giay-chung-sinh/\"",
        "bản chính",
        "Nếu không có",
        "Lệ phí",
        "Thời gian giải quyết",
        "Nộp ở đâu",
        "Trực tuyến trên ứng dụng VNeID",
        "Căn cứ pháp lý",
        "Kiểm tra lần cuối",
        &checked_vi,
        // Each hard fact shows its source, linked into the register.
        "<span class=\"cite-label\">Căn cứ",
        "href=\"/van-ban/#60-2014-qh13\"",
        "<h2>Các bước</h2>",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    let en = ssr::render_body(&Route::new(Lang::En, Page::Procedure(p)));
    for needle in [
        "Birth registration",
        "What to bring",
        "Last checked",
        &checked_en,
        "href=\"/en/van-ban/#60-2014-qh13\"",
        "<h2>Steps</h2>",
    ] {
        assert!(en.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn pages_made_at_build_time_carry_the_same_html_the_wasm_would_fetch() {
    use thu_tuc_xa::app::article;
    let mut fragments = 0;
    for route in sample() {
        let (Some(href), Some(html)) = (route.fragment_href(), article::render(&route)) else {
            continue;
        };
        fragments += 1;
        assert!(
            href.starts_with("/fragments/") && href.ends_with(".html"),
            "{href}"
        );
        // What the wasm sets is what the page carries (also `ssr::check_body`).
        assert!(
            ssr::render_body(&route).contains(&format!(
                "<div data-page=\"{}\" class=\"fragment\">{html}</div>",
                route.href()
            )),
            "{}",
            route.href()
        );
    }
    assert!(fragments > 200, "{fragments} fragments checked");
    // Every prerendered page but the two home pages is made at build time.
    let all = Route::all();
    assert_eq!(
        all.iter().filter(|r| r.fragment_href().is_some()).count(),
        all.len() - 2
    );
}

#[test]
fn every_document_page_lists_the_procedures_that_need_it() {
    use thu_tuc_xa::app::article;
    let doc = data::document("giay-to-tuy-than").expect("the ID entry exists");
    let html = article::render(&Route::new(Lang::Vi, Page::Document(doc))).expect("a fragment");
    assert!(html.contains("Thủ tục cần giấy tờ này"));
    assert!(html.contains("href=\"/thu-tuc/dang-ky-khai-sinh/\""));
}

#[test]
fn the_index_links_every_procedure_to_a_guide_or_the_portal() {
    use thu_tuc_xa::app::article;
    let mut entries = 0;
    for field in &data::INDEX_FIELDS {
        let html =
            article::render(&Route::new(Lang::En, Page::IndexField(field))).expect("a fragment");
        let n = html.matches("class=\"index-entry\"").count();
        assert_eq!(n as u32, field.count, "{}", field.id);
        entries += n;
    }
    assert_eq!(entries, data::INDEX.len());
    let civil = data::index_field("ho-tich").expect("civil status is in the index");
    let html = article::render(&Route::new(Lang::Vi, Page::IndexField(civil))).expect("a fragment");
    assert!(
        html.contains("href=\"/thu-tuc/dang-ky-khai-sinh/\""),
        "a detailed procedure links to its guide"
    );
    assert!(
        html.contains("href=\"https://dichvucong.gov.vn/"),
        "the others link to the portal"
    );
}

#[test]
fn the_language_switch_points_to_the_same_page() {
    let p = data::procedure("dang-ky-ket-hon").expect("marriage registration exists");
    let html = ssr::render_body(&Route::new(Lang::Vi, Page::Procedure(p)));
    assert!(html.contains("href=\"/en/thu-tuc/dang-ky-ket-hon/\""));
}

#[test]
fn the_head_has_title_description_canonical_and_alternates() {
    let route = Route::parse("/en/thu-tuc/");
    let head = ssr::head(&route, "https://example.gov.vn");
    assert!(
        head.contains("<title>All procedures – Thủ tục xã</title>"),
        "{head}"
    );
    assert!(head.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/en/thu-tuc/\">"));
    assert!(head.contains("hreflang=\"vi\" href=\"https://example.gov.vn/thu-tuc/\""));
    assert!(head.contains("<meta name=\"description\""));
}

#[test]
fn the_not_found_page_offers_a_way_back_in_both_languages() {
    let html = ssr::render_body(&Route::parse("/khong-co/"));
    assert!(html.contains("Không tìm thấy trang"));
    assert!(html.contains("Page not found"));
    assert!(html.contains("href=\"/\""));
    assert!(html.contains("href=\"/en/\""));
}

/// A flow's page carries every view (intro shown, the rest hidden for the wasm to
/// show one at a time), and every `data-when` names a condition of that flow.
#[test]
fn a_flow_page_carries_every_view_and_only_known_conditions() {
    for f in data::FLOWS.iter() {
        for lang in Lang::ALL {
            let html = ssr::render_body(&Route::new(lang, Page::Flow(f)));
            let at = Route::new(lang, Page::Flow(f)).href();
            assert!(html.contains("data-show=\"intro\""), "{at}: intro");
            assert!(
                !html.contains("data-show=\"intro\" hidden"),
                "{at}: the intro is visible"
            );
            for q in f.questions {
                let form = format!("data-show=\"q:{}\" data-q=\"{}\" hidden", q.id, q.id);
                assert!(html.contains(&form), "{at}: hidden form for {}", q.id);
                for o in q.options {
                    assert!(html.contains(&format!("value=\"{o}\"")), "{at}: option {o}");
                }
            }
            for o in f.outcomes {
                assert!(
                    html.contains(&format!("data-show=\"o:{}\" hidden", o.id)),
                    "{at}: {}",
                    o.id
                );
            }
            for (i, _) in html.match_indices("data-when=\"") {
                let rest = &html[i + "data-when=\"".len()..];
                let index: usize = rest[..rest.find('"').expect("closed")]
                    .parse()
                    .expect("a number");
                assert!(
                    index < f.conds.len(),
                    "{at}: data-when={index} out of range"
                );
            }
        }
    }
}

#[test]
fn a_commune_page_lists_its_offices_in_the_sources_words_with_the_source() {
    let ngoc_ha = data::COMMUNES
        .iter()
        .find(|c| c.code == "00008")
        .expect("Phường Ngọc Hà");
    let route = Route::parse(&Route::commune_href(
        Lang::Vi,
        ngoc_ha.province,
        ngoc_ha.slug,
    ));
    let html = ssr::render_body(&route);
    for needle in [
        "Trụ sở theo bản đồ đơn vị hành chính",
        "Điểm Phục vụ hành chính công 01 phường Ngọc Hà",
        "Số 1 ngõ 465 Đội Cấn, phường Ngọc Hà, thành phố Hà Nội",
        "Tiếp nhận hồ sơ lĩnh vực Tư pháp",
        "sapnhap.bando.com.vn",
        "hãy hỏi Ủy ban nhân dân xã, phường, đặc khu trước khi đi",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // A commune whose sources name only a former office says so.
    let ba_che = data::COMMUNES
        .iter()
        .find(|c| c.code == "06970")
        .expect("Xã Ba Chẽ");
    let route = Route::parse(&Route::commune_href(Lang::Vi, ba_che.province, ba_che.slug));
    let html = ssr::render_body(&route);
    assert!(html.contains("Trụ sở Huyện ủy Ba Chẽ"));
    assert!(html.contains("chỉ có tên trụ sở cũ, chưa có địa chỉ"));
}

#[test]
fn every_page_says_who_runs_the_site_and_links_to_the_about_page() {
    for lang in Lang::ALL {
        let about = Route::new(lang, Page::About).href();
        let name = data::PUBLISHER.name(lang);
        for page in [Page::Home, Page::Places, Page::About] {
            let html = ssr::render_body(&Route::new(lang, page));
            assert!(
                html.contains(&format!("href=\"{about}\"")),
                "{lang:?} {page:?}: no link to {about}"
            );
            assert!(
                html.contains(&ssr::escape(name)),
                "{lang:?} {page:?}: the publisher {name:?} is not named"
            );
        }
        let html = ssr::render_body(&Route::new(lang, Page::About));
        let t = data::strings(lang);
        for needle in [
            t.about_guide_heading,
            t.about_sources_heading,
            t.about_report_heading,
        ] {
            assert!(
                html.contains(needle),
                "{lang:?}: the about page has no {needle:?}"
            );
        }
        // How to report: the host's address, or plainly that there is none yet.
        match data::PUBLISHER.report_href() {
            Some(href) => assert!(html.contains(&href), "{lang:?}: no link to {href}"),
            None => assert!(html.contains(t.about_report_none)),
        }
    }
}

#[test]
fn a_report_address_is_a_link_or_the_build_stops() {
    let with = |report_to, url| data::Publisher {
        name: Some("Sở X"),
        name_en: None,
        url,
        report_to,
    };
    assert_eq!(
        with(Some("loi@example.vn"), None).report_href().as_deref(),
        Some("mailto:loi@example.vn")
    );
    assert_eq!(
        with(Some("https://example.vn/gop-y"), None)
            .report_href()
            .as_deref(),
        Some("https://example.vn/gop-y")
    );
    assert_eq!(with(Some("gọi 1022"), None).report_href(), None);
    assert_eq!(with(Some("gọi 1022"), None).problems().len(), 1);
    assert_eq!(with(None, Some("example.vn")).problems().len(), 1);
    assert!(with(Some("loi@example.vn"), Some("https://example.vn"))
        .problems()
        .is_empty());
    // An English name falls back to the Vietnamese one.
    assert_eq!(with(None, None).name(Lang::En), "Sở X");
}

/// An outcome says where to file as the procedure's page does, announced
/// changes of place included (issue 19: the outcome pages left them out).
#[test]
fn an_outcome_says_when_where_to_file_changes() {
    let mut seen = 0;
    for f in data::FLOWS.iter() {
        let html = ssr::render_body(&Route::new(Lang::Vi, Page::Flow(f)));
        for o in f.outcomes {
            for s in o.steps {
                let p = data::details(data::procedure(s.procedure).expect("a procedure"));
                for c in p.changes_of(thu_tuc_xa::model::FactKind::Place) {
                    // The escaped text may differ in quotes; its first words do not.
                    let start: String = c.fact.text.vi.chars().take(40).collect();
                    assert!(
                        html.contains(&start),
                        "{}: {}: {start}",
                        f.slug,
                        p.info.slug
                    );
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= 10, "{seen} changes of place on outcomes");
}

/// The "where to file" part of an outcome's HTML, up to the next heading.
fn where_part<'h>(html: &'h str, flow: &str, outcome: &str) -> &'h str {
    let start = html
        .find(&format!("data-show=\"o:{outcome}\""))
        .unwrap_or_else(|| panic!("{flow}: no outcome {outcome}"));
    let rest = &html[start..];
    let heading = rest.find("Nộp ở đâu").expect("a where heading");
    let rest = &rest[heading..];
    &rest[..rest.find("<h2").unwrap_or(rest.len())]
}

#[test]
fn an_outcome_says_whose_commune_each_step_goes_to() {
    let flow = |slug: &str| {
        let f = data::FLOWS.iter().find(|f| f.slug == slug).expect("a flow");
        ssr::render_body(&Route::new(Lang::Vi, Page::Flow(f)))
    };
    // Building a house: the land, the building site and the loan each have their
    // commune; none of them is "where you live".
    let html = flow("xay-nha");
    let w = where_part(&html, "xay-nha", "xay-moi-xin-phep");
    for want in ["nơi có đất", "nơi sẽ xây nhà", "nơi bạn thường trú"] {
        assert!(w.contains(want), "xay-moi-xin-phep: no {want:?} in {w}");
    }
    assert!(
        !w.contains("phường nơi bạn cư trú"),
        "xay-moi-xin-phep: {w}"
    );
    // A household business files in the province of its seat.
    let html = flow("kinh-doanh");
    let w = where_part(&html, "kinh-doanh", "dang-ky");
    assert!(w.contains("nơi hộ kinh doanh đặt trụ sở"), "{w}");
    assert!(!w.contains("thành phố nơi bạn cư trú"), "{w}");
    // A contract on land is certified where the land is, not at any commune.
    let html = flow("nha-dat");
    let w = where_part(&html, "nha-dat", "chung-thuc-hop-dong");
    assert!(w.contains("nơi có đất, nhà hoặc công trình"), "{w}");
    assert!(!w.contains("bất kỳ"), "{w}");
    // Moving in: the police of the new home, not of "where you live".
    let html = flow("chuyen-noi-o");
    let w = where_part(&html, "chuyen-noi-o", "thuong-tru");
    assert!(w.contains("nơi có chỗ ở bạn đăng ký"), "{w}");
    // An estate of movables only is certified anywhere; one with land, where it is.
    let html = flow("co-nguoi-mat");
    let w = where_part(&html, "co-nguoi-mat", "di-san");
    assert!(w.contains("nơi có đất, nhà hoặc công trình"), "{w}");
    assert!(w.contains("bất kỳ xã, phường, đặc khu nào"), "{w}");
}

#[test]
fn every_place_says_whose_it_is_where_it_is_someones() {
    // No wording is left with its "{of}" slot, on any procedure or outcome.
    for lang in [Lang::Vi, Lang::En] {
        for f in data::FLOWS.iter() {
            let html = ssr::render_body(&Route::new(lang, Page::Flow(f)));
            assert!(!html.contains("{of}"), "{}: an unfilled place", f.slug);
        }
        for p in data::PROCEDURES.iter() {
            let html = ssr::render_body(&Route::new(lang, Page::Procedure(p)));
            assert!(!html.contains("{of}"), "{}: an unfilled place", p.slug);
        }
    }
}

#[test]
fn a_province_note_shows_with_every_source_on_its_pages() {
    let hanoi = data::PROVINCES
        .iter()
        .find(|p| p.code == "01")
        .expect("Hà Nội");
    let (_, sources) = data::province_details(hanoi)
        .note
        .expect("Hà Nội has a note");
    assert!(sources.len() >= 2);
    let html = thu_tuc_xa::app::article::render(&Route::new(Lang::Vi, Page::Province(hanoi)))
        .expect("a province page");
    assert!(html.contains("024.1022 (nhánh 7, 8)"), "the note is shown");
    for (i, href) in sources.iter().enumerate() {
        assert!(
            html.contains(&format!(
                "<a href=\"{href}\" rel=\"noopener\">(nguồn {})</a>",
                i + 1
            )),
            "source {href}"
        );
    }
    // A province without a note shows none.
    let other = data::PROVINCES
        .iter()
        .find(|p| data::province_details(p).note.is_none())
        .expect("most provinces have no note");
    let html = thu_tuc_xa::app::article::render(&Route::new(Lang::Vi, Page::Province(other)))
        .expect("a province page");
    assert!(!html.contains("(nguồn"));
}
