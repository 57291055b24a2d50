//! The linear models and their compact file format.
//!
//! A [`StanceModel`] holds two linear models over hashed features:
//! - `doc`: multinomial logistic regression, four classes in
//!   [`Label::ALL`](netra_core::Label::ALL) order;
//! - `target`: a conditional-logit scorer with one weight row per partisan
//!   label (support, oppose); the target is the pair whose view scores
//!   highest.
//!
//! File format (little-endian): magic `NSTANCE1`, a `u32` featuriser version,
//! a `u32` length and that many bytes of UTF-8 metadata (JSON written by the
//! trainer), the six bytes of the [`FeatureConfig`], the cue lexicon
//! ([`CueLexicon::write`]), then the idf table and each model. A model is
//! `u32 bits, u32 classes, classes × f32 bias, u32 rows`, and per non-zero
//! row a LEB128 delta of the bucket index and `classes` bfloat16 weights;
//! the idf table is stored the same way with one value per row, after the
//! idf of unseen buckets. Only buckets seen in training are stored, so the
//! file stays small.

/// Bumped whenever the featuriser changes what a bucket means.
/// 5: `netra-text` normaliser and matcher, lexicon cues, feature config.
pub const FEATURISER_VERSION: u32 = 5;

use super::features::{from_bf16, to_bf16, FeatureConfig, Idf, ScoreRow};
use super::lexicon::CueLexicon;

const MAGIC: &[u8; 8] = b"NSTANCE1";

/// Why a model could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a netra stance model (bad magic)")]
    BadMagic,
    #[error("model was built for featuriser version {found}, this netra uses {expected}: run `netra train`")]
    Version { found: u32, expected: u32 },
    #[error("model file is truncated or corrupt at byte {at}")]
    Truncated { at: usize },
    #[error("model has an unsupported shape: {0}")]
    Shape(String),
    #[error("no trained model is embedded in this build: run `netra train` and rebuild")]
    Untrained,
}

/// A linear model over `2^bits` hashed buckets and `classes` outputs.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    pub bits: u32,
    pub classes: usize,
    /// Row-major: `w[bucket * classes + class]`.
    pub w: Vec<f32>,
    pub bias: Vec<f32>,
}

impl LinearModel {
    /// An all-zero model.
    pub fn zeros(bits: u32, classes: usize) -> LinearModel {
        LinearModel {
            bits,
            classes,
            w: vec![0.0; (1usize << bits) * classes],
            bias: vec![0.0; classes],
        }
    }

    /// Raw scores (logits) of `x`, written into `out` (length `classes`).
    pub fn scores(&self, x: &super::features::SparseVec, out: &mut [f32]) {
        out.copy_from_slice(&self.bias);
        let c = self.classes;
        for (&i, &v) in x.idx.iter().zip(&x.val) {
            let row = &self.w[i as usize * c..i as usize * c + c];
            for (o, w) in out.iter_mut().zip(row) {
                *o += v * w;
            }
        }
    }

