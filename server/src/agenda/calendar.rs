//! The agenda in a mother's calendar (RFC 5545, built with the `icalendar` crate): one
//! file per session, and a feed per group and per organisation that a calendar app
//! subscribes to. Each session is one event with a stable UID; its SEQUENCE rises with
//! every change; a cancelled one stays, `STATUS:CANCELLED`; times are Amsterdam wall
//! clock times with the zone's definition included, so ten o'clock stays ten o'clock
//! across the clock changes.

use super::words::AgendaWords;
use app::domain::{Group, Session};
use chrono::{DateTime, Utc};
use icalendar::{
    Alarm, Calendar, CalendarComponent, CalendarDateTime, Component, EventLike, EventStatus,
    Trigger,
};

/// The time zone every session is in.
pub const TZID: &str = "Europe/Amsterdam";

/// Europe/Amsterdam's rules since 1996 (EU summer time), as calendars expect them.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n\
DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n\
DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// What a calendar file is made for: its name, the language of its texts, the page
/// each event links to, and whether to remind her the day before.
pub struct Feed<'a> {
    /// The calendar's name in her calendar app.
    pub name: &'a str,
    /// The words of her language (texts fall back to Dutch).
    pub words: &'static AgendaWords,
    /// The public page the events link to.
    pub page_url: &'a str,
    /// A reminder the day before each session.
    pub reminder: bool,
}

/// A calendar with one event per session (each with its group), as iCalendar text.
pub fn calendar<'a>(
    feed: &Feed<'_>,
    sessions: impl IntoIterator<Item = (&'a Group, &'a Session)>,
) -> String {
    let mut calendar = Calendar::new();
    calendar.name(feed.name).timezone(TZID);
    if let Ok(zone) = VTIMEZONE.parse::<CalendarComponent>() {
        calendar.push(zone);
    }
    for (group, session) in sessions {
        calendar.push(event(feed, group, session));
    }
    calendar.done().to_string()
}

fn event(feed: &Feed<'_>, group: &Group, session: &Session) -> icalendar::Event {
    let lang = feed.words.code;
    let at = |time: chrono::NaiveTime| CalendarDateTime::WithTimezone {
        date_time: session.date.and_time(time),
        tzid: TZID.into(),
    };
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("{}@naast", session.id))
        .sequence(session.sequence)
        .timestamp(
            DateTime::<Utc>::from_timestamp_millis(session.updated_at_ms).unwrap_or_default(),
        )
        .starts(at(session.starts))
        .ends(at(session.ends))
        .summary(&summary(group, session, lang))
        .location(&format!("{}, {}", group.place, group.address))
        .description(&description(feed.words, group, session))
        .url(feed.page_url)
        .status(match session.is_cancelled() {
            true => EventStatus::Cancelled,
            false => EventStatus::Confirmed,
        });
    if feed.reminder && !session.is_cancelled() {
        event.alarm(Alarm::display(
            &summary(group, session, lang),
            Trigger::before_start(chrono::Duration::days(1)),
        ));
    }
    event.done()
}

/// The group's name, and the theme when there is one.
fn summary(group: &Group, session: &Session, lang: &str) -> String {
    let name = group.name.in_lang(lang).text;
    match session.theme.in_lang(lang).text.trim() {
        "" => name.to_string(),
        theme => format!("{name}: {theme}"),
    }
}

