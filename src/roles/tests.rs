//! Tests of the responsible parties index.

use super::*;

#[test]
fn compound_roles_split_into_parts() {
    assert_eq!(
        role_parts("DVR: Segretario generale DUVRI: singoli dirigenti Interventi: PO Settori / dirigenti Area"),
        vec!["Segretario generale", "singoli dirigenti", "PO Settori", "dirigenti Area"]
    );
    assert_eq!(
        role_parts("PO Settore e Dirigente"),
        vec!["PO Settore", "Dirigente"]
    );
    assert_eq!(
        role_parts("RPCT (Segretario Generale)"),
        vec!["RPCT", "Segretario Generale"]
    );
    assert_eq!(
        role_parts("PO Settore Dirigente di Area"),
        vec!["PO Settore", "Dirigente di Area"]
    );
    assert_eq!(
        role_parts("P.O. per la progettazione, per l'organizzazione; il dirigente per l'autorizzazione delle spese e per i contratti con fornitori/partner esterni"),
        vec!["P.O.", "dirigente"]
    );
    assert_eq!(
        role_parts("Giunta per gestione partecipazioni/Presidente per le designazioni/nomine/ Segretario Generale per liquidazioni, introiti pagamenti/Collegio Revisori per pareri"),
        vec!["Giunta", "Presidente", "Segretario Generale", "Collegio Revisori"]
    );
    assert_eq!(
        role_parts("Operatore incaricato del servizio CNS e Carte tachigrafiche"),
        vec!["Operatore incaricato del servizio CNS e Carte tachigrafiche"]
    );
    assert_eq!(
        role_parts("PO Settore in veste di Segretario della Sezione Regionale"),
        vec!["PO Settore"]
    );
}

#[test]
fn spelling_variants_share_a_key() {
    assert_eq!(role_key("PO Settori"), role_key("PO Settore"));
    assert_eq!(role_key("PO. Settore"), role_key("P.O. Settore"));
    assert_eq!(
        role_key("Segretario generale"),
        role_key("Segretario Generale ")
    );
    assert_eq!(
        role_key("Operatore incaricato del Settore"),
        role_key("Operatore incaricato Settore")
    );
    assert_eq!(
        role_key("Operatori e PO Sttore"),
        role_key("Operatore e PO Settore")
    );
    assert_eq!(
        role_key("Operatore del Settore incaricato"),
        role_key("Operatore incaricato del Settore")
    );
    assert_eq!(
        role_parts("Delegazioni trattanti, e, solo per personale non dirigente, PO del Settore"),
        vec!["Delegazioni trattanti", "PO del Settore"]
    );
    assert_ne!(role_key("PO Settore"), role_key("Dirigente"));
}
