//! The bundled Be Vietnam Pro faces: measuring text, and cutting a face down to the
//! glyphs one document uses.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::ParsedFont;
use unicode_normalization::UnicodeNormalization;

use crate::ReportError;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-Bold.ttf");

const ELLIPSIS: char = '…';

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// Both faces, parsed.
#[derive(Debug)]
pub(crate) struct Fonts {
    regular: Metrics,
    bold: Metrics,
}

impl Fonts {
    pub(crate) fn load() -> Result<Self, ReportError> {
        Ok(Self { regular: Metrics::parse(REGULAR)?, bold: Metrics::parse(BOLD)? })
    }

    pub(crate) fn face(&self, face: Face) -> &Metrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

/// One face: its bytes and the character map and advance widths read from them.
#[derive(Debug)]
pub(crate) struct Metrics {
    bytes: &'static [u8],
    font: ParsedFont,
}

impl Metrics {
    fn parse(bytes: &'static [u8]) -> Result<Self, ReportError> {
        let font = parse(bytes)?;
        Ok(Self { bytes, font })
    }

    /// The face's TrueType bytes, whole.
    pub(crate) fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    fn glyph(&self, c: char) -> Option<u16> {
        self.font.lookup_glyph_index(u32::from(c)).filter(|&gid| gid != 0)
    }

    fn advance(&self, c: char, size: f32) -> f32 {
        let units = self.glyph(c).and_then(|gid| self.font.get_glyph_width(gid)).unwrap_or(0);
        f32::from(units) * size / f32::from(self.font.units_per_em.max(1))
    }

    /// Text as this face can draw it: composed (NFC, so each Vietnamese letter is one glyph),
    /// line breaks and other control characters as spaces, characters it has no glyph for as `?`.
    pub(crate) fn clean(&self, text: &str) -> String {
        text.nfc()
            .map(|c| match c {
                c if c.is_control() || c.is_whitespace() => ' ',
                c if self.glyph(c).is_none() => '?',
                c => c,
            })
            .collect()
    }

    /// Width in points of cleaned `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// Cleaned `text` as it fits in `max` points: whole, or cut and ended with an ellipsis.
    pub(crate) fn fit(&self, text: &str, size: f32, max: f32) -> String {
        if self.width(text, size) <= max {
            return text.to_owned();
        }
        let mut used = self.advance(ELLIPSIS, size);
        if used > max {
            return String::new();
        }
        let mut kept = String::new();
        for c in text.chars() {
            used += self.advance(c, size);
            if used > max {
                break;
            }
            kept.push(c);
        }
        let mut cut = kept.trim_end().to_owned();
        cut.push(ELLIPSIS);
        cut
    }

    /// This face cut down to the glyphs of `chars`, so the PDF carries only what it shows.
    /// Falls back to the whole face if the cut fails.
    pub(crate) fn subset(&self, chars: &BTreeSet<char>) -> Result<ParsedFont, ReportError> {
        let glyphs: BTreeSet<u16> = chars.iter().filter_map(|&c| self.glyph(c)).collect();
        // Glyph 0 (.notdef) must come first.
        let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
        match cut_down(self.bytes, &ids) {
            Ok(bytes) => parse(&bytes),
            Err(_) => Ok(self.font.clone()),
        }
    }
}

fn parse(bytes: &[u8]) -> Result<ParsedFont, ReportError> {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| ReportError::Font(format!("{warnings:?}")))
}

fn cut_down(bytes: &[u8], ids: &[u16]) -> Result<Vec<u8>, String> {
    let data = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    allsorts::subset::subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_cover_vietnamese() {
        let fonts = Fonts::load().expect("fonts");
        let letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY \
                       àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ \
                       ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ 0123456789 …";
        for face in [Face::Regular, Face::Bold] {
            assert_eq!(fonts.face(face).clean(letters), letters, "{face:?}");
        }
    }

    #[test]
    fn decomposed_text_is_composed_and_unknown_marked() {
        let fonts = Fonts::load().expect("fonts");
        let regular = fonts.face(Face::Regular);
        assert_eq!(regular.clean("Nguye\u{302}\u{303}n\nA\u{4E2D}"), "Nguyễn A?");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let fonts = Fonts::load().expect("fonts");
        let regular = fonts.face(Face::Regular);
        let text = "Nguyễn Thị Lan, thôn Đông";
        assert_eq!(regular.fit(text, 10.0, 1000.0), text);
        let cut = regular.fit(text, 10.0, 50.0);
        assert!(cut.ends_with(ELLIPSIS) && cut.len() < text.len(), "{cut}");
        assert!(regular.width(&cut, 10.0) <= 50.0);
        assert_eq!(regular.fit(text, 10.0, 1.0), "");
    }

    #[test]
    fn a_subset_is_small_and_keeps_its_letters() {
        let fonts = Fonts::load().expect("fonts");
        let chars: BTreeSet<char> = "Đỗ Văn Bình".chars().collect();
        let sub = fonts.face(Face::Bold).subset(&chars).expect("subset");
        assert!(sub.original_bytes.len() < BOLD.len() / 4, "{} bytes", sub.original_bytes.len());
        for c in chars {
            assert!(sub.lookup_glyph_index(u32::from(c)).is_some_and(|g| g != 0), "{c}");
        }
    }
}
