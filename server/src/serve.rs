//! Accepting connections with limits, so slow or stuck clients cannot hold the server:
//! a request's headers must arrive within [`Limits::header_read`] (a connection that
//! sends half a request is dropped), its body within [`Limits::body_read`], and at most
//! [`Limits::connections`] connections are served at once (more wait in the kernel's
//! accept queue). Configured from the environment (`NAAST_HEADER_TIMEOUT_S`,
//! `NAAST_BODY_TIMEOUT_S`, `NAAST_MAX_CONNECTIONS`).

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;
use tower_http::timeout::RequestBodyTimeoutLayer;

/// The limits on clients.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Time allowed for a request's headers (also between requests on a kept-alive
    /// connection).
    pub header_read: Duration,
    /// Time allowed for a request's body.
    pub body_read: Duration,
    /// Connections served at once.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            body_read: Duration::from_secs(30),
            connections: 1024,
        }
    }
}

impl Limits {
    /// The defaults, overridden by `NAAST_HEADER_TIMEOUT_S`, `NAAST_BODY_TIMEOUT_S` and
    /// `NAAST_MAX_CONNECTIONS` where set to a positive number.
    pub fn from_env() -> Limits {
        let number = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|n| *n > 0)
        };
        let default = Limits::default();
        Limits {
            header_read: number("NAAST_HEADER_TIMEOUT_S")
                .map_or(default.header_read, Duration::from_secs),
            body_read: number("NAAST_BODY_TIMEOUT_S")
                .map_or(default.body_read, Duration::from_secs),
            connections: number("NAAST_MAX_CONNECTIONS")
                .map_or(default.connections, |n| n as usize),
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes; each request
/// carries the client's address (`ConnectInfo`), as the sign-in limit needs.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let app = app.layer(RequestBodyTimeoutLayer::new(limits.body_read));
    let slots = Arc::new(Semaphore::new(limits.connections));
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => return Ok(()),
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!("accepting a connection failed: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        let service =
            app.clone()
                .map_request(move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(ConnectInfo(remote));
                    request
                });
        let builder = builder.clone();
        let first_byte = limits.header_read;
        tokio::spawn(async move {
            // A connection that sends nothing at all is dropped too (hyper's header
            // timeout starts with the first byte).
            let mut probe = [0u8; 1];
            if !matches!(
                tokio::time::timeout(first_byte, stream.peek(&mut probe)).await,
                Ok(Ok(n)) if n > 0
            ) {
                return;
            }
            let io = TokioIo::new(stream);
            let service = TowerToHyperService::new(service);
            if let Err(err) = builder.serve_connection_with_upgrades(io, service).await {
                tracing::debug!("connection from {remote} ended: {err}");
            }
            drop(slot);
        });
    }
}