    /// The weight of `class` in `bucket`.
    pub fn weight(&self, bucket: u32, class: usize) -> f32 {
        self.w
            .get(bucket as usize * self.classes + class)
            .copied()
            .unwrap_or(0.0)
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(
            &u32::try_from(self.classes)
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        );
        for b in &self.bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|&r| {
                self.w[r * self.classes..(r + 1) * self.classes]
                    .iter()
                    .any(|&w| to_bf16(w) & 0x7fff != 0)
            })
            .collect();
        out.extend_from_slice(&u32::try_from(rows.len()).unwrap_or(u32::MAX).to_le_bytes());
        let mut last = 0usize;
        for r in rows {
            write_leb(out, (r - last) as u64);
            last = r;
            for &w in &self.w[r * self.classes..(r + 1) * self.classes] {
                out.extend_from_slice(&to_bf16(w).to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader<'_>) -> Result<LinearModel, ModelError> {
        let bits = r.u32()?;
        let classes = r.u32()? as usize;
        if !(4..=24).contains(&bits) || !(1..=16).contains(&classes) {
            return Err(ModelError::Shape(format!("bits {bits}, classes {classes}")));
        }
        let mut m = LinearModel::zeros(bits, classes);
        for b in &mut m.bias {
            *b = f32::from_le_bytes(r.take::<4>()?);
        }
        let rows = r.u32()? as usize;
        let mut at = 0usize;
        for k in 0..rows {
            let delta = usize::try_from(r.leb()?).map_err(|_| r.truncated())?;
            at = at.checked_add(delta).ok_or_else(|| r.truncated())?;
            if at >= 1 << bits || (k > 0 && delta == 0) {
                return Err(r.truncated());
            }
            for c in 0..classes {
                m.w[at * classes + c] = from_bf16(u16::from_le_bytes(r.take::<2>()?));
            }
        }
        Ok(m)
    }
}

/// The trained stance model: document classifier + target scorer + the
/// featuriser settings and cue lexicon it was trained with + metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceModel {
    /// Inverse document frequencies of the document features.
    pub idf: Idf,
    pub doc: LinearModel,
    pub target: LinearModel,
    /// What the trainer recorded (data, split, hyper-parameters), as JSON.
    pub meta: String,
    /// Cue classes of words and emoji.
    pub lexicon: CueLexicon,
    /// Featuriser settings.
    pub features: FeatureConfig,
    /// `doc` and `idf` side by side, for scoring.
    rows: Vec<ScoreRow>,
}

impl StanceModel {
    /// A model from its parts.
    pub fn new(
        idf: Idf,
        doc: LinearModel,
        target: LinearModel,
        lexicon: CueLexicon,
        features: FeatureConfig,
        meta: String,
    ) -> StanceModel {
        let rows = (0..doc.w.len() / doc.classes.max(1))
            .map(|b| {
                let mut w = [0f32; 4];
                for (k, x) in w.iter_mut().enumerate().take(doc.classes) {
                    *x = doc.w[b * doc.classes + k];
                }
                ScoreRow::new(w, idf.get(u32::try_from(b).unwrap_or(u32::MAX)))
            })
            .collect();
        StanceModel {
            idf,
            doc,
            target,
            meta,
            lexicon,
            features,
            rows,
        }
    }

    /// The model with every logit divided by `temperature` (weights and
    /// biases of both linear models scaled by `1 / temperature`): the same
    /// decisions, softer or sharper probabilities. `netra train` fits the
    /// temperature on the validation split, so that a score of 0.8 means
    /// about 80 % right.
    #[must_use]
    pub fn with_temperature(self, temperature: f32) -> StanceModel {
        if !(temperature.is_finite() && temperature > 0.0) {
            return self;
        }
        let f = 1.0 / temperature;
        let mut doc = self.doc;
        let mut target = self.target;
        for w in doc.w.iter_mut().chain(&mut doc.bias) {
            *w *= f;
        }
        for w in target.w.iter_mut().chain(&mut target.bias) {
            *w *= f;
        }
        StanceModel::new(
            self.idf,
            doc,
            target,
            self.lexicon,
            self.features,
            self.meta,
        )
    }

    /// The document model's rows for scoring ([`super::features::DocScorer`]).
    pub fn score_rows(&self) -> &[ScoreRow] {
        &self.rows
    }

    /// Serialises the model (deterministic: same model, same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURISER_VERSION.to_le_bytes());
        out.extend_from_slice(
            &u32::try_from(self.meta.len())
                .unwrap_or(u32::MAX)
                .to_le_bytes(),
        );
        out.extend_from_slice(self.meta.as_bytes());
        out.extend_from_slice(&self.features.to_bytes());
        self.lexicon.write(&mut out);
        write_idf(&self.idf, &mut out);
        self.doc.write(&mut out);
        self.target.write(&mut out);
        out
    }

    /// Reads a model written by [`StanceModel::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<StanceModel, ModelError> {
        if bytes.is_empty() {
            return Err(ModelError::Untrained);
        }
        let mut r = Reader { bytes, at: 0 };
        if r.take::<8>().ok().as_ref() != Some(MAGIC) {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != FEATURISER_VERSION {
            return Err(ModelError::Version {
                found: version,
                expected: FEATURISER_VERSION,
            });
        }
        let n = r.u32()? as usize;
        let meta = r.slice(n)?;
        let meta = String::from_utf8_lossy(meta).into_owned();
        let features = FeatureConfig::from_bytes(r.take::<6>()?);
        if features.char_max > 12 || features.span_char_max > 12 || features.near > 32 {
            return Err(ModelError::Shape(format!("feature config {features:?}")));
        }
        let mut at = r.at;
        let lexicon = CueLexicon::read(bytes, &mut at).ok_or(ModelError::Truncated { at: r.at })?;
        r.at = at;
        let idf = read_idf(&mut r)?;
        let doc = LinearModel::read(&mut r)?;
        let target = LinearModel::read(&mut r)?;
        if doc.classes != 4 || target.classes != 2 {
            return Err(ModelError::Shape(format!(
                "doc classes {}, target classes {}",
                doc.classes, target.classes
            )));
        }
        if r.at != bytes.len() {
            return Err(r.truncated());
        }
        if idf.values.len() != doc.w.len() / doc.classes {
            return Err(ModelError::Shape(
                "idf table and document model differ in size".into(),
            ));
        }
        Ok(StanceModel::new(idf, doc, target, lexicon, features, meta))
    }
}

