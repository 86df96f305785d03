//! The dossier receipts kept on the phone ("Lưu giấy hẹn"): what one holds, how
//! the list is written in the browser's storage, and when its result is expected
//! under the procedure's time limit on the working-day calendar
//! (`content/ngay-nghi/`). Pure: the browser part is `card.rs`.

use thu_tuc_xa_core::calendar::{Calendar, Day, Limit, ListedDay};

/// Where the list is kept (`localStorage`), when the person keeps a receipt.
pub const KEY: &str = "thu-tuc-xa:giay-hen";

/// Between fields of a receipt, and between receipts: control characters no
/// input can hold (they are taken out of what is typed before saving).
const FIELD: char = '\u{1f}';
const RECORD: char = '\u{1e}';
const VERSION: &str = "v1";

/// One receipt, as the person kept it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// The procedure's slug, name and page, as its page gave them.
    pub slug: String,
    pub name: String,
    pub href: String,
    /// Its time limit, and the last day that limit is known to apply.
    pub limit: Option<Limit>,
    pub limit_until: Option<Day>,
    /// The dossier code on the receipt (may be empty).
    pub number: String,
    pub filed: Day,
    /// Filed after 15:00 (counts only for a same-day limit).
    pub after_three: bool,
    /// The date of the result written on the receipt, when given.
    pub appointment: Option<Day>,
    /// When it was kept (milliseconds since 1970, as the device said), so that
    /// two receipts of one procedure on one day stay two.
    pub made: u64,
}

/// When the result is expected.
#[derive(Debug, PartialEq, Eq)]
pub enum Expected {
    /// Worked out: the day, the listed days the count passed, and the years
    /// counted through whose days off are not all announced.
    On {
        day: Day,
        passed: Vec<&'static ListedDay>,
        unsettled: Vec<i32>,
    },
    /// The count reaches a year the site does not list.
    Unknown,
    /// The procedure has no limit the site can count with, or it was filed after
    /// its limit is known to change.
    NoLimit,
}

fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

impl Receipt {
    /// Stable for the receipt: its procedure and when it was kept.
    pub fn id(&self) -> String {
        format!("{}-{}", self.slug, self.made)
    }

    /// When its result is expected, on `calendar`.
    pub fn expected(&self, calendar: &Calendar) -> Expected {
        let Some(limit) = self.limit else {
            return Expected::NoLimit;
        };
        if self.limit_until.is_some_and(|u| self.filed > u) {
            return Expected::NoLimit;
        }
        let worked = match limit {
            Limit::WorkingDays(n) => calendar.due(self.filed, n).map(|due| Expected::On {
                day: due.day,
                passed: due.passed,
                unsettled: due.unsettled,
            }),
            _ => calendar
                .result_day(limit, self.filed, self.after_three)
                .and_then(|day| {
                    // Days off move only the end: the ones between where the
                    // count ended and the day the result is due.
                    let ended = match limit {
                        Limit::Days(n) => self.filed.plus(n as i32),
                        _ => self.filed,
                    };
                    let mut passed = Vec::new();
                    let mut d = ended;
                    while d < day {
                        if let Some(l) = calendar.listed(d)? {
                            passed.push(l);
                        }
                        d = d.plus(1);
                    }
                    let mut unsettled = calendar.due(self.filed, 0)?.unsettled;
                    for y in calendar.due(day, 0)?.unsettled {
                        if !unsettled.contains(&y) {
                            unsettled.push(y);
                        }
                    }
                    Ok(Expected::On {
                        day,
                        passed,
                        unsettled,
                    })
                }),
        };
        // A count that reaches a year the site does not list.
        worked.unwrap_or(Expected::Unknown)
    }
}

/// The list as stored: `v1`, then each receipt, its fields in order.
pub fn encode(list: &[Receipt]) -> String {
    let mut out = String::from(VERSION);
    for r in list {
        out.push(RECORD);
        let fields = [
            clean(&r.slug),
            clean(&r.name),
            clean(&r.href),
            r.limit.map(Limit::attr).unwrap_or_default(),
            r.limit_until.map(Day::iso).unwrap_or_default(),
            clean(&r.number),
            r.filed.iso(),
            if r.after_three { "1" } else { "0" }.to_string(),
            r.appointment.map(Day::iso).unwrap_or_default(),
            r.made.to_string(),
        ];
        out.push_str(&fields.join(&FIELD.to_string()));
    }
    out
}

