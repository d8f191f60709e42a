//! Text: the one tokenizer (folding, words, stems) used by search, roles,
//! the concordance and the importers, and the one boundary through which
//! text from data files or arguments reaches a person ([`Shown`], [`clean`]).

mod fold;
mod shown;

pub use fold::{fold, fold_char, fold_words, for_each_word, root, stem, words, Word};
pub use shown::{clean, clean_multiline, is_hidden_control, Shown, PLACEHOLDER};
