//! The two builds on disk — the volunteer's diary (`/pkg`, with `public/` beside it) and
//! the coordinator's workspace (`/desk-pkg`) — which files belong to the diary build
//! (the service worker precaches exactly those), precompressed copies of both, and the
//! static file services.

use axum::http::{header, HeaderValue};
use leptos::prelude::LeptosOptions;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// Why the site could not be prepared.
#[derive(Debug, Error)]
pub enum SiteError {
    /// A file of the build could not be read or its compressed copy written.
    #[error("preparing {path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A compression task panicked.
    #[error("compressing assets: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// Static files of the app shell cached for offline use besides the hashed assets.
pub const SHELL_FILES: [&str; 7] = [
    "/pwa.js",
    "/manifest.webmanifest",
    "/favicon.ico",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/icons/maskable-512.png",
    "/icons/apple-touch-icon.png",
];

/// Everything the server needs to know about the two builds on disk.
#[derive(Clone, Debug)]
pub struct Site {
    /// Options of the diary build: the volunteer's bundle in `/pkg`, and the site root
    /// that also holds `public/` (icons, `pwa.js`, picture-story artwork).
    pub options: LeptosOptions,
    /// Options of the coordinator's workspace build: its bundle in `/desk-pkg`.
    pub desk: LeptosOptions,
    /// The diary build's files in `/pkg` (hashed JS, WebAssembly chunks, CSS): what
    /// the service worker precaches, and nothing of the workspace.
    pub pkg_files: Vec<String>,
    /// A fingerprint of everything precached; names the service worker's cache.
    pub version: String,
}

impl Site {
    /// Lists the diary build's files, fingerprints them, and precompresses both builds'
    /// assets (brotli and gzip) once, so they are served compressed at no cost.
    pub async fn prepare(options: LeptosOptions) -> Result<Site, SiteError> {
        let desk = desk_options(&options);
        let pkg = pkg_dir(&options);
        let pkg_files = list_pkg_files(&options);
        let version = fingerprint(&PathBuf::from(options.site_root.as_ref()), &pkg_files);
        let desk_pkg = pkg_dir(&desk);
        tokio::task::spawn_blocking(move || {
            precompress_dir(&pkg)?;
            precompress_dir(&desk_pkg)
        })
        .await??;
        Ok(Site {
            options,
            desk,
            pkg_files,
            version,
        })
    }

    /// A site for tests: no files on disk are read.
    pub fn for_tests(options: LeptosOptions) -> Site {
        Site {
            desk: desk_options(&options),
            options,
            pkg_files: Vec::new(),
            version: "test".into(),
        }
    }
}

/// The workspace build's options, derived from the diary's: output `naast-desk` in
/// `desk-pkg/` under `NAAST_DESK_SITE_ROOT` (default: the diary's site root with
/// `-desk` appended, where the `desk` project of `Cargo.toml` builds it), hashed names
/// from `hash-desk.txt` next to the executable.
pub fn desk_options(diary: &LeptosOptions) -> LeptosOptions {
    let site_root = std::env::var("NAAST_DESK_SITE_ROOT")
        .unwrap_or_else(|_| format!("{}-desk", diary.site_root.trim_end_matches('/')));
    let hash_file = "hash-desk.txt";
    let hashed = diary.hash_files
        && std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(hash_file).exists()))
            .unwrap_or(false);
    let mut desk = diary.clone();
    desk.output_name = "naast-desk".into();
    desk.site_root = site_root.into();
    desk.site_pkg_dir = "desk-pkg".into();
    desk.hash_file = hash_file.into();
    desk.hash_files = hashed;
    desk
}

fn pkg_dir(options: &LeptosOptions) -> PathBuf {
    PathBuf::from(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref())
}

/// The build's own files in its pkg directory, as site paths, sorted: every JS,
/// WebAssembly and CSS file (cargo-leptos empties the directory before each build, so
/// these are exactly this build's), not the compressed copies or type declarations.
fn list_pkg_files(options: &LeptosOptions) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(pkg_dir(options)) else {
        tracing::warn!(
            "no built assets in {}; run the build first",
            pkg_dir(options).display()
        );
        return Vec::new();
    };
    let mut files: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| is_build_file(name))
        .map(|name| format!("/{}/{name}", options.site_pkg_dir))
        .collect();
    files.sort();
    files
}

