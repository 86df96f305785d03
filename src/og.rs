//! The link preview images (Open Graph, Twitter cards): one per kind of page and
//! language, 1200×630 PNG, drawn at build time (no third party): the site's mark
//! and name, what the kind of page gives, in DejaVu Sans Bold (`src/og/`, its
//! licence beside it). The page's own name travels in `og:title`; Zalo and
//! Facebook show it beside the image. Native only: the prerenderer writes them.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use tiny_skia::{
    Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, Transform,
};

use crate::data;
use crate::model::Lang;
use crate::route::Page;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The folder of the images under the site's root.
pub const DIR: &str = "anh-chia-se";

const FONT: &[u8] = include_bytes!("og/DejaVuSans-Bold.ttf");

fn font() -> FontRef<'static> {
    FontRef::try_from_slice(FONT).expect("the font in src/og/ is a TrueType font")
}

/// The kinds of page that have an image of their own; every other page shares
/// the site's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Site,
    Procedure,
    Flow,
    Places,
    Form,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Site,
        Kind::Procedure,
        Kind::Flow,
        Kind::Places,
        Kind::Form,
    ];

    pub fn of(page: Page) -> Kind {
        match page {
            Page::Procedure(_) | Page::All | Page::Field(_) | Page::Index | Page::IndexField(_) => {
                Kind::Procedure
            }
            Page::Flow(_) | Page::Events => Kind::Flow,
            Page::Places
            | Page::Province(_)
            | Page::Commune(..)
            | Page::OldAddress
            | Page::OldProvince(_) => Kind::Places,
            Page::Form(_) => Kind::Form,
            _ => Kind::Site,
        }
    }

    fn id(self) -> &'static str {
        match self {
            Kind::Site => "trang",
            Kind::Procedure => "thu-tuc",
            Kind::Flow => "su-kien",
            Kind::Places => "noi-nop",
            Kind::Form => "bieu-mau",
        }
    }

    /// The image's path: `/anh-chia-se/thu-tuc-vi.png`.
    pub fn path(self, lang: Lang) -> String {
        format!("/{DIR}/{}-{}.png", self.id(), lang.tag())
    }

    /// The heading and the line under it.
    pub fn words(self, lang: Lang) -> (&'static str, &'static str) {
        let t = data::strings(lang);
        match self {
            Kind::Site => (t.site_tagline, t.og_site),
            Kind::Procedure => (t.og_procedure, t.og_procedure_line),
            Kind::Flow => (t.og_flow, t.og_flow_line),
            Kind::Places => (t.places_title, t.og_places_line),
            Kind::Form => (t.og_form, t.og_form_line),
        }
    }
}

const BLUE: (u8, u8, u8) = (0x0b, 0x4f, 0x8a);

/// Words wrapped to lines no wider than `width` pixels at `scale`.
fn wrap(font: &FontRef, scale: f32, text: &str, width: f32) -> Vec<String> {
    let scaled = font.as_scaled(PxScale::from(scale));
    let measure = |s: &str| -> f32 { s.chars().map(|c| scaled.h_advance(font.glyph_id(c))).sum() };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws one line of text with its baseline at `y`, white, by coverage.
fn draw_line(pixmap: &mut Pixmap, font: &FontRef, scale: f32, x: f32, y: f32, text: &str) {
    let scale = PxScale::from(scale);
    let scaled = font.as_scaled(scale);
    let (w, h) = (pixmap.width() as i32, pixmap.height() as i32);
    let data = pixmap.data_mut();
    let mut caret = x;
    for c in text.chars() {
        let id = font.glyph_id(c);
        let glyph = id.with_scale_and_position(scale, ab_glyph::point(caret, y));
        caret += scaled.h_advance(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let px = bounds.min.x as i32 + gx as i32;
            let py = bounds.min.y as i32 + gy as i32;
            if px < 0 || py < 0 || px >= w || py >= h {
                return;
            }
            let i = ((py * w + px) * 4) as usize;
            let a = coverage.clamp(0.0, 1.0);
            // White over what is there (the pixmap is opaque).
            for k in 0..3 {
                let under = f32::from(data[i + k]);
                data[i + k] = (under + (255.0 - under) * a).round() as u8;
            }
        });
    }
}

