//! The conversation catalogue over HTTP on real SQLite and real PostgreSQL: the
//! starter catalogue as every organisation's version 0, versions that grow with each
//! coordinator change and reach volunteers, authorisation per organisation and role,
//! retired items, and uploads that are the wrong type, too large, too small or damaged.

mod common;

use axum::http::{header, Method, StatusCode};
use common::browser::{invite, organisation, Answer, Browser};
use image::{DynamicImage, ImageFormat, RgbImage};
use serde_json::{json, Value};
use server::db::Db;
use std::io::Cursor;

fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

async fn upload(browser: &mut Browser, bytes: Vec<u8>, content_type: &str) -> Answer {
    browser
        .raw(Method::POST, "/pictures", Some(bytes), Some(content_type))
        .await
}

async fn catalogue(browser: &mut Browser) -> Value {
    let answer = browser.get("/catalogue").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    answer.json
}

fn prompt_text(catalogue: &Value, id: &str) -> String {
    catalogue["catalogue"]["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .map(|p| p["text"]["nl"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

fn find<'a>(catalogue: &'a Value, kind: &str, id: &str) -> &'a Value {
    catalogue["catalogue"][kind]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("{kind} {id} missing"))
}

async fn audit_entries(db: &Db, entity: &str, id: &str, org: &str) -> Vec<(String, String)> {
    server::audit::of_record(db, org, entity, id).await.unwrap()
}

#[tokio::test]
async fn the_starter_catalogue_is_every_organisations_first_version() {
    common::with_engines(|db| async move {
        let anonymous = catalogue(&mut Browser::new(&db)).await;
        assert_eq!(anonymous["version"], 0);
        assert!(anonymous["catalogue"]["prompts"].as_array().unwrap().len() >= 60);

        let admin = organisation(&db, "Naast Noord").await;
        // Two first requests at once: one copies the starter in, neither fails.
        let (mut a, mut b) = (admin.clone(), admin.clone());
        let (first, second) = tokio::join!(catalogue(&mut a), catalogue(&mut b));
        assert_eq!(first, second);
        assert_eq!(first["version"], 0);
        assert_eq!(first["catalogue"], anonymous["catalogue"]);

        let current = a.get("/catalogue?have=0").await;
        assert_eq!(current.json, json!({ "version": 0 }), "nothing to send");
        let old = a.get("/catalogue?have=-5").await;
        assert!(old.json["catalogue"].is_object());
        a.get("/catalogue?have=soon")
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_query");
    })
    .await;
}

#[tokio::test]
async fn coordinators_change_their_own_catalogue_and_volunteers_get_the_new_version() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "Naast Oost").await;
        let mut coordinator = invite(&db, &mut admin, "coordinator", "Corrie").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let mut other = organisation(&db, "Elders").await;
        let before = catalogue(&mut vera).await;

        let mut prompt = find(&before, "prompts", "crying-01").clone();
        prompt["text"]["nl"] = json!("Wat helpt jouw baby om rustig te worden?");
        vera.put("/catalogue/prompts/crying-01", prompt.clone())
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        Browser::new(&db)
            .put("/catalogue/prompts/crying-01", prompt.clone())
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");
        let saved = coordinator
            .put("/catalogue/prompts/crying-01", prompt.clone())
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.json);
        assert_eq!(saved.json["version"], 1);

        // Another organisation edits its own copy; nothing crosses over.
        let mut theirs = prompt.clone();
        theirs["text"]["nl"] = json!("Een heel andere vraag?");
        assert_eq!(
            other
                .put("/catalogue/prompts/crying-01", theirs)
                .await
                .status,
            StatusCode::OK
        );

        let after = vera.get("/catalogue?have=0").await.json;
        assert_eq!(after["version"], 1);
        assert_eq!(
            prompt_text(&after, "crying-01"),
            "Wat helpt jouw baby om rustig te worden?"
        );
        assert_eq!(
            vera.get("/catalogue?have=1").await.json,
            json!({ "version": 1 })
        );

        // A new prompt goes to the end; retiring one keeps it, marked.
        let mut new = prompt.clone();
        new["id"] = json!("b1d2c3e4-0000-4000-8000-000000000001");
        new["text"] = json!({ "nl": "Wat wil je deze maand voor jezelf doen?" });
        let id = new["id"].as_str().unwrap().to_string();
        assert_eq!(
            admin
                .put(&format!("/catalogue/prompts/{id}"), new)
                .await
                .json["version"],
            2
        );
        let mut retired = find(&after, "prompts", "sleep-01").clone();
        retired["retired"] = json!(true);
        assert_eq!(
            coordinator
                .put("/catalogue/prompts/sleep-01", retired)
                .await
                .json["version"],
            3
        );
        let last = catalogue(&mut vera).await;
        let prompts = last["catalogue"]["prompts"].as_array().unwrap();
        assert_eq!(
            prompts.len(),
            before["catalogue"]["prompts"].as_array().unwrap().len() + 1
        );
        assert_eq!(prompts.last().unwrap()["id"], id.as_str());
        assert_eq!(find(&last, "prompts", "sleep-01")["retired"], true);

        let org_id: String =
            sqlx::query_scalar("SELECT org_id FROM users WHERE username = 'corrie'")
                .fetch_one(&db.pool)
                .await
                .unwrap();
        let entries = audit_entries(&db, "prompt", "crying-01", &org_id).await;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].1, "write");
    })
    .await;
}

