//! Slow clients cannot hold the server: the real accept loop (`server::serve`) on a TCP
//! port drops a connection that sends half a request header, ends a request whose body
//! does not arrive, and serves at most its connection limit at once.

mod common;

use server::serve::{serve, Limits};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start(limits: Limits) -> std::net::SocketAddr {
    let dir = std::env::temp_dir().join(format!("naast-limits-{}", uuid::Uuid::new_v4().simple()));
    let db = server::db::Db::open(None, &dir).await.unwrap();
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("naast")
        .site_root(std::env::temp_dir().to_string_lossy().to_string())
        .site_pkg_dir("pkg")
        .build();
    let app = server::router(
        server::Site::for_tests(options),
        server::api::ApiState {
            db,
            secure_cookies: false,
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app, limits, std::future::pending()));
    addr
}

/// Reads until the server closes the connection (or `limit` passes); returns what came
/// and how long it took.
async fn read_to_close(stream: &mut TcpStream, limit: Duration) -> (String, Duration) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit {
        match tokio::time::timeout(limit - started.elapsed(), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
    (
        String::from_utf8_lossy(&got).into_owned(),
        started.elapsed(),
    )
}

const SHORT: Limits = Limits {
    header_read: Duration::from_secs(1),
    body_read: Duration::from_secs(1),
    connections: 2,
};

#[tokio::test]
async fn a_half_sent_request_header_is_dropped_within_the_timeout() {
    let addr = start(SHORT).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: naast\r\n")
        .await
        .unwrap();
    let (_, took) = read_to_close(&mut stream, Duration::from_secs(10)).await;
    assert!(
        took >= Duration::from_millis(900),
        "not before the timeout: {took:?}"
    );
    assert!(
        took < Duration::from_secs(4),
        "dropped within the timeout: {took:?}"
    );
}

#[tokio::test]
async fn a_request_whose_body_does_not_come_is_ended() {
    let addr = start(SHORT).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"POST /api/v1/session HTTP/1.1\r\nHost: naast\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"username\":")
        .await
        .unwrap();
    let (answer, took) = read_to_close(&mut stream, Duration::from_secs(10)).await;
    assert!(
        took < Duration::from_secs(5),
        "ended within the timeout: {took:?}"
    );
    assert!(!answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn no_more_connections_are_served_at_once_than_the_limit() {
    let addr = start(SHORT).await;
    // Two silent connections take both places until their header timeout drops them.
    let _a = TcpStream::connect(addr).await.unwrap();
    let _b = TcpStream::connect(addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let mut third = TcpStream::connect(addr).await.unwrap();
    third
        .write_all(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: naast\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (answer, _) = read_to_close(&mut third, Duration::from_secs(10)).await;
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "served in the end: {answer:.60}"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "it waited for a place: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_kept_alive_connection_that_goes_quiet_is_closed() {
    let addr = start(SHORT).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: naast\r\n\r\n")
        .await
        .unwrap();
    let (answer, took) = read_to_close(&mut stream, Duration::from_secs(10)).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.60}");
    assert!(
        took < Duration::from_secs(4),
        "closed after going quiet: {took:?}"
    );
}
