//! What leaves the explorer: the selected entry to the clipboard and the
//! entries in view to a Markdown file.

use super::{App, Effect};
use crate::display::responsible;
use crate::text::clean;

impl App {
    pub(crate) fn copy_selected(&mut self) {
        let Some(i) = self.selected_node() else {
            return;
        };
        let node = &self.dataset().nodes[i];
        let code = node
            .code
            .as_deref()
            .or(node.parent_code.as_deref())
            .unwrap_or("—");
        let s = self.strings();
        let text = clean(&format!(
            "{code} — {} — {}: {}",
            node.title,
            s.responsible,
            responsible(node)
        ))
        .into_owned();
        self.message = Some(format!("{} {}", s.copied, clean(code)));
        self.effects.push(Effect::Copy(text));
    }

    /// The entries in view: the matches when filtering, else the whole dataset.
    pub(crate) fn export_view(&mut self) {
        let ds = self.dataset();
        let indices: Vec<usize> = match &self.filter {
            Some(f) => {
                let mut v: Vec<usize> = f.hits.iter().map(|h| h.node).collect();
                v.sort();
                v
            }
            None => (0..ds.nodes.len()).collect(),
        };
        let found: Vec<crate::report::Entry> =
            indices.iter().map(|&i| (ds, &ds.nodes[i])).collect();
        let mut what = Vec::new();
        if let Some(p) = &self.party {
            what.push(p.name.clone());
        }
        if !self.query.trim().is_empty() {
            what.push(format!("\"{}\"", self.query.trim()));
        }
        let title = if what.is_empty() {
            format!("mappa · {}", ds.id)
        } else {
            format!("mappa · {} · {}", ds.id, what.join(" · "))
        };
        let mut content = Vec::new();
        if crate::report::markdown::write_entries(&found, &title, &mut content).is_err() {
            return;
        }
        // A short, safe name: the dataset and a few words of what is shown.
        let id = crate::report::output::slug(&ds.id, 20);
        let slug = crate::report::output::slug(&what.join(" "), 40);
        let stem = match (id.is_empty(), slug.is_empty()) {
            (false, false) => format!("mappa-{id}-{slug}"),
            (false, true) => format!("mappa-{id}"),
            _ => "mappa".to_string(),
        };
        let entries = found.len();
        self.effects.push(Effect::WriteFile {
            stem,
            content,
            entries,
        });
    }
}
