//! Deterministic training of the linear models: L2-regularised multinomial
//! logistic regression and a conditional-logit target scorer, both fitted
//! with L-BFGS on the full batch.
//!
//! Determinism: one thread, a fixed order of examples and buckets, and no
//! randomness, so the same examples always give the same bytes.

use super::features::SparseVec;
use super::model::LinearModel;

/// One labelled feature vector.
#[derive(Debug, Clone)]
pub struct Example {
    pub x: SparseVec,
    pub y: usize,
    pub weight: f32,
}

/// One choice among options (the pairs of an election), for the target scorer.
#[derive(Debug, Clone)]
pub struct ChoiceExample {
    /// Which weight row scores the options (0 = support, 1 = oppose).
    pub row: usize,
    pub options: Vec<SparseVec>,
    pub gold: usize,
    pub weight: f32,
}

/// Optimiser settings.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// L2 penalty (on weights, not biases), per unit of example weight.
    pub l2: f64,
    pub max_iter: usize,
}

/// Sparse rows over compact indices (only buckets seen in training).
struct Compact {
    buckets: Vec<u32>,
}

impl Compact {
    fn new<'a>(vs: impl Iterator<Item = &'a SparseVec>) -> Compact {
        let mut buckets: Vec<u32> = vs.flat_map(|v| v.idx.iter().copied()).collect();
        buckets.sort_unstable();
        buckets.dedup();
        Compact { buckets }
    }

    fn map(&self, v: &SparseVec) -> Vec<(usize, f64)> {
        v.idx
            .iter()
            .zip(&v.val)
            .filter_map(|(i, x)| {
                self.buckets
                    .binary_search(i)
                    .ok()
                    .map(|c| (c, f64::from(*x)))
            })
            .collect()
    }

    fn expand(&self, theta: &[f64], bits: u32, classes: usize, biases: &[f64]) -> LinearModel {
        let mut m = LinearModel::zeros(bits, classes);
        for (c, &bucket) in self.buckets.iter().enumerate() {
            for k in 0..classes {
                #[allow(clippy::cast_possible_truncation, reason = "weights are stored as f32")]
                {
                    m.w[bucket as usize * classes + k] = theta[c * classes + k] as f32;
                }
            }
        }
        #[allow(clippy::cast_possible_truncation, reason = "biases are stored as f32")]
        for (o, &b) in m.bias.iter_mut().zip(biases) {
            *o = b as f32;
        }
        m
    }
}

fn log_sum_exp(z: &[f64]) -> f64 {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m.is_infinite() {
        return m;
    }
    m + z.iter().map(|v| (v - m).exp()).sum::<f64>().ln()
}

/// Fits a `classes`-way softmax regression.
pub fn train_softmax(examples: &[Example], bits: u32, classes: usize, fit: Fit) -> LinearModel {
    let compact = Compact::new(examples.iter().map(|e| &e.x));
    let rows: Vec<Vec<(usize, f64)>> = examples.iter().map(|e| compact.map(&e.x)).collect();
    let total: f64 = examples
        .iter()
        .map(|e| f64::from(e.weight))
        .sum::<f64>()
        .max(1e-12);
    let nw = compact.buckets.len() * classes;
    let n = nw + classes;
    let objective = |theta: &[f64], grad: &mut [f64]| -> f64 {
        grad.fill(0.0);
        let mut loss = 0.0;
        let mut z = vec![0.0; classes];
        for (e, row) in examples.iter().zip(&rows) {
            z.copy_from_slice(&theta[nw..]);
            for &(c, x) in row {
                for k in 0..classes {
                    z[k] += x * theta[c * classes + k];
                }
            }
            let lse = log_sum_exp(&z);
            let w = f64::from(e.weight) / total;
            loss += w * (lse - z[e.y]);
            for k in 0..classes {
                let g = w * ((z[k] - lse).exp() - if k == e.y { 1.0 } else { 0.0 });
                grad[nw + k] += g;
                for &(c, x) in row {
                    grad[c * classes + k] += g * x;
                }
            }
        }
        for i in 0..nw {
            loss += 0.5 * fit.l2 * theta[i] * theta[i];
            grad[i] += fit.l2 * theta[i];
        }
        loss
    };
    let theta = lbfgs(n, objective, fit.max_iter);
    compact.expand(&theta[..nw], bits, classes, &theta[nw..])
}

