//! The place data as built into the site, and the nearest-commune search.

use thu_tuc_xa::data;
use thu_tuc_xa::places::{nearest, Nearest, Point};
use thu_tuc_xa::route::{Page, Route};

#[test]
fn the_country_is_all_there() {
    assert_eq!(data::PROVINCES.len(), 34);
    assert_eq!(data::COMMUNES.len(), 3321);
    assert_eq!(data::OLD_PROVINCES.len(), 63);
    let wards = data::OLD_WARDS.iter().filter(|w| !w.whole_district);
    assert!(wards.count() >= 10_035);
    // The five island districts that had no wards are there, whole.
    let whole: Vec<&str> = data::OLD_WARDS
        .iter()
        .filter(|w| w.whole_district)
        .map(|w| w.district.name)
        .collect();
    assert_eq!(
        whole,
        [
            "Huyện Bạch Long Vĩ",
            "Huyện Cồn Cỏ",
            "Huyện Hoàng Sa",
            "Huyện Lý Sơn",
            "Huyện Côn Đảo"
        ]
    );
    for p in &data::PROVINCES {
        assert!(data::communes_in(p).count() > 0, "{}", p.name);
    }
}

#[test]
fn every_old_ward_resolves_to_a_commune_page() {
    for w in &data::OLD_WARDS {
        assert!(!w.to.is_empty(), "{}", w.name);
        for c in w.to {
            let route = Route::parse(&Route::commune_href(
                thu_tuc_xa::model::Lang::Vi,
                c.province,
                c.slug,
            ));
            assert!(
                matches!(route.page, Page::Commune(..)),
                "{} → {}",
                w.name,
                c.name
            );
        }
        // An old province went whole into one new province.
        assert!(
            w.to.iter()
                .all(|c| c.province == w.district.province.province),
            "{}",
            w.name
        );
    }
}

#[test]
fn every_commune_and_province_has_its_own_address() {
    let mut seen = std::collections::HashSet::new();
    for c in &data::COMMUNES {
        let href = Route::commune_href(thu_tuc_xa::model::Lang::Vi, c.province, c.slug);
        assert!(seen.insert(href.clone()), "{href} twice");
        assert_eq!(Route::parse(&href).href(), href);
    }
    for p in &data::PROVINCES {
        assert_eq!(
            Route::parse(&format!("/noi-nop/{}/", p.slug)).page,
            Page::Province(p)
        );
    }
    assert_eq!(
        Route::parse("/noi-nop/ha-noi/khong-co-xa-nay/").page,
        Page::NotFound
    );
    assert_eq!(Route::parse("/noi-nop/khong-co/").page, Page::NotFound);
}

/// A deterministic spread of points over and around Viet Nam.
fn points() -> impl Iterator<Item = Point> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    std::iter::repeat_with(move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let lat = 800_000 + (state % 1_600_000) as i32;
        let lon = 10_200_000 + ((state >> 24) % 700_000) as i32;
        Point { lat, lon }
    })
}

#[test]
fn the_province_by_province_search_matches_brute_force() {
    for from in points().take(300) {
        let all = data::COMMUNES.iter().map(|c| (c.code, c.at));
        let expected: Vec<&str> = nearest(from, all, 5).into_iter().map(|x| x.0).collect();
        let mut search = Nearest::new(from, data::PROVINCES.iter().map(|p| p.bbox), 5);
        let mut pieces = 0;
        while let Some(i) = search.next_province() {
            pieces += 1;
            let p = &data::PROVINCES[i];
            search.add(data::communes_in(p).map(|c| (c.code, c.at)));
        }
        let got: Vec<&str> = search.found.iter().map(|x| x.0).collect();
        assert_eq!(got, expected, "from {from:?}");
        assert!(pieces <= 34);
    }
}

