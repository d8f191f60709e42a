//! An entry's fields that the map does not use: the columns of a chamber's
//! spreadsheet that no field reads (Riferimenti normativi, Tempi, Note…),
//! kept as they are, header → value. Most maps have none, and a map of
//! 100,000 entries must not pay for them: none is no allocation and one
//! word in the node; the list is shared by the clones of a node.

use super::Text;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// The extra fields of an entry, in the order of their columns; written
/// to JSON as an object (`{}` when there are none).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Extra(Option<Arc<Vec<(Text, Text)>>>);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |l| l.len())
    }

    /// The fields, header and value, in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .flat_map(|l| l.iter())
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The value under `header`, if the entry has one.
    pub fn get(&self, header: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == header).map(|(_, v)| v)
    }

    /// Sets `header` to `value`, after the others if it is new; an empty
    /// value is not kept.
    pub fn set(&mut self, header: Text, value: Text) {
        if value.is_empty() {
            return;
        }
        let list = Arc::make_mut(self.0.get_or_insert_with(Default::default));
        match list.iter_mut().find(|(k, _)| *k == header) {
            Some((_, v)) => *v = value,
            None => list.push((header, value)),
        }
    }
}

impl From<Vec<(Text, Text)>> for Extra {
    fn from(list: Vec<(Text, Text)>) -> Self {
        let mut extra = Extra::default();
        for (k, v) in list {
            extra.set(k, v);
        }
        extra
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = Extra;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of extra fields, header → text")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Extra, A::Error> {
                let mut extra = Extra::default();
                while let Some((k, v)) = access.next_entry::<Text, Text>()? {
                    extra.set(k, v);
                }
                Ok(extra)
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Extra, E> {
                Ok(Extra::default())
            }
        }
        deserializer.deserialize_any(Fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_costs_one_word_and_reads_back_as_an_object() {
        assert_eq!(std::mem::size_of::<Extra>(), std::mem::size_of::<usize>());
        let none = Extra::default();
        assert_eq!(serde_json::to_string(&none).unwrap(), "{}");
        assert_eq!(serde_json::from_str::<Extra>("{}").unwrap(), none);
        assert_eq!(serde_json::from_str::<Extra>("null").unwrap(), none);
        let mut some = Extra::default();
        some.set("Tempi".into(), "30 giorni".into());
        some.set("Note".into(), "".into());
        some.set("Fonte".into(), "L. 241/1990".into());
        let json = serde_json::to_string(&some).unwrap();
        assert_eq!(json, r#"{"Tempi":"30 giorni","Fonte":"L. 241/1990"}"#);
        let back: Extra = serde_json::from_str(&json).unwrap();
        assert_eq!(back, some);
        assert_eq!(back.get("Fonte"), Some("L. 241/1990"));
        assert!(serde_json::from_str::<Extra>("[1]").is_err());
    }
}