/// A file the browser loads (not a `.br`/`.gz` copy, not a `.d.ts`, not a manifest).
fn is_build_file(name: &str) -> bool {
    let wanted = [".js", ".wasm", ".css"]
        .iter()
        .any(|ext| name.ends_with(ext));
    wanted && !name.ends_with(".d.ts")
}

fn fingerprint(root: &Path, pkg_files: &[String]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for name in pkg_files.iter().map(String::as_str).chain(SHELL_FILES) {
        name.hash(&mut hasher);
        std::fs::read(root.join(name.trim_start_matches('/')))
            .unwrap_or_default()
            .hash(&mut hasher);
    }
    include_str!("../../public/sw.js").hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Writes `<file>.br` and `<file>.gz` next to each JS, WASM and CSS file that lacks them.
fn precompress_dir(dir: &Path) -> Result<(), SiteError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SiteError::Io { path, source }
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        tracing::warn!("no built assets in {}; run the build first", dir.display());
        return Ok(());
    };
    for entry in entries {
        let path = entry.map_err(io(dir))?.path();
        let compressible = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("js" | "wasm" | "css")
        );
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(io(&path))?;
        let br_path = with_suffix(&path, "br");
        if !br_path.exists() {
            let mut out = Vec::new();
            let params = brotli::enc::BrotliEncoderParams {
                quality: 11,
                lgwin: 22,
                ..Default::default()
            };
            brotli::BrotliCompress(&mut bytes.as_slice(), &mut out, &params).map_err(io(&path))?;
            std::fs::write(&br_path, out).map_err(io(&br_path))?;
        }
        let gz_path = with_suffix(&path, "gz");
        if !gz_path.exists() {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(&bytes).map_err(io(&path))?;
            std::fs::write(&gz_path, enc.finish().map_err(io(&path))?).map_err(io(&gz_path))?;
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Serves a build's pkg directory: precompressed when the browser accepts it, cached
/// for a year (the names change with every build).
pub fn pkg_service(options: &LeptosOptions) -> SetResponseHeader<ServeDir, HeaderValue> {
    SetResponseHeader::overriding(
        ServeDir::new(pkg_dir(options))
            .precompressed_br()
            .precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_precache_lists_the_builds_own_files_only() {
        let dir = std::env::temp_dir().join(format!("naast-pkg-list-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        for name in [
            "naast.abc.js",
            "naast.def.wasm",
            "split_diary.ghi.wasm",
            "__wasm_split.jkl.js",
            "naast.mno.css",
            "naast.def.wasm.br",
            "naast.abc.js.gz",
            "naast.d.xyz.ts",
            "__wasm_split_manifest.pqr.json",
        ] {
            std::fs::write(dir.join("pkg").join(name), "x").unwrap();
        }
        let options = LeptosOptions::builder()
            .output_name("naast")
            .site_root(dir.to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .build();
        assert_eq!(
            list_pkg_files(&options),
            [
                "/pkg/__wasm_split.jkl.js",
                "/pkg/naast.abc.js",
                "/pkg/naast.def.wasm",
                "/pkg/naast.mno.css",
                "/pkg/split_diary.ghi.wasm",
            ]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_workspace_build_sits_beside_the_diary_build() {
        let options = LeptosOptions::builder()
            .output_name("naast")
            .site_root("target/site")
            .site_pkg_dir("pkg")
            .build();
        let desk = desk_options(&options);
        assert_eq!(desk.output_name.as_ref(), "naast-desk");
        assert_eq!(desk.site_pkg_dir.as_ref(), "desk-pkg");
        assert_eq!(desk.hash_file.as_ref(), "hash-desk.txt");
        if std::env::var_os("NAAST_DESK_SITE_ROOT").is_none() {
            assert_eq!(desk.site_root.as_ref(), "target/site-desk");
        }
    }

    #[test]
    fn precompression_writes_brotli_and_gzip_copies() {
        let dir = std::env::temp_dir().join(format!("naast-precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.js"), "console.log('hello');".repeat(100)).unwrap();
        std::fs::write(dir.join("b.txt"), "ignored").unwrap();
        precompress_dir(&dir).unwrap();
        assert!(dir.join("a.js.br").exists());
        assert!(dir.join("a.js.gz").exists());
        assert!(!dir.join("b.txt.br").exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
