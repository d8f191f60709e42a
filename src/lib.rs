//! mappa: a terminal explorer for the process map of an Italian Chamber of
//! Commerce. Data flows one way: source files → [`import`] → [`model`] →
//! index → command line or TUI.

pub mod import;
pub mod model;
