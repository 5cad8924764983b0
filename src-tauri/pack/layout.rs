//! The page and its drawing helpers: paper sizes, margins, the two embedded fonts, text measured
//! with the fonts' own advances (to wrap and right-align), rectangles and lines. Coordinates are
//! PDF points from the top-left corner, y downwards (krilla's convention).

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// DejaVu Sans (Bitstream Vera licence, fonts/LICENSE-DejaVu.txt): its glyphs cover the minus
/// sign, the arrows and currency symbols the numbers use.
const REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// The paper a pack is printed on (setting `paper`, CLI `--paper`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// "a4" or "letter" (any case); None for anything else.
    pub fn parse(s: &str) -> Option<Paper> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    /// Width and height in points, landscape (a board deck is read on a screen or a projector).
    pub fn size(self) -> (f32, f32) {
        match self {
            // 297 x 210 mm.
            Paper::A4 => (841.89, 595.28),
            // 11 x 8.5 in.
            Paper::Letter => (792.0, 612.0),
        }
    }
}

pub const MARGIN: f32 = 40.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub u8, pub u8, pub u8);

pub const INK: Color = Color(0x1f, 0x29, 0x37);
pub const MUTED: Color = Color(0x6b, 0x72, 0x80);
pub const RULE: Color = Color(0xd1, 0xd5, 0xdb);
pub const ACCENT: Color = Color(0x25, 0x63, 0xeb);
pub const GOOD: Color = Color(0x15, 0x80, 0x3d);
pub const BAD: Color = Color(0xb9, 0x1c, 0x1c);
pub const AMBER: Color = Color(0xb4, 0x53, 0x09);

impl Color {
    fn rgb(self) -> rgb::Color {
        rgb::Color::new(self.0, self.1, self.2)
    }

    /// This colour mixed with white: `t` = 0 is white, 1 the colour.
    pub fn tint(self, t: f32) -> Color {
        let t = t.clamp(0.0, 1.0);
        let mix = |c: u8| (255.0 - (255.0 - c as f32) * t).round() as u8;
        Color(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// One embedded font: krilla's handle to draw with and skrifa's view of the same bytes to measure.
pub struct Face {
    pub font: Font,
    metrics: FontRef<'static>,
}

impl Face {
    fn new(bytes: &'static [u8]) -> Option<Face> {
        Some(Face { font: Font::new(bytes.into(), 0)?, metrics: FontRef::new(bytes).ok()? })
    }

    /// The width of `text` at `size` points: the sum of the glyphs' advances.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let map = self.metrics.charmap();
        let gm = self.metrics.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars().filter_map(|c| map.map(c)).filter_map(|g| gm.advance_width(g)).sum()
    }
}

pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    /// The embedded fonts; None only if the bytes compiled in are not a font.
    pub fn load() -> Option<Fonts> {
        Some(Fonts { regular: Face::new(REGULAR)?, bold: Face::new(BOLD)? })
    }
}

/// How a line of text is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: Color,
}

impl Style {
    pub const fn new(size: f32, bold: bool, color: Color) -> Style {
        Style { size, bold, color }
    }
}

pub const BODY: Style = Style::new(9.5, false, INK);
pub const SMALL: Style = Style::new(8.0, false, MUTED);
pub const LABEL: Style = Style::new(8.0, true, MUTED);
pub const HEADING: Style = Style::new(18.0, true, INK);
pub const SUBHEADING: Style = Style::new(11.0, true, INK);

/// A page being drawn: its surface, the fonts and its size.
pub struct Canvas<'a, 'b> {
    pub surface: &'a mut Surface<'b>,
    pub fonts: &'a Fonts,
    pub width: f32,
    pub height: f32,
}

