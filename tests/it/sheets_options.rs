//! What a user says when detection is not enough (`--sheet`, `--columns`,
//! a settings file), several files side by side, and files that are no
//! map or are shaped to hurt: read, or refused saying why.

use crate::common;

use common::sheets::{self as fx, by_code, codes, open, write};
use common::{mappa, stderr, stdout, temp_dir};
use mappa::import::{load, load_with, SheetOptions};

#[test]
fn files_that_are_no_map_are_refused_saying_what_was_looked_for() {
    let dir = temp_dir("sheets-refused");
    let png = write(
        &dir,
        "logo.xlsx",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 200]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    let encrypted = write(&dir, "protetto.xlsx", &ole);
    let no_header = write(&dir, "lettera.csv", b"Gentile collega,\nti scrivo per...\n");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Vuoto").unwrap();
    let empty = write(&dir, "vuoto.xlsx", &book.save_to_buffer().unwrap());
    let broken = write(&dir, "rotto.xlsx", b"PK\x03\x04 not really a zip");
    for (path, says) in [
        (&png, "a PNG image, not a map"),
        (&encrypted, "encrypted with a password"),
        (&no_header, "no header row found in the file"),
        (&no_header, "code (Codice, Codifica)"),
        (&empty, "every sheet is empty (Vuoto)"),
        (&broken, "cannot read the workbook"),
    ] {
        let out = mappa(&["check", "--data", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let err = stderr(&out);
        assert!(err.contains(says), "{says}: {err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
    }
}

#[test]
fn sheet_and_columns_when_detection_is_not_enough() {
    let dir = temp_dir("sheets-options");
    let xlsx = write(&dir, "mappa.xlsx", &fx::code_xlsx());
    let arg = xlsx.to_str().unwrap();
    // --sheet: a sheet with no header is an error, a missing one lists them.
    let out = mappa(&["check", "--data", arg, "--sheet", "Note"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sheet \"Note\""), "{}", stderr(&out));
    let out = mappa(&["check", "--data", arg, "--sheet", "Altro"]);
    assert!(
        stderr(&out).contains("its sheets are: Note, Mappatura"),
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(2));

    // Headers no table knows: by letter or by header words.
    let text = "Voce;Chi se ne occupa;Note\nA1 Uno;PO;x\nA1.1 Due;Dirigente;y\n";
    let csv = write(&dir, "strano.csv", text.as_bytes());
    let out = mappa(&["check", "--data", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    let opts = SheetOptions::parse_columns("title=A,role=Chi se ne occupa").unwrap();
    let map = load_with(std::slice::from_ref(&csv), &opts).unwrap();
    let ds = &map.datasets[0];
    assert_eq!(by_code(ds, "A1.1").role, "Dirigente");
    assert_eq!(by_code(ds, "A1.1").title, "Due");
    let out = mappa(&[
        "--columns",
        "title=A,role=B",
        "show",
        "A1.1",
        "--data",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Dirigente"));
    // Columns that cannot be used: one error each, exit 2.
    for (spec, said) in [
        ("colore=A", "unknown field \"colore\""),
        // A header row that names no field: one error, not a warning a row.
        ("header=2", "header=2: row 2 names none of a map's fields"),
        // Two fields on one column (by letter and by its header's words):
        // never one of them dropped.
        ("title=A,role=Voce", "title and role both name column A"),
    ] {
        let out = mappa(&["--columns", spec, "check", "--data", csv.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{spec}: {}", stdout(&out));
        assert!(stderr(&out).contains(said), "{spec}: {}", stderr(&out));
    }

    // The same in a settings file beside the data, picked up by itself.
    std::fs::write(
        dir.join("strano.mappa.toml"),
        "[columns]\ntitle = \"Voce\"\nrole = \"B\"\n",
    )
    .unwrap();
    let out = mappa(&["show", "A1.1", "--data", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Dirigente"));
    std::fs::write(dir.join("strano.mappa.toml"), "[columns]\ncolore = \"B\"\n").unwrap();
    let out = mappa(&["show", "A1.1", "--data", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("strano.mappa.toml:2"),
        "{}",
        stderr(&out)
    );
    // A column the file names and the sheet lacks: the error says the
    // file's line, not --columns; what --columns says instead is used.
    std::fs::write(
        dir.join("strano.mappa.toml"),
        "# colonne\n[columns]\nrole = \"B\"\ntitle = \"Descrizione\"\n",
    )
    .unwrap();
    let out = mappa(&["show", "A1.1", "--data", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("strano.mappa.toml:4 (columns.title)") && err.contains("\"Descrizione\""),
        "{err}"
    );
    assert!(!err.contains("--columns"), "{err}");
    let data = csv.to_str().unwrap();
    let out = mappa(&["--columns", "title=Voce", "show", "A1.1", "--data", data]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Two fields on one column, one from the file and one from --columns:
    // the error is at the file's line and names where the other was said.
    let out = mappa(&["--columns", "title=B", "show", "A1.1", "--data", data]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "strano.mappa.toml:3 (columns.role): role and title [--columns] both name column B"
        ),
        "{err}"
    );
}

#[test]
fn several_files_load_side_by_side_with_unique_ids() {
    let a = temp_dir("sheets-side-a");
    let b = temp_dir("sheets-side-b");
    let first = write(&a, "mappa.xlsx", &fx::code_xlsx());
    let second = write(&b, "mappa.csv", &fx::code_csv_1252());
    let third = write(&b, "livelli.ods", &fx::level_ods());
    let map = load(&[first, second, third]).unwrap();
    let ids: Vec<&str> = map.datasets.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["mappa", "mappa-2", "livelli"]);
    assert_eq!(by_code(&map.datasets[1], "A1.1").id, "mappa-2:A1.1");
}

#[test]
fn hostile_shapes_are_read_or_refused_in_bounded_time_and_memory() {
    let dir = temp_dir("sheets-hostile");
    // Excel for Mac's CSV: lines ended by a lone CR.
    let mut mac = String::from("Codice;Titolo;Responsabile\r");
    for i in 1..=900 {
        mac.push_str(&format!("A{i};Titolo {i};R\r"));
    }
    let map = open(&write(&dir, "mac.csv", mac.as_bytes()));
    assert_eq!(map.datasets[0].nodes.len(), 900);
    // One very wide row late in a long file: its own cells only.
    let mut wide = String::from("Codice;Titolo\n");
    for i in 1..=900 {
        wide.push_str(&format!("A{i};T\n"));
    }
    wide.push_str(&";".repeat(20_000));
    wide.push_str("x\n");
    let map = open(&write(&dir, "wide.csv", wide.as_bytes()));
    assert_eq!(map.datasets[0].nodes.len(), 900);
    // A quote left open takes the rows after it into one cell: a warning
    // names that cell.
    let open_quote = "Codice;Titolo;Responsabile\nA1;\"Uno;R\nA2;Due;R\nA3;Tre;R\n";
    let map = open(&write(&dir, "q.csv", open_quote.as_bytes()));
    let warned = map.datasets[0].diagnostics.iter().any(|d| {
        d.class.as_ref() == "unclosed-quote"
            && d.place.as_ref().map(|p| p.to_string()).as_deref() == Some("q!B2")
    });
    assert!(warned, "{:#?}", map.datasets[0].diagnostics);
    // A stray cell at the sheet's last cell: refused, naming it.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Codice").unwrap();
    sheet.write_string(0, 1, "Titolo").unwrap();
    sheet.write_string(1, 0, "A1").unwrap();
    sheet.write_string(1, 1, "Uno").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let far = write(&dir, "far.xlsx", &book.save_to_buffer().unwrap());
    let out = mappa(&["check", "--data", far.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("XFD1048576"), "{}", stderr(&out));
    // One long text the workbook stores once, shown in every row: counted
    // in every cell against the size limit (here 1 MB), not expanded
    // without bound.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let long = "Istruttoria della pratica e verifica dei requisiti. ".repeat(400);
    for (c, h) in ["Codice", "Titolo", "Attività"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=100u32 {
        sheet.write_string(r, 0, format!("A{r}")).unwrap();
        sheet.write_string(r, 1, "Voce").unwrap();
        sheet.write_string(r, 2, &long).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    assert!(
        bytes.len() < 100_000,
        "the text is stored once: {}",
        bytes.len()
    );
    let shared = write(&dir, "shared.xlsx", &bytes);
    let out = common::command()
        .env("MAPPA_MAX_FILE_MB", "1")
        .args(["check", "--data", shared.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("more than 1 MB of text") && err.contains("MAPPA_MAX_FILE_MB"),
        "{err}"
    );
    // Said as it is, with the cell where the text passed the limit, not
    // as one of the sheets looked at for a header.
    assert!(err.contains("reached at C"), "{err}");
    assert!(!err.contains("no header"), "{err}");
    // The same workbook within the limit reads whole.
    let map = open(&shared);
    assert_eq!(map.datasets[0].nodes.len(), 100);
    // A sheet past a limit before the sheet with the map: the map is read;
    // named with --sheet, the sheet past the limit is refused.
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet().set_name("Appunti").unwrap();
    notes.write_string(0, 0, "Appunti").unwrap();
    notes.write_string(1_048_575, 16_383, "x").unwrap();
    let sheet = book.add_worksheet().set_name("Mappa").unwrap();
    for (r, row) in [["Codice", "Titolo"], ["A1", "Uno"]].iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    let two = write(&dir, "two.xlsx", &book.save_to_buffer().unwrap());
    assert_eq!(codes(&open(&two).datasets[0]), ["A1"]);
    let out = mappa(&[
        "--sheet",
        "Appunti",
        "check",
        "--data",
        two.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("sheet \"Appunti\": its cells reach XFD1048576"),
        "{}",
        stderr(&out)
    );
}

/// Runs `cmd` to its end (its output to the null device but for stderr,
/// which must stay small): its exit code, stderr and peak resident memory
/// in KB, as the kernel counted it for that one process.
#[cfg(target_os = "linux")]
// The child is waited for by wait4, which says what it used.
#[allow(clippy::zombie_processes)]
fn run_measured(cmd: &mut std::process::Command) -> (Option<i32>, String, i64) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: a plain struct of integers, filled in by wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child's, not yet waited for.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, err, usage.ru_maxrss)
}

/// One 21 KB text that the workbook stores once, shown in 50,000 cells:
/// a 1 GB sheet once written out, from a file of a few hundred KB. Refused
/// at the limit naming the sheet, without holding the text once per cell;
/// read whole when the limit allows it, holding it once.
#[cfg(target_os = "linux")]
#[test]
fn a_shared_string_in_50000_cells_is_read_or_refused_in_bounded_memory() {
    let dir = temp_dir("sheets-shared-strings");
    let bytes = fx::shared_string_xlsx(50_000, 21 * 1024);
    assert!(bytes.len() < 2_000_000, "{} bytes", bytes.len());
    let path = write(&dir, "condivise.xlsx", &bytes);
    let data = path.to_str().unwrap();
    const BOUND_KB: i64 = 300 * 1024;
    let (code, err, peak) = run_measured(common::command().args(["check", "--data", data]));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("sheet \"Mappa\": its cells hold more than 512 MB of text"),
        "{err}"
    );
    assert!(peak < BOUND_KB, "refused at {peak} KB");
    let (code, err, peak) = run_measured(
        common::command()
            .env("MAPPA_MAX_FILE_MB", "2048")
            .args(["check", "--data", data]),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(peak < BOUND_KB, "read in {peak} KB");
}

/// What the importer's review left open, each answered: a field given
/// twice, a settings file's errors said at its line, a byte-order mark
/// before Windows-1252, UTF-16 without a mark, a header row naming no key.
#[test]
fn options_files_and_encodings_are_said_where_they_are_wrong() {
    let dir = temp_dir("sheets-review");
    let text = "Voce;Chi se ne occupa;Note\nA1 Uno;PO;x\nA1.1 Due;Dirigente;y\n";
    let csv = write(&dir, "strano.csv", text.as_bytes());
    let data = csv.to_str().unwrap();
    // One field given twice: an error, not the last one kept unsaid.
    let out = mappa(&[
        "--columns",
        "title=A,role=B,title=C",
        "check",
        "--data",
        data,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("title is given twice (A and C)"),
        "{}",
        stderr(&out)
    );
    // A header row that names no code, title or level: one error.
    let out = mappa(&["--columns", "header=2,role=B", "check", "--data", data]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("header=2: row 2 names no code, title or level column (only role)"),
        "{}",
        stderr(&out)
    );
    // A settings file that is no TOML, or names a sheet the workbook
    // lacks: the file and the line.
    let settings = dir.join("strano.mappa.toml");
    std::fs::write(&settings, "[columns]\ntitle = \"Voce\"\n\nrole = 5\n").unwrap();
    let out = mappa(&["check", "--data", data]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("strano.mappa.toml:4"), "{err}");
    std::fs::write(&settings, "title = \"x\"\n").unwrap();
    let err = stderr(&mappa(&["check", "--data", data]));
    assert!(
        err.contains("strano.mappa.toml:1: the settings for")
            && err.contains("unknown field `title`"),
        "{err}"
    );
    assert!(
        !err.contains('^'),
        "the parser's drawing is left out: {err}"
    );
    std::fs::write(
        &settings,
        "sheet = \"Altro\"\n[columns]\ntitle = \"Voce\"\n",
    )
    .unwrap();
    let out = mappa(&["check", "--data", data]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("[sheet-ignored] sheet = \"Altro\" (")
            && stdout(&out).contains("strano.mappa.toml:1 (sheet)) non si applica"),
        "{}",
        stdout(&out)
    );
    let xlsx = write(&dir, "mappa.xlsx", &fx::code_xlsx());
    std::fs::write(dir.join("mappa.mappa.toml"), "\nsheet = \"Altro\"\n").unwrap();
    let out = mappa(&["check", "--data", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("mappa.mappa.toml:2 (sheet): the workbook has no sheet \"Altro\"; its sheets are: Note, Mappatura"),
        "{}",
        stderr(&out)
    );
    // A UTF-8 byte-order mark before Windows-1252 text: read as that, and
    // said so; before UTF-8 with a bad byte, read as UTF-8.
    let latin = b"\xEF\xBB\xBFCodice;Titolo\r\nA1;Attivit\xE0\r\n";
    let path = write(&dir, "bom1252.csv", latin);
    let map = open(&path);
    assert_eq!(by_code(&map.datasets[0], "A1").title, "Attività");
    let out = stdout(&mappa(&["check", "--data", path.to_str().unwrap()]));
    assert!(
        out.contains("[encoding] il file inizia con il BOM di UTF-8"),
        "{out}"
    );
    assert!(out.contains("letto come Windows-1252"), "{out}");
    let mixed = b"\xEF\xBB\xBFCodice;Titolo\r\nA1;Attivit\xE0 e \xC3\xA8\r\n";
    let map = open(&write(&dir, "bommisto.csv", mixed));
    assert_eq!(by_code(&map.datasets[0], "A1").title, "Attivit\u{FFFD} e è");
    // UTF-16 without a mark, either byte order: read, and said so.
    let text = "Codice;Titolo;Responsabilità\r\nA1;Attività;PO\r\n";
    for (name, bytes) in [
        (
            "le.csv",
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "be.csv",
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
    ] {
        let path = write(&dir, name, &bytes);
        let map = open(&path);
        assert_eq!(by_code(&map.datasets[0], "A1").title, "Attività", "{name}");
        let out = stdout(&mappa(&["check", "--data", path.to_str().unwrap()]));
        assert!(out.contains("senza BOM"), "{name}: {out}");
    }
}

/// A row the file writes once and repeats 50,000 times, holding a 21 KB
/// text: a 1 KB ods that calamine would write out as 1 GB of cells while
/// opening it. Refused naming the sheet, before it is written out.
#[cfg(target_os = "linux")]
#[test]
fn an_ods_whose_repeated_rows_expand_past_the_limit_is_refused() {
    let dir = temp_dir("sheets-ods-repeats");
    let long = "Istruttoria della pratica e verifica dei requisiti. ".repeat(420);
    let header: String = ["Codice", "Titolo", "Attività"]
        .iter()
        .map(|h| fx::cell(h, None))
        .collect();
    let row: String = ["A1", "Voce", &long]
        .iter()
        .map(|t| fx::cell(t, None))
        .collect();
    let rows = format!(
        "<table:table-row>{header}</table:table-row>\n\
         <table:table-row table:number-rows-repeated=\"50000\">{row}</table:table-row>\n"
    );
    let bytes = fx::ods(&[("Mappa", rows)]);
    assert!(bytes.len() < 5_000, "{} bytes", bytes.len());
    let path = write(&dir, "ripetute.ods", &bytes);
    let (code, err, peak) =
        run_measured(common::command().args(["check", "--data", path.to_str().unwrap()]));
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("sheet \"Mappa\": its cells hold more than 512 MB once written out"),
        "{err}"
    );
    assert!(peak < 300 * 1024, "refused at {peak} KB");
    // The same rows repeated a few times read as they are.
    let few = fx::ods(&[(
        "Mappa",
        format!(
            "<table:table-row>{header}</table:table-row>\n\
             <table:table-row table:number-rows-repeated=\"3\">{row}</table:table-row>\n"
        ),
    )]);
    let map = open(&write(&dir, "poche.ods", &few));
    assert_eq!(map.datasets[0].nodes.len(), 3);
}
