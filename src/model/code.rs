//! Process codes: the normal form (`A1`, `A2.1.3.1`, `C1.1.7b`), its natural
//! order, and how the documents write them (`A1.`, `A.2.1.3.1.Title`,
//! `C1.1.7b`, `B3.2.2.3.1.`) and their normal form (`A1`, `A2.1.3.1`, ...).

use std::cmp::Ordering;
use std::fmt;

/// Deepest code read. The seeds go to five levels; a deeper written code is
/// not read as a code (the row gets a missing-code diagnostic instead).
pub const MAX_DEPTH: usize = 16;

/// A normalised code: letter, numeric segments and an optional suffix letter.
/// Segments are stored inline (a code is copied and compared thousands of
/// times per import; no heap allocation for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub letter: char,
    segs: [u16; MAX_DEPTH],
    len: u8,
    pub suffix: Option<char>,
}

impl Code {
    /// A code from its parts; `None` when deeper than [`MAX_DEPTH`] or a
    /// segment does not fit.
    pub fn new(letter: char, segments: &[u32], suffix: Option<char>) -> Option<Code> {
        if segments.len() > MAX_DEPTH {
            return None;
        }
        let mut segs = [0u16; MAX_DEPTH];
        for (slot, &n) in segs.iter_mut().zip(segments) {
            *slot = u16::try_from(n).ok()?;
        }
        Some(Code {
            letter,
            segs,
            len: segments.len() as u8,
            suffix,
        })
    }

    /// The numeric segments (`C2.10.1` → 2, 10, 1).
    pub fn segments(&self) -> &[u16] {
        &self.segs[..self.len as usize]
    }

    /// Number of levels: `A` is 0, `A1` is 1, `A1.2` is 2, ...
    pub fn depth(&self) -> usize {
        self.len as usize
    }

    /// The code one level up (`C1.1.7b` → `C1.1`); `None` for a bare letter.
    pub fn parent(&self) -> Option<Code> {
        if self.len == 0 {
            return None;
        }
        let mut up = *self;
        up.len -= 1;
        up.segs[up.len as usize] = 0;
        up.suffix = None;
        Some(up)
    }

    /// Whether `self` is `other` or lies below it.
    pub fn starts_with(&self, other: &Code) -> bool {
        self.letter == other.letter
            && other.suffix.is_none()
            && self.len >= other.len
            && self.segments()[..other.depth()] == *other.segments()
    }

    /// Same code without its suffix letter.
    pub fn without_suffix(&self) -> Code {
        Code {
            suffix: None,
            ..*self
        }
    }

    /// Parses a normalised code (`C2.10.1`, `c2.10`, `C1.1.7b`, `A`, and
    /// Roman `II.3`). Used for codes typed by people, so case is ignored
    /// and a trailing dot accepted. (`I.1`, `V.2`, `X.1` read as the
    /// letter codes they also are: I1, V2, X1.)
    pub fn parse(text: &str) -> Option<Code> {
        let t = text.trim();
        // Asked of every entry's code when a map is indexed: a Roman
        // numeral is looked for only where one may begin.
        if matches!(
            t.as_bytes().first(),
            Some(b'I' | b'V' | b'X' | b'i' | b'v' | b'x')
        ) {
            let upper = t.to_ascii_uppercase();
            if let Some(roman) = parse_roman(&upper, false).filter(|r| r.rest.is_empty()) {
                return Some(roman.code);
            }
        }
        let mut chars = t.chars();
        if let (Some(letter), None) = (chars.next(), chars.next()) {
            // A bare letter: an institutional function.
            if !letter.is_ascii_alphabetic() {
                return None;
            }
            return Code::new(letter.to_ascii_uppercase(), &[], None);
        }
        let p = parse_leading(t)?;
        if !p.rest.is_empty() {
            return None;
        }
        Some(p.code)
    }
}

impl Code {
    /// The code in its normal form (as `Display` writes it), without the
    /// formatting machinery: every node of an import has its code and its
    /// parent's written, and `to_string` cost a tenth of making the node.
    pub fn to_text(&self) -> super::Text {
        let mut buf = [0u8; WRITTEN_MAX];
        super::Text::from(self.write(&mut buf))
    }

    /// The number of a Roman top level (`II.3` is 2), which the code
    /// holds as its letter (U+2160 Ⅰ to U+216B Ⅻ).
    pub fn roman(&self) -> Option<u32> {
        let n = u32::from(self.letter).checked_sub(ROMAN_FIRST)? + 1;
        (n <= ROMAN.len() as u32).then_some(n)
    }