/// Where text is anchored horizontally.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Canvas<'_, '_> {
    fn face(&self, style: Style) -> &Face {
        if style.bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    pub fn width_of(&self, text: &str, style: Style) -> f32 {
        self.face(style).width(text, style.size)
    }

    /// One line of text with its baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: Style, align: Align) {
        if text.is_empty() {
            return;
        }
        let w = self.width_of(text, style);
        let x = match align {
            Align::Left => x,
            Align::Center => x - w / 2.0,
            Align::Right => x - w,
        };
        self.surface.set_stroke(None);
        self.surface.set_fill(Some(fill(style.color)));
        let font = self.face(style).font.clone();
        self.surface.draw_text(
            Point::from_xy(x, y),
            font,
            style.size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    /// The text cut to `max` points wide, ending in "…" when cut.
    pub fn fit(&self, text: &str, style: Style, max: f32) -> String {
        if self.width_of(text, style) <= max {
            return text.to_string();
        }
        let mut out: String = text.to_string();
        while !out.is_empty() && self.width_of(&format!("{out}…"), style) > max {
            out.pop();
        }
        format!("{}…", out.trim_end())
    }

    /// Text wrapped to `max` points wide from baseline `y`; returns the baseline after the last
    /// line.
    pub fn paragraph(&mut self, x: f32, y: f32, text: &str, style: Style, max: f32) -> f32 {
        let mut y = y;
        for line in wrap(text, max, |s| self.width_of(s, style)) {
            self.text(x, y, &line, style, Align::Left);
            y += style.size * 1.4;
        }
        y
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let Some(r) = Rect::from_xywh(x, y, w.max(0.01), h.max(0.01)) else { return };
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        if let Some(path) = pb.finish() {
            self.surface.set_stroke(None);
            self.surface.set_fill(Some(fill(color)));
            self.surface.draw_path(&path);
        }
    }

    /// A polyline through `points` (nothing for fewer than two).
    pub fn line(&mut self, points: &[(f32, f32)], color: Color, width: f32) {
        let [first, rest @ ..] = points else { return };
        if rest.is_empty() {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(first.0, first.1);
        for p in rest {
            pb.line_to(p.0, p.1);
        }
        if let Some(path) = pb.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: color.rgb().into(),
                width,
                ..Default::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    pub fn hrule(&mut self, x: f32, y: f32, w: f32) {
        self.line(&[(x, y), (x + w, y)], RULE, 0.6);
    }

    /// A filled dot (a line chart's point).
    pub fn dot(&mut self, x: f32, y: f32, r: f32, color: Color) {
        self.rect(x - r, y - r, 2.0 * r, 2.0 * r, color);
    }
}

fn fill(color: Color) -> Fill {
    Fill { paint: color.rgb().into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

/// Greedy word wrap: the words of `text` in lines no wider than `max` (a word wider than `max`
/// stands alone on its line).
pub fn wrap(text: &str, max: f32, width: impl Fn(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if !line.is_empty() && width(&candidate) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 1 point wide: "aaa bb" is 6 points.
    fn chars(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn wraps_words_within_the_width() {
        // "the quick" = 9 <= 10, "+ brown" would make 15: a new line; "brown fox" = 9.
        assert_eq!(wrap("the quick brown fox", 10.0, chars), vec!["the quick", "brown fox"]);
        // A word wider than the line stands alone.
        assert_eq!(wrap("a extraordinary b", 5.0, chars), vec!["a", "extraordinary", "b"]);
        assert!(wrap("   ", 5.0, chars).is_empty());
    }

    #[test]
    fn papers_and_widths() {
        assert_eq!(Paper::parse(" Letter "), Some(Paper::Letter));
        assert_eq!(Paper::parse("a5"), None);
        // Letter landscape is 11 x 8.5 inches of 72 points.
        assert_eq!(Paper::Letter.size(), (792.0, 612.0));
        let fonts = Fonts::load().expect("the embedded fonts");
        // DejaVu Sans digits are 1303 units of 2048 wide: "00" at 10 pt is 2 x 6.3623 = 12.72 pt.
        let w = fonts.regular.width("00", 10.0);
        assert!((w - 12.724).abs() < 0.01, "{w}");
        assert!(fonts.bold.width("00", 10.0) > w);
    }
}
