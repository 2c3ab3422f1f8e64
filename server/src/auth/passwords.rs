//! What a new password must be: 12 to 200 characters, and not easy to guess — zxcvbn
//! (a strength estimator that knows common and breached passwords, names, words,
//! keyboard patterns, dates and repeats) must rate it 3 of 4 or better, with her own
//! name and username counted as known words. A sentence she remembers passes.

use app::api::FieldProblem;

/// Fewest characters accepted.
pub const MIN: usize = 12;
/// Most characters accepted (hashing cost stays bounded).
pub const MAX: usize = 200;

/// The problem code of a new password, if it is not good enough: `required`,
/// `too_short`, `too_long` or `too_common`.
pub fn problem(password: &str, known_words: &[&str]) -> Option<&'static str> {
    let len = password.chars().count();
    if len == 0 {
        Some("required")
    } else if len < MIN {
        Some("too_short")
    } else if len > MAX {
        Some("too_long")
    } else if zxcvbn::zxcvbn(password, known_words).score() < zxcvbn::Score::Three {
        Some("too_common")
    } else {
        None
    }
}

/// Adds the password's problem, if any, under `field`.
pub fn check(errors: &mut Vec<FieldProblem>, field: &str, password: &str, known_words: &[&str]) {
    if let Some(code) = problem(password, known_words) {
        errors.push(FieldProblem {
            field: field.into(),
            code: code.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_she_remembers_is_good() {
        for good in [
            "een lang genoeg wachtwoord",
            "a long enough password",
            "Mijn dochter heet Noor en houdt van appels",
            "koffie om tien uur met Amina",
        ] {
            assert_eq!(problem(good, &[]), None, "{good}");
        }
    }

    #[test]
    fn short_common_and_personal_passwords_are_refused() {
        assert_eq!(problem("", &[]), Some("required"));
        assert_eq!(problem("kort", &[]), Some("too_short"));
        assert_eq!(problem(&"x".repeat(201), &[]), Some("too_long"));
        for weak in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "aaaaaaaaaaaa",
            "welkom123456",
        ] {
            assert_eq!(problem(weak, &[]), Some("too_common"), "{weak}");
        }
        assert_eq!(
            problem("vera.janssen2026", &["vera.janssen"]),
            Some("too_common")
        );
    }
}
