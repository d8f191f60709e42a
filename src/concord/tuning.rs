//! The knobs of the scoring, in one place. The module documentation of
//! [`crate::concord`] explains what each one does to a score.

/// Weights and cut-offs of the concordance. [`Tuning::default`] holds the
/// values tuned on the seeds against the pairs in `tests/concord.rs`: run
/// `cargo test --test concord -- --nocapture` after changing one, and
/// `cargo test --release --test concord sweep -- --ignored --nocapture` to
/// see what moving each knob alone would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// Weight of a word of the title when the entry also has a name of its
    /// own (variants of one code share the title; the name tells them
    /// apart). Name words weigh 1.
    pub title_beside_name: f32,
    /// How much a repeated word gains: its weight × (1 + `repeats` · ln n).
    pub repeats: f32,
    /// Weight of a word of the activities, relative to a word of the title
    /// or name (1).
    pub activities: f32,
    /// Weight of a word of the input or output.
    pub input_output: f32,
    /// Weight of a child's title in its parent's text (a grandchild's:
    /// this squared): a sub-process is also what its actions say.
    pub children: f32,
    /// Weight of the parent's title in an entry's context (the
    /// grandparent's: this squared, and so on).
    pub ancestors: f32,
    /// Factor for a pair of a leaf (activity, action) with an inner entry
    /// (sub-process): a leaf is best matched by a leaf, a sub-process by a
    /// sub-process.
    pub across_levels: f32,
    /// Share of the title-to-title cosine in the content score; the rest is
    /// the cosine of the whole texts.
    pub title_share: f32,
    /// How much a disagreeing neighbourhood costs: the score is
    /// `content ^ (1 + neighbourhood · (1 − agreement))`.
    pub neighbourhood: f32,
    /// Weight, in the agreement (a sum capped at 1), of the contexts'
    /// cosine: ancestors' titles against ancestors' titles, or against the
    /// other entry's whole text, whichever agrees most.
    pub context: f32,
    /// Weight, in the agreement, of how well the two parents match: the
    /// parent pair's score over the best score of the catalogue parent
    /// (the propagation: that score has the grandparents' agreement in it).
    pub parents: f32,
    /// Weight, in the agreement, of the role words of a catalogue entry
    /// meeting the structure words of an annex entry ("Conservatore
    /// Registro Imprese" and "Registro imprese").
    pub duty: f32,
    /// Below this score two entries are not linked: the entry honestly has
    /// no counterpart.
    pub threshold: f32,
    /// From this score a computed link gives the entry an office (and
    /// its annex entry a catalogue role); links between
    /// [`Tuning::threshold`] and this are listed, to be confirmed, and give
    /// none. Measured on the test pairs for precision first, since a wrong
    /// office is worse than none (`cargo run --release --example
    /// concord_tuning -- offices`): at 0.35 the links giving offices are
    /// right 100 % of the time for processes and sub-processes and 98.7 %
    /// for activities (recall 68 %, 62 %, 53 %); at 0.3, 96.2 %, 94.2 % and
    /// 96.7 % — a sub-process below 95 %.
    pub offices: f32,
    /// An entry keeps the links that score at least this fraction of its
    /// best one.
    pub relative: f32,
    /// An entry keeps at most this many computed links.
    pub max_links: usize,
}

impl Default for Tuning {
    fn default() -> Tuning {
        Tuning {
            title_beside_name: 0.35,
            repeats: 0.5,
            activities: 0.5,
            input_output: 0.3,
            children: 0.3,
            ancestors: 0.6,
            across_levels: 0.85,
            title_share: 0.7,
            neighbourhood: 0.5,
            context: 0.4,
            parents: 0.6,
            duty: 0.2,
            threshold: 0.15,
            offices: 0.35,
            relative: 0.6,
            max_links: 5,
        }
    }
}

impl Tuning {
    /// Pairs whose content scores below this are not kept at all: half the
    /// threshold, so that a decision on a near miss still shows its score.
    pub fn floor(&self) -> f32 {
        self.threshold * 0.5
    }
}
