//! Server rendering: every page prerenders to HTML that carries its content, so the
//! site reads without JavaScript.
#![cfg(feature = "ssr")]

use thu_tuc_xa::data;
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::route::{Page, Route};
use thu_tuc_xa::ssr;

#[test]
fn every_page_renders_with_its_heading() {
    for route in Route::all() {
        let html = ssr::render_body(&route);
        assert!(html.contains("<h1"), "{}: no heading", route.href());
        assert!(
            html.contains("id=\"main\""),
            "{}: no main landmark",
            route.href()
        );
        assert!(!html.contains("<script"), "{}: inline script", route.href());
        assert!(
            !html.contains(" style=\""),
            "{}: inline style breaks the CSP",
            route.href()
        );
    }
}

#[test]
fn a_procedure_page_has_every_part_a_citizen_needs() {
    let p = data::procedure("dang-ky-khai-sinh").expect("exists");
    let html = ssr::render_body(&Route::new(Lang::Vi, Page::Procedure(p)));
    for needle in [
        "Đăng ký khai sinh",
        "1.001193",
        data::details(p).portal_url,
        "Giấy tờ cần mang",
        "Giấy chứng sinh do cơ sở y tế cấp",
        "bản chính",
        "Nếu không có",
        "Lệ phí",
        "Thời gian giải quyết",
        "Nộp ở đâu",
        "Trực tuyến trên ứng dụng VNeID",
        "Căn cứ pháp lý",
        "Kiểm tra lần cuối",
        "23/11/2026",
        "<h2>Các bước</h2>",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    let en = ssr::render_body(&Route::new(Lang::En, Page::Procedure(p)));
    for needle in [
        "Birth registration",
        "What to bring",
        "Last checked",
        "23 November 2026",
        "<h2>Steps</h2>",
    ] {
        assert!(en.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn a_procedure_page_carries_the_same_article_the_wasm_would_fetch() {
    use thu_tuc_xa::app::article::article_html;
    for info in &data::PROCEDURES {
        for lang in Lang::ALL {
            let route = Route::new(lang, Page::Procedure(info));
            let article = article_html(data::details(info), lang);
            let page = ssr::render_body(&route);
            assert!(
                page.contains(&format!("<article class=\"procedure\">{article}</article>")),
                "{}",
                route.href()
            );
            assert!(route
                .fragment_href()
                .is_some_and(|f| f.ends_with(&format!("/thu-tuc/{}.html", info.slug))));
        }
    }
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
