//! Starts Naast's web server: `naast` (no arguments) serves the app on the address in
//! the Leptos configuration (`LEPTOS_SITE_ADDR`, default 127.0.0.1:3000).

use leptos::config::get_configuration;
use tracing_subscriber::EnvFilter;

/// Reads the configuration, prepares the assets and serves until Ctrl-C.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
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
    // the server. Sync routes arrive with accounts; the store is ready for them.
    let data_dir = std::env::var_os("NAAST_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "data".into());
    let database_url = std::env::var("DATABASE_URL").ok();
    let db = server::db::Db::open(database_url.as_deref(), &data_dir).await?;
    tracing::info!("database ready ({:?})", db.engine);
    let site = server::Site::prepare(options).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("Naast listens on http://{addr}");
    axum::serve(listener, server::router(site))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

#[tokio::main]
async fn main() {
    if let Err(err) = run().await {
        eprintln!("naast: {err}");
        std::process::exit(1);
    }
}
