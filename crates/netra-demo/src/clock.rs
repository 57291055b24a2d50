//! Moments on the election's timeline, in the election's zone.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone};
use chrono_tz::Tz;
use netra_core::Election;
use rand::distributions::{Distribution, WeightedIndex};
use rand::Rng;

/// How many activities (in percent) fall before candidate determination.
const BEFORE_DETERMINATION_PERCENT: u32 = 28;

/// Relative activity per local hour of the day.
const HOUR_WEIGHTS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 4, 5, 5, 5, 5, 5, 7, 6, 5, 5, 5, 6, 6, 7, 8, 8, 6, 3,
];

pub(crate) struct Clock {
    tz: Tz,
    start: NaiveDate,
    det: NaiveDate,
    voting: NaiveDate,
    end: NaiveDate,
    hours: WeightedIndex<u32>,
}

impl Clock {
    pub fn new(e: &Election) -> Clock {
        let tl = &e.election.timeline;
        Clock {
            tz: e.election.timezone,
            start: tl.monitoring_start,
            det: tl.candidate_determination,
            voting: tl.voting_day,
            end: tl.monitoring_end,
            hours: WeightedIndex::new(HOUR_WEIGHTS).expect("hour weights are positive"),
        }
    }

    /// `date` at `secs` seconds after local midnight, with the zone's offset.
    pub fn at(&self, date: NaiveDate, secs: u32) -> DateTime<FixedOffset> {
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0)
            .unwrap_or(NaiveTime::MIN);
        let ndt = date.and_time(time);
        match self.tz.from_local_datetime(&ndt).earliest() {
            Some(t) => t.fixed_offset(),
            // A local time skipped by a clock change: take the same wall time an hour later.
            None => self
                .tz
                .from_local_datetime(&(ndt + TimeDelta::hours(1)))
                .earliest()
                .unwrap_or_else(|| self.tz.from_utc_datetime(&ndt))
                .fixed_offset(),
        }
    }

    /// A random moment on a random day in `from..=to`.
    pub fn between<R: Rng>(
        &self,
        rng: &mut R,
        from: NaiveDate,
        to: NaiveDate,
    ) -> DateTime<FixedOffset> {
        let span = (to - from).num_days().max(0);
        let day = from + Days::new(rng.gen_range(0..=span).unsigned_abs());
        let hour = u32::try_from(self.hours.sample(rng)).unwrap_or(12);
        let secs = hour * 3600 + rng.gen_range(0..3600);
        self.at(day, secs)
    }

    /// A moment in the monitoring window: some before candidate determination, most after.
    pub fn any<R: Rng>(&self, rng: &mut R) -> DateTime<FixedOffset> {
        if rng.gen_range(0..100) < BEFORE_DETERMINATION_PERCENT {
            if let Some(t) = self.before_det(rng) {
                return t;
            }
        }
        self.after_det(rng)
    }

    /// A moment in the window before candidate determination, if the window has such days.
    pub fn before_det<R: Rng>(&self, rng: &mut R) -> Option<DateTime<FixedOffset>> {
        let last = self.det.pred_opt()?;
        (last >= self.start).then(|| self.between(rng, self.start, last))
    }

    /// A moment from candidate determination on, mostly up to just after voting day.
    pub fn after_det<R: Rng>(&self, rng: &mut R) -> DateTime<FixedOffset> {
        let busy_end = (self.voting + Days::new(2)).min(self.end);
        if rng.gen_range(0..100) < 80 {
            self.between(rng, self.det, busy_end)
        } else {
            self.between(rng, self.det, self.end)
        }
    }

    /// A moment from candidate determination through voting day (the campaign).
    pub fn campaign<R: Rng>(&self, rng: &mut R) -> DateTime<FixedOffset> {
        self.between(rng, self.det, self.voting.min(self.end))
    }

    /// A moment up to 60 days before the window opens.
    pub fn before_window<R: Rng>(&self, rng: &mut R) -> DateTime<FixedOffset> {
        let first = self.start - Days::new(60);
        let last = self.start.pred_opt().unwrap_or(self.start);
        self.between(rng, first, last)
    }

    /// A moment up to 30 days after the window closes.
    pub fn after_window<R: Rng>(&self, rng: &mut R) -> DateTime<FixedOffset> {
        let first = self.end.succ_opt().unwrap_or(self.end);
        self.between(rng, first, first + Days::new(29))
    }

    /// Some minutes to some days after `t`, but not past the window's end (nor before `t`).
    pub fn later<R: Rng>(&self, rng: &mut R, t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        let secs: i64 = match rng.gen_range(0..10) {
            0..=4 => rng.gen_range(60..7_200),
            5..=7 => rng.gen_range(7_200..86_400),
            _ => rng.gen_range(86_400..432_000),
        };
        let candidate = t + TimeDelta::seconds(secs);
        let close = self.at(self.end, 86_399);
        if candidate <= close || t >= close {
            if candidate > close {
                t
            } else {
                candidate
            }
        } else {
            close
        }
    }

    /// True when ballot numbers are in use at `t`: from candidate determination
    /// through voting day (calls to vote by number make no sense after it).
    pub fn numbered(&self, t: &DateTime<FixedOffset>) -> bool {
        let d = t.with_timezone(&self.tz).date_naive();
        d >= self.det && d <= self.voting
    }

    /// True when `t` is on or after voting day.
    pub fn after_voting_day(&self, t: &DateTime<FixedOffset>) -> bool {
        t.with_timezone(&self.tz).date_naive() >= self.voting
    }
}
