//! The words of `mappa who` answering by topic.

use super::Lang;

/// Before the topic: the words name no role or office.
pub fn by_topic(topic: &str, lang: Lang) -> String {
    match lang {
        Lang::It => format!(
            "Nessun ruolo o ufficio si chiama «{topic}»: risposta per argomento — chi si occupa \
             delle voci che la ricerca trova, prima gli uffici, poi i ruoli."
        ),
        Lang::En => format!(
            "No role or office is called «{topic}»: an answer by topic — who handles the \
             entries search finds, offices first, then roles."
        ),
    }
}

pub fn office(lang: Lang) -> &'static str {
    lang.pick("ufficio", "office")
}

pub fn role(lang: Lang) -> &'static str {
    lang.pick("ruolo", "role")
}

pub fn entries(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (1, Lang::It) => "1 voce".into(),
        (1, Lang::En) => "1 entry".into(),
        (n, Lang::It) => format!("{n} voci"),
        (n, Lang::En) => format!("{n} entries"),
    }
}

pub fn more(n: usize, lang: Lang) -> String {
    match lang {
        Lang::It => format!("… e altre {n} voci"),
        Lang::En => format!("… and {n} more entries"),
    }
}

pub fn links_auto(lang: Lang) -> &'static str {
    lang.pick(
        "l'ufficio dai collegamenti con il PTPC 2019, da confermare",
        "the office from the links with the PTPC 2019, to confirm",
    )
}

pub fn links_confirmed(lang: Lang) -> &'static str {
    lang.pick(
        "l'ufficio dai collegamenti con il PTPC 2019, confermati",
        "the office from the links with the PTPC 2019, confirmed",
    )
}

pub fn more_groups(lang: Lang) -> &'static str {
    lang.pick("Altri responsabili", "Other responsibles")
}

pub fn md_title(topic: &str, lang: Lang) -> String {
    match lang {
        Lang::It => format!("Per argomento «{topic}»"),
        Lang::En => format!("By topic «{topic}»"),
    }
}
