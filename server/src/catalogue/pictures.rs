//! Pictures coordinators upload for their picture stories. An upload must be what it
//! says it is (PNG, JPEG or WebP, by its bytes, not only its header), within the size
//! and dimension limits, and decode completely. It is then re-encoded, which drops
//! hidden metadata such as a camera's location, and scaled down to what a tablet shows.

use crate::auth::Account;
use crate::db::{Db, DbError};
use app::api::{PICTURE_MAX_BYTES, PICTURE_MAX_SIDE, PICTURE_MIN_SIDE};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use sqlx::Row;
use std::io::Cursor;
use thiserror::Error;

/// Longest side of a stored picture: sharp on a tablet, light on a phone.
const STORED_SIDE_MAX: u32 = 1600;
/// Quality of re-encoded photographs.
const JPEG_QUALITY: u8 = 85;
/// Decoder memory limit, well above what the largest allowed picture needs.
const DECODE_ALLOC_MAX: u64 = 256 * 1024 * 1024;

/// Why an upload was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PictureProblem {
    /// Not a PNG, JPEG or WebP, or the bytes are another format than declared.
    #[error("send a PNG, JPEG or WebP picture (the file's contents must match its type)")]
    WrongType,
    /// Over the size limit.
    #[error("a picture may be at most {PICTURE_MAX_BYTES} bytes")]
    TooLarge,
    /// Smaller or larger than the limits.
    #[error("the picture is {width}×{height} pixels; each side must be {PICTURE_MIN_SIDE} to {PICTURE_MAX_SIDE}")]
    Dimensions {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// It claims a format but does not decode.
    #[error("the picture is damaged and cannot be read")]
    Corrupt,
}

/// A checked, re-encoded picture ready to store.
#[derive(Debug)]
pub struct CheckedPicture {
    /// `image/png` or `image/jpeg`.
    pub content_type: &'static str,
    /// Stored width.
    pub width: u32,
    /// Stored height.
    pub height: u32,
    /// The re-encoded file.
    pub bytes: Vec<u8>,
}

fn declared_format(content_type: Option<&str>) -> Option<ImageFormat> {
    let mime = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    match mime.as_str() {
        "image/png" => Some(ImageFormat::Png),
        "image/jpeg" | "image/jpg" => Some(ImageFormat::Jpeg),
        "image/webp" => Some(ImageFormat::WebP),
        _ => None,
    }
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, PictureProblem> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(PICTURE_MAX_SIDE);
    limits.max_image_height = Some(PICTURE_MAX_SIDE);
    limits.max_alloc = Some(DECODE_ALLOC_MAX);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| PictureProblem::Corrupt)?;
    let side_ok = |side: u32| (PICTURE_MIN_SIDE..=PICTURE_MAX_SIDE).contains(&side);
    if !side_ok(width) || !side_ok(height) {
        return Err(PictureProblem::Dimensions { width, height });
    }
    reader.limits(limits);
    reader.decode().map_err(|_| PictureProblem::Corrupt)
}

fn encode(image: DynamicImage, photo: bool) -> Result<CheckedPicture, PictureProblem> {
    let image = if image.width().max(image.height()) > STORED_SIDE_MAX {
        image.resize(
            STORED_SIDE_MAX,
            STORED_SIDE_MAX,
            image::imageops::FilterType::Triangle,
        )
    } else {
        image
    };
    let mut bytes = Vec::new();
    let written = if photo {
        image
            .to_rgb8()
            .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY))
    } else {
        image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
    };
    written.map_err(|_| PictureProblem::Corrupt)?;
    Ok(CheckedPicture {
        content_type: if photo { "image/jpeg" } else { "image/png" },
        width: image.width(),
        height: image.height(),
        bytes,
    })
}

/// Checks an upload against its declared `Content-Type` and re-encodes it. CPU-heavy:
/// call it from a blocking task.
pub fn check(content_type: Option<&str>, bytes: &[u8]) -> Result<CheckedPicture, PictureProblem> {
    let declared = declared_format(content_type).ok_or(PictureProblem::WrongType)?;
    if bytes.len() > PICTURE_MAX_BYTES {
        return Err(PictureProblem::TooLarge);
    }
    match image::guess_format(bytes) {
        Ok(found) if found == declared => {}
        Ok(_) => return Err(PictureProblem::WrongType),
        Err(_) => return Err(PictureProblem::Corrupt),
    }
    let image = decode(bytes, declared)?;
    encode(image, declared == ImageFormat::Jpeg)
}

