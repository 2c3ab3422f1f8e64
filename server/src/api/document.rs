//! The API document served at `/api/v1/openapi.json`. Its routes are described in
//! `openapi.json`; the schemas of every wire type — each record kind included — are
//! generated from the shared types (utoipa, on the server only), and the problem codes
//! come from `ProblemCode`, so neither can drift from what the server really sends.

use app::api::{
    Agenda, Caseload, EndRequest, FamilyFile, FeedbackDraft, FieldProblem, InboxCounts,
    IntakeDetails, InviteRequest, LinkCreated, LinkInfo, LinkKind, LoginRequest, MatchRequest,
    NewFamily, OpenSignals, PasswordChange, Person, Problem, ProblemCode, PublicLink, PullResponse,
    PushOutcome, PushResponse, PushResult, RedeemRequest, ReviewMark, ReviewPage, ReviewVisit,
    Role, SessionInfo, SessionPlan, SupervisionNote, Triage, TriageEdit, VolunteerFile,
};
use app::domain::matching::VolunteerProfile;
use app::domain::{Family, Feedback, Group, Session, SignalStatus, Visit};
use app::store::sync::{Gone, Pulled};
use app::store::{Change, Mutation};
use serde_json::Value;
use std::sync::LazyLock;
use utoipa::OpenApi;

/// The wire types whose schemas are generated (with every type they contain).
#[derive(OpenApi)]
#[openapi(components(schemas(
    Family,
    Visit,
    Feedback,
    SignalStatus,
    Group,
    Session,
    Change,
    Mutation,
    Pulled,
    Gone,
    PullResponse,
    PushOutcome,
    PushResult,
    PushResponse,
    ReviewVisit,
    ReviewPage,
    ReviewMark,
    InboxCounts,
    FeedbackDraft,
    Triage,
    TriageEdit,
    OpenSignals,
    FieldProblem,
    Problem,
    Role,
    SessionInfo,
    LoginRequest,
    PasswordChange,
    LinkKind,
    LinkInfo,
    RedeemRequest,
    InviteRequest,
    LinkCreated,
    Person,
    Agenda,
    SessionPlan,
    PublicLink,
    NewFamily,
    IntakeDetails,
    FamilyFile,
    MatchRequest,
    EndRequest,
    Caseload,
    VolunteerProfile,
    VolunteerFile,
    SupervisionNote,
)))]
struct WireTypes;

/// The routes as described by hand, with the generated schemas put in.
fn assemble() -> Value {
    let mut document: Value =
        serde_json::from_str(include_str!("openapi.json")).expect("openapi.json is JSON");
    let generated = serde_json::to_value(WireTypes::openapi()).expect("schemas serialise");
    let schemas = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .expect("openapi.json has components.schemas");
    if let Some(Value::Object(generated)) = generated.pointer("/components/schemas") {
        for (name, schema) in generated {
            schemas.insert(name.clone(), schema.clone());
        }
    }
    let codes: Vec<&str> = ProblemCode::ALL
        .iter()
        .filter(|c| **c != ProblemCode::Offline)
        .map(|c| c.code())
        .collect();
    if let Some(code) = document.pointer_mut("/components/schemas/Problem/properties/code") {
        *code = serde_json::json!({
            "type": "string",
            "enum": codes,
            "description": "Stable machine-readable code.",
        });
    }
    document
}

/// The document as served (assembled once).
pub static DOCUMENT: LazyLock<String> = LazyLock::new(|| assemble().to_string());
