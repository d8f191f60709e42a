//! The explorer on a map of 100,000 entries read from a TSV, in a real
//! pseudo-terminal: the first frame comes as soon as the tree exists (the
//! search index is built in the background) and a query is answered.

use crate::common;

use common::pty::Session;
use common::temp_dir;

#[test]
fn a_100k_tsv_opens_and_answers_a_query() {
    let dir = temp_dir("sheets-pty-100k");
    let tsv = dir.join("regione.tsv");
    std::fs::write(&tsv, common::sheets::large_tsv(100)).unwrap();
    let store = dir.join("review.sqlite");
    let mut s = Session::start_with(
        100,
        30,
        &[],
        &[
            "--data",
            tsv.to_str().unwrap(),
            "--review",
            store.to_str().unwrap(),
        ],
    );
    // The first frame: the macro-processes, and the count of entries.
    s.wait_text("Macro-processo 1");
    s.wait_text("100000");
    s.send("procedimento 57-321");
    s.wait_text("> procedimento 57-321");
    // The answer: the entry selected, with who is responsible for it.
    s.wait_text("A57.321");
    s.wait_text("PO Settore 25");
    s.send("\x1b"); // clears the query
    s.wait_for("the cleared query", |t| !t.contains("> procedimento"));
    s.send("\x1b"); // quits
    assert!(s.wait_exit());
}
