//! The conversation catalogue over HTTP: every member of an organisation reads its
//! catalogue (a device without an account gets the starter catalogue); only its
//! coordinators add, edit, retire and upload pictures.

use super::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use super::session::Signed;
use super::ApiState;
use crate::catalogue::{self, pictures, Kind};
use app::api::{CatalogueResponse, CatalogueSaved, FieldProblem, PictureCreated};
use app::domain::catalogue::{check_prompt, check_story, ItemProblem, UPLOADED_PICTURES};
use app::domain::{Prompt, Story};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

/// Query of `GET /catalogue`.
#[derive(Debug, Deserialize)]
pub struct Have {
    /// The version the device holds, if any.
    pub have: Option<i64>,
}

/// `GET /api/v1/catalogue?have=N`: the catalogue, unless the device has this version.
pub async fn read(
    State(state): State<ApiState>,
    signed: Result<Signed, ApiError>,
    ApiQuery(Have { have }): ApiQuery<Have>,
) -> Result<Json<CatalogueResponse>, ApiError> {
    let org = match signed {
        Ok(Signed(me)) => me.org_id,
        Err(ApiError::NotSignedIn) => {
            let starter = catalogue::starter();
            return Ok(Json(CatalogueResponse {
                version: starter.version,
                catalogue: (have != Some(starter.version)).then(|| starter.clone()),
            }));
        }
        Err(other) => return Err(other),
    };
    let version = catalogue::version(&state.db, &org).await?;
    if have == Some(version) {
        return Ok(Json(CatalogueResponse {
            version,
            catalogue: None,
        }));
    }
    let catalogue = catalogue::load(&state.db, &org).await?;
    Ok(Json(CatalogueResponse {
        version: catalogue.version,
        catalogue: Some(catalogue),
    }))
}

fn invalid(problems: Vec<ItemProblem>) -> Result<(), ApiError> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(ApiError::invalid(
        problems
            .into_iter()
            .map(|p| FieldProblem {
                field: p.field,
                code: p.code.into(),
            })
            .collect(),
    ))
}

fn same_id(path: &str, body: &str) -> Result<(), ApiError> {
    invalid(if path == body {
        vec![]
    } else {
        vec![ItemProblem {
            field: "id".into(),
            code: "invalid",
        }]
    })
}

/// `PUT /api/v1/catalogue/prompts/{id}`: adds or replaces (or retires) a prompt.
pub async fn save_prompt(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(prompt): ApiJson<Prompt>,
) -> Result<Json<CatalogueSaved>, ApiError> {
    let me = signed.coordinator()?;
    same_id(&id, &prompt.id)?;
    invalid(check_prompt(&prompt))?;
    let version = catalogue::save(&state.db, &me, Kind::Prompt, &id, &prompt).await?;
    Ok(Json(CatalogueSaved { version }))
}

/// `PUT /api/v1/catalogue/stories/{id}`: adds or replaces (or retires) a picture story.
/// Uploaded pictures must belong to her organisation.
pub async fn save_story(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
    ApiJson(story): ApiJson<Story>,
) -> Result<Json<CatalogueSaved>, ApiError> {
    let me = signed.coordinator()?;
    same_id(&id, &story.id)?;
    let mut problems = check_story(&story);
    if problems.is_empty() {
        for (i, picture) in story.pictures.iter().enumerate() {
            if let Some(picture_id) = picture.image.strip_prefix(UPLOADED_PICTURES) {
                if !pictures::exists(&state.db, &me.org_id, picture_id).await? {
                    problems.push(ItemProblem {
                        field: format!("pictures.{i}.image"),
                        code: "unknown_picture",
                    });
                }
            }
        }
    }
    invalid(problems)?;
    let version = catalogue::save(&state.db, &me, Kind::Story, &id, &story).await?;
    Ok(Json(CatalogueSaved { version }))
}

/// `POST /api/v1/pictures`: a coordinator uploads a picture (the raw file as the body,
/// its type as `Content-Type`).
pub async fn upload(
    State(state): State<ApiState>,
    signed: Signed,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<PictureCreated>), ApiError> {
    let me = signed.coordinator()?;
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge,
        _ => ApiError::Picture(pictures::PictureProblem::Corrupt),
    })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let checked =
        tokio::task::spawn_blocking(move || pictures::check(content_type.as_deref(), &body))
            .await
            .map_err(|_| ApiError::Picture(pictures::PictureProblem::Corrupt))??;
    let id = pictures::store(&state.db, &me, &checked).await?;
    crate::audit::record(&state.db, &me, crate::audit::Action::Write, "picture", &id).await?;
    Ok((
        StatusCode::CREATED,
        Json(PictureCreated {
            image: format!("{UPLOADED_PICTURES}{id}"),
            width: checked.width,
            height: checked.height,
        }),
    ))
}

/// `GET /api/v1/pictures/{id}`: one of her organisation's pictures. It never changes,
/// so the device may keep it for good; it is private to her browser.
pub async fn picture(
    State(state): State<ApiState>,
    signed: Signed,
    ApiPath(id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let Some((content_type, bytes)) = pictures::find(&state.db, &signed.0.org_id, &id).await?
    else {
        return Err(ApiError::NotFound("no such picture in your organisation"));
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(response)
}