/// Who it is for, the guest, what to bring, how to find it, and why it is cancelled.
fn description(words: &AgendaWords, group: &Group, session: &Session) -> String {
    let lang = words.code;
    let mut lines = vec![format!(
        "{}: {}",
        words.for_whom,
        group.audience.in_lang(lang).text
    )];
    if let Some(reason) = &session.cancelled {
        lines.insert(0, (words.cancelled_because)(reason.in_lang(lang).text));
    }
    for (label, text) in [
        (words.guest, &session.guest),
        (words.bring, &session.bring),
        (words.how_to_find, &group.directions),
    ] {
        let text = text.in_lang(lang).text.trim();
        if !text.is_empty() {
            lines.push(format!("{label}: {text}"));
        }
    }
    lines.push(match group.walk_in {
        true => words.walk_in.to_string(),
        false => format!("{} ({})", words.sign_up, group.host),
    });
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::kind::RecordKind;
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    use chrono_tz::Europe::Amsterdam;
    use icalendar::parser::{read_calendar, unfold};

    fn feed(reminder: bool) -> Feed<'static> {
        Feed {
            name: "MIM Dordrecht",
            words: &super::super::words::EN,
            page_url: "https://naast.example/agenda/abc",
            reminder,
        }
    }

    fn weekly(first: NaiveDate) -> Vec<Session> {
        let days = app::domain::agenda::repeat(first, app::domain::Repeat::Weekly, 2).unwrap();
        days.into_iter()
            .map(|date| Session {
                id: app::domain::SessionId::new(),
                date,
                starts: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
                ..Session::example()
            })
            .collect()
    }

    /// The parsed events' (UID, SEQUENCE, STATUS, DTSTART with its TZID).
    fn parsed(text: &str) -> Vec<(String, String, String, String)> {
        let unfolded = unfold(text);
        let calendar = read_calendar(&unfolded).expect("a calendar a real parser reads");
        calendar
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .map(|c| {
                let value = |key: &str| {
                    c.properties
                        .iter()
                        .find(|p| p.name == key)
                        .map(|p| p.val.to_string())
                        .unwrap_or_default()
                };
                let zone = c
                    .properties
                    .iter()
                    .find(|p| p.name == "DTSTART")
                    .and_then(|p| p.params.iter().find(|q| q.key == "TZID"))
                    .and_then(|q| q.val.as_ref().map(|v| v.to_string()))
                    .unwrap_or_default();
                (
                    value("UID"),
                    value("SEQUENCE"),
                    value("STATUS"),
                    format!("{};{}", zone, value("DTSTART")),
                )
            })
            .collect()
    }

    #[test]
    fn ten_oclock_stays_ten_oclock_across_both_clock_changes() {
        let group = Group::example();
        for (first, offsets) in [
            // Summer time starts on 28 March 2027, ends on 31 October 2027.
            (NaiveDate::from_ymd_opt(2027, 3, 23).unwrap(), [1, 2]),
            (NaiveDate::from_ymd_opt(2027, 10, 26).unwrap(), [2, 1]),
        ] {
            let sessions = weekly(first);
            let text = calendar(&feed(false), sessions.iter().map(|s| (&group, s)));
            assert!(text.contains("BEGIN:VTIMEZONE") && text.contains("TZID:Europe/Amsterdam"));
            for ((uid, _, _, start), (session, hours)) in
                parsed(&text).into_iter().zip(sessions.iter().zip(offsets))
            {
                assert_eq!(uid, format!("{}@naast", session.id));
                let local = session
                    .date
                    .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap());
                assert_eq!(
                    start,
                    format!("Europe/Amsterdam;{}", local.format("%Y%m%dT%H%M%S"))
                );
                // The same wall-clock time is another instant in summer and winter.
                let instant = Amsterdam
                    .from_local_datetime(&local)
                    .unwrap()
                    .with_timezone(&Utc);
                assert_eq!(
                    10 - instant.format("%H").to_string().parse::<i32>().unwrap(),
                    hours
                );
            }
        }
    }

    #[test]
    fn a_change_raises_the_sequence_and_a_cancelled_session_stays() {
        let group = Group::example();
        let mut session = Session::example();
        let before = parsed(&calendar(&feed(false), [(&group, &session)]));
        session.sequence += 1;
        session.cancelled = Some(app::domain::catalogue::Translated(
            [("nl".to_string(), "De leiding is ziek".to_string())].into(),
        ));
        let text = calendar(&feed(true), [(&group, &session)]);
        let after = parsed(&text);
        assert_eq!(before[0].0, after[0].0, "the same UID");
        assert_eq!((before[0].1.as_str(), after[0].1.as_str()), ("0", "1"));
        assert_eq!(
            (before[0].2.as_str(), after[0].2.as_str()),
            ("CONFIRMED", "CANCELLED")
        );
        assert!(
            !text.contains("BEGIN:VALARM"),
            "no reminder for a cancelled session"
        );
        assert!(
            text.contains("De leiding is ziek"),
            "the reason, in Dutch when untranslated"
        );
    }

    #[test]
    fn lines_end_in_crlf_are_folded_and_texts_escaped() {
        let mut group = Group::example();
        group.place = "Huis; van, de wijk".into();
        group.address = "x".repeat(120);
        let mut session = Session::example();
        session.theme =
            app::domain::catalogue::Translated([("nl".to_string(), "a\nb".to_string())].into());
        let text = calendar(&feed(true), [(&group, &session)]);
        assert!(text
            .split("\r\n")
            .all(|line| line.len() <= 75 && !line.contains('\n')));
        assert!(text.contains("Huis\\; van\\, de wijk"));
        assert!(text.contains("BEGIN:VALARM") && text.contains("TRIGGER;RELATED=START:-PT86400S"));
        assert_eq!(parsed(&text).len(), 1);
    }
}