fn write_idf(idf: &Idf, out: &mut Vec<u8>) {
    let bits = idf.values.len().trailing_zeros();
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&idf.unseen.to_le_bytes());
    let rows: Vec<usize> = (0..idf.values.len())
        .filter(|&i| idf.values[i] > 0.0)
        .collect();
    out.extend_from_slice(&u32::try_from(rows.len()).unwrap_or(u32::MAX).to_le_bytes());
    let mut last = 0usize;
    for r in rows {
        write_leb(out, (r - last) as u64);
        last = r;
        out.extend_from_slice(&to_bf16(idf.values[r]).to_le_bytes());
    }
}

fn read_idf(r: &mut Reader<'_>) -> Result<Idf, ModelError> {
    let bits = r.u32()?;
    if !(4..=24).contains(&bits) {
        return Err(ModelError::Shape(format!("idf bits {bits}")));
    }
    let unseen = f32::from_le_bytes(r.take::<4>()?);
    let mut values = vec![0.0f32; 1 << bits];
    let rows = r.u32()? as usize;
    let mut at = 0usize;
    for k in 0..rows {
        let delta = usize::try_from(r.leb()?).map_err(|_| r.truncated())?;
        at = at.checked_add(delta).ok_or_else(|| r.truncated())?;
        if at >= values.len() || (k > 0 && delta == 0) {
            return Err(r.truncated());
        }
        values[at] = from_bf16(u16::from_le_bytes(r.take::<2>()?));
    }
    Ok(Idf { values, unseen })
}

fn write_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn truncated(&self) -> ModelError {
        ModelError::Truncated { at: self.at }
    }

    fn slice(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.truncated())?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let s = self.slice(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take::<4>()?))
    }

    fn leb(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let [b] = self.take::<1>()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.truncated())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> StanceModel {
        let mut doc = LinearModel::zeros(10, 4);
        doc.bias = vec![0.5, -0.25, 0.0, 1.0];
        doc.w[3 * 4 + 1] = 1.5;
        doc.w[1000 * 4 + 3] = -0.003_906_25;
        let mut target = LinearModel::zeros(8, 2);
        target.w[7 * 2] = 2.0;
        let mut values = vec![0.0; 1 << 10];
        values[3] = 2.5;
        let mut lexicon = CueLexicon::curated();
        lexicon.add("bangsat", super::super::lexicon::Cue::Abusive);
        StanceModel::new(
            Idf {
                values,
                unseen: 7.0,
            },
            doc,
            target,
            lexicon,
            FeatureConfig::default(),
            "{\"a\":1}".into(),
        )
    }

    #[test]
    fn save_load_round_trips() {
        let m = model();
        let bytes = m.to_bytes();
        let back = StanceModel::from_bytes(&bytes).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn bf16_keeps_three_significant_digits() {
        for x in [0.123_456_f32, -3.3, 1e-4, 250.0] {
            let y = from_bf16(to_bf16(x));
            assert!((x - y).abs() <= x.abs() / 128.0, "{x} {y}");
        }
    }

    #[test]
    fn corrupt_files_are_errors_not_panics() {
        let bytes = model().to_bytes();
        assert_eq!(StanceModel::from_bytes(&[]), Err(ModelError::Untrained));
        assert_eq!(
            StanceModel::from_bytes(b"NOTAMODEL"),
            Err(ModelError::BadMagic)
        );
        for cut in 8..bytes.len() {
            assert!(
                StanceModel::from_bytes(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let mut v = bytes.clone();
        v[8] = 99;
        assert!(matches!(
            StanceModel::from_bytes(&v),
            Err(ModelError::Version { .. })
        ));
    }
}