#[test]
fn a_point_in_hanoi_and_one_in_ho_chi_minh_city_find_their_communes() {
    // Hoàn Kiếm lake; Bến Thành market.
    for (at, province) in [
        (
            Point {
                lat: 2_102_850,
                lon: 10_585_220,
            },
            "01",
        ),
        (
            Point {
                lat: 1_077_250,
                lon: 10_669_800,
            },
            "79",
        ),
    ] {
        let mut search = Nearest::new(at, data::PROVINCES.iter().map(|p| p.bbox), 5);
        let mut read = 0;
        while let Some(i) = search.next_province() {
            read += 1;
            search.add(data::communes_in(&data::PROVINCES[i]).map(|c| (c, c.at)));
        }
        let (first, km) = search.found[0];
        assert_eq!(first.province.code, province);
        assert!(km < 3.0, "{} at {km} km", first.name);
        assert!(read <= 5, "{read} pieces fetched");
    }
}

/// Embedded in a province's portal, the search keeps to that province: from Hoàn
/// Kiếm with Hồ Chí Minh City's scope, the answers are that city's communes (the
/// nearest of them by brute force), and only its piece is read.
#[test]
fn a_search_kept_to_one_province_reads_only_it() {
    let hoan_kiem = Point {
        lat: 2_102_850,
        lon: 10_585_220,
    };
    let hcm = data::PROVINCES.iter().position(|p| p.code == "79").unwrap();
    let mut search =
        Nearest::new(hoan_kiem, data::PROVINCES.iter().map(|p| p.bbox), 5).only(|i| i == hcm);
    let mut read = Vec::new();
    while let Some(i) = search.next_province() {
        read.push(i);
        search.add(data::communes_in(&data::PROVINCES[i]).map(|c| (c.code, c.at)));
    }
    assert_eq!(read, vec![hcm]);
    let in_hcm = data::communes_in(&data::PROVINCES[hcm]).map(|c| (c.code, c.at));
    let expected: Vec<&str> = nearest(hoan_kiem, in_hcm, 5)
        .into_iter()
        .map(|x| x.0)
        .collect();
    let got: Vec<&str> = search.found.iter().map(|x| x.0).collect();
    assert_eq!(got, expected);
    assert!(
        search.found[0].1 > 1000.0,
        "Hà Nội is far from Hồ Chí Minh City"
    );
}

/// The errors an independent check found, fixed by `content/dia-phuong/corrections.csv`.
#[test]
fn the_known_place_errors_stay_fixed() {
    let ward = |district: &str, name: &str| {
        data::OLD_WARDS
            .iter()
            .find(|w| w.district.name == district && w.name == name)
            .unwrap_or_else(|| panic!("{name}, {district}"))
    };
    // Same-name old wards no longer pick up each other's new communes.
    let hoa_binh = ward("Huyện Kim Thành", "Xã Hòa Bình");
    assert_eq!(hoa_binh.to[0].name, "Xã Kim Thành");
    let hoa_binh_vb = ward("Huyện Vĩnh Bảo", "Xã Hòa Bình");
    let names: Vec<&str> = hoa_binh_vb.to.iter().map(|c| c.name).collect();
    assert_eq!(names, ["Xã Nguyễn Bỉnh Khiêm"]);
    let phu_tan = data::OLD_WARDS
        .iter()
        .find(|w| {
            w.name == "Xã Phú Tân"
                && w.district.name == "Huyện Châu Thành"
                && w.district.province.name == "Tỉnh Hậu Giang"
        })
        .expect("Xã Phú Tân, Châu Thành, Hậu Giang");
    assert_eq!(phu_tan.to[0].name, "Xã Phú Hữu");
    // Two island communes off Móng Cái and Hải Hà are no longer placed in Hạ Long.
    for code in ["06757", "06967"] {
        let c = data::COMMUNES.iter().find(|c| c.code == code).expect(code);
        assert!(c.at.lon > 10_770_000, "{} at {:?}", c.name, c.at);
    }
}
