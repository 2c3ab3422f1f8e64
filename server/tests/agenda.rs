//! The meeting-group agenda on real SQLite and PostgreSQL: coordinators keep groups and
//! session series, a volunteer hosts only her own group's sessions, every other person
//! and organisation is refused, bad input stores nothing, a stale edit is a conflict;
//! every volunteer's phone receives the agenda; the public pages and calendars open by
//! an unguessable token only, in her language, carry no personal data, and a replaced
//! token stops working.

mod common;

use app::domain::kind::RecordKind;
use app::domain::{Group, GroupId, Session};
use app::store::Change;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Datelike, Days, Utc};
use common::browser::{invite, organisation, outcomes, Browser};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use sqlx::Row;
use tower::ServiceExt;

fn group(host_account: Option<String>) -> Group {
    Group {
        id: GroupId::new(),
        host_account,
        base_version: None,
        ..Group::example()
    }
}

fn plan(group: &Group, days_ahead: u64, repeat: &str, times: u32) -> Value {
    let date = Utc::now().date_naive() + Days::new(days_ahead);
    json!({
        "group_id": group.id, "date": date.to_string(), "starts": "10:00:00", "ends": "11:30:00",
        "theme": { "nl": "Slapen", "ar": "النوم" }, "repeat": repeat, "times": times
    })
}

async fn agenda(coby: &mut Browser) -> (Vec<Group>, Vec<Session>) {
    let answer = coby.get("/agenda").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    (
        serde_json::from_value(answer.json["groups"].clone()).unwrap(),
        serde_json::from_value(answer.json["sessions"].clone()).unwrap(),
    )
}

async fn audited(db: &server::db::Db, entity: &str) -> usize {
    sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'agenda' AND entity = $1")
        .bind(entity)
        .fetch_one(&db.pool)
        .await
        .unwrap()
        .get::<i64, _>(0) as usize
}

fn agenda_records(changes: &[Change]) -> (usize, usize) {
    let groups = changes
        .iter()
        .filter(|c| matches!(c, Change::Group(_)))
        .count();
    let sessions = changes
        .iter()
        .filter(|c| matches!(c, Change::Session(_)))
        .count();
    (groups, sessions)
}