/// Fits the conditional-logit target scorer (`rows` weight rows, no bias).
pub fn train_choice(examples: &[ChoiceExample], bits: u32, rows: usize, fit: Fit) -> LinearModel {
    let compact = Compact::new(examples.iter().flat_map(|e| e.options.iter()));
    let opts: Vec<Vec<Vec<(usize, f64)>>> = examples
        .iter()
        .map(|e| e.options.iter().map(|o| compact.map(o)).collect())
        .collect();
    let total: f64 = examples
        .iter()
        .map(|e| f64::from(e.weight))
        .sum::<f64>()
        .max(1e-12);
    let n = compact.buckets.len() * rows;
    let objective = |theta: &[f64], grad: &mut [f64]| -> f64 {
        grad.fill(0.0);
        let mut loss = 0.0;
        for (e, options) in examples.iter().zip(&opts) {
            if options.len() < 2 || e.gold >= options.len() {
                continue;
            }
            let z: Vec<f64> = options
                .iter()
                .map(|o| o.iter().map(|&(c, x)| x * theta[c * rows + e.row]).sum())
                .collect();
            let lse = log_sum_exp(&z);
            let w = f64::from(e.weight) / total;
            loss += w * (lse - z[e.gold]);
            for (p, o) in options.iter().enumerate() {
                let g = w * ((z[p] - lse).exp() - if p == e.gold { 1.0 } else { 0.0 });
                for &(c, x) in o {
                    grad[c * rows + e.row] += g * x;
                }
            }
        }
        for i in 0..n {
            loss += 0.5 * fit.l2 * theta[i] * theta[i];
            grad[i] += fit.l2 * theta[i];
        }
        loss
    };
    let theta = lbfgs(n, objective, fit.max_iter);
    compact.expand(&theta, bits, rows, &vec![0.0; rows])
}

/// One example of the joint (label, target) model.
#[derive(Debug, Clone)]
pub struct JointExample {
    /// Document-view features.
    pub x: SparseVec,
    /// One pair-view vector per pair of the election.
    pub views: Vec<SparseVec>,
    /// Label index (0 support, 1 oppose, 2 neutral, 3 not political).
    pub label: usize,
    /// For support/oppose: the index of the target among `views`.
    pub target: Option<usize>,
    pub weight: f32,
}

