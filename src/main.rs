fn main() {
    let ds = mappa::import::ptpc::import("p", mappa::import::PTPC_SEED).unwrap();
    for n in &ds.nodes {
        println!(
            "{}{} [{}] {:?} {} | role={} | acts={} | L{:?} {}",
            "  ".repeat(n.level as usize),
            n.id,
            n.kind.label(),
            n.code,
            n.title.chars().take(40).collect::<String>(),
            n.structures
                .iter()
                .map(|s| format!("{}/{}", s.area, s.servizio))
                .collect::<Vec<_>>()
                .join(" + "),
            n.activities.len(),
            n.line,
            if n.inferred { "INFERRED" } else { "" }
        );
    }
    for d in &ds.diagnostics {
        println!(
            "{:?} {:?} {} {:?} {}",
            d.line, d.severity, d.class, d.node, d.message
        );
    }
}
