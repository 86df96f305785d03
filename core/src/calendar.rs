//! Days and working days: when a result is due.
//!
//! State agencies work Monday to Friday (Quyết định 188/1999/QĐ-TTg, Điều 1). The
//! content lists, per year, the weekdays they do not work (holidays, swapped days)
//! and the Saturdays they do (`content/ngay-nghi/<year>.toml`). A time limit in
//! working days runs from the day after the dossier was received (Bộ luật Dân sự
//! Điều 147 khoản 2), so the result is due at the end of the N-th working day after
//! it. Outside the years the content covers, nothing is computed: the date on the
//! receipt slip is the one that counts (Nghị định 118/2025/NĐ-CP, Điều 22 khoản 3).

use crate::model::Text;

/// A day of the Gregorian calendar, as a count of days from 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// Years the calendar handles at all (a date typed by a person is checked against it).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        _ => 28,
    }
}

impl Day {
    /// The day `year-month-day`, if there is one (and the year is in [`YEARS`]).
    pub const fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if year < *YEARS.start() || year > *YEARS.end() || month < 1 || month > 12 {
            return None;
        }
        if day < 1 || day > days_in_month(year, month) {
            return None;
        }
        // Days from civil (H. Hinnant), for a year in range: no overflow.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// A day the generated content names, checked at build time.
    pub const fn at(year: i32, month: u32, day: u32) -> Day {
        match Day::from_ymd(year, month, day) {
            Some(d) => d,
            None => panic!("not a day"),
        }
    }

    /// Year, month (1–12) and day of the month.
    pub const fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
        (year, month, day)
    }

    pub const fn year(self) -> i32 {
        self.ymd().0
    }

    /// `YYYY-MM-DD`, as an `<input type="date">` gives and takes it.
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            s.get(r.clone())
                .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|p| p.parse().ok())
        };
        Day::from_ymd(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `DD/MM/YYYY`, as Vietnamese papers write a date.
    pub fn vi(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d:02}/{m:02}/{y}")
    }

    /// `YYYYMMDD`, as iCalendar writes a date.
    pub fn basic(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}{m:02}{d:02}")
    }

    pub const fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.0 + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The day `n` days later (earlier when negative).
    pub const fn plus(self, n: i32) -> Day {
        Day(self.0 + n)
    }

    /// Days from `self` to `later` (negative if `later` comes first).
    pub const fn until(self, later: Day) -> i32 {
        later.0 - self.0
    }

    /// The days since 1970-01-01 (for tests against other calendars).
    pub const fn days(self) -> i32 {
        self.0
    }
}

impl Weekday {
    pub const fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

/// What a listed day is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    /// A weekday state agencies do not work.
    Off,
    /// A Saturday they work (làm bù).
    Work,
}

/// Where a listed day comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The law fixes the date.
    Law,
    /// A published schedule.
    Notice,
    /// Worked out from the law; not yet announced.
    Derived,
}

/// A day that differs from the Monday-to-Friday week.
#[derive(Debug, PartialEq, Eq)]
pub struct ListedDay {
    pub day: Day,
    pub kind: DayKind,
    pub why: Text,
    pub basis: Basis,
}

/// The listed days of one year.
#[derive(Debug)]
pub struct Year {
    pub year: i32,
    /// Whether every day off of the year has been announced.
    pub complete: bool,
    /// What is still missing, when it is not complete.
    pub note: Option<Text>,
    /// Sorted by day.
    pub days: &'static [ListedDay],
}

/// A procedure's time limit, as its time fact states the base case
/// (`time.limit` in `content/thu-tuc/`): what the dossier card counts from the day
/// the dossier was received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// `N ngày làm việc`: the `N`-th working day after the day received.
    WorkingDays(u32),
    /// `N ngày`: `N` days after the day received; a last day that is not a working
    /// day moves to the next working day (Bộ luật Dân sự 2015, Điều 148 khoản 5).
    Days(u32),
    /// `trong ngày`: the day received, or the next working day when received after
    /// 15:00 ([`Calendar::same_day`]).
    SameDay,
    /// `ngay`: as soon as the complete dossier is received.
    AtOnce,
}

