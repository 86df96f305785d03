//! Vietnamese text as people type it: folded to plain lower-case ASCII words, so
//! that `ba ria vung tau`, `BÀ RỊA – VŨNG TÀU` and a decomposed (NFD) `Bà Rịa` all
//! match. Used for type-ahead filters and for the slugs in addresses.
//!
//! Pure and small, because the wasm uses it too: a hand-written table instead of
//! the standard library's Unicode case tables. Shared verbatim with `build.rs`.

/// Each base letter with every Vietnamese letter that folds to it, lower and upper
/// case. `đ` has no Unicode decomposition, so it needs its own entry.
const LETTERS: [(char, &str); 7] = [
    ('a', "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
    ('d', "đĐ"),
    ('e', "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
    ('i', "ìíỉĩịÌÍỈĨỊ"),
    ('o', "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
    ('u', "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
    ('y', "ỳýỷỹỵỲÝỶỸỴ"),
];

/// One character folded: `Some(letter)` for a letter or digit, `None` for a
/// combining mark (dropped), `Some(' ')` for anything else (a word break).
fn fold_char(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    // Combining diacritical marks: what NFD input carries its tones and hats in.
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    for (base, letters) in LETTERS {
        if letters.contains(c) {
            return Some(base);
        }
    }
    Some(' ')
}

/// Lower-case ASCII words separated by single spaces: `"Phường Bến Thành"` →
/// `"phuong ben thanh"`, `"Bà Rịa - Vũng Tàu"` → `"ba ria vung tau"`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter_map(fold_char) {
        if c != ' ' || !(out.is_empty() || out.ends_with(' ')) {
            out.push(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The words of a text, folded, each with its byte range in the text (so a match
/// can be highlighted in the original): `"Bến Thành"` → `[(0..4, "ben"), (5..11,
/// "thanh")]`. Combining marks stay inside their word.
pub fn words(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, c) in text.char_indices() {
        match fold_char(c) {
            Some(' ') => {
                if let Some((start, word)) = current.take() {
                    out.push((start..i, word));
                }
            }
            Some(letter) => current
                .get_or_insert_with(|| (i, String::new()))
                .1
                .push(letter),
            // A combining mark belongs to the word it follows.
            None => {}
        }
    }
    if let Some((start, word)) = current {
        out.push((start..text.len(), word));
    }
    out
}

/// The address form of a name: `"Phường Bến Thành"` → `"phuong-ben-thanh"`.
pub fn slug(text: &str) -> String {
    fold(text).replace(' ', "-")
}

/// Whether every word of `query` (already folded) begins a word of `key` (already
/// folded), in any order: `"tan dinh"` and `"dinh"` match `"phuong tan dinh"`;
/// `"inh"` does not. An empty query matches everything.
pub fn matches(key: &str, query: &str) -> bool {
    query
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| key.split(' ').any(|k| k.starts_with(w)))
}

/// What a Vietnamese input method would have made of a folded word typed with
/// it switched off, if the word carries its keys: Telex (`sinhf` → `sinh`,
/// `ddawng` → `dang`, `nguowif` → `nguoi`) or VNI (`ky1` → `ky`, `d9a8ng` →
/// `dang`). `None` when the word has no such keys. The caller decides whether the
/// result is a word at all: `class` would become `cla`.
pub fn untyped(word: &str) -> Option<String> {
    let is_vowel = |c: char| "aeiouy".contains(c);
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    // VNI: digits after letters (1–5 tones, 6–8 hats, 9 for đ); `q1` or `p12`
    // (a district's or ward's number) keep theirs, having no vowel.
    if letters > 0
        && letters < word.len()
        && word.starts_with(|c: char| c.is_ascii_alphabetic())
        && !word.contains('0')
    {
        let plain: String = word.chars().filter(char::is_ascii_alphabetic).collect();
        return (plain.len() >= 2 && plain.contains(is_vowel)).then_some(plain);
    }
    // Telex: `dd` for đ; doubled vowels and `w` for hats and horns; a tone key
    // (s f r x j, z to clear) after the first vowel, where no Vietnamese syllable
    // has those letters.
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    if let Some(r) = rest.strip_prefix("dd") {
        out.push('d');
        rest = r;
    }
    let mut seen_vowel = false;
    for c in rest.chars() {
        let last = out.chars().last();
        match c {
            'f' | 'j' | 'r' | 's' | 'x' | 'z' if seen_vowel => {}
            'w' if matches!(last, Some('a' | 'o' | 'u')) => {}
            'w' => {
                out.push('u');
                seen_vowel = true;
            }
            'a' | 'e' | 'o' if last == Some(c) => {}
            c => {
                seen_vowel |= is_vowel(c);
                out.push(c);
            }
        }
    }
    (out != word && out.contains(is_vowel)).then_some(out)
}

/// Escapes text for an HTML attribute or text node: the one escaping of the
/// app (server and wasm) and the extras.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_reads_as_markup() {
        assert_eq!(
            escape_html(r#"Sơn & <b> "x" 'y'"#),
            "Sơn &amp; &lt;b&gt; &quot;x&quot; &#39;y&#39;"
        );
    }

    #[test]
    fn folds_tones_hats_case_and_d() {
        assert_eq!(fold("Đăng ký khai sinh"), "dang ky khai sinh");
        assert_eq!(fold("BÀ RỊA – VŨNG TÀU"), "ba ria vung tau");
        assert_eq!(fold("  Phường   12 "), "phuong 12");
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("thuý"), fold("thúy"));
    }

    #[test]
    fn folds_decomposed_input() {
        // "Bà Rịa" in NFD: a + U+0300, i + U+0323.
        assert_eq!(fold("Ba\u{300} Ri\u{323}a"), "ba ria");
        assert_eq!(fold("Ô\u{301}c Eo"), "oc eo");
    }

    #[test]
    fn every_vietnamese_letter_folds_to_ascii() {
        for (base, letters) in LETTERS {
            for c in letters.chars() {
                assert_eq!(fold(&c.to_string()), base.to_string(), "{c}");
            }
        }
    }

    #[test]
    fn matching_is_by_word_prefix() {
        let key = fold("Phường Tân Định");
        assert!(matches(&key, "tan dinh"));
        assert!(matches(&key, "dinh tan"));
        assert!(matches(&key, "phuong ta"));
        assert!(matches(&key, ""));
        assert!(!matches(&key, "inh"));
        assert!(!matches(&key, "tan dinh 2"));
    }

    #[test]
    fn words_keep_their_place_in_the_text() {
        let text = "Bến Thành, Q.1";
        let got = words(text);
        let folded: Vec<&str> = got.iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(folded, ["ben", "thanh", "q", "1"]);
        assert_eq!(&text[got[1].0.clone()], "Thành");
        // NFD: the marks stay in the word.
        let nfd = "Ba\u{300} Ri\u{323}a";
        assert_eq!(&nfd[words(nfd)[1].0.clone()], "Ri\u{323}a");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Thành phố Hồ Chí Minh"), "thanh-pho-ho-chi-minh");
        assert_eq!(slug("Đặc khu Côn Đảo"), "dac-khu-con-dao");
    }

    #[test]
    fn telex_and_vni_keys_are_read_back() {
        let u = |w: &str| untyped(w);
        assert_eq!(u("sinhf").as_deref(), Some("sinh"));
        assert_eq!(u("kys").as_deref(), Some("ky"));
        assert_eq!(u("ddawng").as_deref(), Some("dang"));
        assert_eq!(u("nguowif").as_deref(), Some("nguoi"));
        assert_eq!(u("thuwowngf").as_deref(), Some("thuong"));
        assert_eq!(u("truws").as_deref(), Some("tru"));
        assert_eq!(u("hooj").as_deref(), Some("ho"));
        assert_eq!(u("khaair").as_deref(), Some("khai"));
        assert_eq!(u("ky1").as_deref(), Some("ky"));
        assert_eq!(u("d9a8ng").as_deref(), Some("dang"));
        assert_eq!(u("thu7o7ng2").as_deref(), Some("thuong"));
        // Initials keep their letters: `s`, `x`, `r` before the first vowel.
        assert_eq!(u("xa"), None);
        assert_eq!(u("tro"), None);
        assert_eq!(u("sinh"), None);
        // Numbers stay numbers: a district's, a ward's.
        assert_eq!(u("q1"), None);
        assert_eq!(u("p12"), None);
        assert_eq!(u("10"), None);
        assert_eq!(u("2025"), None);
    }
}
