//! The scan summary: signals per pair, per unit and per activity kind, and
//! cases per severity, class and unit, with the pairs always side by side
//! (monitoring is symmetric).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use netra_core::{CaseClass, Election, Label, Severity};
use netra_store::{CaseRow, SignalRow};

use crate::scan::ScanReport;
use crate::Lang;

/// Signals of one pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairCounts {
    pub support_signals: u64,
    pub oppose_signals: u64,
    /// Distinct ASN with at least one support signal for the pair.
    pub support_asn: u64,
    /// Distinct ASN with at least one oppose signal against the pair.
    pub oppose_asn: u64,
}

/// Aggregates of all stored signals of an election.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Ballot number and pair names ("Calon Satu – Wakil Satu").
    pub pairs: Vec<(u32, String)>,
    pub per_pair: BTreeMap<u32, PairCounts>,
    /// unit → (distinct ASN, signals per pair).
    pub per_unit: BTreeMap<String, (u64, BTreeMap<u32, u64>)>,
    /// activity kind → signals per pair.
    pub per_kind: BTreeMap<String, BTreeMap<u32, u64>>,
    pub signals: u64,
    pub asn: u64,
    pub cases: CaseCounts,
}

/// Cases of one row of a case table: how many, and how many per pair.
pub type CaseTally = (u64, BTreeMap<u32, u64>);

/// The election's cases by severity, class and unit. A case counts under
/// every pair its ASN's signals name (so the pair columns may add up to
/// more than the total, which counts each case once).
#[derive(Debug, Clone, Default)]
pub struct CaseCounts {
    pub total: u64,
    pub per_pair: BTreeMap<u32, u64>,
    pub by_severity: BTreeMap<Severity, CaseTally>,
    pub by_class: BTreeMap<CaseClass, CaseTally>,
    pub by_unit: BTreeMap<String, CaseTally>,
}

impl Summary {
    /// Adds the case counts: `cases` of the election, `rows` its signals
    /// (which pairs each ASN's signals name).
    #[must_use]
    pub fn with_cases(mut self, cases: &[CaseRow], rows: &[SignalRow]) -> Summary {
        let mut pairs_of: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();
        for r in rows {
            pairs_of.entry(&r.nip).or_default().insert(r.target);
        }
        let mut cc = CaseCounts::default();
        for (n, _) in &self.pairs {
            cc.per_pair.insert(*n, 0);
        }
        let add = |t: &mut CaseTally, pairs: &BTreeSet<u32>| {
            t.0 += 1;
            for p in pairs {
                *t.1.entry(*p).or_default() += 1;
            }
        };
        for c in cases {
            let mut pairs = pairs_of.get(c.nip.as_str()).cloned().unwrap_or_default();
            pairs.insert(c.target);
            cc.total += 1;
            for p in &pairs {
                *cc.per_pair.entry(*p).or_default() += 1;
            }
            add(cc.by_severity.entry(c.severity).or_default(), &pairs);
            add(cc.by_class.entry(c.class).or_default(), &pairs);
            add(cc.by_unit.entry(c.unit.clone()).or_default(), &pairs);
        }
        self.cases = cc;
        self
    }

    /// Builds the summary from stored signal rows.
    pub fn from_rows(election: &Election, rows: &[SignalRow]) -> Summary {
        let mut s = Summary {
            pairs: election
                .candidates
                .iter()
                .map(|c| (c.number, c.names.join(" – ")))
                .collect(),
            ..Summary::default()
        };
        let mut support_asn: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
        let mut oppose_asn: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
        let mut unit_asn: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut all_asn = BTreeSet::new();
        for (n, _) in &s.pairs {
            s.per_pair.insert(*n, PairCounts::default());
        }
        for r in rows {
            let pc = s.per_pair.entry(r.target).or_default();
            if r.label == Label::Support {
                pc.support_signals += 1;
                support_asn.entry(r.target).or_default().insert(&r.nip);
            } else {
                pc.oppose_signals += 1;
                oppose_asn.entry(r.target).or_default().insert(&r.nip);
            }
            *s.per_unit
                .entry(r.unit.clone())
                .or_default()
                .1
                .entry(r.target)
                .or_default() += 1;
            unit_asn.entry(&r.unit).or_default().insert(&r.nip);
            *s.per_kind
                .entry(r.kind.clone())
                .or_default()
                .entry(r.target)
                .or_default() += 1;
            all_asn.insert(&r.nip);
        }
        for (n, pc) in &mut s.per_pair {
            pc.support_asn = support_asn.get(n).map_or(0, |x| x.len() as u64);
            pc.oppose_asn = oppose_asn.get(n).map_or(0, |x| x.len() as u64);
        }
        for (unit, (asn, _)) in &mut s.per_unit {
            *asn = unit_asn.get(unit.as_str()).map_or(0, |x| x.len() as u64);
        }
        s.signals = rows.len() as u64;
        s.asn = all_asn.len() as u64;
        s
    }
}

