//! The fictional ASN registry: names, units, positions, valid NIPs, declared accounts.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, Days, Months, NaiveDate};
use netra_core::{AccountRef, AsnRecord, Election, Nip, Platform};
use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::SliceRandom;
use rand::Rng;

use crate::lexicon::{Lexicon, Unit};
use crate::text::{ascii_word, People};

/// Platforms of declared accounts and how common each is.
const DECLARED_PLATFORMS: [(Platform, u32); 5] = [
    (Platform::Facebook, 32),
    (Platform::Instagram, 30),
    (Platform::X, 18),
    (Platform::Tiktok, 15),
    (Platform::Youtube, 5),
];

/// Relative size of a unit by kind (teachers and health workers are most ASN).
fn unit_weight(u: &Unit) -> u32 {
    match u.kind.as_str() {
        "education" => 10,
        "health" => 6,
        _ => 3,
    }
}

/// A NIP valid per the domain rules: birth date (age 20–58 at the election),
/// CPNS appointment month at age ≥ 18 and before the election, gender digit, serial.
pub(crate) fn make_nip<R: Rng>(rng: &mut R, e: &Election, female: bool, serial: u32) -> String {
    let tl = &e.election.timeline;
    // Age ≥ 20 on determination day and ≤ 58 on voting day.
    let latest_birth = tl
        .candidate_determination
        .checked_sub_months(Months::new(20 * 12))
        .unwrap_or(tl.candidate_determination);
    let earliest_birth = tl
        .voting_day
        .checked_sub_months(Months::new(59 * 12))
        .and_then(|d| d.checked_add_days(Days::new(1)))
        .unwrap_or(latest_birth);
    let span = (latest_birth - earliest_birth).num_days().max(0);
    // Triangular: more people in their thirties and forties than at the edges.
    let offset = (rng.gen_range(0..=span) + rng.gen_range(0..=span)) / 2;
    let birth = earliest_birth + Days::new(offset.unsigned_abs());
    // Appointed no earlier than the first month that starts at age 18.
    let at18 = birth
        .checked_add_months(Months::new(18 * 12))
        .unwrap_or(birth);
    let first_month = if at18.day() == 1 {
        at18
    } else {
        at18.with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .unwrap_or(at18)
    };
    // NIPs (and so appointment numbers of this form) exist from 1960 on.
    let first_month = first_month.max(NaiveDate::from_ymd_opt(1960, 1, 1).unwrap_or(first_month));
    // And no later than the month before candidate determination.
    let last_month = tl
        .candidate_determination
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(1)))
        .unwrap_or(first_month);
    let months_span = months_between(first_month, last_month).min(17 * 12);
    let appointed = first_month
        .checked_add_months(Months::new(rng.gen_range(0..=months_span)))
        .unwrap_or(first_month);
    format!(
        "{:04}{:02}{:02}{:04}{:02}{}{:03}",
        birth.year(),
        birth.month(),
        birth.day(),
        appointed.year(),
        appointed.month(),
        if female { 2 } else { 1 },
        serial
    )
}

fn months_between(a: NaiveDate, b: NaiveDate) -> u32 {
    let m = (b.year() - a.year()) * 12 + i32::try_from(b.month()).unwrap_or(0)
        - i32::try_from(a.month()).unwrap_or(0);
    u32::try_from(m).unwrap_or(0)
}

/// A fictional handle built from name parts and digits.
fn handle_for<R: Rng>(
    rng: &mut R,
    given: &str,
    family: &str,
    female: bool,
    birth_year: i32,
) -> String {
    let g = ascii_word(given);
    let f = ascii_word(family);
    let yy = birth_year.rem_euclid(100);
    let n = rng.gen_range(1..100);
    let f0 = f.chars().next().unwrap_or('x');
    match rng.gen_range(0..8) {
        0 => format!("{g}.{f}"),
        1 => format!("{g}_{f}{yy:02}"),
        2 => format!("{g}{f0}{n:02}"),
        3 => format!("{g}.{f}.{n}"),
        4 => {
            let pre = if female {
                ["bu", "bunda", "mbak"][rng.gen_range(0..3)]
            } else {
                ["pak", "mas", "ayah"][rng.gen_range(0..3)]
            };
            format!("{pre}{g}{n}")
        }
        5 => format!("{f}{g}"),
        6 => format!("{g}{f}_{yy:02}"),
        _ => format!("{g}_{n}{f0}"),
    }
}

/// Capitalises each part of a handle (`rina.wulandari` → `Rina.Wulandari`).
fn capitalised(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    let mut up = true;
    for c in h.chars() {
        if up && c.is_ascii_alphabetic() {
            out.push(c.to_ascii_uppercase());
            up = false;
        } else {
            if !c.is_ascii_alphabetic() {
                up = true;
            }
            out.push(c);
        }
    }
    out
}