/// Stores a checked picture for the uploader's organisation; returns its id.
pub async fn store(db: &Db, who: &Account, picture: &CheckedPicture) -> Result<String, DbError> {
    let id = uuid::Uuid::new_v4().to_string();
    sqlx::query(
        "INSERT INTO pictures (id, org_id, content_type, width, height, bytes, created_by, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&who.org_id)
    .bind(picture.content_type)
    .bind(i64::from(picture.width))
    .bind(i64::from(picture.height))
    .bind(&picture.bytes)
    .bind(&who.user_id)
    .bind(app::domain::clock::now_ms())
    .execute(&db.pool)
    .await?;
    Ok(id)
}

/// One of the organisation's pictures: its content type and bytes.
pub async fn find(db: &Db, org: &str, id: &str) -> Result<Option<(String, Vec<u8>)>, DbError> {
    let row = sqlx::query("SELECT content_type, bytes FROM pictures WHERE org_id = $1 AND id = $2")
        .bind(org)
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// Whether the organisation owns a picture with this id.
pub async fn exists(db: &Db, org: &str, id: &str) -> Result<bool, DbError> {
    Ok(
        sqlx::query("SELECT 1 FROM pictures WHERE org_id = $1 AND id = $2")
            .bind(org)
            .bind(id)
            .fetch_optional(&db.pool)
            .await?
            .is_some(),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use image::{Rgb, RgbImage};

    /// A real picture of the given size and format, for tests.
    pub(crate) fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let img = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 120])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img)
            .write_to(&mut out, format)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_good_png_and_jpeg_pass_and_are_re_encoded() {
        let png = check(Some("image/png"), &picture(400, 300, ImageFormat::Png)).unwrap();
        assert_eq!(
            (png.content_type, png.width, png.height),
            ("image/png", 400, 300)
        );
        let jpeg = check(Some("image/jpeg"), &picture(2000, 1000, ImageFormat::Jpeg)).unwrap();
        assert_eq!(
            (jpeg.content_type, jpeg.width, jpeg.height),
            ("image/jpeg", 1600, 800)
        );
        assert_eq!(image::guess_format(&jpeg.bytes).unwrap(), ImageFormat::Jpeg);
    }

    #[test]
    fn the_type_must_be_allowed_and_match_the_bytes() {
        let png = picture(400, 300, ImageFormat::Png);
        assert_eq!(
            check(Some("image/svg+xml"), b"<svg/>").unwrap_err(),
            PictureProblem::WrongType
        );
        assert_eq!(check(None, &png).unwrap_err(), PictureProblem::WrongType);
        assert_eq!(
            check(Some("image/jpeg"), &png).unwrap_err(),
            PictureProblem::WrongType
        );
        let gif = b"GIF89a\x90\x01\x2c\x01\x00\x00\x00;";
        assert_eq!(
            check(Some("image/png"), gif).unwrap_err(),
            PictureProblem::WrongType
        );
    }

    #[test]
    fn damaged_files_are_called_damaged() {
        let png = picture(400, 300, ImageFormat::Png);
        let truncated = &png[..png.len() / 2];
        assert_eq!(
            check(Some("image/png"), truncated).unwrap_err(),
            PictureProblem::Corrupt
        );
        assert_eq!(
            check(Some("image/png"), b"hello, not a picture").unwrap_err(),
            PictureProblem::Corrupt
        );
    }

    #[test]
    fn tiny_and_huge_pictures_are_refused() {
        let tiny = picture(100, 300, ImageFormat::Png);
        assert_eq!(
            check(Some("image/png"), &tiny).unwrap_err(),
            PictureProblem::Dimensions {
                width: 100,
                height: 300
            }
        );
        let wide = picture(PICTURE_MAX_SIDE + 1, 300, ImageFormat::Png);
        assert!(matches!(
            check(Some("image/png"), &wide),
            Err(PictureProblem::Dimensions { .. })
        ));
        let big = vec![0u8; PICTURE_MAX_BYTES + 1];
        assert_eq!(
            check(Some("image/png"), &big).unwrap_err(),
            PictureProblem::TooLarge
        );
    }
}