#[tokio::test]
async fn coordinators_keep_the_agenda_and_a_host_plans_only_her_groups_sessions() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let mut wendy = invite(&db, &mut coby, "volunteer", "Wendy").await;
        let mut other = organisation(&db, "Home-Start").await;
        let vera_id = vera.user_id().await;

        // A new group; the same again without the version she saw is stale.
        let baby = group(Some(vera_id.clone()));
        let made = coby.put(&format!("/groups/{}", baby.id), json!(baby)).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.json);
        assert_eq!(made.json["base_version"], 1);
        coby.put(&format!("/groups/{}", baby.id), json!(baby))
            .await
            .is_problem(StatusCode::CONFLICT, "stale");

        // Only coordinators keep groups.
        vera.put(&format!("/groups/{}", baby.id), json!(baby))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");

        // A monthly series: the same weekday of the same week, three times.
        let series = coby
            .post(
                &format!("/groups/{}/sessions", baby.id),
                plan(&baby, 3, "monthly", 3),
            )
            .await;
        assert_eq!(series.status, StatusCode::CREATED, "{}", series.json);
        let sessions: Vec<Session> = serde_json::from_value(series.json.clone()).unwrap();
        assert_eq!(sessions.len(), 3);
        assert!(sessions
            .iter()
            .all(|s| s.date.weekday() == sessions[0].date.weekday()));

        // Bad input: a clear problem per field, nothing stored.
        let mut backwards = plan(&baby, 3, "weekly", 2);
        backwards["ends"] = json!("09:00:00");
        for (body, field, code) in [
            (backwards, "session.ends", "ends_before_start"),
            (
                plan(&baby, 0, "weekly", 53),
                "session_plan.times",
                "out_of_range",
            ),
        ] {
            let refused = coby
                .post(&format!("/groups/{}/sessions", baby.id), body)
                .await;
            refused.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
            assert_eq!(
                refused.json["errors"][0]["field"], field,
                "{}",
                refused.json
            );
            assert_eq!(refused.json["errors"][0]["code"], code);
        }
        let mut past = plan(&baby, 0, "weekly", 2);
        past["date"] = json!((Utc::now().date_naive() - Days::new(2)).to_string());
        let refused = coby
            .post(&format!("/groups/{}/sessions", baby.id), past)
            .await;
        refused.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(refused.json["errors"][0]["code"], "in_past");
        let mut klingon = plan(&baby, 3, "weekly", 1);
        klingon["theme"] = json!({ "nl": "Slapen", "tlh": "Qong" });
        coby.post(&format!("/groups/{}/sessions", baby.id), klingon)
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let mut long = group(None);
        long.name =
            app::domain::catalogue::Translated([("nl".to_string(), "x".repeat(121))].into());
        let refused = coby.put(&format!("/groups/{}", long.id), json!(long)).await;
        refused.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(refused.json["errors"][0]["field"], "group.name");
        assert_eq!(agenda(&mut coby).await.1.len(), 3, "nothing half-stored");

        // The host plans her group's sessions; another volunteer and another
        // organisation may not; a group that does not exist is not found.
        let hers = vera
            .post(
                &format!("/groups/{}/sessions", baby.id),
                plan(&baby, 10, "weekly", 1),
            )
            .await;
        assert_eq!(hers.status, StatusCode::CREATED, "{}", hers.json);
        wendy
            .post(
                &format!("/groups/{}/sessions", baby.id),
                plan(&baby, 10, "weekly", 1),
            )
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        other
            .post(
                &format!("/groups/{}/sessions", baby.id),
                plan(&baby, 10, "weekly", 1),
            )
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        other.get("/agenda").await;
        assert!(agenda(&mut other).await.0.is_empty());
        // The host's planning screen lists her group with its sessions; a volunteer who
        // hosts nothing gets an empty agenda.
        let (hosted, planned) = agenda(&mut vera).await;
        assert_eq!(hosted.iter().map(|g| g.id).collect::<Vec<_>>(), [baby.id]);
        assert_eq!(planned.len(), 4);
        assert!(agenda(&mut wendy).await.0.is_empty());

        // She cancels one: it stays, marked, its calendar sequence raised; the same
        // edit again is based on an old version and refused.
        let mut cancelled = sessions[1].clone();
        cancelled.cancelled = Some(app::domain::catalogue::Translated(
            [("nl".to_string(), "De ruimte is dicht".to_string())].into(),
        ));
        let answer = vera
            .put(&format!("/sessions/{}", cancelled.id), json!(cancelled))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        assert_eq!(answer.json["sequence"], 1);
        vera.put(&format!("/sessions/{}", cancelled.id), json!(cancelled))
            .await
            .is_problem(StatusCode::CONFLICT, "stale");
        wendy
            .put(&format!("/sessions/{}", cancelled.id), json!(cancelled))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let nowhere = Session::example();
        coby.put(&format!("/sessions/{}", nowhere.id), json!(nowhere))
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");

        // Every phone of the organisation receives the agenda; none of another.
        assert_eq!(agenda_records(&wendy.pull_all().await), (1, 4));
        assert_eq!(agenda_records(&vera.pull_all().await), (1, 4));
        assert_eq!(agenda_records(&other.pull_all().await), (0, 0));
        // A phone cannot write the agenda.
        let mut pushed = baby.clone();
        pushed.base_version = Some(1);
        pushed.host = "Someone else".into();
        let answer = wendy
            .push(vec![common::mutation(Change::Group(pushed))])
            .await;
        assert_eq!(outcomes(&answer), ["rejected:forbidden"], "{}", answer.json);

        // Ending the group keeps it, and it takes no new sessions.
        let mut ended = Group {
            ended: true,
            ..agenda(&mut coby).await.0[0].clone()
        };
        ended.host_account = Some(vera_id);
        let answer = coby
            .put(&format!("/groups/{}", ended.id), json!(ended))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
        coby.post(
            &format!("/groups/{}/sessions", baby.id),
            plan(&baby, 3, "weekly", 1),
        )
        .await
        .is_problem(StatusCode::FORBIDDEN, "forbidden");

        assert_eq!(audited(&db, "group").await, 2);
        assert_eq!(audited(&db, "session").await, 5);
    })
    .await;
}

/// A public request: no cookie, no account, a browser language.
async fn public(
    db: &server::db::Db,
    uri: &str,
    language: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let request = Request::builder()
        .uri(uri)
        .header(header::ACCEPT_LANGUAGE, language)
        .header(header::HOST, "naast.example")
        .body(Body::empty())
        .unwrap();
    let response = common::browser::app(db.clone())
        .oneshot(request)
        .await
        .unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8(bytes.to_vec()).unwrap())
}

