//! The working-day calendar against dates worked out by hand, one case per line
//! with the count written out, on the site's own calendar (`content/ngay-nghi/`).

use thu_tuc_xa::data::CALENDAR;
use thu_tuc_xa_core::calendar::{Day, Unknown};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap_or_else(|| panic!("{s} is a day"))
}

use super::calendar_cases::{CASES, SAME_DAY};

#[test]
fn due_dates_match_the_hand_count() {
    for (received, n, due, passed) in CASES {
        let got = CALENDAR
            .due(day(received), *n)
            .unwrap_or_else(|e| panic!("{received} + {n}: {e:?}"));
        assert_eq!(got.day, day(due), "{received} + {n} working days");
        let listed: Vec<Day> = got.passed.iter().map(|l| l.day).collect();
        let expected: Vec<Day> = passed.iter().map(|p| day(p)).collect();
        assert_eq!(listed, expected, "{received} + {n}: the listed days passed");
    }
}

#[test]
fn same_day_results() {
    for &(received, after_three, result) in SAME_DAY {
        assert_eq!(
            CALENDAR.same_day(day(received), after_three),
            Ok(day(result)),
            "{received}, after 15:00: {after_three}"
        );
    }
}

#[test]
fn years_not_fully_announced_are_named_and_years_not_listed_are_refused() {
    let due = CALENDAR.due(day("2027-04-29"), 2).expect("2027 is listed");
    assert!(due.unsettled.contains(&2027), "2027 is not complete");
    let due = CALENDAR.due(day("2026-11-23"), 3).expect("2026 is listed");
    assert!(due.unsettled.is_empty(), "2026 is complete");
    // 20/12/2027 + 10 working days runs into 2028, which no file lists.
    assert_eq!(
        CALENDAR.due(day("2027-12-20"), 10),
        Err(Unknown::BeyondCalendar { year: 2028 })
    );
    // Received on the last day of an unlisted year: only the days counted matter.
    assert_eq!(
        CALENDAR.due(day("2025-12-31"), 1).map(|d| d.day),
        Ok(day("2026-01-05"))
    );
}
