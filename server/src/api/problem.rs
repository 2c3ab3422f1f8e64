//! Errors at the API boundary, each answered with an RFC 9457 problem document: a
//! precise status, a stable `code` the app translates, and a human `detail`. Rejections
//! of axum's own extractors (bad JSON, wrong types, oversized bodies, bad queries) are
//! turned into the same documents, so nothing reaches a client as a bare 500 or text.

use crate::auth::links::LinkError;
use crate::db::DbError;
use app::api::{FieldProblem, Problem, ProblemCode};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use thiserror::Error;

/// Everything an API handler can answer instead of success.
#[derive(Debug, Error)]
pub enum ApiError {
    /// No valid session cookie.
    #[error("sign in first")]
    NotSignedIn,
    /// Wrong username or password.
    #[error("wrong username or password")]
    BadCredentials,
    /// Too many failed sign-ins.
    #[error("too many failed sign-ins; try again in {0} seconds")]
    TooManyAttempts(i64),
    /// A state-changing request without the session's CSRF token.
    #[error("missing or wrong CSRF token")]
    Csrf,
    /// Signed in, but this is not hers to see or change.
    #[error("{0}")]
    Forbidden(&'static str),
    /// No such thing (or not visible to her: the same answer, on purpose).
    #[error("{0}")]
    NotFound(&'static str),
    /// A known route called with a method it does not take.
    #[error("this route does not take this method")]
    MethodNotAllowed,
    /// A one-time link that is unknown, used or expired.
    #[error("this link is unknown, already used or expired")]
    LinkInvalid,
    /// The username is taken.
    #[error("this username is taken")]
    UsernameTaken,
    /// Well-formed JSON whose fields are wrong.
    #[error("{detail}")]
    Invalid {
        /// What was wrong.
        detail: String,
        /// Per field.
        errors: Vec<FieldProblem>,
    },
    /// Not JSON at all.
    #[error("malformed JSON: {0}")]
    BadJson(String),
    /// Query parameters that cannot be read.
    #[error("bad query parameters: {0}")]
    BadQuery(String),
    /// A path segment that cannot be read.
    #[error("bad path: {0}")]
    BadPath(String),
    /// A body without `Content-Type: application/json`.
    #[error("expected Content-Type: application/json")]
    UnsupportedMediaType,
    /// A mutation id another organisation already used.
    #[error("this mutation id is already used")]
    MutationIdTaken,
    /// A visit of a family the server does not know (push the family first).
    #[error("the visit's family is unknown")]
    UnknownFamily,
    /// A body over the limit.
    #[error("the request body is over its size limit (see the API document)")]
    TooLarge,
    /// A push with too many mutations.
    #[error("a push carries at most {0} mutations")]
    TooManyMutations(usize),
    /// An uploaded picture that is refused.
    #[error("{0}")]
    Picture(#[from] crate::catalogue::pictures::PictureProblem),
    /// Her account is switched off: she cannot sign in, pull or change anything.
    #[error("this account is switched off; ask your coordinator")]
    Deactivated,
    /// The app speaks an API version this server no longer serves.
    #[error("this version of the app is too old for the server; reload it to update")]
    UpdateNeeded,
    /// A change based on a version that is no longer the current one.
    #[error("{0}")]
    Stale(&'static str),
    /// A signal of concern that was resolved already.
    #[error("this signal was resolved already")]
    AlreadyResolved,
    /// Matching with a volunteer who paused.
    #[error("this volunteer is paused and takes no family now")]
    VolunteerPaused,
    /// Matching or ending a family whose support ended.
    #[error("this family's support has ended")]
    FamilyEnded,
    /// The database failed; logged, answered without details.
    #[error("internal error")]
    Db(#[from] DbError),
}

fn picture_status(
    problem: &crate::catalogue::pictures::PictureProblem,
) -> (StatusCode, ProblemCode, &'static str) {
    use crate::catalogue::pictures::PictureProblem::*;
    match problem {
        WrongType => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ProblemCode::PictureType,
            "Not a PNG, JPEG or WebP picture",
        ),
        TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            ProblemCode::TooLarge,
            "Request too large",
        ),
        Dimensions { .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::PictureDimensions,
            "Picture too small or too large",
        ),
        Corrupt => (
            StatusCode::UNPROCESSABLE_ENTITY,
            ProblemCode::PictureCorrupt,
            "Damaged picture",
        ),
    }
}

impl ApiError {
    /// An invalid-input problem with field reasons.
    pub fn invalid(errors: Vec<FieldProblem>) -> ApiError {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.code))
            .collect::<Vec<_>>()
            .join(", ");
        ApiError::Invalid { detail, errors }
    }

    fn status_and_code(&self) -> (StatusCode, ProblemCode, &'static str) {
        use ApiError::*;
        match self {
            NotSignedIn => (
                StatusCode::UNAUTHORIZED,
                ProblemCode::NotSignedIn,
                "Not signed in",
            ),
            BadCredentials => (
                StatusCode::UNAUTHORIZED,
                ProblemCode::BadCredentials,
                "Wrong username or password",
            ),
            TooManyAttempts(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                ProblemCode::TooManyAttempts,
                "Too many attempts",
            ),
            Csrf => (
                StatusCode::FORBIDDEN,
                ProblemCode::Csrf,
                "CSRF check failed",
            ),
            Forbidden(_) => (StatusCode::FORBIDDEN, ProblemCode::Forbidden, "Not allowed"),
            NotFound(_) => (StatusCode::NOT_FOUND, ProblemCode::NotFound, "Not found"),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ProblemCode::MethodNotAllowed,
                "Method not allowed",
            ),
            LinkInvalid => (
                StatusCode::GONE,
                ProblemCode::LinkInvalid,
                "Link not usable",
            ),
            UsernameTaken => (
                StatusCode::CONFLICT,
                ProblemCode::UsernameTaken,
                "Username taken",
            ),
            Invalid { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ProblemCode::Invalid,
                "Invalid input",
            ),
            BadJson(_) => (
                StatusCode::BAD_REQUEST,
                ProblemCode::BadJson,
                "Malformed JSON",
            ),
            BadQuery(_) => (
                StatusCode::BAD_REQUEST,
                ProblemCode::BadQuery,
                "Bad query parameters",
            ),
            BadPath(_) => (StatusCode::BAD_REQUEST, ProblemCode::BadPath, "Bad path"),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ProblemCode::UnsupportedMediaType,
                "JSON expected",
            ),
            MutationIdTaken => (
                StatusCode::CONFLICT,
                ProblemCode::MutationIdTaken,
                "Mutation id already used",
            ),
            UnknownFamily => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ProblemCode::UnknownFamily,
                "Unknown family",
            ),
            TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ProblemCode::TooLarge,
                "Request too large",
            ),
            TooManyMutations(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ProblemCode::TooManyMutations,
                "Batch too large",
            ),
            Picture(problem) => picture_status(problem),
            Deactivated => (
                StatusCode::FORBIDDEN,
                ProblemCode::AccountDeactivated,
                "Account switched off",
            ),
            UpdateNeeded => (
                StatusCode::UPGRADE_REQUIRED,
                ProblemCode::UpdateNeeded,
                "App too old",
            ),
            Stale(_) => (
                StatusCode::CONFLICT,
                ProblemCode::Stale,
                "Changed in the meantime",
            ),
            AlreadyResolved => (
                StatusCode::CONFLICT,
                ProblemCode::AlreadyResolved,
                "Already resolved",
            ),
            VolunteerPaused => (
                StatusCode::CONFLICT,
                ProblemCode::VolunteerPaused,
                "Volunteer paused",
            ),
            FamilyEnded => (
                StatusCode::CONFLICT,
                ProblemCode::FamilyEnded,
                "Support ended",
            ),
            Db(DbError::MutationIdTaken) => (
                StatusCode::CONFLICT,
                ProblemCode::MutationIdTaken,
                "Mutation id already used",
            ),
            Db(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ProblemCode::Internal,
                "Internal error",
            ),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let (status, code, title) = self.status_and_code();
        Problem {
            kind: format!("/api/v1/problems/{}", code.code()),
            title: title.into(),
            status: status.as_u16(),
            code: code.code().into(),
            detail: self.to_string(),
            errors: match self {
                ApiError::Invalid { errors, .. } => errors.clone(),
                _ => vec![],
            },
        }
    }
}

