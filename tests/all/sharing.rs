//! What a page says to search engines, feed readers and link previews, read
//! back with parsers: the Atom feeds (`atom_syndication`), the schema.org data
//! (`serde_json`), the preview images (their PNG header).

use thu_tuc_xa::changes::{all_in, feed, feeds};
use thu_tuc_xa::data;
use thu_tuc_xa::model::{Lang, LogWhy};
use thu_tuc_xa::og::{image, missing_glyphs, overflowing, Kind, HEIGHT, WIDTH};
use thu_tuc_xa::route::{Page, Route};

const BASE: &str = "https://thutucxa.example";

#[test]
fn every_feed_reads_back_as_atom_with_every_change_of_its_pages() {
    let every = all_in(Lang::Vi);
    assert!(every.len() >= data::PROCEDURES.len() + data::FLOWS.len());
    // Every procedure and flow has exactly one "new" entry, its oldest.
    let news = every.iter().filter(|l| l.entry.why == LogWhy::New).count();
    assert_eq!(news, data::PROCEDURES.len() + data::FLOWS.len());
    for lang in Lang::ALL {
        let mut in_fields = 0;
        for (field, path) in feeds(lang) {
            let xml = feed(lang, field, BASE);
            let read: atom_syndication::Feed =
                xml.parse().unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(read.id(), format!("{BASE}{path}"));
            assert!(!read.authors().is_empty(), "{path}: an author");
            let mut ids = std::collections::HashSet::new();
            for e in read.entries() {
                assert!(ids.insert(e.id().to_string()), "{path}: {} twice", e.id());
                assert!(e
                    .links()
                    .iter()
                    .any(|l| l.rel() == "alternate" && l.href().starts_with(BASE)));
                assert!(
                    e.updated() <= read.updated(),
                    "{path}: an entry after the feed"
                );
            }
            match field {
                None => assert_eq!(read.entries().len(), every.len()),
                Some(_) => in_fields += read.entries().len(),
            }
        }
        let flows = every
            .iter()
            .filter(|l| matches!(l.page, Page::Flow(_)))
            .count();
        assert_eq!(
            in_fields + flows,
            every.len(),
            "every procedure change is in its field's feed"
        );
    }
}

#[test]
fn a_procedure_page_carries_a_government_service_and_a_flow_none() {
    for info in &data::PROCEDURES {
        let route = Route::new(Lang::Vi, Page::Procedure(info));
        let ld = thu_tuc_xa::ssr::json_ld(&route, BASE).expect("a procedure has JSON-LD");
        assert!(
            !ld.contains('<'),
            "{}: no `<` in a script's data",
            info.slug
        );
        let v: serde_json::Value = serde_json::from_str(&ld).expect("JSON");
        assert_eq!(v["@context"], "https://schema.org");
        assert_eq!(v["@type"], "GovernmentService");
        assert_eq!(v["name"], info.name.vi);
        assert_eq!(v["identifier"], info.code);
        assert_eq!(v["url"], format!("{BASE}/thu-tuc/{}/", info.slug));
        assert_eq!(v["areaServed"]["@type"], "Country");
        assert!(v["availableChannel"]
            .as_array()
            .is_some_and(|c| !c.is_empty()));
        assert!(v["description"].as_str().is_some_and(|d| !d.is_empty()));
        if let Some(p) = v.get("provider") {
            assert_eq!(p["@type"], "GovernmentOrganization");
        }
    }
    let flow = Route::new(Lang::Vi, Page::Flow(&data::FLOWS[0]));
    assert_eq!(thu_tuc_xa::ssr::json_ld(&flow, BASE), None);
}

#[test]
fn the_preview_images_are_png_of_the_size_the_pages_say_with_every_glyph() {
    assert_eq!(missing_glyphs(), Vec::<char>::new());
    assert_eq!(overflowing(), Vec::new(), "words cut off an image");
    for kind in Kind::ALL {
        for lang in Lang::ALL {
            let png = image(kind, lang);
            assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
            assert_eq!(&png[12..16], b"IHDR");
            let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
            assert_eq!((w, h), (WIDTH, HEIGHT), "{kind:?} {lang:?}");
            assert!(png.len() > 10_000, "{kind:?} {lang:?}: words were drawn");
        }
        assert!(kind.path(Lang::En).ends_with("-en.png"));
    }
    // Each kind's words differ.
    let words: std::collections::HashSet<_> = Kind::ALL.iter().map(|k| k.words(Lang::Vi)).collect();
    assert_eq!(words.len(), Kind::ALL.len());
}
