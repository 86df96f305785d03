use thu_tuc_xa::boundaries::Boundaries;
use thu_tuc_xa::data;
use thu_tuc_xa::places::{Origin, Point};
#[test]
fn explore() {
    let text = std::fs::read_to_string("/tmp/helper/xpts.txt").unwrap();
    let mut worst: std::collections::BTreeMap<(String, String, String), (usize, f64, Point)> =
        Default::default();
    for line in text.lines() {
        let w: Vec<&str> = line.split(' ').collect();
        let b = Boundaries::parse(data::BOUNDARY_FILES.iter().find(|f| f.0 == w[0]).unwrap().1)
            .unwrap();
        let (ia, ib) = (b.find(w[1]).unwrap(), b.find(w[2]).unwrap());
        let (x, y): (i32, i32) = (w[3].parse().unwrap(), w[4].parse().unwrap());
        let e = worst
            .entry((w[0].into(), w[1].into(), w[2].into()))
            .or_insert((0, 0.0, Point { lat: 0, lon: 0 }));
        for dy in (-300..=300).step_by(3) {
            for dx in (-300..=300).step_by(3) {
                let p = Point {
                    lat: y + dy,
                    lon: x + dx,
                };
                if b.contains(ia, p) && b.contains(ib, p) {
                    e.0 += 1;
                    let d = b.border_km(ia, p).min(b.border_km(ib, p));
                    if d > e.1 {
                        e.1 = d;
                        e.2 = p;
                    }
                }
            }
        }
    }
    let unit = Origin::new(Point {
        lat: 1500000,
        lon: 10600000,
    })
    .km(Point {
        lat: 1500001,
        lon: 10600000,
    });
    for (k, v) in &worst {
        println!(
            "OVL {} {} {}: {} grid pts (~{:.0} m2), deepest {:.1} m = {:.0} units at {:?}",
            k.0,
            k.1,
            k.2,
            v.0,
            v.0 as f64 * 9.0 * unit * unit * 1e6,
            v.1 * 1000.0,
            v.1 / unit,
            v.2
        );
    }
}
