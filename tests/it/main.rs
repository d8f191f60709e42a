//! The integration tests: one binary, a module per subject. Shared helpers
//! are in `common/`; fixtures, golden files and the query corpus beside
//! this folder (`tests/fixtures`, `tests/golden`, `tests/corpus`).

mod common;

mod accounting;
mod boundaries;
mod cli;
mod cli_surface;
mod concord;
mod concord_pairs;
mod corpus;
mod corrections;
mod hostile_text;
mod import_catalogo;
mod import_ptpc;
mod links;
mod load;
mod map_diff;
mod measures;
mod prop_import;
mod review;
mod review_keys;
mod risk;
mod search_cli;
mod search_props;
mod search_ranking;
mod server;
mod sheets;
mod sheets_large;
mod sheets_layouts;
mod sheets_options;
mod sheets_props;
mod sheets_pty;
mod store;
mod tui_app;
mod tui_corrections;
mod tui_links;
mod tui_pty;
mod tui_records_pty;
mod tui_register;
mod tui_review;
mod tui_rounds;
mod tui_snapshots;
