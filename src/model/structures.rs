//! The responsible structures of an entry, shared between the entries that
//! name the same ones: a chamber has a few dozen offices, and a map of
//! 100,000 entries gives each row one, so a list of its own per entry was
//! 100,000 allocations before the first frame.

use super::Structure;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;

/// An entry's structures, read as a slice; clones share them.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Structures(Option<Arc<Vec<Structure>>>);

impl Structures {
    /// Adds one after the others (the entry's own list from then on).
    pub fn push(&mut self, s: Structure) {
        self.extend([s]);
    }

    /// Adds `more` after the others (the entry's own list from then on:
    /// copied first if it is shared, grown in place if not).
    pub fn extend(&mut self, more: impl IntoIterator<Item = Structure>) {
        let list = self.0.get_or_insert_with(Default::default);
        Arc::make_mut(list).extend(more);
        if list.is_empty() {
            self.0 = None;
        }
    }
}

impl std::ops::Deref for Structures {
    type Target = [Structure];

    fn deref(&self) -> &[Structure] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }
}

impl From<Vec<Structure>> for Structures {
    fn from(list: Vec<Structure>) -> Self {
        // None for none: an entry without structures allocates nothing.
        Structures((!list.is_empty()).then(|| Arc::new(list)))
    }
}

impl FromIterator<Structure> for Structures {
    fn from_iter<I: IntoIterator<Item = Structure>>(list: I) -> Self {
        Structures::from(list.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a Structures {
    type Item = &'a Structure;
    type IntoIter = std::slice::Iter<'a, Structure>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Structures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Written as the list, as it always was.
impl Serialize for Structures {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Structures {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Structure>::deserialize(deserializer).map(Structures::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn office(name: &str) -> Structure {
        Structure {
            area: "Area 1".into(),
            servizio: name.into(),
            line: None,
        }
    }

    #[test]
    fn reads_as_its_list_and_clones_share_it() {
        let none = Structures::default();
        assert!(none.is_empty() && none.0.is_none());
        assert!(Structures::from(Vec::new()).0.is_none());
        let one = Structures::from(vec![office("Ufficio 1")]);
        let same = one.clone();
        assert!(Arc::ptr_eq(
            one.0.as_ref().unwrap(),
            same.0.as_ref().unwrap()
        ));
        assert_eq!(same[0].servizio, "Ufficio 1");
        let mut more = same.clone();
        more.push(office("Ufficio 2"));
        assert_eq!((one.len(), more.len()), (1, 2));
        // A shared list is copied before it grows; the others keep theirs.
        let mut own = more.clone();
        own.push(office("Ufficio 3"));
        own.push(office("Ufficio 4"));
        assert_eq!((more.len(), own.len()), (2, 4));
        let mut grown = Structures::default();
        grown.extend([]);
        assert!(grown.0.is_none());
        assert_eq!(
            more.iter().map(|s| s.servizio.as_str()).collect::<Vec<_>>(),
            ["Ufficio 1", "Ufficio 2"]
        );
        let json = serde_json::to_string(&more).unwrap();
        assert_eq!(
            json,
            r#"[{"area":"Area 1","servizio":"Ufficio 1"},{"area":"Area 1","servizio":"Ufficio 2"}]"#
        );
        assert_eq!(serde_json::from_str::<Structures>(&json).unwrap(), more);
        assert_eq!(serde_json::to_string(&none).unwrap(), "[]");
        assert_eq!(format!("{one:?}"), format!("[{:?}]", office("Ufficio 1")));
    }
}
