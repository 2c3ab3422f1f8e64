//! The server's HTTP surface, exercised in-process with `oneshot`: pages render in the
//! requested language, the offline shell and service worker belong to this build, and
//! hashed assets are served compressed and cached for a year.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::{router, BuildAssets, Site};
use tower::ServiceExt;

fn site(root: &std::path::Path) -> Site {
    let options = LeptosOptions::builder()
        .output_name("naast")
        .site_root(root.to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    let mut site = Site::for_tests(options);
    site.assets = BuildAssets::from_hash_file("naast", "pkg", "js: aaa\nwasm: bbb\ncss: ccc\n");
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
async fn the_home_page_renders_in_dutch_by_default() {
    let root = temp_site_root("home");
    let (status, _, body) = get(site(&root), "/", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="nl""#), "{body}");
    assert!(body.contains("Gezinnen"));
}

#[tokio::test]
async fn the_language_cookie_makes_the_server_render_english() {
    let root = temp_site_root("english");
    let (_, _, body) = get(site(&root), "/settings", &[("cookie", "naast_lang=en")]).await;
    assert!(body.contains(r#"<html lang="en""#));
    assert!(body.contains("Settings"));
}

#[tokio::test]
async fn deep_links_render_a_data_free_skeleton() {
    let root = temp_site_root("deep");
    let (status, _, body) = get(
        site(&root),
        "/families/0195a4f2-0000-7000-8000-000000000000/visits/new",
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Even laden"),
        "the server has no diary data and says it is loading"
    );
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
        "/shell",
        "/pwa.js",
    ] {
        assert!(
            body.contains(&format!("\"{file}\"")),
            "{file} missing from precache"
        );
    }
    assert!(!body.contains("__NAAST_"), "every placeholder is filled");
    assert!(body.contains("const VERSION = \"test\""));
}

#[tokio::test]
async fn the_offline_shell_has_an_empty_body_to_mount_into() {
    let root = temp_site_root("shell");
    let (status, _, body) = get(site(&root), "/shell", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("data-naast-shell"));
    assert!(
        body.contains("/pkg/naast.aaa.js") || body.contains("/pkg/naast"),
        "loads the app's script"
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
    for path in ["/", "/shell"] {
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
