// The working-day cases counted by hand, shared by the calendar's tests
// (`tests/all/calendar.rs`) and the bench's count of them (`src/bin/facts.rs`,
// which includes this file).

/// (received, working days, due, the listed days passed on the way), each
/// counted by hand from the calendar of state agencies.
pub const CASES: &[(&str, u32, &str, &[&str])] = &[
    // Mon 23/11/2026, 3 days: Tue 24/11 is Vietnam Culture Day; Wed 25 (1),
    // Thu 26 (2), Fri 27 (3).
    ("2026-11-23", 3, "2026-11-27", &["2026-11-24"]),
    // Fri 04/12/2026, 5 days: Mon 7 (1) … Fri 11 (5).
    ("2026-12-04", 5, "2026-12-11", &[]),
    // Wed 30/12/2026, 3 days: Thu 31 (1), Fri 1/1 off, weekend, Mon 4/1 (2),
    // Tue 5/1 (3).
    ("2026-12-30", 3, "2027-01-05", &["2027-01-01"]),
    // Tue 02/02/2027, 5 days: Wed 3 (1); Tết from Thu 4 to Wed 10 (Thu 4, Fri 5,
    // Mon 8, Tue 9, Wed 10 are weekdays off); Thu 11 (2), Fri 12 (3), Mon 15 (4),
    // Tue 16 (5).
    (
        "2027-02-02",
        5,
        "2027-02-16",
        &[
            "2027-02-04",
            "2027-02-05",
            "2027-02-08",
            "2027-02-09",
            "2027-02-10",
        ],
    ),
    // Fri 14/08/2026, 7 days: Mon 17 (1) … Fri 21 (5), Sat 22 is worked in place
    // of 31/8 (6), Mon 24 (7).
    ("2026-08-14", 7, "2026-08-24", &["2026-08-22"]),
    // Thu 27/08/2026, 3 days: Fri 28 (1); weekend; Mon 31/8, Tue 1/9, Wed 2/9 off;
    // Thu 3/9 (2), Fri 4/9 (3).
    (
        "2026-08-27",
        3,
        "2026-09-04",
        &["2026-08-31", "2026-09-01", "2026-09-02"],
    ),
    // Thu 29/04/2027, 2 days: Fri 30/4 off; weekend (1/5 a Saturday); Mon 3/5 off
    // in lieu of 1/5; Tue 4/5 (1), Wed 5/5 (2).
    ("2027-04-29", 2, "2027-05-05", &["2027-04-30", "2027-05-03"]),
    // Received on a day off, 1 day: Sun 06/12/2026 → Mon 7 (1).
    ("2026-12-06", 1, "2026-12-07", &[]),
    // Fri 09/01/2026, 1 day: Sat 10/1 is worked in place of 2/1 (1).
    ("2026-01-09", 1, "2026-01-10", &["2026-01-10"]),
    // Fri 13/02/2026, 2 days: Tết Mon 16 to Fri 20 off; Mon 23 (1), Tue 24 (2).
    (
        "2026-02-13",
        2,
        "2026-02-24",
        &[
            "2026-02-16",
            "2026-02-17",
            "2026-02-18",
            "2026-02-19",
            "2026-02-20",
        ],
    ),
];

/// (received, received after 15:00, the day of the result) for a procedure dealt
/// with the same day, each worked out by hand.
pub const SAME_DAY: &[(&str, bool, &str)] = &[
    // A Friday before 15:00: that day; after: Monday.
    ("2026-12-04", false, "2026-12-04"),
    ("2026-12-04", true, "2026-12-07"),
    // The Saturday worked in place of 2/1: a working day.
    ("2026-01-10", false, "2026-01-10"),
    // On Tết, on Vietnam Culture Day: the next working day.
    ("2026-02-20", false, "2026-02-23"),
    ("2026-11-24", false, "2026-11-25"),
];