impl Limit {
    /// The content's words for it (`5 ngày làm việc`, `30 ngày`, `trong ngày`,
    /// `ngay`), or `None`.
    pub fn parse(s: &str) -> Option<Limit> {
        let number = |rest: &str, unit: &str| -> Option<u32> {
            let n = rest.strip_suffix(unit)?;
            let ok = !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| n.parse().ok())
                .flatten()
                .filter(|n| (1..=366).contains(n))
        };
        match s {
            "trong ngày" => Some(Limit::SameDay),
            "ngay" => Some(Limit::AtOnce),
            _ => number(s, " ngày làm việc")
                .map(Limit::WorkingDays)
                .or_else(|| number(s, " ngày").map(Limit::Days)),
        }
    }

    /// As the page carries it, for the dossier card (`data-limit`): `wd5`, `d30`,
    /// `same-day`, `at-once`.
    pub fn attr(self) -> String {
        match self {
            Limit::WorkingDays(n) => format!("wd{n}"),
            Limit::Days(n) => format!("d{n}"),
            Limit::SameDay => "same-day".into(),
            Limit::AtOnce => "at-once".into(),
        }
    }

    /// What [`Limit::attr`] wrote, or `None`.
    pub fn from_attr(s: &str) -> Option<Limit> {
        let n = |rest: &str| -> Option<u32> {
            (!rest.is_empty() && rest.len() <= 3 && rest.bytes().all(|b| b.is_ascii_digit()))
                .then(|| rest.parse().ok())
                .flatten()
                .filter(|n| (1..=366).contains(n))
        };
        match s {
            "same-day" => Some(Limit::SameDay),
            "at-once" => Some(Limit::AtOnce),
            _ => {
                if let Some(rest) = s.strip_prefix("wd") {
                    n(rest).map(Limit::WorkingDays)
                } else {
                    n(s.strip_prefix('d')?).map(Limit::Days)
                }
            }
        }
    }
}

/// Why a date could not be worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// The count reaches a year the content does not list.
    BeyondCalendar { year: i32 },
}

/// The working-day calendar: the listed years, consecutive, oldest first.
#[derive(Clone, Copy, Debug)]
pub struct Calendar {
    pub years: &'static [Year],
}

/// A due date worked out, and what it rests on.
#[derive(Debug, PartialEq, Eq)]
pub struct Due {
    pub day: Day,
    /// Listed days the count passed (off days skipped, Saturdays worked), in order.
    pub passed: Vec<&'static ListedDay>,
    /// The years counted through that are not yet fully announced.
    pub unsettled: Vec<i32>,
}

