fn main() {
    let ds = mappa::import::catalogo::import("c", mappa::import::CATALOGO_SEED).unwrap();
    for n in &ds.nodes {
        println!(
            "{}{} [{}] {:?} {} | role={} | acts={} | L{:?} {}",
            "  ".repeat(n.level as usize),
            n.id,
            n.kind.label(),
            n.code,
            n.title.chars().take(40).collect::<String>(),
            n.role.chars().take(20).collect::<String>(),
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
