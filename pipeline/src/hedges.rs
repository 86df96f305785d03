//! Words that hedge ("thường", "hãy hỏi cán bộ", "usually"…): a settled fact may
//! not use them; a fact marked `varies` or `unsettled` says why instead.

/// Words that hedge: allowed only in a fact marked `varies` or `unsettled`. Each
/// is matched as whole words, case-insensitively, in the text as written.
const HEDGES_VI: &[&str] = &[
    "thường",
    "thông thường",
    "hãy hỏi",
    "hỏi cán bộ",
    "hỏi trước",
    "tùy nơi",
    "tuỳ nơi",
    "tùy địa phương",
    "tuỳ địa phương",
    "khoảng",
    "có lẽ",
];
/// The words `thường` begins without hedging: `thường trú`, `thường xuyên`…
const NOT_HEDGES_VI: &[&str] = &[
    "thường trú",
    "thường xuyên",
    "thường trực",
    "thường vụ",
    "thường niên",
    "bình thường",
    "bất thường",
    "bồi thường",
];
const HEDGES_EN: &[&str] = &[
    "usually",
    "typically",
    "generally",
    "normally",
    "in most cases",
    "ask the staff",
    "ask the commune",
    "ask the police",
    "ask at the",
    "probably",
    "approximately",
];

/// The first hedge in a text, in either language.
pub fn find(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    hedge_in(&lower, HEDGES_VI, NOT_HEDGES_VI).or_else(|| hedge_in(&lower, HEDGES_EN, &[]))
}

/// The first hedge of `words` in `lower` as whole words, unless it begins one of
/// `except` there.
fn hedge_in(lower: &str, words: &[&str], except: &[&str]) -> Option<String> {
    let is_word = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    for w in words {
        let mut start = 0;
        while let Some(i) = lower[start..].find(w) {
            let at = start + i;
            let end = at + w.len();
            let whole =
                is_word(lower[..at].chars().next_back()) && is_word(lower[end..].chars().next());
            // An exception holds the hedge at some offset (`bình thường`, `thường trú`).
            let excepted = except.iter().any(|e| {
                e.find(w).is_some_and(|k| {
                    at >= k && lower.is_char_boundary(at - k) && lower[at - k..].starts_with(e)
                })
            });
            if whole && !excepted {
                return Some((*w).to_string());
            }
            start = end;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hedges_are_found_as_whole_words_only() {
        let h = |s: &str| hedge_in(&s.to_lowercase(), HEDGES_VI, NOT_HEDGES_VI);
        assert_eq!(h("Thường mất 3 ngày."), Some("thường".into()));
        assert_eq!(h("Đăng ký thường trú tại xã."), None);
        assert_eq!(h("Trong điều kiện bình thường."), None);
        assert_eq!(h("Hãy hỏi cán bộ."), Some("hãy hỏi".into()));
        assert_eq!(h("Bồi thường thiệt hại."), None);
        let e = |s: &str| hedge_in(&s.to_lowercase(), HEDGES_EN, &[]);
        assert_eq!(e("It usually takes 3 days."), Some("usually".into()));
        assert_eq!(e("Whereabouts"), None);
        assert_eq!(e("Information about you"), None);
    }
}
