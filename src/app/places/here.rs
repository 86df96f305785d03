//! "Which commune am I in": the boundaries of the provinces around a point, read
//! in the browser, and the answer the finder shows ("Bạn đang ở …", both names near
//! a border, the nearest outside every boundary), with a sketch around the point
//! and the communes it draws, named as links.

use web_sys::Element;

use super::browser::{escape, show};
use crate::data;
use crate::model::Lang;
use crate::places::{Point, KM_PER_UNIT};
use crate::route::Route;

/// What the boundaries say of the point, from every province file whose box
/// holds it (a point near a province border is checked on both sides).
pub(super) struct Here {
    /// The files read, each with its province and its answer.
    files: Vec<(crate::boundaries::Boundaries, crate::boundaries::Located)>,
    provinces: Vec<usize>,
}

impl Here {
    /// The commune the answer is about: the one holding the point, else the
    /// nearest within reach; its file and area.
    fn focus(&self) -> Option<(usize, usize)> {
        let holding = self
            .files
            .iter()
            .enumerate()
            .find_map(|(f, (_, l))| l.inside.map(|i| (f, i)));
        holding.or_else(|| {
            self.files
                .iter()
                .enumerate()
                .find_map(|(f, (_, l))| l.near.first().map(|&i| (f, i)))
        })
    }

    /// Every other commune the point may be in (its file and area): the ones
    /// near, or holding it too, in any file read.
    fn others(&self) -> Vec<(usize, usize)> {
        let focus = self.focus();
        let mut out = Vec::new();
        for (f, (_, l)) in self.files.iter().enumerate() {
            let holding = l.inside.filter(|_| focus.is_some_and(|x| x.0 != f));
            for i in holding.into_iter().chain(l.near.iter().copied()) {
                if Some((f, i)) != focus {
                    out.push((f, i));
                }
            }
        }
        out
    }

    /// A commune's name, its page's address and its province's name.
    fn named(&self, (f, i): (usize, usize), lang: Lang) -> Option<(String, String, &'static str)> {
        let area = &self.files[f].0.areas[i];
        let province = &data::PROVINCES[self.provinces[f]];
        (!area.name.is_empty()).then(|| {
            (
                area.name.clone(),
                Route::commune_href(lang, province, &area.slug),
                province.name,
            )
        })
    }
}

/// Reads the boundaries of the provinces whose box, grown by the near distance,
/// holds the point. `Ok(None)` when no commune holds it or is near; `Err` when a
/// file did not load and nothing holds the point (that file might have).
/// Embedded for one province, only that province's file is read.
pub(super) async fn here(at: Point, accuracy_m: f64) -> Result<Option<Here>, ()> {
    // Near a border: within the simplification's error (between communes, or
    // at the coast when no commune holds the point), or the position's own
    // uncertainty, at most 300 m.
    let uncertain_km = (accuracy_m / 1000.0).min(0.3);
    // The most the near distance can be, 300 m, in 1e-5 degrees (with room).
    let pad = 300;
    let mut files = Vec::new();
    let mut provinces = Vec::new();
    let mut failed = false;
    for (pi, p) in data::PROVINCES.iter().enumerate() {
        let b = p.bbox;
        let in_box = at.lat >= b.south - pad
            && at.lat <= b.north + pad
            && at.lon >= b.west - pad
            && at.lon <= b.east + pad;
        if !in_box || !crate::app::mode::shows_place(p) {
            continue;
        }
        let url = format!("/ranh-gioi/{}.txt", p.code);
        let Some(text) = crate::app::fragment::fetch::text(&url).await else {
            failed = true;
            continue;
        };
        let Ok(boundaries) = crate::boundaries::Boundaries::parse(&text) else {
            failed = true;
            continue;
        };
        let near_km = (boundaries.tolerance.0 as f64 * KM_PER_UNIT).max(uncertain_km);
        let mut located = boundaries.locate(at, near_km);
        if located.inside.is_none() {
            let coast_km = (boundaries.tolerance.1 as f64 * KM_PER_UNIT).max(uncertain_km);
            located = boundaries.locate(at, coast_km);
        }
        files.push((boundaries, located));
        provinces.push(pi);
    }
    let holds = files.iter().any(|(_, l)| l.inside.is_some());
    if failed && !holds {
        return Err(());
    }
    let any = files
        .iter()
        .any(|(_, l)| l.inside.is_some() || !l.near.is_empty());
    Ok(any.then_some(Here { files, provinces }))
}