/// Fits the joint model: the outcomes are (support, pair), (oppose, pair),
/// `political_neutral` and `not_political`; a partisan outcome scores
/// `doc[label] + view[label](pair)`. Returns the document model (4 classes)
/// and the pair-view model (2 rows: support, oppose).
#[allow(
    clippy::many_single_char_names,
    reason = "model notation: x, z, w, g, n"
)]
pub fn train_joint(
    examples: &[JointExample],
    doc_bits: u32,
    view_bits: u32,
    fit: Fit,
    l2_view: f64,
) -> (LinearModel, LinearModel) {
    let examples: Vec<&JointExample> = examples
        .iter()
        .filter(|e| e.label < 4 && (e.label >= 2 || e.target.is_some_and(|t| t < e.views.len())))
        .collect();
    let cd = Compact::new(examples.iter().map(|e| &e.x));
    let cv = Compact::new(examples.iter().flat_map(|e| e.views.iter()));
    let xs: Vec<Vec<(usize, f64)>> = examples.iter().map(|e| cd.map(&e.x)).collect();
    let vs: Vec<Vec<Vec<(usize, f64)>>> = examples
        .iter()
        .map(|e| e.views.iter().map(|v| cv.map(v)).collect())
        .collect();
    let total: f64 = examples
        .iter()
        .map(|e| f64::from(e.weight))
        .sum::<f64>()
        .max(1e-12);
    let nd = cd.buckets.len() * 4;
    let nb = nd + 4;
    let n = nb + cv.buckets.len() * 2;
    let objective = |theta: &[f64], grad: &mut [f64]| -> f64 {
        grad.fill(0.0);
        let mut loss = 0.0;
        let mut z = [0.0f64; 4];
        let mut outcomes: Vec<f64> = Vec::new();
        for ((e, x), views) in examples.iter().zip(&xs).zip(&vs) {
            z.copy_from_slice(&theta[nd..nb]);
            for &(c, v) in x {
                for (k, zk) in z.iter_mut().enumerate() {
                    *zk += v * theta[c * 4 + k];
                }
            }
            let np = views.len();
            outcomes.clear();
            for row in 0..2 {
                for view in views {
                    let s: f64 = view.iter().map(|&(c, v)| v * theta[nb + c * 2 + row]).sum();
                    outcomes.push(z[row] + s);
                }
            }
            outcomes.push(z[2]);
            outcomes.push(z[3]);
            let gold = match (e.label, e.target) {
                (0 | 1, Some(t)) => e.label * np + t,
                (l, _) => 2 * np + (l - 2),
            };
            let lse = log_sum_exp(&outcomes);
            let w = f64::from(e.weight) / total;
            loss += w * (lse - outcomes[gold]);
            let mut gdoc = [0.0f64; 4];
            for (q, &o) in outcomes.iter().enumerate() {
                let g = w * ((o - lse).exp() - if q == gold { 1.0 } else { 0.0 });
                if q < 2 * np {
                    let (row, p) = (q / np, q % np);
                    gdoc[row] += g;
                    for &(c, v) in &views[p] {
                        grad[nb + c * 2 + row] += g * v;
                    }
                } else {
                    gdoc[2 + (q - 2 * np)] += g;
                }
            }
            for (k, &g) in gdoc.iter().enumerate() {
                grad[nd + k] += g;
                for &(c, v) in x {
                    grad[c * 4 + k] += g * v;
                }
            }
        }
        for i in 0..nd {
            loss += 0.5 * fit.l2 * theta[i] * theta[i];
            grad[i] += fit.l2 * theta[i];
        }
        for i in nb..n {
            loss += 0.5 * l2_view * theta[i] * theta[i];
            grad[i] += l2_view * theta[i];
        }
        loss
    };
    let theta = lbfgs(n, objective, fit.max_iter);
    (
        cd.expand(&theta[..nd], doc_bits, 4, &theta[nd..nb]),
        cv.expand(&theta[nb..], view_bits, 2, &[0.0, 0.0]),
    )
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Minimises a smooth convex function with L-BFGS (memory 7) and a
/// backtracking Armijo line search. Starts at zero.
#[allow(
    clippy::many_single_char_names,
    reason = "L-BFGS notation: x, g, d, s, y"
)]
fn lbfgs(n: usize, mut f: impl FnMut(&[f64], &mut [f64]) -> f64, max_iter: usize) -> Vec<f64> {
    const M: usize = 7;
    let mut x = vec![0.0; n];
    let mut g = vec![0.0; n];
    let mut fx = f(&x, &mut g);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut d = vec![0.0; n];
    let mut xn = vec![0.0; n];
    let mut gn = vec![0.0; n];
    let mut small = 0;
    for iter in 0..max_iter {
        // Two-loop recursion: d = -H g.
        d.copy_from_slice(&g);
        let k = s_hist.len();
        let mut alpha = vec![0.0; k];
        for i in (0..k).rev() {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            alpha[i] = rho * dot(&s_hist[i], &d);
            for (dj, yj) in d.iter_mut().zip(&y_hist[i]) {
                *dj -= alpha[i] * yj;
            }
        }
        if k > 0 {
            let gamma = dot(&s_hist[k - 1], &y_hist[k - 1]) / dot(&y_hist[k - 1], &y_hist[k - 1]);
            for dj in &mut d {
                *dj *= gamma;
            }
        }
        for i in 0..k {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            let beta = rho * dot(&y_hist[i], &d);
            for (dj, sj) in d.iter_mut().zip(&s_hist[i]) {
                *dj += (alpha[i] - beta) * sj;
            }
        }
        for dj in &mut d {
            *dj = -*dj;
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            s_hist.clear();
            y_hist.clear();
            for (dj, gj) in d.iter_mut().zip(&g) {
                *dj = -gj;
            }
            slope = -dot(&g, &g);
        }
        let mut step = if iter == 0 {
            1.0 / dot(&g, &g).sqrt().max(1e-12)
        } else {
            1.0
        };
        let mut fnew = f64::INFINITY;
        for _ in 0..40 {
            for i in 0..n {
                xn[i] = x[i] + step * d[i];
            }
            fnew = f(&xn, &mut gn);
            if fnew <= fx + 1e-4 * step * slope {
                break;
            }
            step *= 0.5;
        }
        if fnew.is_nan() || fnew > fx {
            break;
        }
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        if dot(&s, &y) > 1e-12 {
            if s_hist.len() == M {
                s_hist.remove(0);
                y_hist.remove(0);
            }
            s_hist.push(s);
            y_hist.push(y);
        }
        let improvement = (fx - fnew) / fx.abs().max(1e-12);
        std::mem::swap(&mut x, &mut xn);
        std::mem::swap(&mut g, &mut gn);
        fx = fnew;
        small = if improvement < 1e-6 { small + 1 } else { 0 };
        if small >= 3 || dot(&g, &g).sqrt() < 1e-7 {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sv(pairs: &[(u32, f32)]) -> SparseVec {
        SparseVec {
            idx: pairs.iter().map(|p| p.0).collect(),
            val: pairs.iter().map(|p| p.1).collect(),
        }
    }

    #[test]
    fn softmax_learns_a_separable_problem_deterministically() {
        let ex: Vec<Example> = (0..30u32)
            .map(|i| Example {
                x: sv(&[(i % 3, 1.0), (10 + i % 2, 0.5)]),
                y: (i % 3) as usize,
                weight: 1.0,
            })
            .collect();
        let fit = Fit {
            l2: 1e-3,
            max_iter: 200,
        };
        let m = train_softmax(&ex, 6, 3, fit);
        let mut out = [0.0; 3];
        for e in &ex {
            m.scores(&e.x, &mut out);
            let best = (0..3).max_by(|&a, &b| out[a].total_cmp(&out[b])).unwrap();
            assert_eq!(best, e.y);
        }
        assert_eq!(train_softmax(&ex, 6, 3, fit), m);
    }

    #[test]
    fn choice_learns_which_option_is_gold() {
        // Option with feature 1 is the gold one; feature 2 is a distractor.
        let ex: Vec<ChoiceExample> = (0..20)
            .map(|i| ChoiceExample {
                row: i % 2,
                options: if i % 3 == 0 {
                    vec![sv(&[(2, 1.0)]), sv(&[(1, 1.0)])]
                } else {
                    vec![sv(&[(1, 1.0)]), sv(&[(2, 1.0)])]
                },
                gold: usize::from(i % 3 == 0),
                weight: 1.0,
            })
            .collect();
        let m = train_choice(
            &ex,
            4,
            2,
            Fit {
                l2: 1e-3,
                max_iter: 100,
            },
        );
        assert!(m.weight(1, 0) > m.weight(2, 0));
        assert!(m.weight(1, 1) > m.weight(2, 1));
    }
}
