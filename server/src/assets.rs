//! The built site on disk: which hashed files belong to this build (from cargo-leptos'
//! `hash.txt`), precompressed copies of them, and the static file service for `/pkg`.

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

/// The hashed JS, WASM and CSS file names of this build, relative to the site root.
#[derive(Clone, Debug, PartialEq)]
pub struct BuildAssets {
    /// `/pkg/naast.<hash>.js`
    pub js: String,
    /// `/pkg/naast.<hash>.wasm`
    pub wasm: String,
    /// `/pkg/naast.<hash>.css`
    pub css: String,
}

impl BuildAssets {
    /// Reads the names the way Leptos' `HydrationScripts` does (from `hash.txt` next to
    /// the executable when `hash-files` is on), so the service worker precaches exactly
    /// what the pages load.
    pub fn from_options(options: &LeptosOptions) -> Self {
        let hashes = options
            .hash_files
            .then(|| {
                let exe_dir = std::env::current_exe().ok()?.parent()?.to_path_buf();
                std::fs::read_to_string(exe_dir.join(options.hash_file.as_ref())).ok()
            })
            .flatten()
            .unwrap_or_default();
        Self::from_hash_file(&options.output_name, &options.site_pkg_dir, &hashes)
    }

    /// Builds the names from the contents of a `hash.txt` (`js: <hash>` lines).
    pub fn from_hash_file(output_name: &str, pkg_dir: &str, hashes: &str) -> Self {
        let hash_of = |kind: &str| {
            hashes
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(k, _)| k.trim() == kind)
                .map(|(_, h)| format!(".{}", h.trim()))
                .unwrap_or_default()
        };
        BuildAssets {
            js: format!("/{pkg_dir}/{output_name}{}.js", hash_of("js")),
            wasm: format!("/{pkg_dir}/{output_name}{}.wasm", hash_of("wasm")),
            css: format!("/{pkg_dir}/{output_name}{}.css", hash_of("css")),
        }
    }
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

/// Everything the server needs to know about the built site.
#[derive(Clone, Debug)]
pub struct Site {
    /// Leptos options (site root, output name, address).
    pub options: LeptosOptions,
    /// This build's hashed asset names.
    pub assets: BuildAssets,
    /// A fingerprint of this build's shell files; names the service worker cache.
    pub version: String,
}

impl Site {
    /// Reads the build's asset names, fingerprints the shell and precompresses the
    /// hashed assets (brotli and gzip) once, so they are served compressed at no cost.
    pub async fn prepare(options: LeptosOptions) -> Result<Site, SiteError> {
        let assets = BuildAssets::from_options(&options);
        let root = PathBuf::from(options.site_root.as_ref());
        let version = fingerprint(&root, &assets);
        let pkg = root.join(options.site_pkg_dir.as_ref());
        tokio::task::spawn_blocking(move || precompress_dir(&pkg)).await??;
        Ok(Site {
            options,
            assets,
            version,
        })
    }

    /// A site for tests: no files on disk are read.
    pub fn for_tests(options: LeptosOptions) -> Site {
        let assets = BuildAssets::from_hash_file(&options.output_name, &options.site_pkg_dir, "");
        Site {
            options,
            assets,
            version: "test".into(),
        }
    }
}

fn fingerprint(root: &Path, assets: &BuildAssets) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for name in [&assets.js, &assets.wasm, &assets.css]
        .into_iter()
        .map(String::as_str)
        .chain(SHELL_FILES)
    {
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

/// Serves `/pkg`: precompressed when the browser accepts it, cached for a year (the
/// names change with every build).
pub fn pkg_service(site: &Site) -> SetResponseHeader<ServeDir, HeaderValue> {
    let dir =
        PathBuf::from(site.options.site_root.as_ref()).join(site.options.site_pkg_dir.as_ref());
    SetResponseHeader::overriding(
        ServeDir::new(dir).precompressed_br().precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_hash_txt() {
        let assets = BuildAssets::from_hash_file("naast", "pkg", "js: abc\nwasm: def\ncss: 123\n");
        assert_eq!(assets.js, "/pkg/naast.abc.js");
        assert_eq!(assets.wasm, "/pkg/naast.def.wasm");
        assert_eq!(assets.css, "/pkg/naast.123.css");
    }

    #[test]
    fn without_hashes_the_plain_names_are_used() {
        let assets = BuildAssets::from_hash_file("naast", "pkg", "");
        assert_eq!(assets.wasm, "/pkg/naast.wasm");
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
