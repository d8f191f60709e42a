//! What a file is, from its first bytes rather than its name: a zip
//! archive (xlsx, xlsm, ods), an OLE compound file (xls, or a workbook
//! encrypted with a password), something that is certainly not a map (an
//! image, a PDF), or text.

/// What the bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An OpenDocument spreadsheet (its `mimetype` entry says so).
    Ods,
    /// Another zip archive: an Office Open XML workbook, if anything.
    Zip,
    /// An OLE compound file: an xls workbook.
    Xls,
    /// An OLE compound file holding an encrypted package: a workbook
    /// saved with a password to open it.
    Encrypted,
    /// Not a map, and what it is instead.
    Other(&'static str),
    /// Anything else: read as delimited text.
    Text,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Signatures of files people pick by mistake.
const NOT_MAPS: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"BM", "a BMP image"),
    (b"II*\0", "a TIFF image"),
    (b"MM\0*", "a TIFF image"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
];

pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(ZIP) {
        // ODF puts an uncompressed `mimetype` entry first.
        let head = &bytes[..bytes.len().min(100)];
        if memchr::memmem::find(head, b"mimetypeapplication/vnd.oasis.opendocument").is_some() {
            return if memchr::memmem::find(head, b"opendocument.spreadsheet").is_some() {
                Kind::Ods
            } else {
                Kind::Other("an OpenDocument file that is not a spreadsheet")
            };
        }
        return Kind::Zip;
    }
    if bytes.starts_with(OLE) {
        // Directory entries name their streams in UTF-16.
        let encrypted: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if memchr::memmem::find(bytes, &encrypted).is_some() {
            return Kind::Encrypted;
        }
        return Kind::Xls;
    }
    if let Some((_, what)) = NOT_MAPS.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        // "BM" also starts ordinary text ("BMW;..."): an image has binary
        // bytes soon after.
        if bytes.len() < 2 || !looks_binary(&bytes[..bytes.len().min(512)]) {
            return Kind::Text;
        }
        return Kind::Other(what);
    }
    if looks_binary(&bytes[..bytes.len().min(4096)])
        && !utf16_bom(bytes)
        && super::decode::unmarked_utf16(bytes).is_none()
    {
        return Kind::Other("a binary file");
    }
    Kind::Text
}

fn utf16_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// Text has no NUL bytes (UTF-16 aside) and few control characters.
fn looks_binary(head: &[u8]) -> bool {
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_by_their_bytes() {
        assert_eq!(kind(b"PK\x03\x04\x14\0\0\0\0\0xl/workbook.xml"), Kind::Zip);
        assert_eq!(
            kind(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x08\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK"),
            Kind::Ods
        );
        assert_eq!(
            kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Kind::Other("a PNG image")
        );
        assert_eq!(
            kind(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n\0"),
            Kind::Other("a PDF document")
        );
        assert_eq!(kind(b"Codice;Titolo\r\nA1;Uno\r\n"), Kind::Text);
        assert_eq!(kind(b"BMW;Auto\n"), Kind::Text);
        assert_eq!(kind(b"\xFF\xFEC\0o\0d\0"), Kind::Text);
        assert_eq!(kind(b"C\0o\0d\0i\0c\0e\0;\0T\0"), Kind::Text);
        // Zeros on both sides: binary.
        assert_eq!(
            kind(b"\x01\0\0\0\x02\0\0\0\x03\0\0\0\x04\0\0\0"),
            Kind::Other("a binary file")
        );
        let mut ole = OLE.to_vec();
        ole.extend([0u8; 64]);
        assert_eq!(kind(&ole), Kind::Xls);
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(kind(&ole), Kind::Encrypted);
    }
}
