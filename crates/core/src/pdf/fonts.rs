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

    /// The width of `text` at `size` points; a character the font lacks
    /// counts as its visible stand-in (see [`runs`]), which is what prints.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c).unwrap_or_else(|| self.stand_in_advance(c))).sum::<f32>() * size
    }

    fn stand_in_advance(&self, c: char) -> f32 {
        if is_zero_width(c) {
            return 0.0;
        }
        stand_in(c).chars().map(|s| self.advance(s).unwrap_or(self.notdef_advance)).sum()
    }

    pub fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }
}

/// Characters that take no room of their own: joiners, variation selectors,
/// skin-tone modifiers, tags and combining marks. When the font lacks them
/// they print nothing (their text is kept with the character before).
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0000}'..='\u{E01EF}')
        || unicode_normalization::char::is_combining_mark(c)
}

/// What prints in place of a character the embedded fonts lack: a readable
/// ASCII form for common arrows, the replacement sign � for everything
/// else (CJK, emoji…; the only box-like sign Noto Sans has). Its width is what the layout measures, so lines still wrap at
/// the margin; the character itself stays in the text layer (see [`runs`]).
pub(crate) fn stand_in(c: char) -> &'static str {
    match c {
        '→' | '⟶' | '➔' | '➜' | '➝' | '➞' => "->",
        '←' | '⟵' => "<-",
        '↔' | '⟷' => "<->",
        '⇒' | '⟹' => "=>",
        '⇐' | '⟸' => "<=",
        '⇔' | '⟺' => "<=>",
        '↑' => "^",
        '↓' => "v",
        c if is_zero_width(c) => "",
        _ => "\u{FFFD}",
    }
}

/// A piece of a line as the writer prints it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Run {
    /// Text the face can print.
    Plain(String),
    /// Characters the face lacks: `shown` prints (stand-ins), `actual` is
    /// what copying and searching find (a PDF /ActualText span).
    Stand { shown: String, actual: String },
}

/// `text` split into what the face prints as is and what needs stand-ins.
pub(crate) fn runs(face: &Face, text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for c in text.chars() {
        let missing = !c.is_control() && !face.has(c);
        match (missing, out.last_mut()) {
            (false, Some(Run::Plain(s))) => s.push(c),
            (false, _) => out.push(Run::Plain(c.to_string())),
            (true, Some(Run::Stand { shown, actual })) => {
                shown.push_str(stand_in(c));
                actual.push(c);
            }
            (true, _) => out.push(Run::Stand { shown: stand_in(c).to_string(), actual: c.to_string() }),
        }
    }
    out
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
    fn missing_characters_get_stand_ins_that_the_fonts_can_print_and_keep_their_text() {
        for c in ['\u{FFFD}', '-', '>', '<', '=', '^', 'v'] {
            assert!(can_print(c), "the stand-in {c:?} must be printable");
        }
        let f = &fonts().regular;
        let r = runs(f, "Call 王先生 → 👍🏽 ok");
        assert_eq!(
            r,
            vec![
                Run::Plain("Call ".into()),
                Run::Stand { shown: "\u{FFFD}\u{FFFD}\u{FFFD}".into(), actual: "王先生".into() },
                Run::Plain(" ".into()),
                Run::Stand { shown: "->".into(), actual: "→".into() },
                Run::Plain(" ".into()),
                Run::Stand { shown: "\u{FFFD}".into(), actual: "👍🏽".into() },
                Run::Plain(" ok".into()),
            ]
        );
        // What is measured is what prints.
        assert!((f.width("王", 10.0) - f.width("\u{FFFD}", 10.0)).abs() < 0.001);
        assert!((f.width("→", 10.0) - f.width("->", 10.0)).abs() < 0.001);
        assert_eq!(f.width("\u{FE0F}", 10.0), 0.0);
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
