//! The two embedded faces (Noto Sans Regular and Bold, OFL-1.1, see
//! `assets/fonts/`), parsed once, and text measuring by summing glyph advances.

use printpdf::ParsedFont;
use std::sync::OnceLock;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// Code points below this have their advance and coverage precomputed
/// (Latin, Greek, Cyrillic, general punctuation, currency signs).
const FAST: usize = 0x2200;

pub(crate) struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Advance in em for code points below [`FAST`]; negative = not in the font.
    fast: Vec<f32>,
    notdef_advance: f32,
}

impl Face {
    fn load(bytes: &[u8]) -> Face {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).expect("the embedded Noto Sans font parses");
        let units_per_em = parsed.font_metrics.units_per_em.max(1) as f32;
        let notdef_advance = parsed.get_horizontal_advance(0) as f32 / units_per_em;
        let mut face = Face { parsed, units_per_em, fast: Vec::new(), notdef_advance };
        face.fast = (0..FAST as u32).map(|cp| char::from_u32(cp).and_then(|c| face.slow_advance(c)).unwrap_or(-1.0)).collect();
        face
    }

    fn slow_advance(&self, c: char) -> Option<f32> {
        let gid = self.parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0)?;
        Some(self.parsed.get_horizontal_advance(gid) as f32 / self.units_per_em)
    }

    /// The advance of `c` in em, or `None` when the font has no glyph for it.
    pub fn advance(&self, c: char) -> Option<f32> {
        let cp = c as usize;
        if cp < FAST {
            let a = self.fast[cp];
            if a >= 0.0 { Some(a) } else { None }
        } else {
            self.slow_advance(c)
        }
    }

    /// The width of `text` at `size` points; missing glyphs count as the
    /// font's "notdef" box (which is what a viewer shows).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c).unwrap_or(self.notdef_advance)).sum::<f32>() * size
    }

    pub fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }
}

pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

/// The faces, parsed on first use (a few milliseconds) and shared after.
pub(crate) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts { regular: Face::load(REGULAR_TTF), bold: Face::load(BOLD_TTF) })
}

/// Whether the embedded fonts can print `c` (control characters never print).
pub fn can_print(c: char) -> bool {
    c.is_control() || fonts().regular.has(c) && fonts().bold.has(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fonts_cover_our_languages_and_signs() {
        for c in "AzЖжЪъЁёЙйΓιώργοςΠαπαδόπουλοςŐőŰűÖöÜü€₽£$№«»—–…•\u{a0}".chars() {
            assert!(can_print(c), "Noto Sans lacks {c:?} U+{:04X}", c as u32);
        }
        assert!(!can_print('漢'), "CJK is not in Noto Sans");
        assert!(!can_print('😀'));
    }

    #[test]
    fn bold_is_wider_and_widths_add_up() {
        let f = fonts();
        let r = f.regular.width("Hello, world", 10.0);
        let b = f.bold.width("Hello, world", 10.0);
        assert!(r > 40.0 && r < 80.0, "{r}");
        assert!(b > r);
        let sum = f.regular.width("Hello, ", 10.0) + f.regular.width("world", 10.0);
        assert!((sum - r).abs() < 0.001);
    }
}