    /// Writes the normal form into `buf`.
    fn write<'b>(&self, buf: &'b mut [u8; WRITTEN_MAX]) -> &'b str {
        let roman = self.roman();
        let mut len = match roman {
            // Written as people write them, a dot before the segments.
            Some(n) => {
                let numeral = ROMAN[n as usize - 1].as_bytes();
                buf[..numeral.len()].copy_from_slice(numeral);
                numeral.len()
            }
            None => self.letter.encode_utf8(&mut buf[..]).len(),
        };
        for (i, &seg) in self.segments().iter().enumerate() {
            if i > 0 || roman.is_some() {
                buf[len] = b'.';
                len += 1;
            }
            let mut digits = [0u8; 5];
            let mut n = seg;
            let mut k = digits.len();
            loop {
                k -= 1;
                digits[k] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            let d = &digits[k..];
            buf[len..len + d.len()].copy_from_slice(d);
            len += d.len();
        }
        if let Some(s) = self.suffix {
            len += s.encode_utf8(&mut buf[len..]).len();
        }
        // Only ASCII digits and dots between two whole characters.
        std::str::from_utf8(&buf[..len]).unwrap_or_default()
    }
}

/// The longest normal form: a letter (up to 4 bytes, or a Roman numeral
/// and its dot), 16 segments of up to 5 digits and their dots, a suffix
/// letter.
const WRITTEN_MAX: usize = 5 + MAX_DEPTH * 6 + 4;

/// The Roman numerals a top level is read in, I to XII, and the letter
/// that holds each in a code (Ⅰ, U+2160, for I).
const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];
const ROMAN_FIRST: u32 = 0x2160;

/// A Roman numeral at the start of `cell` (uppercase, I to XII), its
/// segments after a dot (`II.3.1`), then white space or the end: the code
/// of a map that numbers its top level so. The lone I, V and X are read
/// only when `lone` says so (they are letter codes too: `I.1` is I1).
pub fn parse_roman(cell: &str, lone: bool) -> Option<LeadingCode<'_>> {
    let s = cell.trim_start();
    let bytes = s.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while matches!(at(i), b'I' | b'V' | b'X') {
        i += 1;
    }
    let n = ROMAN.iter().position(|r| r.as_bytes() == &bytes[..i])? + 1;
    if i == 1 && !lone {
        return None;
    }
    let letter = char::from_u32(ROMAN_FIRST + n as u32 - 1)?;
    let mut segs = [0u16; MAX_DEPTH];
    let mut depth = 0;
    while at(i) == b'.' && at(i + 1).is_ascii_digit() && depth < MAX_DEPTH {
        i += 1;
        let start = i;
        let mut v = 0u16;
        while at(i).is_ascii_digit() && i - start < 3 {
            v = v * 10 + u16::from(at(i) - b'0');
            i += 1;
        }
        if at(i).is_ascii_digit() {
            return None;
        }
        segs[depth] = v;
        depth += 1;
    }
    let trailing_dot = matches!(at(i), b'.' | b')');
    if trailing_dot {
        i += 1;
    }
    let colon = at(i) == b':';
    if colon {
        i += 1;
    }
    if i < bytes.len() && !at(i).is_ascii_whitespace() {
        return None;
    }
    let (raw, after) = s.split_at(i);
    Some(LeadingCode {
        code: Code {
            letter,
            segs,
            len: depth as u8,
            suffix: None,
        },
        raw,
        rest: dash_off(after.trim()),
        dotted_letter: false,
        trailing_dot: trailing_dot && depth > 0,
        glued: false,
        colon,
    })
}

/// A letter alone at the start of `cell` (`A`, `A.`, `A)`, `A:`), then
/// white space or the end: the code of a macro-process in a map that
/// codes them with one letter ("A Organi istituzionali").
pub fn parse_letter(cell: &str) -> Option<LeadingCode<'_>> {
    let s = cell.trim_start();
    let bytes = s.as_bytes();
    let first = *bytes.first()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    let mut i = 1;
    let (mut trailing_dot, mut colon) = (false, false);
    match bytes.get(1) {
        Some(b'.') | Some(b')') => {
            trailing_dot = bytes[1] == b'.';
            i = 2;
        }
        Some(b':') => {
            colon = true;
            i = 2;
        }
        _ => {}
    }
    if bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
        return None;
    }
    let (raw, after) = s.split_at(i);
    Some(LeadingCode {
        code: Code::new(char::from(first), &[], None)?,
        raw,
        rest: dash_off(after.trim()),
        dotted_letter: false,
        trailing_dot,
        glued: false,
        colon,
    })
}