impl Calendar {
    fn year(&self, year: i32) -> Option<&'static Year> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The listed day, if `day` is one.
    pub fn listed(&self, day: Day) -> Result<Option<&'static ListedDay>, Unknown> {
        let year = day.year();
        let y = self.year(year).ok_or(Unknown::BeyondCalendar { year })?;
        Ok(y.days
            .binary_search_by(|l| l.day.cmp(&day))
            .ok()
            .map(|i| &y.days[i]))
    }

    /// Whether state agencies work on `day`.
    pub fn is_working(&self, day: Day) -> Result<bool, Unknown> {
        Ok(match self.listed(day)? {
            Some(l) => l.kind == DayKind::Work,
            None => !day.weekday().is_weekend(),
        })
    }

    /// The first working day after `day`.
    pub fn next_working(&self, day: Day) -> Result<Day, Unknown> {
        let mut d = day.plus(1);
        while !self.is_working(d)? {
            d = d.plus(1);
        }
        Ok(d)
    }

    /// The end of a time limit of `n` working days for a dossier received on
    /// `received`: the `n`-th working day after it. `n = 0` is a result the same
    /// day (or, when it was received on a day off, the next working day).
    pub fn due(&self, received: Day, n: u32) -> Result<Due, Unknown> {
        let mut passed = Vec::new();
        let mut day = received;
        let note = |d: Day, passed: &mut Vec<&'static ListedDay>| -> Result<(), Unknown> {
            if let Some(l) = self.listed(d)? {
                passed.push(l);
            }
            Ok(())
        };
        if n == 0 {
            note(day, &mut passed)?;
            if !self.is_working(day)? {
                day = self.next_working(day)?;
            }
        }
        for _ in 0..n {
            let mut d = day.plus(1);
            loop {
                note(d, &mut passed)?;
                if self.is_working(d)? {
                    break;
                }
                d = d.plus(1);
            }
            day = d;
        }
        let unsettled: Vec<i32> = (received.year()..=day.year())
            .filter(|y| self.year(*y).is_some_and(|y| !y.complete))
            .collect();
        Ok(Due {
            day,
            passed,
            unsettled,
        })
    }

    /// The result of a same-day procedure (Luật Hộ tịch Điều 5 khoản 3, Nghị định
    /// 23/2015 Điều 7): the day received, or the next working day when received
    /// after 15:00 or on a day off.
    pub fn same_day(&self, received: Day, after_three: bool) -> Result<Day, Unknown> {
        if after_three || !self.is_working(received)? {
            self.next_working(received)
        } else {
            Ok(received)
        }
    }

    /// The day a result is due under `limit` for a dossier received on
    /// `received` (`after_three`: after 15:00, which only a same-day limit counts).
    pub fn result_day(
        &self,
        limit: Limit,
        received: Day,
        after_three: bool,
    ) -> Result<Day, Unknown> {
        match limit {
            Limit::WorkingDays(n) => Ok(self.due(received, n)?.day),
            Limit::Days(n) => {
                let last = received.plus(n as i32);
                if self.is_working(last)? {
                    Ok(last)
                } else {
                    self.next_working(last)
                }
            }
            Limit::SameDay => self.same_day(received, after_three),
            Limit::AtOnce => Ok(received),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days_and_weekdays() {
        assert_eq!(Day::from_ymd(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Day::at(2026, 12, 4).weekday(), Weekday::Friday);
        assert_eq!(Day::at(2027, 2, 6).weekday(), Weekday::Saturday);
        assert_eq!(Day::at(2000, 2, 29).ymd(), (2000, 2, 29));
        assert_eq!(Day::from_ymd(2100, 2, 29), None);
        assert_eq!(Day::from_ymd(2026, 13, 1), None);
        assert_eq!(Day::from_ymd(2026, 4, 31), None);
        assert_eq!(Day::parse("2026-11-23"), Some(Day::at(2026, 11, 23)));
        for bad in [
            "2026-1-23",
            "2026/11/23",
            "２０２６-11-23",
            "2026-11-2x",
            "",
            "+026-11-23",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert_eq!(Day::at(2026, 3, 9).vi(), "09/03/2026");
        assert_eq!(Day::at(2026, 3, 9).basic(), "20260309");
    }

    #[test]
    fn limits_read_and_write_back() {
        for (words, limit) in [
            ("5 ngày làm việc", Limit::WorkingDays(5)),
            ("30 ngày", Limit::Days(30)),
            ("trong ngày", Limit::SameDay),
            ("ngay", Limit::AtOnce),
        ] {
            assert_eq!(Limit::parse(words), Some(limit), "{words}");
            assert_eq!(Limit::from_attr(&limit.attr()), Some(limit));
        }
        for bad in [
            "05 ngày làm việc",
            "0 ngày",
            "ngày làm việc",
            "5 ngày  làm việc",
            "5 giờ",
            "",
        ] {
            assert_eq!(Limit::parse(bad), None, "{bad}");
        }
        for bad in ["wd", "wd0", "d", "d1000", "wd-1", "x5", "same"] {
            assert_eq!(Limit::from_attr(bad), None, "{bad}");
        }
    }
}
