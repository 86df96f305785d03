//! A calendar reminder as an iCalendar file (RFC 5545), made on the device: one
//! all-day event on the day a result is due, with an alarm the day before.

use crate::calendar::Day;

/// What the reminder says.
pub struct Reminder<'a> {
    /// Unique and stable for the saved receipt, so that importing it twice
    /// updates one event.
    pub uid: &'a str,
    /// When the file was made, UTC, `YYYYMMDDTHHMMSSZ`.
    pub stamp: &'a str,
    pub day: Day,
    pub summary: &'a str,
    pub description: &'a str,
    /// Where to look the dossier up.
    pub url: Option<&'a str>,
}

/// The `.ics` text: CRLF line ends, long lines folded at 75 octets without
/// splitting a character, text escaped.
pub fn reminder(r: &Reminder) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Thu tuc xa//Giay hen//VI".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape(r.uid)),
        format!("DTSTAMP:{}", r.stamp),
        format!("DTSTART;VALUE=DATE:{}", r.day.basic()),
        format!("DTEND;VALUE=DATE:{}", r.day.plus(1).basic()),
        format!("SUMMARY:{}", escape(r.summary)),
        format!("DESCRIPTION:{}", escape(r.description)),
    ];
    if let Some(url) = r.url {
        lines.push(format!("URL:{url}"));
    }
    lines.extend([
        "TRANSP:TRANSPARENT".to_string(),
        "BEGIN:VALARM".to_string(),
        "ACTION:DISPLAY".to_string(),
        format!("DESCRIPTION:{}", escape(r.summary)),
        // 09:00 the day before an all-day event.
        "TRIGGER:-PT15H".to_string(),
        "END:VALARM".to_string(),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ]);
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// TEXT escaping (RFC 5545 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded at 75 octets (RFC 5545 3.1), each part ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_folded_and_escaped() {
        let text = reminder(&Reminder {
            uid: "a1@thutucxa",
            stamp: "20261204T010203Z",
            day: Day::at(2026, 11, 27),
            summary: "Nhận kết quả: Đăng ký kết hôn; mang giấy hẹn, CCCD",
            description: &"Mã hồ sơ G01.23-261123-0001. ".repeat(8),
            url: Some("https://dichvucong.gov.vn/"),
        });
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        // Unfolded, as a calendar reads it.
        let text = text.replace("\r\n ", "");
        assert!(text.contains("DTSTART;VALUE=DATE:20261127\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20261128\r\n"));
        assert!(text.contains("SUMMARY:Nhận kết quả: Đăng ký kết hôn\\; mang giấy hẹn\\, CCCD\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
