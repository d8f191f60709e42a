//! The command line's own messages.

use super::Lang;
use crate::review::BadName;

/// A `--user` name that cannot sign changes.
pub fn bad_name(e: &BadName, lang: Lang) -> String {
    match (e, lang) {
        (BadName::Empty { account }, Lang::It) => {
            format!("--user richiede un nome (è registrato accanto all'account {account})")
        }
        (BadName::Empty { account }, Lang::En) => {
            format!("--user needs a name (it is recorded beside the OS account {account})")
        }
        (BadName::Controls, Lang::It) => "--user: il nome contiene caratteri di controllo".into(),
        (BadName::Controls, Lang::En) => "--user: the name contains control characters".into(),
        (BadName::TooLong, Lang::It) => "--user: un nome di al massimo 100 caratteri".into(),
        (BadName::TooLong, Lang::En) => "--user: a name of at most 100 characters".into(),
    }
}