/// The receipts [`encode`] wrote, a damaged one left out; `None` for text that
/// is not such a list at all (another version), which a save must not write over.
pub fn decode(s: &str) -> Option<Vec<Receipt>> {
    let mut records = s.split(RECORD);
    if records.next() != Some(VERSION) {
        return None;
    }
    Some(
        records
            .filter_map(|record| {
                let f: Vec<&str> = record.split(FIELD).collect();
                let [slug, name, href, limit, until, number, filed, after, appointment, made] =
                    f[..]
                else {
                    return None;
                };
                let optional_day = |s: &str| -> Option<Option<Day>> {
                    if s.is_empty() {
                        Some(None)
                    } else {
                        Day::parse(s).map(Some)
                    }
                };
                // Only the site's own pages.
                if !href.starts_with('/') || href.starts_with("//") || slug.is_empty() {
                    return None;
                }
                Some(Receipt {
                    slug: slug.to_string(),
                    name: name.to_string(),
                    href: href.to_string(),
                    limit: if limit.is_empty() {
                        None
                    } else {
                        Some(Limit::from_attr(limit)?)
                    },
                    limit_until: optional_day(until)?,
                    number: number.to_string(),
                    filed: Day::parse(filed)?,
                    after_three: match after {
                        "1" => true,
                        "0" => false,
                        _ => return None,
                    },
                    appointment: optional_day(appointment)?,
                    made: made.parse().ok()?,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use thu_tuc_xa_data::CALENDAR;

    fn receipt(limit: Option<Limit>, filed: &str) -> Receipt {
        Receipt {
            slug: "dang-ky-khai-sinh".into(),
            name: "Đăng ký khai sinh".into(),
            href: "/thu-tuc/dang-ky-khai-sinh/".into(),
            limit,
            limit_until: None,
            number: "000.00.12.H26-261204-0001".into(),
            filed: Day::parse(filed).expect("a day"),
            after_three: false,
            appointment: None,
            made: 1_764_820_000_000,
        }
    }

    #[test]
    fn a_list_reads_back_and_damage_is_left_out() {
        let mut a = receipt(Some(Limit::WorkingDays(5)), "2026-12-04");
        a.appointment = Some(Day::at(2026, 12, 11));
        let mut b = receipt(Some(Limit::SameDay), "2026-12-04");
        b.after_three = true;
        b.made += 1;
        b.number = "có\u{1f}dấu\u{1e}lạ".into();
        let mut c = receipt(None, "2027-01-05");
        c.made += 2;
        assert_ne!(a.id(), b.id(), "two receipts of one procedure stay two");
        let text = encode(&[a.clone(), b.clone(), c.clone()]);
        b.number = "códấulạ".into();
        assert_eq!(decode(&text), Some(vec![a.clone(), b, c]));
        assert_eq!(decode("v1"), Some(Vec::new()));
        assert_eq!(decode(""), None, "not a list: not written over");
        assert_eq!(decode("v2\u{1e}x"), None);
        // A receipt pointing off the site, or with a bad day, is left out.
        let off = encode(&[a.clone()]).replace("/thu-tuc/", "https://x/");
        assert_eq!(decode(&off), Some(Vec::new()));
        let bad = encode(&[a]).replace("2026-12-04", "2026-13-04");
        assert_eq!(decode(&bad), Some(Vec::new()));
    }

    #[test]
    fn the_expected_day_follows_the_calendar_and_the_limit() {
        // Mon 23/11/2026 + 3 working days, over Vietnam Culture Day (Tue 24/11).
        let r = receipt(Some(Limit::WorkingDays(3)), "2026-11-23");
        let Expected::On {
            day,
            passed,
            unsettled,
        } = r.expected(&CALENDAR)
        else {
            panic!("worked out");
        };
        assert_eq!(day, Day::at(2026, 11, 27));
        assert_eq!(passed.len(), 1);
        assert!(unsettled.is_empty());
        // Same day, after 15:00 on a Friday: Monday.
        let mut r = receipt(Some(Limit::SameDay), "2026-12-04");
        r.after_three = true;
        assert!(
            matches!(r.expected(&CALENDAR), Expected::On { day, .. } if day == Day::at(2026, 12, 7))
        );
        // 30 days from Fri 31/7/2026 is Sun 30/8: the next working day is Thu 3/9
        // (31/8, 1/9 and 2/9 are off), and those are the days named.
        let r = receipt(Some(Limit::Days(30)), "2026-07-31");
        let Expected::On { day, passed, .. } = r.expected(&CALENDAR) else {
            panic!("worked out");
        };
        assert_eq!(day, Day::at(2026, 9, 3));
        let named: Vec<Day> = passed.iter().map(|l| l.day).collect();
        assert_eq!(
            named,
            vec![
                Day::at(2026, 8, 31),
                Day::at(2026, 9, 1),
                Day::at(2026, 9, 2)
            ]
        );
        // 30 days from 20/4/2026 end on Wed 20/5, a working day: no day off named,
        // though 27/4, 30/4 and 1/5 fall within.
        let r = receipt(Some(Limit::Days(30)), "2026-04-20");
        let Expected::On { day, passed, .. } = r.expected(&CALENDAR) else {
            panic!("worked out");
        };
        assert_eq!((day, passed.len()), (Day::at(2026, 5, 20), 0));
        // Filed after the limit is known to change, or without a limit, or into a
        // year not listed: not worked out.
        let mut r = receipt(Some(Limit::SameDay), "2027-03-01");
        r.limit_until = Some(Day::at(2027, 2, 28));
        assert_eq!(r.expected(&CALENDAR), Expected::NoLimit);
        assert_eq!(
            receipt(None, "2026-12-04").expected(&CALENDAR),
            Expected::NoLimit
        );
        let r = receipt(Some(Limit::WorkingDays(10)), "2027-12-24");
        assert_eq!(r.expected(&CALENDAR), Expected::Unknown);
        // 2027's days off are not all announced.
        let r = receipt(Some(Limit::WorkingDays(2)), "2027-04-29");
        assert!(
            matches!(r.expected(&CALENDAR), Expected::On { ref unsettled, .. } if unsettled == &vec![2027])
        );
    }
}
