//! The officer's vocabularies (statuses, levels, indicators, factors, areas,
//! kinds and types of measures, monitoring states, verdicts) written one
//! way: each value has the slug the store keeps and scripts type, the
//! Italian label of the documents, the English one, and aliases; every
//! vocabulary parses the same forgiving way (any case, with or without
//! accents, `-`/`_` as spaces, a unique part of a label of 4 letters or
//! more) and serialises as its slug.

use crate::i18n::Lang;

/// Text that names no value of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} \"{text}\" sconosciuto; usa uno di: {}", .choices.join(", "))]
pub struct UnknownLabel {
    /// What the vocabulary is ("livello", "stato di monitoraggio").
    pub what: &'static str,
    pub text: String,
    pub choices: Vec<&'static str>,
}

/// What every vocabulary gives.
pub trait Vocabulary: Copy + Eq + Sized + 'static {
    /// What a value is called in messages ("livello").
    const WHAT: &'static str;
    /// Every value, in order.
    fn all() -> &'static [Self];
    /// As stored and typed.
    fn slug(self) -> &'static str;
    /// As the Italian documents write it.
    fn label(self) -> &'static str;
    /// In the interface language.
    fn label_in(self, lang: Lang) -> &'static str;
    /// Other names people type.
    fn aliases(self) -> &'static [&'static str];

    /// How many values there are.
    fn count() -> usize {
        Self::all().len()
    }

    /// A slug, a label or an alias, forgivingly; else a unique part of a
    /// label (4 letters or more).
    fn parse(text: &str) -> Result<Self, UnknownLabel> {
        let t = fold(text);
        let names = |v: Self| {
            [v.slug(), v.label(), v.label_in(Lang::En)]
                .into_iter()
                .chain(v.aliases().iter().copied())
                .map(fold)
        };
        if let Some(v) = Self::all()
            .iter()
            .copied()
            .find(|&v| names(v).any(|n| n == t))
        {
            return Ok(v);
        }
        let partial: Vec<Self> = Self::all()
            .iter()
            .copied()
            .filter(|&v| {
                t.chars().count() >= 4 && names(v).any(|n| n.starts_with(&t) || n.contains(&t))
            })
            .collect();
        match partial.as_slice() {
            [one] => Ok(*one),
            _ => Err(UnknownLabel {
                what: Self::WHAT,
                text: crate::text::clean(text).into_owned(),
                choices: Self::all().iter().map(|v| v.slug()).collect(),
            }),
        }
    }

    /// The value stored as `slug` exactly (what the store wrote).
    fn from_slug(slug: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.slug() == slug)
    }
}

/// Lower case, no accents, single spaces, `_` and `-` as spaces.
fn fold(text: &str) -> String {
    crate::text::fold(&text.replace(['_', '-'], " "))
}

/// Declares a vocabulary: the enum, its [`Vocabulary`] implementation and
/// serde as its slug.
macro_rules! vocabulary {
    (
        $(#[$m:meta])*
        pub enum $name:ident ($what:literal) {
            $(
                $(#[$vm:meta])*
                $variant:ident = $slug:literal, $it:literal, $en:literal $(, [$($alias:literal),*])?;
            )*
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vm])* $variant, )*
        }

        impl $crate::review::vocabulary::Vocabulary for $name {
            const WHAT: &'static str = $what;

            fn all() -> &'static [Self] {
                &[$($name::$variant),*]
            }

            fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug,)* }
            }

            fn label(self) -> &'static str {
                match self { $($name::$variant => $it,)* }
            }

            fn label_in(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        ($name::$variant, $crate::i18n::Lang::It) => $it,
                        ($name::$variant, $crate::i18n::Lang::En) => $en,
                    )*
                }
            }

            fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($($alias),*)?],)* }
            }
        }

        // The same without importing the trait.
        impl $name {
            /// As stored and typed.
            pub fn slug(self) -> &'static str {
                <$name as $crate::review::vocabulary::Vocabulary>::slug(self)
            }

            /// As the Italian documents write it.
            pub fn label(self) -> &'static str {
                <$name as $crate::review::vocabulary::Vocabulary>::label(self)
            }

            /// In the interface language.
            pub fn label_in(self, lang: $crate::i18n::Lang) -> &'static str {
                <$name as $crate::review::vocabulary::Vocabulary>::label_in(self, lang)
            }

            /// Every value, in order.
            pub fn all() -> &'static [$name] {
                <$name as $crate::review::vocabulary::Vocabulary>::all()
            }

            /// A slug, a label or an alias, forgivingly.
            pub fn parse(text: &str) -> Result<$name, $crate::review::vocabulary::UnknownLabel> {
                <$name as $crate::review::vocabulary::Vocabulary>::parse(text)
            }

            /// The value stored as `slug` exactly.
            pub fn from_slug(slug: &str) -> Option<$name> {
                <$name as $crate::review::vocabulary::Vocabulary>::from_slug(slug)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::review::vocabulary::UnknownLabel;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                <$name as $crate::review::vocabulary::Vocabulary>::parse(text)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::review::vocabulary::Vocabulary::slug(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <$name as $crate::review::vocabulary::Vocabulary>::from_slug(&text)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown {} {text:?}", $what)))
            }
        }
    };
}

pub(crate) use vocabulary;