#[tokio::test]
async fn the_public_agenda_opens_by_its_token_only_in_her_language_with_nothing_personal() {
    common::with_engines(|db| async move {
        let mut coby = organisation(&db, "MIM Dordrecht").await;
        let mut vera = invite(&db, &mut coby, "volunteer", "Vera").await;
        let vera_id = vera.user_id().await;
        let baby = group(Some(vera_id.clone()));
        coby.put(&format!("/groups/{}", baby.id), json!(baby)).await;
        let series = coby
            .post(
                &format!("/groups/{}/sessions", baby.id),
                plan(&baby, 2, "weekly", 3),
            )
            .await;
        let sessions: Vec<Session> = serde_json::from_value(series.json).unwrap();
        let mut cancelled = sessions[1].clone();
        cancelled.cancelled = Some(app::domain::catalogue::Translated(
            [("nl".to_string(), "De ruimte is dicht".to_string())].into(),
        ));
        coby.put(&format!("/sessions/{}", cancelled.id), json!(cancelled))
            .await;

        // No link yet: any token is a friendly 404 in her language.
        let (status, _, page) = public(&db, "/agenda/0123456789abcdef", "ar").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(
            page.contains("lang=\"ar\"") && page.contains("dir=\"rtl\""),
            "{page}"
        );
        vera.post("/agenda/link", json!({}))
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        let link = coby.post("/agenda/link", json!({})).await;
        assert_eq!(link.status, StatusCode::CREATED, "{}", link.json);
        let path = link.json["public_path"].as_str().unwrap().to_string();
        assert_eq!(coby.get("/agenda").await.json["public_path"], path.as_str());

        // Arabic from her browser: right to left, the cancellation, the theme in Arabic,
        // the name in Dutch (marked), no cookie, not indexed, nothing from elsewhere.
        let (status, headers, page) = public(&db, &path, "ar-MA,ar;q=0.9,fr;q=0.5").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "{page}");
        assert!(page.contains("النوم") && page.contains("De ruimte is dicht"));
        assert!(page.contains("noindex") && !page.contains("<script"));
        assert!(headers.get(header::SET_COOKIE).is_none());
        assert!(headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'"));
        assert_eq!(headers["x-robots-tag"], "noindex, nofollow");
        for personal in [vera_id.as_str(), "vera", "Coordinator", "admin-"] {
            assert!(!page.contains(personal), "{personal} on the public page");
        }
        // The switch keeps the page and the language in the link.
        let (_, _, polish) = public(&db, &format!("{path}?lang=pl"), "ar").await;
        assert!(polish.contains("<html lang=\"pl\" dir=\"ltr\">"));
        assert!(polish.contains(&format!("{path}/groups/{}?lang=pl", baby.id)));
        let (status, _, group_page) =
            public(&db, &format!("{path}/groups/{}?lang=en", baby.id), "nl").await;
        assert_eq!(status, StatusCode::OK);
        assert!(group_page.contains("Baby group East"));
        let (status, _, poster) = public(&db, &format!("{path}/poster"), "nl").await;
        assert_eq!(status, StatusCode::OK);
        assert!(poster.contains("<svg"));

        // Calendars: one session as a file, the organisation's feed with the cancelled
        // session kept, read back by a real parser.
        let (status, headers, file) = public(
            &db,
            &format!("{path}/sessions/{}/calendar.ics?reminder=1", sessions[0].id),
            "nl",
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/calendar"));
        assert!(
            file.contains(&format!("UID:{}@naast", sessions[0].id))
                && file.contains("BEGIN:VALARM")
        );
        let (_, _, feed) = public(&db, &format!("{path}/calendar.ics"), "nl").await;
        let unfolded = icalendar::parser::unfold(&feed);
        let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect();
        assert_eq!(events.len(), 3);
        assert!(feed.contains("STATUS:CANCELLED") && feed.contains("SEQUENCE:1"));
        for personal in [vera_id.as_str(), "Vera", "Coordinator"] {
            assert!(!feed.contains(personal), "{personal} in the feed");
        }
        let (status, _, _) = public(
            &db,
            &format!("{path}/groups/{}/calendar.ics", GroupId::new()),
            "nl",
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // A new link replaces the old one: the leaked link stops working.
        let renewed = coby.post("/agenda/link", json!({})).await;
        let new_path = renewed.json["public_path"].as_str().unwrap();
        assert_ne!(new_path, path);
        let (status, _, page) = public(&db, &path, "pl").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("lang=\"pl\""));
        let (status, _, _) = public(&db, &format!("{path}/calendar.ics"), "pl").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(public(&db, new_path, "nl").await.0, StatusCode::OK);
        // Odd tokens are just not found.
        for odd in [
            "/agenda/..%2F..",
            "/agenda/%3Cscript%3E",
            &format!("/agenda/{}", "a".repeat(500)),
        ] {
            assert_eq!(
                public(&db, odd, "nl").await.0,
                StatusCode::NOT_FOUND,
                "{odd}"
            );
        }
    })
    .await;
}