/// "You are in …" (or near a border, or in no commune) in the status region; then,
/// beside it, a sketch around the point and the communes it draws, named as links.
/// The words come from the section's attributes; names from the served boundaries
/// files.
pub(super) fn show_here(near: &Element, here: Option<&Here>, lang: Lang, at: Point, silent: bool) {
    let (Ok(Some(box_)), Ok(Some(sketch))) = (
        near.query_selector("[data-near-here]"),
        near.query_selector("[data-near-sketch]"),
    ) else {
        return;
    };
    show(&sketch, false);
    let attr = |n: &str| box_.get_attribute(n).unwrap_or_default();
    let link = |(name, href, _): &(String, String, &str)| {
        format!("<a href=\"{}\">{}</a>", escape(href), escape(name))
    };
    let Some(h) = here else {
        // A boundaries file that did not load cannot say.
        if silent {
            show(&box_, false);
            return;
        }
        box_.set_inner_html(&format!(
            "<p class=\"near-here\">{}</p>",
            escape(&attr("data-none"))
        ));
        show(&box_, true);
        return;
    };
    let Some((focus, first)) = h.focus().and_then(|x| h.named(x, lang).map(|f| (x, f))) else {
        show(&box_, false);
        return;
    };
    let (b, located) = (&h.files[focus.0].0, &h.files[focus.0].1);
    let inside = located.inside == Some(focus.1);
    let other = h.others().into_iter().find_map(|x| h.named(x, lang));
    let province = escape(first.2);
    let sentence = match (&other, inside) {
        (Some(o), _) => data::fill(&escape(&attr("data-border")), "place", &link(&first))
            .replace("{other}", &link(o)),
        (None, true) => data::fill(&escape(&attr("data-here")), "place", &link(&first))
            .replace("{province}", &province),
        (None, false) => data::fill(&escape(&attr("data-close")), "place", &link(&first))
            .replace("{province}", &province),
    };
    box_.set_inner_html(&format!("<p class=\"near-here\">{sentence}</p>"));
    show(&box_, true);

    // The sketch: the focus and its neighbours in the same file, and the point.
    let mut around = b.neighbours(focus.1);
    around.sort_by_cached_key(|&i| (data::sort_key(&b.areas[i].name), i));
    let shapes: Vec<crate::sketch::Shape> = std::iter::once(focus.1)
        .chain(around.iter().copied())
        .map(|i| crate::sketch::Shape {
            boundaries: b,
            area: i,
            label: &b.areas[i].name,
            focus: i == focus.1,
        })
        .collect();
    let area = b.areas[focus.1].bbox;
    let view = crate::places::Bbox::around([
        Point {
            lat: area.south,
            lon: area.west,
        },
        Point {
            lat: area.north,
            lon: area.east,
        },
        at,
    ])
    .unwrap_or(area);
    let drawing = crate::sketch::svg(
        &shapes,
        crate::sketch::pad(view, 0.2),
        Some((at, &attr("data-you"))),
        &attr("data-title"),
    );
    // The same in words: the communes drawn around the focus, as links.
    let items: String = around
        .iter()
        .filter_map(|&i| h.named((focus.0, i), lang))
        .map(|n| format!("<li>{}</li>", link(&n)))
        .collect();
    let words = if items.is_empty() {
        String::new()
    } else {
        let heading = data::fill(&escape(&attr("data-around")), "place", &escape(&first.0));
        format!("<p>{heading}</p><ul class=\"links\">{items}</ul>")
    };
    sketch.set_inner_html(&format!(
        "<div class=\"sketch-frame\">{drawing}</div>{words}"
    ));
    show(&sketch, true);
    if let Ok(Some(note)) = near.query_selector("[data-near-note]") {
        show(&note, true);
    }
}
