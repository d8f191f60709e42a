//! The text of a CSV or TSV file: UTF-8 (with or without a byte-order
//! mark), UTF-16 (with a byte-order mark, or told by its zero bytes), and
//! otherwise Windows-1252, the encoding an Italian Excel saves "CSV
//! (delimitato da separatore)" in.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    /// A UTF-8 byte-order mark, then bytes that are not UTF-8: read as
    /// UTF-8 all the same (the mark says what the file is), each bad
    /// sequence shown as U+FFFD.
    Utf8BomDamaged,
    /// A UTF-8 byte-order mark, then text with no UTF-8 letter at all
    /// beyond ASCII but bytes that are not UTF-8: Windows-1252 with a mark
    /// put in front of it, read as such.
    Utf8BomThen1252,
    Utf16Le,
    Utf16Be,
    /// UTF-16 without a byte-order mark, told by its zero bytes (every
    /// other byte of Latin text is zero).
    Utf16LeUnmarked,
    Utf16BeUnmarked,
    /// Not valid UTF-8 and no byte-order mark: assumed.
    Windows1252,
}

impl Encoding {
    /// How a diagnostic names it; `None` for plain UTF-8, which needs no
    /// word.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => None,
            Encoding::Utf8BomDamaged => Some(
                "il file dichiara UTF-8 (ha il BOM) ma contiene byte non validi in UTF-8: \
                 letto come UTF-8, ogni byte non valido è mostrato come \u{FFFD}; \
                 salvalo di nuovo come \"CSV UTF-8\"",
            ),
            Encoding::Utf8BomThen1252 => Some(
                "il file inizia con il BOM di UTF-8 ma il testo dopo non è UTF-8 (nessuna lettera \
                 accentata scritta in UTF-8, byte che UTF-8 non ha): letto come Windows-1252 \
                 (il CSV di Excel in italiano); se le lettere accentate non sono giuste, \
                 salvalo come \"CSV UTF-8\"",
            ),
            Encoding::Utf16Le => Some("testo in UTF-16 (little-endian), come dice il BOM"),
            Encoding::Utf16Be => Some("testo in UTF-16 (big-endian), come dice il BOM"),
            Encoding::Utf16LeUnmarked => Some(
                "testo in UTF-16 (little-endian) senza BOM, riconosciuto dai byte a zero \
                 tra le lettere; se il testo non è giusto, salvalo come \"CSV UTF-8\"",
            ),
            Encoding::Utf16BeUnmarked => Some(
                "testo in UTF-16 (big-endian) senza BOM, riconosciuto dai byte a zero \
                 tra le lettere; se il testo non è giusto, salvalo come \"CSV UTF-8\"",
            ),
            Encoding::Windows1252 => Some(
                "il file non è UTF-8 valido e non ha BOM: letto come Windows-1252 \
                 (il CSV di Excel in italiano); se le lettere accentate non sono giuste, \
                 salvalo come \"CSV UTF-8\"",
            ),
        }
    }
}

