//! Routes and data: every page has a path that parses back to it, unknown paths are
//! "not found", and the catalogue is complete in both languages.

use thu_tuc_xa::data;
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::route::{Page, Route};

#[test]
fn every_page_path_parses_back_to_the_same_page() {
    for route in Route::all() {
        assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
    }
}

#[test]
fn english_is_the_same_path_under_en() {
    for route in Route::all().into_iter().filter(|r| r.lang == Lang::Vi) {
        assert_eq!(route.translated().href(), format!("/en{}", route.href()));
    }
}

#[test]
fn paths_are_tolerant_of_missing_slash_query_and_fragment() {
    let p = data::procedure("dang-ky-khai-sinh").expect("birth registration exists");
    for path in [
        "/thu-tuc/dang-ky-khai-sinh",
        "/thu-tuc/dang-ky-khai-sinh/?utm=x",
        "/thu-tuc/dang-ky-khai-sinh/#documents",
        "//thu-tuc//dang-ky-khai-sinh/",
        // Other addresses a host serves for the same file.
        "/thu-tuc/dang-ky-khai-sinh/index.html",
        "/%74hu-tuc/dang-ky-khai-sinh/",
        "/thu-tuc/dang-ky-khai-sinh%2F",
        "/thu-tuc/%64ang-ky-khai-sinh/index.html?x=1",
    ] {
        assert_eq!(
            Route::parse(path),
            Route::new(Lang::Vi, Page::Procedure(p)),
            "{path}"
        );
    }
}

#[test]
fn unknown_paths_are_not_found() {
    for path in [
        "/thu-tuc/khong-co-thu-tuc-nay/",
        "/en/thu-tuc/nope/",
        "/linh-vuc/khong-co/",
        "/abc",
        "/thu-tuc/dang-ky-khai-sinh/extra/",
        "/404.html",
        "/%E2%80%AE/",
        "/%FF%FE/",
        "/%/",
        "/index.html/x/",
    ] {
        assert_eq!(Route::parse(path).page, Page::NotFound, "{path}");
    }
    assert_eq!(Route::parse("/en/nope").lang, Lang::En);
    assert_eq!(Route::parse("/index.html").page, Page::Home);
    assert_eq!(
        Route::parse("/en/index.html"),
        Route::new(Lang::En, Page::Home)
    );
}

#[test]
fn every_page_says_which_page_it_is_for_the_wasm() {
    let p = data::procedure("dang-ky-khai-sinh").expect("exists");
    let head = thu_tuc_xa::ssr::head(&Route::new(Lang::En, Page::Procedure(p)), "https://x");
    assert!(
        head.contains(r#"<meta name="thu-tuc-xa:page" content="/en/thu-tuc/dang-ky-khai-sinh/">"#),
        "{head}"
    );
}

#[test]
fn a_fragment_names_its_build_and_the_shell_gives_it() {
    use thu_tuc_xa::route::{build_mark, build_of_fragment, build_of_shell};
    let html = format!(
        "{}<h1>Đăng ký khai sinh</h1>",
        build_mark("49789e40b0674fff")
    );
    assert_eq!(build_of_fragment(&html), Some("49789e40b0674fff"));
    for unmarked in [
        "<h1>x</h1>",
        "",
        "<!--build -->",
        "<!--build a b-->",
        "<!--build x",
        " <!--build ab-->",
    ] {
        assert_eq!(build_of_fragment(unmarked), None, "{unmarked:?}");
    }
    let shell = r#"<link rel="preload" href="/thu-tuc-xa-49789e40b0674fff_bg.wasm" as="fetch">"#;
    assert_eq!(build_of_shell(shell), Some("49789e40b0674fff"));
    assert_eq!(build_of_shell("<p>no wasm</p>"), None);
    assert_eq!(build_of_shell("/x-_bg.wasm"), None);
}

#[test]
fn the_offline_page_has_its_own_address() {
    let offline = Route::parse("/offline.html");
    assert_eq!(offline.page, Page::Offline);
    assert_eq!(offline.href(), "/offline.html");
    let english = Route::parse("/en/offline.html");
    assert_eq!(english, Route::new(Lang::En, Page::Offline));
    assert_eq!(english.href(), "/en/offline.html");
}

#[test]
fn the_catalogue_has_at_least_sixty_procedures_with_sources() {
    assert!(data::PROCEDURES.len() >= 60, "{}", data::PROCEDURES.len());
    assert_eq!(data::DETAILS.len(), data::PROCEDURES.len());
    for (info, p) in data::PROCEDURES.iter().zip(&data::DETAILS) {
        assert_eq!(p.info, info);
        assert!(std::ptr::eq(data::details(info), p));
        assert!(
            p.portal_url
                .is_none_or(|u| u.starts_with("https://dichvucong.gov.vn/")),
            "{}",
            info.slug
        );
        assert!(!p.sources.is_empty(), "{}", info.slug);
        assert!(!p.documents.is_empty(), "{}", info.slug);
        assert!(data::field(info.field).is_some(), "{}", info.slug);
    }
}

#[test]
fn every_field_on_the_home_page_has_procedures_and_both_fields_are_covered() {
    let ids: Vec<&str> = data::fields_in_use().map(|f| f.id).collect();
    assert!(
        ids.contains(&"ho-tich") && ids.contains(&"chung-thuc"),
        "{ids:?}"
    );
}

#[test]
fn titles_and_descriptions_are_in_the_page_language() {
    let p = data::procedure("dang-ky-khai-sinh").expect("exists");
    let vi = Route::new(Lang::Vi, Page::Procedure(p));
    assert_eq!(vi.title(), "Đăng ký khai sinh – Thủ tục xã");
    assert_eq!(vi.translated().title(), "Birth registration – Thủ tục xã");
    assert!(!thu_tuc_xa::ssr::description(&vi).is_empty());
}