impl From<LinkError> for ApiError {
    fn from(err: LinkError) -> Self {
        match err {
            LinkError::Invalid => ApiError::LinkInvalid,
            LinkError::UsernameTaken => ApiError::UsernameTaken,
            LinkError::Db(db) => ApiError::Db(db),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Db(err) = &self {
            tracing::error!("API database error: {err}");
        }
        let problem = self.problem();
        let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::BAD_REQUEST);
        let mut response = (status, axum::Json(problem)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let ApiError::TooManyAttempts(seconds) = self {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                headers.insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => ApiError::invalid(vec![FieldProblem {
                field: "body".into(),
                code: rejection.body_text(),
            }]),
            _ => ApiError::BadJson(rejection.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadQuery(rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::BadPath(rejection.body_text())
    }
}

/// `axum::extract::Path` whose rejections (a segment that is not valid UTF-8, say) are
/// problem documents.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `axum::Json` whose rejections are problem documents.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// `axum::extract::Query` whose rejections are problem documents.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// The answer for unknown API routes.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such API route")
}

/// The answer for a known API route called with the wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod openapi_codes {
    use super::*;

    /// One of every kind of error the API answers with.
    fn every_error() -> Vec<ApiError> {
        use crate::catalogue::pictures::PictureProblem;
        vec![
            ApiError::NotSignedIn,
            ApiError::BadCredentials,
            ApiError::TooManyAttempts(1),
            ApiError::Csrf,
            ApiError::Forbidden(""),
            ApiError::NotFound(""),
            ApiError::MethodNotAllowed,
            ApiError::LinkInvalid,
            ApiError::UsernameTaken,
            ApiError::invalid(vec![]),
            ApiError::BadJson(String::new()),
            ApiError::BadQuery(String::new()),
            ApiError::BadPath(String::new()),
            ApiError::UnsupportedMediaType,
            ApiError::MutationIdTaken,
            ApiError::UnknownFamily,
            ApiError::TooLarge,
            ApiError::TooManyMutations(1),
            ApiError::Picture(PictureProblem::WrongType),
            ApiError::Picture(PictureProblem::TooLarge),
            ApiError::Picture(PictureProblem::Dimensions {
                width: 1,
                height: 1,
            }),
            ApiError::Picture(PictureProblem::Corrupt),
            ApiError::Deactivated,
            ApiError::UpdateNeeded,
            ApiError::Stale(""),
            ApiError::AlreadyResolved,
            ApiError::Db(DbError::MutationIdTaken),
        ]
    }

    #[test]
    fn the_api_document_lists_every_problem_code_the_server_sends() {
        let document: serde_json::Value =
            serde_json::from_str(super::super::document::DOCUMENT.as_str()).unwrap();
        let listed = &document["components"]["schemas"]["Problem"]["properties"]["code"]["enum"];
        let listed: Vec<&str> = listed
            .as_array()
            .expect("Problem.code has an enum")
            .iter()
            .filter_map(|c| c.as_str())
            .collect();
        for error in every_error() {
            let code = error.problem().code;
            assert!(
                listed.contains(&code.as_str()),
                "{code} missing from openapi.json"
            );
        }
    }
}
