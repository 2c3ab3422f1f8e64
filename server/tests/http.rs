//! The server's HTTP surface, exercised in-process with `oneshot`: every diary route
//! gets the shell in the requested language, the workspace is rendered with its own
//! bundle, the offline shell and service worker belong to this build (and precache
//! nothing of the workspace), and hashed assets are served compressed and cached for a
//! year.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::{router, Site};
use tower::ServiceExt;

fn site(root: &std::path::Path) -> Site {
    let options = LeptosOptions::builder()
        .output_name("naast")
        .site_root(root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    let mut site = Site::for_tests(options);
    site.pkg_files = [
        "/pkg/__wasm_split.eee.js",
        "/pkg/naast.aaa.js",
        "/pkg/naast.bbb.wasm",
        "/pkg/naast.ccc.css",
        "/pkg/split_diary.ddd.wasm",
    ]
    .map(String::from)
    .to_vec();
    site
}

fn temp_site_root(name: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("naast-http-{name}-{}", std::process::id()));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    root
}

async fn get(
    site: Site,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, String) {
    let mut request = Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let dir = std::env::temp_dir().join(format!("naast-http-db-{}", uuid::Uuid::new_v4().simple()));
    let api = server::api::ApiState {
        db: server::db::Db::open(None, &dir).await.unwrap(),
        secure_cookies: false,
    };
    let response = router(site, api)
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn the_home_page_is_the_shell_in_dutch_by_default() {
    let root = temp_site_root("home");
    let (status, _, body) = get(site(&root), "/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="nl""#), "{body}");
    assert!(
        body.contains(r#"<div id="boot">"#),
        "the skeleton the app replaces"
    );
    assert!(body.contains("Even laden"));
    assert!(
        body.contains(r#""pkg", "naast""#),
        "loads the diary's bundle: {body}"
    );
    assert!(!body.contains("naast-desk"), "nothing of the workspace");
}

#[tokio::test]
async fn the_language_cookie_makes_the_shell_english() {
    let root = temp_site_root("english");
    let (_, _, body) = get(site(&root), "/settings", &[("cookie", "naast_lang=en")]).await;
    assert!(body.contains(r#"<html lang="en""#));
    assert!(body.contains("Loading"));
    assert!(
        body.contains("Naast needs JavaScript"),
        "said when the app does not start"
    );
}

#[tokio::test]
async fn every_diary_route_gets_the_data_free_shell() {
    let root = temp_site_root("deep");
    let family = "0195a4f2-0000-7000-8000-000000000000";
    for path in [
        "/".to_string(),
        "/families/new".into(),
        format!("/families/{family}"),
        format!("/families/{family}/edit"),
        format!("/families/{family}/visits/new"),
        format!("/families/{family}/visits/{family}"),
        "/visits".into(),
        "/settings".into(),
        "/login".into(),
        "/welcome/abc".into(),
    ] {
        let (status, _, body) = get(site(&root), &path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            body.contains("Even laden"),
            "{path}: the server has no diary data"
        );
    }
}

#[tokio::test]
async fn an_unknown_path_is_a_404_the_app_explains() {
    let root = temp_site_root("unknown");
    for path in ["/nowhere", "/families/not-an-id", "/review"] {
        let (status, _, body) = get(site(&root), path, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body.contains(r#"<div id="boot">"#), "{path}");
    }
}

#[tokio::test]
async fn the_workspace_is_rendered_with_its_own_bundle_and_stylesheet() {
    let root = temp_site_root("desk");
    let (status, _, body) = get(site(&root), "/desk/team", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#""desk-pkg", "naast-desk""#), "{body}");
    assert!(
        body.contains("/desk-pkg/naast-desk.css"),
        "its own stylesheet"
    );
    assert!(body.contains("/pkg/naast.css"), "on top of the diary's");
    assert!(body.contains(r#"class="desk""#), "the desk frame");
    assert!(!body.contains(r#"id="boot""#), "not the diary's shell");
    let (status, _, _) = get(site(&root), "/desk/nowhere", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_service_worker_precaches_exactly_this_builds_files() {
    let root = temp_site_root("sw");
    let (status, headers, body) = get(site(&root), "/sw.js", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    for file in [
        "/pkg/naast.aaa.js",
        "/pkg/naast.bbb.wasm",
        "/pkg/naast.ccc.css",
        "/pkg/split_diary.ddd.wasm",
        "/pkg/__wasm_split.eee.js",
        "/shell",
        "/pwa.js",
    ] {
        assert!(
            body.contains(&format!("\"{file}\"")),
            "{file} missing from precache"
        );
    }
    assert!(!body.contains("__NAAST_"), "every placeholder is filled");
    assert!(
        !body.contains("desk"),
        "nothing of the workspace is precached"
    );
    assert!(body.contains("const VERSION = \"test\""));
}

#[tokio::test]
async fn the_offline_shell_is_the_shell_marked_as_kept() {
    let root = temp_site_root("shell");
    let (status, _, body) = get(site(&root), "/shell", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"data-naast-shell="1""#));
    assert!(
        body.contains(r#""pkg", "naast""#),
        "loads the diary's bundle"
    );
    assert!(
        !body.contains("Gezinnen"),
        "no route is rendered into the shell"
    );
}

#[tokio::test]
async fn hashed_assets_are_served_precompressed_and_cached_for_a_year() {
    let root = temp_site_root("pkg");
    std::fs::write(root.join("pkg/naast.aaa.js"), "console.log(1);".repeat(50)).unwrap();
    std::fs::write(root.join("pkg/naast.aaa.js.br"), b"brotli-bytes").unwrap();
    let (status, headers, body) = get(
        site(&root),
        "/pkg/naast.aaa.js",
        &[("accept-encoding", "br, gzip")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(body, "brotli-bytes");
}

#[tokio::test]
async fn html_is_compressed_for_browsers_that_accept_it() {
    let root = temp_site_root("gzip");
    let (_, headers, _) = get(site(&root), "/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn pages_allow_only_their_own_scripts() {
    let root = temp_site_root("csp");
    for path in ["/", "/shell", "/desk"] {
        let (status, headers, body) = get(site(&root), path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("no nonce in {policy}"));
        assert!(nonce.len() >= 16, "{policy}");
        assert!(
            body.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: {body}"
        );
        assert!(policy.contains("object-src 'none'") && policy.contains("frame-ancestors 'none'"));
        assert!(!policy.contains("unsafe-inline"), "{policy}");
    }
}
