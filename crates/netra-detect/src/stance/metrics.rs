//! Evaluation measures: per-class precision/recall/F1, macro-F1, the
//! confusion matrix, and support detection with the target pair.

use std::fmt::Write as _;

use netra_core::Label;

/// Counts of (gold, predicted) over the four labels, plus target agreement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confusion {
    /// `m[gold][pred]`, in [`Label::ALL`] order.
    pub m: [[u64; 4]; 4],
    /// Predicted support with the gold target among gold support rows.
    pub support_tp: u64,
    pub support_pred: u64,
    pub support_gold: u64,
    /// Same for oppose.
    pub oppose_tp: u64,
    pub oppose_pred: u64,
    pub oppose_gold: u64,
}

fn idx(l: Label) -> usize {
    Label::ALL.iter().position(|&x| x == l).unwrap_or(0)
}

impl Confusion {
    /// Adds one (gold, predicted) pair.
    pub fn add(&mut self, gold: (Label, Option<u32>), pred: (Label, Option<u32>)) {
        self.m[idx(gold.0)][idx(pred.0)] += 1;
        for (l, tp, p, g) in [
            (
                Label::Support,
                &mut self.support_tp,
                &mut self.support_pred,
                &mut self.support_gold,
            ),
            (
                Label::Oppose,
                &mut self.oppose_tp,
                &mut self.oppose_pred,
                &mut self.oppose_gold,
            ),
        ] {
            if pred.0 == l {
                *p += 1;
            }
            if gold.0 == l {
                *g += 1;
                if pred.0 == l && pred.1 == gold.1 {
                    *tp += 1;
                }
            }
        }
    }

    /// Number of rows.
    pub fn total(&self) -> u64 {
        self.m.iter().flatten().sum()
    }

    /// The measures.
    pub fn metrics(&self) -> Metrics {
        let mut per_class = [(0.0, 0.0, 0.0, 0u64); 4];
        for (k, pc) in per_class.iter_mut().enumerate() {
            let tp = self.m[k][k] as f64;
            let pred: u64 = (0..4).map(|g| self.m[g][k]).sum();
            let gold: u64 = self.m[k].iter().sum();
            let p = if pred > 0 { tp / pred as f64 } else { 0.0 };
            let r = if gold > 0 { tp / gold as f64 } else { 0.0 };
            *pc = (p, r, f1(p, r), gold);
        }
        let macro_f1 = per_class.iter().map(|c| c.2).sum::<f64>() / 4.0;
        let correct: u64 = (0..4).map(|k| self.m[k][k]).sum();
        let prf = |tp: u64, pred: u64, gold: u64| {
            let p = if pred > 0 {
                tp as f64 / pred as f64
            } else {
                0.0
            };
            let r = if gold > 0 {
                tp as f64 / gold as f64
            } else {
                0.0
            };
            (p, r, f1(p, r))
        };
        Metrics {
            per_class,
            macro_f1,
            accuracy: if self.total() > 0 {
                correct as f64 / self.total() as f64
            } else {
                0.0
            },
            support_detection: prf(self.support_tp, self.support_pred, self.support_gold),
            oppose_detection: prf(self.oppose_tp, self.oppose_pred, self.oppose_gold),
            n: self.total(),
        }
    }

    /// The confusion matrix as a Markdown table (rows gold, columns predicted).
    pub fn to_markdown(&self) -> String {
        let short = ["support", "oppose", "neutral", "not_pol"];
        let mut s = String::from("| gold \\ predicted | support | oppose | neutral | not_pol |\n|---|---:|---:|---:|---:|\n");
        for (g, row) in self.m.iter().enumerate() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                short[g], row[0], row[1], row[2], row[3]
            );
        }
        s
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Measures computed from a [`Confusion`].
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// (precision, recall, F1, support) per label, in [`Label::ALL`] order.
    pub per_class: [(f64, f64, f64, u64); 4],
    pub macro_f1: f64,
    pub accuracy: f64,
    /// Support vs the rest, the target must match: (precision, recall, F1).
    pub support_detection: (f64, f64, f64),
    /// Oppose vs the rest, the target must match.
    pub oppose_detection: (f64, f64, f64),
    pub n: u64,
}

impl Metrics {
    /// A Markdown table of the per-class measures and the summary lines.
    pub fn to_markdown(&self) -> String {
        let mut s =
            String::from("| label | precision | recall | F1 | n |\n|---|---:|---:|---:|---:|\n");
        for (l, c) in Label::ALL.iter().zip(&self.per_class) {
            let _ = writeln!(
                s,
                "| {l} | {:.3} | {:.3} | {:.3} | {} |",
                c.0, c.1, c.2, c.3
            );
        }
        let (p, r, f) = self.support_detection;
        let _ = writeln!(
            s,
            "\nmacro-F1 **{:.3}**, accuracy {:.3}, n = {}",
            self.macro_f1, self.accuracy, self.n
        );
        let _ = writeln!(
            s,
            "support detection (target must match): P {p:.3}, R {r:.3}, F1 **{f:.3}**"
        );
        let (p, r, f) = self.oppose_detection;
        let _ = writeln!(
            s,
            "oppose detection (target must match): P {p:.3}, R {r:.3}, F1 {f:.3}"
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(
        clippy::many_single_char_names,
        reason = "p, r, f, c, m: the usual names"
    )]
    fn support_detection_needs_the_target() {
        let mut c = Confusion::default();
        c.add((Label::Support, Some(1)), (Label::Support, Some(1)));
        c.add((Label::Support, Some(1)), (Label::Support, Some(2)));
        c.add((Label::PoliticalNeutral, None), (Label::Support, Some(2)));
        c.add((Label::NotPolitical, None), (Label::NotPolitical, None));
        let m = c.metrics();
        let (p, r, f) = m.support_detection;
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.4).abs() < 1e-9);
        assert_eq!(c.m[0][0], 2);
        assert_eq!(m.n, 4);
        assert!((m.per_class[3].2 - 1.0).abs() < 1e-9);
    }
}
