//! Text: the one tokenizer (folding, words, stems) used by search, roles,
//! the concordance and the importers, and the one boundary through which
//! text from data files or arguments reaches a person ([`Shown`], [`clean`]).

mod fold;
mod natural;
mod questions;
mod scan;
mod shown;
mod stopwords;

pub use fold::{
    edit_distance_within, fold, fold_char, fold_words, root, stem, stem_of, words, Word,
};
pub use natural::natural_cmp;
pub use questions::{only_question, question_words};
pub use scan::{for_each_word, for_each_word_at};
pub use shown::{clean, clean_multiline, is_hidden_control, Shown, PLACEHOLDER};
pub use stopwords::is_stopword;