/// The preview image of a kind of page in a language, as PNG.
pub fn image(kind: Kind, lang: Lang) -> Vec<u8> {
    let font = font();
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).expect("a non-empty image");
    pixmap.fill(Color::from_rgba8(BLUE.0, BLUE.1, BLUE.2, 255));
    // The site's mark (favicon.svg): a check in a rounded square with a white rim.
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    paint.set_color_rgba8(255, 255, 255, 255);
    let (mx, my, size) = (80.0, 72.0, 112.0);
    if let Some(rim) = tiny_skia::Rect::from_xywh(mx, my, size, size)
        .and_then(|r| PathBuilder::from_rect(r).into())
    {
        let stroke = Stroke {
            width: 6.0,
            ..Stroke::default()
        };
        pixmap.stroke_path(&rim, &paint, &stroke, Transform::identity(), None);
    }
    let mut check = PathBuilder::new();
    let u = size / 64.0;
    check.move_to(mx + 18.0 * u, my + 34.0 * u);
    check.line_to(mx + 28.0 * u, my + 44.0 * u);
    check.line_to(mx + 46.0 * u, my + 22.0 * u);
    if let Some(path) = check.finish() {
        let stroke = Stroke {
            width: 7.0 * u,
            line_cap: LineCap::Round,
            line_join: LineJoin::Round,
            ..Stroke::default()
        };
        pixmap.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
    }
    // A band at the foot, a little lighter, as on the site's header.
    let mut band = Paint::default();
    band.set_color_rgba8(255, 255, 255, 40);
    if let Some(rect) = tiny_skia::Rect::from_xywh(0.0, HEIGHT as f32 - 24.0, WIDTH as f32, 24.0) {
        pixmap.fill_path(
            &PathBuilder::from_rect(rect),
            &band,
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
    let t = data::strings(lang);
    draw_line(&mut pixmap, &font, 64.0, 224.0, 150.0, t.site_name);
    let (heading, line) = kind.words(lang);
    // At most two lines of heading and three under it, clear of the band.
    let mut y = 290.0;
    for l in wrap(&font, 72.0, heading, 1040.0).iter().take(2) {
        draw_line(&mut pixmap, &font, 72.0, 80.0, y, l);
        y += 84.0;
    }
    y += 16.0;
    for l in wrap(&font, 36.0, line, 1040.0).iter().take(3) {
        draw_line(&mut pixmap, &font, 36.0, 80.0, y, l);
        y += 48.0;
    }
    pixmap.encode_png().expect("a pixmap encodes as PNG")
}

/// Every character of the images' words has a glyph in the font: a word drawn
/// with a missing glyph would show a box.
pub fn missing_glyphs() -> Vec<char> {
    let font = font();
    let mut missing: Vec<char> = Kind::ALL
        .iter()
        .flat_map(|k| {
            Lang::ALL.iter().flat_map(move |&lang| {
                let (a, b) = k.words(lang);
                format!("{a} {b} {}", data::strings(lang).site_name)
                    .chars()
                    .collect::<Vec<_>>()
            })
        })
        .filter(|c| !c.is_whitespace() && font.glyph_id(*c).0 == 0)
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// The kinds and languages whose words need more lines than the image has
/// (two for the heading, three under it): they would be cut.
pub fn overflowing() -> Vec<(Kind, Lang)> {
    let font = font();
    Kind::ALL
        .iter()
        .flat_map(|&k| Lang::ALL.iter().map(move |&l| (k, l)))
        .filter(|&(k, l)| {
            let (heading, line) = k.words(l);
            wrap(&font, 72.0, heading, 1040.0).len() > 2
                || wrap(&font, 36.0, line, 1040.0).len() > 3
        })
        .collect()
}
