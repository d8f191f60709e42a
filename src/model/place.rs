//! Where something is in a spreadsheet, as a person finds it there: the
//! sheet's tab and the cell (`Mappatura!C12`, `'Foglio 1'!A5`).

use std::fmt;
use std::str::FromStr;

/// A cell of a sheet. Rows count from 1 as the spreadsheet shows them;
/// columns from 0 (A).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub sheet: String,
    pub row: u32,
    pub column: u32,
}

impl Place {
    pub fn new(sheet: &str, row: u32, column: u32) -> Place {
        Place {
            sheet: sheet.to_string(),
            row,
            column,
        }
    }

    /// The cell without the sheet: `C12`.
    pub fn cell(&self) -> String {
        format!("{}{}", column_letters(self.column), self.row)
    }
}

/// The letters of a column as a spreadsheet heads it: 0 → A, 25 → Z,
/// 26 → AA.
pub fn column_letters(column: u32) -> String {
    let mut n = column as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// The column that `letters` head (`A` → 0, `aa` → 26); `None` for
/// anything else, or a column past the last a spreadsheet has (XFD).
pub fn column_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let n = letters.bytes().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
    });
    // XFD, the last column of a worksheet.
    (n <= 16_384).then(|| n - 1)
}

/// A sheet name as a formula writes it: quoted when it is not a plain word.
fn sheet_ref(sheet: &str) -> String {
    let plain = !sheet.is_empty() && sheet.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}!{}", sheet_ref(&self.sheet), self.cell())
    }
}

/// Reads `Sheet!C12` and `'Foglio 1'!C12` back.
impl FromStr for Place {
    type Err = String;

    fn from_str(s: &str) -> Result<Place, String> {
        let bad = || format!("\"{}\" is not a cell like Mappatura!C12", s.escape_debug());
        let (sheet, cell) = s.rsplit_once('!').ok_or_else(bad)?;
        let sheet = match sheet.strip_prefix('\'').and_then(|q| q.strip_suffix('\'')) {
            Some(quoted) => quoted.replace("''", "'"),
            None => sheet.to_string(),
        };
        let digits = cell.find(|c: char| c.is_ascii_digit()).ok_or_else(bad)?;
        let column = column_index(&cell[..digits]).ok_or_else(bad)?;
        let row = cell[digits..].parse::<u32>().map_err(|_| bad())?;
        if row == 0 || sheet.chars().any(crate::text::is_hidden_control) {
            return Err(bad());
        }
        Ok(Place { sheet, row, column })
    }
}

impl serde::Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Place {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_a_spreadsheet_heads_them() {
        for (i, l) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letters(i), l);
            assert_eq!(column_index(l), Some(i));
        }
        assert_eq!(column_index("xfd"), Some(16_383));
        assert_eq!(column_index("XFE"), None);
        assert_eq!(column_index("A1"), None);
        assert_eq!(column_index(""), None);
    }

    #[test]
    fn places_read_back() {
        let p = Place::new("Mappatura", 12, 2);
        assert_eq!(p.to_string(), "Mappatura!C12");
        let q = Place::new("Foglio 1 (l'ultimo)", 5, 0);
        assert_eq!(q.to_string(), "'Foglio 1 (l''ultimo)'!A5");
        for place in [p, q] {
            assert_eq!(place.to_string().parse::<Place>().unwrap(), place);
            let json = serde_json::to_string(&place).unwrap();
            assert_eq!(serde_json::from_str::<Place>(&json).unwrap(), place);
        }
        assert!("C12".parse::<Place>().is_err());
        assert!("S!C0".parse::<Place>().is_err());
        assert!("S!12".parse::<Place>().is_err());
    }
}
