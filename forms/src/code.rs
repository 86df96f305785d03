//! The answers for another device: the `#` part of the form page's address that
//! the QR code carries (`#d=<code>`), so that a form filled in at home opens,
//! filled in, on the counter's computer. The part after `#` never reaches a
//! server; the page that opens it takes it out of the address at once.
//!
//! The code is the core's [`pack`] of the answers, deflated (raw DEFLATE) and
//! written in URL-safe base64 without padding. Reading it back refuses anything
//! that is not exactly that: bad base64, a stream that does not inflate or
//! inflates beyond [`LIMIT`], text that is not UTF-8, or answers that
//! [`unpack`] refuses (another form, another version, too long).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use thu_tuc_xa_core::form::{pack, unpack, Answers, Form};

/// What starts the code in the address's `#` part.
pub const PREFIX: &str = "d=";

/// The most a code may inflate to: more than any form's answers can be
/// (so a crafted code cannot make the page allocate without end).
pub const LIMIT: usize = 64 * 1024;

/// The `#` part (without `#`) that carries `answers` of `form`.
pub fn encode(form: &Form, answers: &Answers) -> String {
    let packed = pack(form, answers);
    let deflated = miniz_oxide::deflate::compress_to_vec(packed.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Whether an address's `#` part (with or without `#`) holds a code at all.
pub fn is_code(hash: &str) -> bool {
    hash.strip_prefix('#').unwrap_or(hash).starts_with(PREFIX)
}

/// The answers of `form` in an address's `#` part, or `None`.
pub fn decode(form: &Form, hash: &str) -> Option<Answers> {
    let code = hash
        .strip_prefix('#')
        .unwrap_or(hash)
        .strip_prefix(PREFIX)?;
    let bytes = URL_SAFE_NO_PAD.decode(code.trim_end()).ok()?;
    let packed = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, LIMIT).ok()?;
    let text = String::from_utf8(packed).ok()?;
    unpack(form, &text)
}

#[cfg(test)]
#[path = "../../core/tests/props_runner/mod.rs"]
mod props_runner;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use thu_tuc_xa_data::FORMS;

    /// Any address's `#` part reads as nothing or as answers that fit the form,
    /// never a panic: base64 noise, and real codes bent (cut, a character changed).
    #[test]
    fn any_hash_is_answers_or_nothing() {
        let first = FORMS[0].fields().next().expect("a field").id;
        let real = encode(
            &FORMS[0],
            &[(first.to_string(), "Nguyễn Thị Hoa".to_string())].into(),
        );
        super::props_runner::check(
            "form_code",
            (
                0..FORMS.len(),
                proptest::collection::vec(
                    proptest::sample::select(
                        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-=#"
                            .to_vec(),
                    ),
                    0..120,
                ),
                0..real.len(),
                any::<u8>(),
            ),
            |(i, noise, at, byte)| {
                let form = &FORMS[i];
                let noise = String::from_utf8(noise).expect("ASCII");
                for hash in [format!("#d={noise}"), noise.clone()] {
                    if let Some(answers) = decode(form, &hash) {
                        for id in answers.keys() {
                            prop_assert!(form.field(id).is_some());
                        }
                    }
                }
                let mut bent = real.clone().into_bytes();
                bent[at] = b"AZaz09-_"[usize::from(byte) % 8];
                let _ = decode(form, &String::from_utf8_lossy(&bent));
                let _ = decode(form, &real[..at]);
                Ok(())
            },
        );
    }

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_code_reads_back_and_only_for_its_form() {
        let form = &FORMS[0];
        let first = form.fields().next().expect("a field").id;
        let given = answers(&[(first, "Nguyễn Thị Hoa\nthôn 3")]);
        let code = encode(form, &given);
        assert!(is_code(&code) && is_code(&format!("#{code}")));
        assert!(code[PREFIX.len()..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(form, &code), Some(given.clone()));
        assert_eq!(decode(form, &format!("#{code}")), Some(given));
        assert_eq!(decode(&FORMS[1], &code), None);
        assert_eq!(decode(form, "#d="), None);
        assert_eq!(decode(form, "#q=abc"), None);
        assert_eq!(decode(form, &code[..code.len() - 3]), None, "cut short");
    }

    #[test]
    fn a_code_that_inflates_beyond_the_limit_is_refused() {
        let big = vec![b'a'; LIMIT + 1];
        let code = format!(
            "{PREFIX}{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&big, 9))
        );
        assert!(code.len() < 1_000, "a small code");
        assert_eq!(decode(&FORMS[0], &code), None);
    }
}