/// The text of `bytes` and the encoding it was read in. Never fails:
/// every byte sequence is some Windows-1252 text. Bytes given owned that
/// are UTF-8 already become the text without a copy (a 100,000-row export
/// is some 10 MB).
pub fn decode(bytes: Cow<'_, [u8]>) -> (Cow<'_, str>, Encoding) {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    if bytes.starts_with(UTF8_BOM) {
        return match utf8(bytes, UTF8_BOM.len()) {
            Ok(text) => (text, Encoding::Utf8Bom),
            // Windows-1252 behind the mark when no letter is UTF-8: each
            // byte is then a letter of its own, none lost.
            Err(rest) if !any_utf8_letter(&rest) => {
                let text = WINDOWS_1252.decode_without_bom_handling(&rest).0;
                (Cow::Owned(text.into_owned()), Encoding::Utf8BomThen1252)
            }
            Err(rest) => {
                let text = String::from_utf8_lossy(&rest).into_owned();
                (Cow::Owned(text), Encoding::Utf8BomDamaged)
            }
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let text = UTF_16LE.decode_without_bom_handling(rest).0.into_owned();
        return (Cow::Owned(text), Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let text = UTF_16BE.decode_without_bom_handling(rest).0.into_owned();
        return (Cow::Owned(text), Encoding::Utf16Be);
    }
    // Before UTF-8: a zero byte is valid UTF-8, and UTF-16 text without a
    // mark would read as letters between zeros.
    if let Some(encoding) = unmarked_utf16(&bytes) {
        let codec = match encoding {
            Encoding::Utf16BeUnmarked => UTF_16BE,
            _ => UTF_16LE,
        };
        let text = codec.decode_without_bom_handling(&bytes).0.into_owned();
        return (Cow::Owned(text), encoding);
    }
    match utf8(bytes, 0) {
        Ok(text) => (text, Encoding::Utf8),
        Err(bytes) => {
            let text = WINDOWS_1252
                .decode_without_bom_handling(&bytes)
                .0
                .into_owned();
            (Cow::Owned(text), Encoding::Windows1252)
        }
    }
}

/// Whether `bytes` hold a character beyond ASCII written as UTF-8.
fn any_utf8_letter(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// UTF-16 without a byte-order mark: in the first 4 KB, the bytes at odd
/// places (little-endian) or at even places (big-endian) are nearly all
/// zero, the others nearly none: the high bytes of Latin letters, digits
/// and punctuation. Text in any 8-bit encoding has no zero bytes at all.
pub fn unmarked_utf16(bytes: &[u8]) -> Option<Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros = |first: usize| {
        head.iter()
            .skip(first)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let hardly = |n: usize| n * 10 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(Encoding::Utf16LeUnmarked)
    } else if mostly(even) && hardly(odd) {
        Some(Encoding::Utf16BeUnmarked)
    } else {
        None
    }
}

/// `bytes` after the first `skip` as text, borrowed when they are and
/// moved when owned (the bytes shifted over a byte-order mark in place,
/// never copied to a second buffer); or those bytes, when they are not
/// UTF-8.
fn utf8(bytes: Cow<'_, [u8]>, skip: usize) -> Result<Cow<'_, str>, Cow<'_, [u8]>> {
    match bytes {
        Cow::Borrowed(b) => {
            let rest = &b[skip..];
            std::str::from_utf8(rest)
                .map(Cow::Borrowed)
                .map_err(|_| Cow::Borrowed(rest))
        }
        Cow::Owned(mut v) => {
            v.drain(..skip);
            String::from_utf8(v)
                .map(Cow::Owned)
                .map_err(|e| Cow::Owned(e.into_bytes()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_reads_the_same_text() {
        let text = "Attività;Responsabilità è così\r\n";
        let (t, e) = decode(text.as_bytes().into());
        assert_eq!((&*t, e), (text, Encoding::Utf8));
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(
            decode(bom.as_slice().into()),
            (Cow::Borrowed(text), Encoding::Utf8Bom)
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode(le.as_slice().into()),
            (Cow::Borrowed(text), Encoding::Utf16Le)
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be.as_slice().into()).0, text);
        let (cp, _, _) = WINDOWS_1252.encode(text);
        let (t, e) = decode(cp.as_ref().into());
        assert_eq!((&*t, e), (text, Encoding::Windows1252));
        assert!(e.note().unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf16_without_a_mark_is_told_by_its_zero_bytes() {
        let text = "Codice;Attività;Responsabilità\r\nA1;Istruttoria;Dirigente\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (t, e) = decode(le.as_slice().into());
        assert_eq!((&*t, e), (text, Encoding::Utf16LeUnmarked));
        assert!(e.note().unwrap().contains("senza BOM"));
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(be.as_slice().into()),
            (Cow::Borrowed(text), Encoding::Utf16BeUnmarked)
        );
        // Text with a stray zero byte, or too short to tell, is not UTF-16.
        assert_eq!(unmarked_utf16(b"Codice;Titolo\0\r\nA1;Uno\r\n"), None);
        assert_eq!(unmarked_utf16(b"A\0"), None);
    }

    #[test]
    fn a_utf8_mark_before_bad_bytes_is_still_utf8() {
        let bytes = b"\xEF\xBB\xBFCodice;Attivit\xE0\r\nA1;\xC3\xA8\r\n";
        let (t, e) = decode(bytes.as_slice().into());
        assert_eq!(e, Encoding::Utf8BomDamaged);
        assert_eq!(t, "Codice;Attivit\u{FFFD}\r\nA1;è\r\n");
        assert!(e.note().unwrap().contains("BOM"));
        // No letter in UTF-8 at all: Windows-1252 behind the mark.
        let bytes = b"\xEF\xBB\xBFCodice;Attivit\xE0\r\nA1;Responsabilit\xE0\r\n";
        let (t, e) = decode(bytes.as_slice().into());
        assert_eq!(e, Encoding::Utf8BomThen1252);
        assert_eq!(t, "Codice;Attività\r\nA1;Responsabilità\r\n");
        assert!(e.note().unwrap().contains("Windows-1252"));
    }
}
