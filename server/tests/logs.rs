//! The operator's logs say what happened, never what a family told her volunteer: a
//! whole day's traffic (sign-ins, a failed sign-in, pushes with marker texts in every
//! text field, a refused push, a merge, pulls, the coordinator reading the notes) runs
//! with every log level on, and no line holds a marker.

mod common;

use common::mutation;

use app::domain::{FamilyId, Signal, TextConflict, TextField, Urgency};
use app::store::Change;
use common::browser::{invite, organisation, Browser};
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Every log line written in this test binary.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_everything() -> Captured {
    let captured = Captured::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();
    captured
}

const MARKERS: [&str; 9] = [
    "MARKER-pseudonym-Zeynep",
    "MARKER-question-koorts",
    "MARKER-tried-ritueel",
    "MARKER-agreed-consultatiebureau",
    "MARKER-note-slaapt-slecht",
    "MARKER-signal-huiselijk",
    "MARKER-conflict-mine",
    "MARKER-password-wrong",
    "MARKER-language-xx",
];

fn marked_visit(family: FamilyId) -> app::domain::Visit {
    let mut v = common::visit(family, MARKERS[4]);
    v.own_question = MARKERS[1].into();
    v.chosen_to_try = MARKERS[2].into();
    v.agreements = MARKERS[3].into();
    v.signal = Some(Signal {
        urgency: Urgency::Urgent,
        text: MARKERS[5].into(),
    });
    v.conflicts = vec![TextConflict {
        field: TextField::Note,
        mine: MARKERS[6].into(),
        theirs: MARKERS[4].into(),
    }];
    v
}

#[tokio::test]
async fn no_log_line_holds_what_a_volunteer_wrote() {
    let captured = capture_everything();
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "MIM Logs").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut stranger = Browser::new(&db);
        let failed = stranger
            .post(
                "/session",
                json!({ "username": "vera", "password": MARKERS[7] }),
            )
            .await;
        assert_eq!(failed.status, 401, "{}", failed.json);

        let family = FamilyId::new();
        let mut f = common::family(family, MARKERS[0]);
        let pushed = vera.push(vec![mutation(Change::Family(f.clone()))]).await;
        assert_eq!(pushed.status, 200, "{}", pushed.json);
        let visit = marked_visit(family);
        assert_eq!(
            vera.push(vec![mutation(Change::Visit(visit.clone()))])
                .await
                .status,
            200
        );
        // An edit from an old base is merged; a family with an unknown language is refused.
        let mut later = visit.clone();
        later.note = format!("{} again", MARKERS[4]);
        later.base_version = Some(0);
        vera.push(vec![mutation(Change::Visit(later))]).await;
        f.languages = vec![MARKERS[8].into()];
        let refused = vera.push(vec![mutation(Change::Family(f))]).await;
        assert_eq!(refused.status, 200, "{}", refused.json);

        assert!(!vera.pull_all().await.is_empty());
        let list = admin.get("/visits").await;
        assert_eq!(list.status, 200, "{}", list.json);
        let read = admin.get(&format!("/visits/{}", visit.id)).await;
        assert_eq!(read.status, 200, "{}", read.json);
        assert!(
            read.json.to_string().contains(MARKERS[4]),
            "the note itself is served"
        );
    })
    .await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    if let Ok(path) = std::env::var("NAAST_LOGS_TO") {
        std::fs::write(path, &logs).unwrap();
    }
    assert!(
        logs.contains(r#"route="/api/v1/sync/push""#)
            && logs.contains("status=200")
            && logs.contains("push_batch"),
        "requests are logged: {}",
        &logs[..logs.len().min(2000)]
    );
    for marker in MARKERS {
        let line = logs.lines().find(|l| l.contains(marker));
        assert!(line.is_none(), "{marker} leaked into the logs: {line:?}");
    }
}