#[allow(
    clippy::too_many_lines,
    reason = "one record after another; the order of draws fixes the output"
)]
/// Generates `count` registry records. `taken` holds lower-case handles already in use.
pub(crate) fn make_registry<R: Rng>(
    rng: &mut R,
    e: &Election,
    lex: &Lexicon,
    people: &People,
    count: usize,
    taken: &mut HashSet<String>,
) -> Vec<AsnRecord> {
    let mut out = Vec::with_capacity(count);
    if lex.units.is_empty() {
        return out;
    }
    let unit_index =
        WeightedIndex::new(lex.units.iter().map(unit_weight)).expect("units have positive weights");
    let platform_index = WeightedIndex::new(DECLARED_PLATFORMS.iter().map(|(_, w)| *w))
        .expect("platform weights are positive");
    // Serials: distinct while there are enough of them.
    let mut serials: Vec<u32> = (1..=999).collect();
    serials.shuffle(rng);
    let mut used_unique: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut names_used: HashSet<String> = HashSet::new();
    let mut nips_used: HashSet<String> = HashSet::new();
    for i in 0..count {
        let female = rng.gen_bool(0.5);
        let givens = if female { &people.female } else { &people.male };
        let given = givens.choose(rng).cloned().unwrap_or_default();
        let family = people.family.choose(rng).cloned().unwrap_or_default();
        let ui = unit_index.sample(rng);
        let unit = &lex.units[ui];
        let mut position = unit.positions.choose(rng).cloned().unwrap_or_default();
        if rng.gen_bool(0.1) {
            if let Some(j) = (0..unit.unique.len()).find(|j| !used_unique.contains(&(ui, *j))) {
                used_unique.insert((ui, j));
                position.clone_from(&unit.unique[j]);
            }
        }
        // Name, unique in the registry.
        let mut base = if rng.gen_bool(0.25) {
            let middle = givens.choose(rng).cloned().unwrap_or_default();
            if middle == given {
                format!("{given} {family}")
            } else {
                format!("{given} {middle} {family}")
            }
        } else {
            format!("{given} {family}")
        };
        let mut tries = 0;
        while names_used.contains(&base) && tries < 20 {
            let fam2 = people.family.choose(rng).cloned().unwrap_or_default();
            base = format!("{given} {fam2}");
            tries += 1;
        }
        if names_used.contains(&base) {
            base = format!("{base} {}", i + 1);
        }
        names_used.insert(base.clone());
        let mut name = base;
        if position.starts_with("Dokter") {
            if let Some(p) = lex.names.prefix_health.choose(rng) {
                name = format!("{p} {name}");
            }
        } else if rng.gen_bool(0.35) {
            let list = match unit.kind.as_str() {
                "education" => &lex.names.degrees_education,
                "health" => &lex.names.degrees_health,
                _ => &lex.names.degrees_general,
            };
            if let Some(d) = list.choose(rng) {
                name = format!("{name}, {d}");
            }
        }
        // NIP, unique.
        let serial = serials
            .get(i)
            .copied()
            .unwrap_or_else(|| rng.gen_range(1..=999));
        let mut nip = make_nip(rng, e, female, serial);
        while nips_used.contains(&nip) {
            let serial = rng.gen_range(1..=999);
            nip = make_nip(rng, e, female, serial);
        }
        nips_used.insert(nip.clone());
        let birth_year: i32 = nip[0..4].parse().unwrap_or(1980);
        // Declared accounts: 0–3 on distinct platforms.
        let n_accounts = match rng.gen_range(0..100) {
            0..=7 => 0,
            8..=44 => 1,
            45..=79 => 2,
            _ => 3,
        };
        let mut platforms: Vec<Platform> = Vec::new();
        while platforms.len() < n_accounts {
            let p = DECLARED_PLATFORMS[platform_index.sample(rng)].0;
            if !platforms.contains(&p) {
                platforms.push(p);
            }
        }
        platforms.sort();
        let mut accounts = Vec::new();
        let mut own: Option<String> = None;
        for p in platforms {
            let reuse = own.is_some() && rng.gen_bool(0.5);
            let handle = if let (true, Some(h)) = (reuse, own.as_ref()) {
                h.clone()
            } else {
                let mut h = handle_for(rng, &given, &family, female, birth_year);
                while taken.contains(&h.to_lowercase()) {
                    h = format!("{h}{}", rng.gen_range(0..10));
                }
                taken.insert(h.to_lowercase());
                if rng.gen_bool(0.08) {
                    h = capitalised(&h);
                }
                own.get_or_insert_with(|| h.clone());
                h
            };
            accounts.push(AccountRef {
                platform: p,
                handle,
            });
        }
        // Only an election before NIPs existed (1960s) could give an invalid one: leave it out.
        let Ok(nip) = Nip::parse(&nip) else {
            continue;
        };
        out.push(AsnRecord {
            nip,
            name,
            position,
            unit: unit.name.clone(),
            accounts,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_capitalises_each_part() {
        assert_eq!(capitalised("rina.wulandari88"), "Rina.Wulandari88");
        assert_eq!(capitalised("bu_sri_7"), "Bu_Sri_7");
    }
}
