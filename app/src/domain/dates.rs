//! Dates as ISO-8601 text (`2026-11-23`, `2026-11-23T10:30`), written and read by hand.
//! These two fixed formats are all Naast needs; chrono's general formatter and parser
//! would add tens of kilobytes to the WebAssembly the phone downloads.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `YYYY-MM-DDTHH:MM`, the value of `<input type="datetime-local">`.
pub fn format_datetime(dt: NaiveDateTime) -> String {
    format!(
        "{}T{:02}:{:02}",
        format_date(dt.date()),
        dt.hour(),
        dt.minute()
    )
}

/// `HH:MM`, the value of `<input type="time">`.
pub fn format_time(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// Parses `HH:MM` (seconds `:SS` allowed and dropped).
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let mut parts = s.split(':');
    let (h, min) = (parts.next()?, parts.next()?);
    if let Some(sec) = parts.next() {
        number(sec, 2)?;
    }
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(number(h, 2)?, number(min, 2)?, 0)
}

fn number(s: &str, digits: usize) -> Option<u32> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Parses `YYYY-MM-DD`; `None` for anything else or an impossible day.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(number(y, 4)? as i32, number(m, 2)?, number(d, 2)?)
}

/// Parses `YYYY-MM-DDTHH:MM` (seconds `:SS` allowed and dropped).
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let (date, time) = s.split_once('T')?;
    let mut parts = time.split(':');
    let (h, min) = (parts.next()?, parts.next()?);
    if let Some(sec) = parts.next() {
        number(sec, 2)?;
    }
    if parts.next().is_some() {
        return None;
    }
    parse_date(date)?.and_hms_opt(number(h, 2)?, number(min, 2)?, 0)
}

macro_rules! serde_module {
    ($(#[$doc:meta])* $name:ident, $ty:ty, $format:path, $parse:path, $what:literal) => {
        $(#[$doc])*
        pub mod $name {
            use serde::{de::Error, Deserialize, Deserializer, Serializer};

            /// Writes the value as ISO text.
            pub fn serialize<S: Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&$format(*value))
            }

            /// Reads the value from ISO text.
            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $parse(&text).ok_or_else(|| D::Error::custom(concat!("expected ", $what)))
            }

            /// The same for an optional value (`null` when absent).
            pub mod option {
                use super::*;

                /// Writes the value as ISO text or `null`.
                pub fn serialize<S: Serializer>(value: &Option<$ty>, s: S) -> Result<S::Ok, S::Error> {
                    match value {
                        Some(v) => s.serialize_str(&$format(*v)),
                        None => s.serialize_none(),
                    }
                }

                /// Reads ISO text or `null`.
                pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<$ty>, D::Error> {
                    match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
                        Some(text) => $parse(&text).map(Some).ok_or_else(|| D::Error::custom(concat!("expected ", $what))),
                        None => Ok(None),
                    }
                }
            }
        }
    };
}

serde_module!(
    /// Serde for a date as `YYYY-MM-DD`.
    iso_date,
    chrono::NaiveDate,
    crate::domain::dates::format_date,
    crate::domain::dates::parse_date,
    "a date YYYY-MM-DD"
);
serde_module!(
    /// Serde for a date-time as `YYYY-MM-DDTHH:MM`.
    iso_datetime,
    chrono::NaiveDateTime,
    crate::domain::dates::format_datetime,
    crate::domain::dates::parse_datetime,
    "a date-time YYYY-MM-DDTHH:MM"
);

serde_module!(
    /// Serde for a wall-clock time as `HH:MM`.
    iso_time,
    chrono::NaiveTime,
    crate::domain::dates::format_time,
    crate::domain::dates::parse_time,
    "a time HH:MM"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("23-11-2026"), None);
        assert_eq!(parse_date("2026-1-5"), None);
        assert_eq!(parse_date("2026-11-23-1"), None);
        assert_eq!(parse_datetime("2026-11-23T25:00"), None);
        assert_eq!(parse_datetime("2026-11-23 10:00"), None);
        assert!(parse_datetime("2026-11-23T10:00:59").is_some());
    }

    proptest::proptest! {
        #[test]
        fn dates_round_trip(days in 0i64..80_000, minutes in 0u32..1440) {
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
            proptest::prop_assert_eq!(parse_date(&format_date(date)), Some(date));
            let dt = date.and_hms_opt(minutes / 60, minutes % 60, 0).unwrap();
            proptest::prop_assert_eq!(parse_datetime(&format_datetime(dt)), Some(dt));
        }
    }
}