#[tokio::test]
async fn bad_items_are_refused_with_their_fields_and_change_nothing() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "Naast Zuid").await;
        let start = catalogue(&mut admin).await;
        let prompt = find(&start, "prompts", "feeding-01").clone();

        let answer = admin
            .put("/catalogue/prompts/feeding-02", prompt.clone())
            .await;
        answer.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        assert_eq!(answer.json["errors"][0]["field"], "id");

        let mut no_dutch = prompt.clone();
        no_dutch["text"] = json!({ "en": "Only English?" });
        no_dutch["phases"] = json!([]);
        let answer = admin.put("/catalogue/prompts/feeding-01", no_dutch).await;
        answer.is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        let fields: Vec<&str> = answer.json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["phases", "text.nl"]);

        let mut bad_topic = prompt.clone();
        bad_topic["topic"] = json!("astrology");
        admin
            .put("/catalogue/prompts/feeding-01", bad_topic)
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
        admin
            .raw(
                Method::PUT,
                "/catalogue/prompts/feeding-01",
                Some(b"{\"id\":".to_vec()),
                Some("application/json"),
            )
            .await
            .is_problem(StatusCode::BAD_REQUEST, "bad_json");
        let mut huge = prompt.clone();
        huge["text"]["nl"] = json!("x".repeat(app::api::CATALOGUE_ITEM_MAX_BYTES));
        admin
            .put("/catalogue/prompts/feeding-01", huge)
            .await
            .is_problem(StatusCode::PAYLOAD_TOO_LARGE, "too_large");

        let mut story = find(&start, "stories", "crying").clone();
        story["pictures"].as_array_mut().unwrap().truncate(2);
        let answer = admin.put("/catalogue/stories/crying", story).await;
        assert_eq!(answer.json["errors"][0]["field"], "pictures");
        let mut elsewhere = find(&start, "stories", "crying").clone();
        elsewhere["pictures"][0]["image"] = json!("https://tracker.example/pixel.png");
        let answer = admin.put("/catalogue/stories/crying", elsewhere).await;
        assert_eq!(answer.json["errors"][0]["field"], "pictures.0.image");

        let mut other = organisation(&db, "Elders").await;
        let theirs = upload(&mut other, picture(400, 300, ImageFormat::Png), "image/png").await;
        let mut borrowed = find(&start, "stories", "crying").clone();
        borrowed["pictures"][1]["image"] = theirs.json["image"].clone();
        let answer = admin.put("/catalogue/stories/crying", borrowed).await;
        assert_eq!(
            answer.json["errors"][0]["code"], "unknown_picture",
            "{}",
            answer.json
        );

        assert_eq!(catalogue(&mut admin).await, start, "nothing was written");
    })
    .await;
}

#[tokio::test]
async fn uploads_must_be_real_pictures_of_a_sensible_size() {
    common::with_engines(|db| async move {
        let mut admin = organisation(&db, "Naast West").await;
        let mut vera = invite(&db, &mut admin, "volunteer", "Vera").await;
        let png = picture(640, 480, ImageFormat::Png);

        upload(&mut vera, png.clone(), "image/png")
            .await
            .is_problem(StatusCode::FORBIDDEN, "forbidden");
        upload(
            &mut admin,
            b"GIF89a\x90\x01\x2c\x01\x00\x00".to_vec(),
            "image/gif",
        )
        .await
        .is_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "picture_type");
        upload(&mut admin, png.clone(), "image/jpeg")
            .await
            .is_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "picture_type");
        upload(
            &mut admin,
            b"<svg onload=alert(1)/>".to_vec(),
            "image/svg+xml",
        )
        .await
        .is_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "picture_type");
        upload(&mut admin, png[..png.len() / 3].to_vec(), "image/png")
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "picture_corrupt");
        upload(&mut admin, picture(120, 120, ImageFormat::Png), "image/png")
            .await
            .is_problem(StatusCode::UNPROCESSABLE_ENTITY, "picture_dimensions");
        let mut oversized = png.clone();
        oversized.resize(app::api::PICTURE_MAX_BYTES + 1, 0);
        upload(&mut admin, oversized, "image/png")
            .await
            .is_problem(StatusCode::PAYLOAD_TOO_LARGE, "too_large");
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pictures")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(stored, 0, "no refused upload was stored");

        let created = upload(
            &mut admin,
            picture(2400, 1200, ImageFormat::Jpeg),
            "image/jpeg",
        )
        .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.json);
        assert_eq!(
            (
                created.json["width"].as_u64(),
                created.json["height"].as_u64()
            ),
            (Some(1600), Some(800))
        );
        let path = created.json["image"]
            .as_str()
            .unwrap()
            .trim_start_matches("/api/v1")
            .to_string();
        let served = vera.get(&path).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.headers[header::CONTENT_TYPE], "image/jpeg");
        assert!(served.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .starts_with("private"));
        let mut stranger = organisation(&db, "Elders").await;
        stranger
            .get(&path)
            .await
            .is_problem(StatusCode::NOT_FOUND, "not_found");
        Browser::new(&db)
            .get(&path)
            .await
            .is_problem(StatusCode::UNAUTHORIZED, "not_signed_in");

        // The picture can be used in a story of her own organisation.
        let start = catalogue(&mut admin).await;
        let mut story = find(&start, "stories", "network").clone();
        story["pictures"][2]["image"] = created.json["image"].clone();
        let saved = admin.put("/catalogue/stories/network", story).await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.json);
    })
    .await;
}