/// A title after a dash that sets it apart from its code ("A – Organi").
fn dash_off(rest: &str) -> &str {
    match rest.strip_prefix(['-', '–', '—']) {
        Some(title) if title.starts_with(char::is_whitespace) => title.trim_start(),
        _ => rest,
    }
}

impl fmt::Display for Code {
    /// Written into a buffer on the stack and handed over at once: codes
    /// are written for every node of every import (ids, parents), and the
    /// formatting machinery per segment cost more than the rest.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; WRITTEN_MAX];
        f.write_str(self.write(&mut buf))
    }
}

impl Ord for Code {
    /// Natural order: segments compare as numbers (C2.8 < C2.10), a parent
    /// before its children, `C1.1.7` before `C1.1.7b`.
    fn cmp(&self, other: &Self) -> Ordering {
        self.letter.cmp(&other.letter).then_with(|| {
            for (a, b) in self.segments().iter().zip(other.segments()) {
                match a.cmp(b) {
                    Ordering::Equal => {}
                    o => return o,
                }
            }
            // The shorter one is an ancestor, unless a suffix sets it apart.
            let (ls, lo) = (self.len, other.len);
            match ls.cmp(&lo) {
                Ordering::Equal => self.suffix.cmp(&other.suffix),
                Ordering::Less if self.suffix.is_some() => Ordering::Greater,
                Ordering::Greater if other.suffix.is_some() => Ordering::Less,
                o => o,
            }
        })
    }
}

/// Hashes the segments in use only: codes are map keys in every import,
/// and most use five of the sixteen slots. Equal codes hash equally. The
/// parts are mixed into one word first: a map's codes differ in their
/// last segment by small steps, which a fast hasher fed the numbers one
/// by one spreads poorly (long probe chains in a map of 100,000 codes).
impl std::hash::Hash for Code {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mut h = u64::from(self.letter as u32) ^ (u64::from(self.len) << 32);
        for &seg in self.segments() {
            h = mix(h ^ u64::from(seg));
        }
        if let Some(s) = self.suffix {
            h = mix(h ^ (u64::from(s as u32) << 20));
        }
        state.write_u64(mix(h));
    }
}

/// A 64-bit finaliser (splitmix64's): every input bit reaches every
/// output bit.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A code read from the start of a cell, with what followed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingCode<'a> {
    pub code: Code,
    /// The code exactly as written (without the text after it).
    pub raw: &'a str,
    /// The text after the code, trimmed.
    pub rest: &'a str,
    /// The defects seen in the written form.
    pub dotted_letter: bool,
    pub trailing_dot: bool,
    pub glued: bool,
    pub colon: bool,
}

impl LeadingCode<'_> {
    /// Human descriptions of the irregularities in the written form.
    pub fn irregularities(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.dotted_letter {
            v.push("punto dopo la lettera");
        }
        if self.trailing_dot {
            v.push("punto finale");
        }
        if self.glued {
            v.push("titolo attaccato al codice");
        }
        if self.code.suffix.is_some() {
            v.push("lettera in coda");
        }
        v
    }
}