fn table(header: Vec<String>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(header);
    t
}

fn right_align(t: &mut Table, from: usize) {
    let n = t.column_count();
    for i in from..n {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

impl ScanReport {
    /// The human summary printed by `netra scan`.
    #[allow(clippy::too_many_lines, reason = "one report, section after section")]
    pub fn render(&self, lang: Lang) -> String {
        let c = |n: u64| lang.count(n);
        let mut out = String::new();
        let s = &self.summary;
        let _ = writeln!(
            out,
            "netra scan — {} ({})",
            self.election_name, self.election_id
        );
        let _ = writeln!(
            out,
            "{}: {} ASN, {} {} ({} {})",
            lang.pick("Registri", "Registry"),
            c(self.registry_rows),
            c(self.accounts),
            lang.pick("akun", "accounts"),
            c(self.registry_rejected),
            lang.pick("baris ditolak", "rows rejected"),
        );
        for f in &self.files {
            let _ = writeln!(
                out,
                "{} {}: {} {}, {} {}, {} {}, {} {}, {} {} ({} {}{}{})",
                lang.pick("Aktivitas", "Activities"),
                f.path,
                c(f.read),
                lang.pick("dibaca", "read"),
                c(f.rejected),
                lang.pick("baris ditolak", "lines rejected"),
                c(f.unregistered),
                lang.pick(
                    "dari akun di luar registri (tidak disimpan)",
                    "by accounts outside the registry (not kept)"
                ),
                c(f.outside_window),
                lang.pick("di luar masa pemantauan", "outside the monitoring window"),
                c(f.stored),
                lang.pick("baru disimpan", "newly stored"),
                c(f.unchanged),
                lang.pick("sudah ada", "already stored"),
                if f.conflicting > 0 {
                    format!(
                        ", {} {}",
                        c(f.conflicting),
                        lang.pick(
                            "id sama isi beda: yang lama dipertahankan",
                            "same id, other content: original kept"
                        )
                    )
                } else {
                    String::new()
                },
                if f.purged > 0 {
                    format!(
                        ", {} {}",
                        c(f.purged),
                        lang.pick(
                            "sudah dihapus sesuai retensi (tidak disimpan lagi)",
                            "deleted earlier by retention (not stored again)"
                        )
                    )
                } else {
                    String::new()
                },
            );
        }
        let mut images = crate::ocr::ImageCounts::default();
        for f in &self.files {
            images.add(&f.images);
        }
        if let Some(line) = images.render(&self.ocr, lang) {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(
            out,
            "{}: {} ({} {}), {} ASN",
            lang.pick("Sinyal", "Signals"),
            c(s.signals),
            c(self.signals_new),
            lang.pick("baru", "new"),
            c(s.asn),
        );
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}, {} {} (`netra cases`)\n",
            lang.pick("Kasus", "Cases"),
            c(self.cases.opened),
            lang.pick("dibuka", "opened"),
            c(self.cases.refreshed),
            lang.pick("diperbarui", "refreshed"),
            c(self.cases.unchanged),
            lang.pick("tetap", "unchanged"),
        );

        let _ = writeln!(
            out,
            "{}: {}\n",
            lang.pick("Pembacaan sikap teks", "Text stance read by"),
            lang.pick(&self.stance_reader.0, &self.stance_reader.1)
        );

        let mut t = table(vec![
            lang.pick("Paslon", "Pair").into(),
            lang.pick("Sinyal dukung", "Support signals").into(),
            lang.pick("ASN dukung", "ASN supporting").into(),
            lang.pick("Sinyal menyerang", "Oppose signals").into(),
            lang.pick("ASN menyerang", "ASN opposing").into(),
        ]);
        for (n, names) in &s.pairs {
            let pc = s.per_pair.get(n).cloned().unwrap_or_default();
            t.add_row(vec![
                format!("{n:02} {names}"),
                c(pc.support_signals),
                c(pc.support_asn),
                c(pc.oppose_signals),
                c(pc.oppose_asn),
            ]);
        }
        right_align(&mut t, 1);
        let _ = writeln!(out, "{}\n{t}\n", lang.pick("Per paslon", "Per pair"));

        let pair_cols = |first: &str, extra: &[&str]| {
            let mut h: Vec<String> = vec![first.to_string()];
            h.extend(extra.iter().map(|x| (*x).to_string()));
            h.extend(s.pairs.iter().map(|(n, _)| format!("{n:02}")));
            h.push("Total".into());
            h
        };
        let cs = &s.cases;
        let tally_row = |label: String, tally: &CaseTally| {
            let mut row = vec![label];
            row.extend(
                s.pairs
                    .iter()
                    .map(|(n, _)| c(tally.1.get(n).copied().unwrap_or(0))),
            );
            row.push(c(tally.0));
            row
        };
        let mut t = table(pair_cols(lang.pick("Kasus", "Cases"), &[]));
        for sev in [Severity::High, Severity::Medium, Severity::Low] {
            let tally = cs.by_severity.get(&sev).cloned().unwrap_or_default();
            t.add_row(tally_row(
                format!("{} {}", lang.pick("bobot", "severity"), lang.severity(sev)),
                &tally,
            ));
        }
        for class in [CaseClass::Discipline, CaseClass::Ethics] {
            let tally = cs.by_class.get(&class).cloned().unwrap_or_default();
            t.add_row(tally_row(
                format!("{} {}", lang.pick("kelas", "class"), lang.class(class)),
                &tally,
            ));
        }
        t.add_row(tally_row("Total".into(), &(cs.total, cs.per_pair.clone())));
        right_align(&mut t, 1);
        let _ = writeln!(
            out,
            "{}\n{t}\n",
            lang.pick(
                "Kasus per bobot dan kelas (per paslon: kasus yang sinyalnya menyebut paslon itu)",
                "Cases by severity and class (per pair: cases whose signals name the pair)"
            )
        );
        let mut t = table(pair_cols("Unit", &[]));
        for (unit, tally) in &cs.by_unit {
            t.add_row(tally_row(unit.clone(), tally));
        }
        right_align(&mut t, 1);
        let _ = writeln!(
            out,
            "{}\n{t}\n",
            lang.pick("Kasus per unit kerja", "Cases per unit")
        );

        let mut t = table(pair_cols("Unit", &["ASN"]));
        for (unit, (asn, by_pair)) in &s.per_unit {
            let mut row = vec![unit.clone(), c(*asn)];
            row.extend(
                s.pairs
                    .iter()
                    .map(|(n, _)| c(by_pair.get(n).copied().unwrap_or(0))),
            );
            row.push(c(by_pair.values().sum()));
            t.add_row(row);
        }
        right_align(&mut t, 1);
        let _ = writeln!(
            out,
            "{}\n{t}\n",
            lang.pick("Sinyal per unit kerja", "Signals per unit")
        );

        let mut t = table(pair_cols(
            lang.pick("Jenis aktivitas", "Activity kind"),
            &[],
        ));
        // In the order of the names the reader sees.
        let mut kinds: Vec<(&str, &BTreeMap<u32, u64>)> = s
            .per_kind
            .iter()
            .map(|(kind, by_pair)| (lang.kind(kind), by_pair))
            .collect();
        kinds.sort_by_key(|(name, _)| *name);
        for (name, by_pair) in kinds {
            let mut row = vec![name.to_string()];
            row.extend(
                s.pairs
                    .iter()
                    .map(|(n, _)| c(by_pair.get(n).copied().unwrap_or(0))),
            );
            row.push(c(by_pair.values().sum()));
            t.add_row(row);
        }
        right_align(&mut t, 1);
        let _ = writeln!(
            out,
            "{}\n{t}",
            lang.pick("Sinyal per jenis aktivitas", "Signals per activity kind")
        );

        if self.problems_total > 0 {
            let _ = writeln!(
                out,
                "\n{} ({}):",
                lang.pick("Masalah pada masukan", "Input problems"),
                c(self.problems_total)
            );
            for p in &self.problems {
                let _ = writeln!(out, "  {p}");
            }
            if self.problems_total > self.problems.len() as u64 {
                let _ = writeln!(
                    out,
                    "  … {} {}",
                    c(self.problems_total - self.problems.len() as u64),
                    lang.pick("lainnya", "more")
                );
            }
        }
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick(
                "Sinyal bukan temuan: setiap kasus harus diperiksa dan diputuskan oleh petugas.",
                "A signal is not a finding: a person reviews and decides every case."
            )
        );
        out
    }
}
