//! The map a round was made on: its fingerprint (SHA-256 of the map as
//! mappa's JSON writes its datasets) and a compressed copy, kept in the
//! store so that a closed round's registers come out the same after the
//! map file changed. The copy is the document `mappa --data` reads back.

use crate::model::Map;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};

/// The SHA-256 of a map, in hex.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Fingerprint(String);

impl Fingerprint {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As stored (64 hex digits); none for anything else.
    pub fn parse(text: &str) -> Option<Fingerprint> {
        (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Fingerprint(text.to_ascii_lowercase()))
    }

    /// The first digits, for people (like a short git hash).
    pub fn short(&self) -> &str {
        &self.0[..12]
    }

    fn of_bytes(bytes: &[u8]) -> Fingerprint {
        Fingerprint(hex(&Sha256::digest(bytes)))
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A hasher the JSON is written into, so that fingerprinting a map needs
/// no copy of its text.
struct Hashing(Sha256);

impl Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprint of `map`: the hash of its datasets as JSON (the same
/// map loaded from a spreadsheet or from its export has the same one).
pub fn fingerprint(map: &Map) -> Fingerprint {
    let mut h = Hashing(Sha256::new());
    // Writing into a hasher cannot fail, and the model always serialises.
    let _ = serde_json::to_writer(&mut h, &map.datasets);
    Fingerprint(hex(&h.0.finalize()))
}

/// A map as a round keeps it.
#[derive(Debug, Clone)]
pub struct MapImage {
    pub fingerprint: Fingerprint,
    /// The gzip-compressed document.
    pub compressed: Vec<u8>,
}

impl MapImage {
    pub fn of(map: &Map) -> MapImage {
        let datasets = serde_json::to_vec(&map.datasets).unwrap_or_default();
        let fingerprint = Fingerprint::of_bytes(&datasets);
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
        // `{"mappa": …, "datasets": <the bytes hashed>}`, written in parts
        // so the datasets are serialised once.
        let head = format!(
            "{{\"mappa\":\"{}\",\"datasets\":",
            env!("CARGO_PKG_VERSION")
        );
        let _ = gz.write_all(head.as_bytes());
        let _ = gz.write_all(&datasets);
        let _ = gz.write_all(b"}\n");
        let compressed = gz.finish().unwrap_or_default();
        MapImage {
            fingerprint,
            compressed,
        }
    }
}

/// A round's copy as the JSON document it compressed, and whether it is
/// the map of `fingerprint` (a copy altered in the store is not).
pub fn unpack(compressed: &[u8]) -> std::io::Result<String> {
    let mut text = String::new();
    GzDecoder::new(compressed).read_to_string(&mut text)?;
    Ok(text)
}

/// The fingerprint of the datasets inside an unpacked document.
pub fn fingerprint_of_document(text: &str) -> Option<Fingerprint> {
    let start = text.find("\"datasets\":")? + "\"datasets\":".len();
    let end = text.trim_end().strip_suffix('}')?.len();
    (start <= end).then(|| Fingerprint::of_bytes(&text.as_bytes()[start..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_reads_back_to_its_fingerprint() {
        let map = crate::import::builtin();
        let image = MapImage::of(&map);
        assert_eq!(image.fingerprint, fingerprint(&map));
        let text = unpack(&image.compressed).unwrap();
        assert_eq!(
            fingerprint_of_document(&text),
            Some(image.fingerprint.clone())
        );
        let back = crate::import::json::parse("copia", &text).unwrap();
        assert_eq!(
            fingerprint(&Map { datasets: back }),
            image.fingerprint,
            "the copy is the same map"
        );
        assert!(image.compressed.len() < text.len() / 3, "compressed");
        assert_eq!(
            Fingerprint::parse(image.fingerprint.as_str()),
            Some(image.fingerprint)
        );
    }
}
