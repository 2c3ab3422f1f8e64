//! Starts Naast's web server.
//!
//! - `naast` serves the app on the address in the Leptos configuration
//!   (`LEPTOS_SITE_ADDR`, default 127.0.0.1:3000). On an empty database it prints a
//!   one-time link that creates the first organisation and its coordinator.
//! - `naast setup-link` prints such a link for a new organisation and exits (for the
//!   operator: whoever can run this can reach the database anyway).

use leptos::config::get_configuration;
use server::api::ApiState;
use server::auth::{links, people};
use server::db::Db;

type Failure = Box<dyn std::error::Error>;

/// Opens the database named by `DATABASE_URL`, else `naast.db` in `NAAST_DATA_DIR`
/// (default `data`), creating and migrating it.
async fn open_db() -> Result<Db, Failure> {
    let data_dir = std::env::var_os("NAAST_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "data".into());
    let database_url = std::env::var("DATABASE_URL").ok();
    Ok(Db::open(database_url.as_deref(), &data_dir).await?)
}

/// A link that creates a new organisation and its first coordinator (an admin).
async fn setup_link(db: &Db) -> Result<String, Failure> {
    Ok(links::create_setup(db).await?.path)
}

/// Session cookies are `Secure` (named `__Host-naast_session`, with HSTS) — also on
/// loopback, where a TLS reverse proxy is the normal production set-up — unless
/// `NAAST_SECURE_COOKIES=0`, the switch for local development over plain HTTP.
fn secure_cookies() -> bool {
    std::env::var("NAAST_SECURE_COOKIES").as_deref() != Ok("0")
}

/// Reads the configuration, prepares the assets and serves until Ctrl-C.
async fn serve() -> Result<(), Failure> {
    let mut options = get_configuration(None)?.leptos_options;
    // A release build made by cargo-leptos leaves `hash.txt` next to the binary; use it
    // even when the binary is started directly (without cargo-leptos' environment).
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        let exe_dir = std::env::current_exe()?
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        options.hash_files = exe_dir.join(options.hash_file.as_ref()).exists();
    }
    let addr = options.site_addr;
    // The database is created and migrated before anything is served; a failure stops
    // the server.
    let db = open_db().await?;
    tracing::info!("database ready ({:?})", db.engine);
    if !people::anyone_exists(&db).await? {
        let path = setup_link(&db).await?;
        // Printed whatever the log level: it is the operator's next step.
        println!("No accounts yet. Create the first coordinator at http://{addr}{path}");
    }
    let site = server::Site::prepare(options).await?;
    let api = ApiState {
        db,
        secure_cookies: secure_cookies(),
    };
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let limits = server::serve::Limits::from_env();
    tracing::info!("Naast listens on http://{addr} ({limits:?})");
    server::serve::serve(listener, server::router(site, api), limits, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

async fn run() -> Result<(), Failure> {
    server::observe::init_logging();
    match std::env::args().nth(1).as_deref() {
        None => serve().await,
        Some("setup-link") => {
            let db = open_db().await?;
            println!("{}", setup_link(&db).await?);
            Ok(())
        }
        Some(other) => {
            Err(format!("unknown command `{other}` (try: naast, naast setup-link)").into())
        }
    }
}

#[tokio::main]
async fn main() {
    if let Err(err) = run().await {
        eprintln!("naast: {err}");
        std::process::exit(1);
    }
}
