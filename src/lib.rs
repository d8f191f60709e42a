//! mappa: a terminal explorer for the process map of an Italian Chamber of
//! Commerce. Data flows one way: source files → [`import`] → [`model`] →
//! index → command line ([`cli`]) or TUI.

pub mod cli;
pub mod concord;
pub mod config;
pub mod display;
pub mod environment;
pub mod i18n;
pub mod import;
pub mod logging;
pub mod model;
pub mod reattach;
pub mod report;
pub mod review;
pub mod roles;
pub mod search;
pub mod text;
pub mod tui;