/// Reads a code at the start of `cell`: a capital letter, an optional dot,
/// dot-separated numbers, an optional lowercase suffix letter, an optional
/// trailing dot or colon. Returns `None` when the cell does not start with one.
pub fn parse_leading(cell: &str) -> Option<LeadingCode<'_>> {
    // Read for every row of a map, twice: ASCII is looked at byte by byte,
    // and characters are decoded only around a code that is not (white
    // space before it, other text after it).
    let s = match cell.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() => cell,
        _ => cell.trim_start(),
    };
    let bytes = s.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let first = at(0);
    if !first.is_ascii_alphabetic() {
        return None;
    }
    let letter = char::from(first.to_ascii_uppercase());
    let mut i = 1;
    let dotted_letter = at(i) == b'.' && at(i + 1).is_ascii_digit();
    if dotted_letter {
        i += 1;
    }
    let mut segs = [0u16; MAX_DEPTH];
    let mut depth = 0;
    loop {
        let start = i;
        let mut n = 0u16;
        while at(i).is_ascii_digit() && i - start < 3 {
            n = n * 10 + u16::from(at(i) - b'0');
            i += 1;
        }
        // No digit, more than three, or deeper than any map goes: not
        // read as a code.
        if i == start || at(i).is_ascii_digit() || depth == MAX_DEPTH {
            return None;
        }
        segs[depth] = n;
        depth += 1;
        if at(i) == b'.' && at(i + 1).is_ascii_digit() {
            i += 1;
            continue;
        }
        break;
    }
    let mut suffix = None;
    let c = at(i);
    if c.is_ascii_lowercase() && (i + 1 == bytes.len() || at(i + 1).is_ascii_whitespace()) {
        suffix = Some(char::from(c));
        i += 1;
    }
    let trailing_dot = at(i) == b'.';
    if trailing_dot {
        i += 1;
    }
    let colon = at(i) == b':';
    if colon {
        i += 1;
    }
    // The code ends on an ASCII byte: `i` is a character boundary.
    let (raw, after) = s.split_at(i);
    let next = match after.as_bytes().first() {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => after.chars().next(),
    };
    let glued = match next {
        None => false,
        Some(c) if c.is_whitespace() => false,
        Some(c) if c.is_alphabetic() => true,
        // "A2.1.3.1/..." or "1,5" and the like are not codes.
        Some(_) => return None,
    };
    Some(LeadingCode {
        code: Code {
            letter,
            segs,
            len: depth as u8,
            suffix,
        },
        raw,
        rest: match after.is_empty() {
            true => after,
            false => after.trim(),
        },
        dotted_letter,
        trailing_dot,
        glued,
        colon,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        parse_leading(s).unwrap().code.to_string()
    }

    #[test]
    fn written_forms_normalise() {
        assert_eq!(norm("A1. Pianificazione"), "A1");
        assert_eq!(norm("A1.1.2.4. Monitoraggio"), "A1.1.2.4");
        assert_eq!(norm("A.2.1.3.1.Assistenza legale"), "A2.1.3.1");
        assert_eq!(norm("D.1. INTERNAZIONALIZZAZIONE"), "D1");
        assert_eq!(norm("C1.1.7b Operazioni d'Ufficio"), "C1.1.7b");
        assert_eq!(norm("B3.2.2.3.1. Trasmissione"), "B3.2.2.3.1");
        assert_eq!(norm("A1: CICLO DI GESTIONE"), "A1");
        assert_eq!(norm("C2.10.1 Supporto"), "C2.10.1");
    }

    /// How codes were read before reading them byte by byte.
    fn parse_leading_by_chars(cell: &str) -> Option<LeadingCode<'_>> {
        let s = cell.trim_start();
        let bytes = s.as_bytes();
        let mut i = 0;
        let letter = *bytes.first()? as char;
        if !letter.is_ascii_alphabetic() {
            return None;
        }
        let letter = letter.to_ascii_uppercase();
        i += 1;
        let mut dotted_letter = false;
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            dotted_letter = true;
            i += 1;
        }
        let mut segments = [0u32; MAX_DEPTH];
        let mut depth = 0;
        loop {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start || i - start > 3 {
                return None;
            }
            *segments.get_mut(depth)? = s[start..i].parse().ok()?;
            depth += 1;
            if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            break;
        }
        let mut suffix = None;
        if let Some(&c) = bytes.get(i) {
            let next = bytes.get(i + 1);
            if c.is_ascii_lowercase() && next.is_none_or(|n| n.is_ascii_whitespace()) {
                suffix = Some(c as char);
                i += 1;
            }
        }
        let trailing_dot = bytes.get(i) == Some(&b'.');
        i += usize::from(trailing_dot);
        let colon = bytes.get(i) == Some(&b':');
        i += usize::from(colon);
        let after = &s[i..];
        let glued = match after.chars().next() {
            None => false,
            Some(c) if c.is_whitespace() => false,
            Some(c) if c.is_alphabetic() => true,
            Some(_) => return None,
        };
        Some(LeadingCode {
            code: Code::new(letter, &segments[..depth], suffix)?,
            raw: s[..i].trim_end(),
            rest: after.trim(),
            dotted_letter,
            trailing_dot,
            glued,
            colon,
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn read_byte_by_byte_as_by_chars(
            cell in "[ \\t\u{a0}\u{b}]{0,2}[AaZé1.]{0,2}[0-9]{0,5}([.][0-9]{0,4}){0,17}[a-c]?[.:]{0,2}[ \u{b}\u{3000}xÈé/,]{0,2}[a-z ]{0,3}"
        ) {
            proptest::prop_assert_eq!(parse_leading(&cell), parse_leading_by_chars(&cell));
        }
    }

    #[test]
    fn irregularities_are_reported() {
        let p = parse_leading("F.1.1.1.1.Gestione della concessione").unwrap();
        assert!(p.dotted_letter && p.trailing_dot && p.glued);
        assert_eq!(p.rest, "Gestione della concessione");
        let p = parse_leading("A1.1 PERFORMANCE").unwrap();
        assert!(p.irregularities().is_empty());
    }

    #[test]
    fn deep_codes_up_to_the_limit() {
        let deep = (1..=12)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(".");
        assert_eq!(norm(&format!("A{deep} Voce")), format!("A{deep}"));
        let too_deep = vec!["1"; MAX_DEPTH + 1].join(".");
        assert!(parse_leading(&format!("A{too_deep} Voce")).is_none());
        assert_eq!(
            Code::parse("A1.2.3").unwrap().parent().unwrap().to_string(),
            "A1.2"
        );
        // The longest normal form is written whole.
        let longest = format!("Z{}b", vec!["999"; MAX_DEPTH].join("."));
        assert_eq!(norm(&format!("{longest} Voce")), longest);
        assert_eq!(Code::parse(&longest).unwrap().to_string(), longest);
    }

    #[test]
    fn text_is_not_a_code() {
        assert!(parse_leading("Conferimento incarichi").is_none());
        assert!(parse_leading("D. Lgs. 81/2008").is_none());
        assert!(parse_leading("").is_none());
    }

    #[test]
    fn codes_are_written_in_their_normal_form() {
        for text in ["A", "A1", "Z999.0.12", "C1.1.7b", "B3.2.2.3.1", "D10.100"] {
            assert_eq!(Code::parse(text).unwrap().to_string(), text);
            assert_eq!(Code::parse(text).unwrap().to_text(), text);
        }
        let longest = format!("Z{}b", vec!["65535"; MAX_DEPTH].join("."));
        let segs = vec![65535u32; MAX_DEPTH];
        let code = Code::new('Z', &segs, Some('b')).unwrap();
        assert_eq!(code.to_string(), longest);
        assert_eq!(code.to_text(), longest);
        let wide = Code::new('É', &[1], Some('ß')).unwrap();
        assert_eq!(
            (wide.to_string(), wide.to_text()),
            ("É1ß".into(), "É1ß".into())
        );
    }

    #[test]
    fn one_letter_and_roman_codes() {
        let a = parse_letter("A Organi istituzionali").unwrap();
        assert_eq!(
            (a.code.to_string(), a.rest),
            ("A".into(), "Organi istituzionali")
        );
        assert_eq!(a.code.depth(), 0);
        let b = parse_letter("B. – Registro delle imprese").unwrap();
        assert_eq!((b.raw, b.rest), ("B.", "Registro delle imprese"));
        assert!(b.trailing_dot);
        assert_eq!(parse_letter("C").unwrap().rest, "");
        for not in ["Acquisti", "A1 Uno", "a minuscola", "A/B", "É", "", " "] {
            assert!(parse_letter(not).is_none(), "{not}");
        }
        let two = parse_roman("II.3 Gestione", false).unwrap();
        assert_eq!(
            (two.code.to_string(), two.rest),
            ("II.3".into(), "Gestione")
        );
        assert_eq!(two.code.roman(), Some(2));
        assert_eq!(two.code.parent().unwrap().to_string(), "II");
        assert!(parse_roman("I.1 Uno", false).is_none());
        assert_eq!(
            parse_roman("I.1 Uno", true).unwrap().code.to_string(),
            "I.1"
        );
        assert_eq!(parse_roman("XII) Dodici", true).unwrap().rest, "Dodici");
        for not in ["IIII", "IVA", "Iva", "XIII", "IX1", "V-commerce"] {
            assert!(parse_roman(not, true).is_none(), "{not}");
        }
        let c = |s: &str| Code::parse(s).unwrap();
        assert_eq!(c("II.3"), two.code);
        assert_eq!(c("ii.3."), two.code);
        assert_eq!(c("II.3").to_text(), "II.3");
        assert_eq!(c("I.1").to_string(), "I1");
        assert!(c("A9.9") < c("II") && c("II") < c("II.1") && c("IX") < c("XI"));
    }

    #[test]
    fn natural_order() {
        let c = |s: &str| Code::parse(s).unwrap();
        assert!(c("C2.8") < c("C2.10"));
        assert!(c("C2.10") < c("C2.10.1"));
        assert!(c("C1.1.7") < c("C1.1.7b"));
        assert!(c("C1.1.7.1") < c("C1.1.7b"));
        assert!(c("C1.1.7b") < c("C1.1.8"));
        assert_eq!(c("c2.10.").to_string(), "C2.10");
    }
}
