//! The mothers' public agenda under `/agenda/{token}`: plain server-rendered HTML that
//! works with JavaScript off, on a 320 px screen and on paper. It follows the browser's
//! language unless `?lang=` (kept in every link, so a shared link keeps it) says
//! otherwise, sets no cookies, loads nothing from elsewhere and asks not to be indexed.
//! An unknown or replaced token gets a friendly page in her language (404).

use super::calendar::{self, Feed};
use super::words::{self, AgendaWords};
use crate::api::ApiState;
use app::domain::catalogue::Translated;
use app::domain::{Group, Session};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Sessions shown per group on the organisation's page (the group's page shows all).
const SESSIONS_PER_GROUP: usize = 4;

/// The public agenda's routes, to be nested under `/agenda`.
pub fn router(state: ApiState) -> Router {
    Router::new()
        .route("/{token}", get(organisation_page))
        .route("/{token}/poster", get(organisation_poster))
        .route("/{token}/calendar.ics", get(organisation_feed))
        .route("/{token}/groups/{group}", get(group_page))
        .route("/{token}/groups/{group}/poster", get(group_poster))
        .route("/{token}/groups/{group}/calendar.ics", get(group_feed))
        .route(
            "/{token}/sessions/{session}/calendar.ics",
            get(session_file),
        )
        .with_state(state)
}

/// What a link may ask for: a language, a reminder in calendar files.
#[derive(Debug, Default, Deserialize)]
pub struct Asked {
    /// The language she chose on the page.
    lang: Option<String>,
    /// `1` for a reminder the day before, in calendar files.
    reminder: Option<String>,
}

/// What every public page knows: the organisation, her language, the absolute origin.
struct Visit {
    org_id: String,
    org_name: String,
    token: String,
    words: &'static AgendaWords,
    origin: String,
}

impl Visit {
    /// `path` under this agenda, with her language kept.
    fn link(&self, path: &str) -> String {
        format!("/agenda/{}{}?lang={}", self.token, path, self.words.code)
    }

    fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.link(path))
    }
}

/// The language she reads: the one she chose, else her browser's, else Dutch.
fn words_of(asked: &Asked, headers: &HeaderMap) -> &'static AgendaWords {
    asked
        .lang
        .as_deref()
        .and_then(words::words_for)
        .unwrap_or_else(|| {
            let accept = headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            words::from_accept_language(accept)
        })
}

/// Resolves the token, or answers with the friendly page.
async fn open(
    state: &ApiState,
    token: &str,
    asked: &Asked,
    headers: &HeaderMap,
) -> Result<Visit, Response> {
    let words = words_of(asked, headers);
    let found = match token.len() <= 64 && token.chars().all(|c| c.is_ascii_alphanumeric()) {
        true => super::organisation_of_link(&state.db, token).await,
        false => Ok(None),
    };
    match found {
        Ok(Some((org_id, org_name))) => Ok(Visit {
            org_id,
            org_name,
            token: token.to_string(),
            words,
            origin: origin(state, headers),
        }),
        Ok(None) => Err(not_found(words)),
        Err(error) => {
            tracing::error!(%error, "public agenda");
            Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
        }
    }
}

/// Scheme and host the page was asked at (for the links she shares).
fn origin(state: &ApiState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// The organisation's agenda from today on (cancelled sessions too).
struct Coming {
    all: Arc<super::Snapshot>,
    today: chrono::NaiveDate,
}

impl Coming {
    fn groups(&self) -> &[Group] {
        &self.all.groups
    }

    fn sessions(&self) -> Vec<&Session> {
        self.all
            .sessions
            .iter()
            .filter(|s| s.date >= self.today)
            .collect()
    }
}

async fn agenda_of(state: &ApiState, org: &str) -> Result<Coming, Response> {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive();
    match super::snapshot(&state.db, org).await {
        Ok(all) => Ok(Coming { all, today }),
        Err(error) => {
            tracing::error!(%error, "public agenda");
            Err(StatusCode::SERVICE_UNAVAILABLE.into_response())
        }
    }
}

async fn organisation_page(
    State(state): State<ApiState>,
    Path(token): Path<String>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    let visit = match open(&state, &token, &asked, &headers).await {
        Ok(visit) => visit,
        Err(answer) => return answer,
    };
    let agenda = match agenda_of(&state, &visit.org_id).await {
        Ok(agenda) => agenda,
        Err(answer) => return answer,
    };
    let sessions = agenda.sessions();
    let w = visit.words;
    let live: Vec<&Group> = agenda.groups().iter().filter(|g| !g.ended).collect();
    let body = html! {
        @if live.is_empty() { p.empty { (w.no_sessions) } }
        @for group in &live {
            (group_section(&visit, group, &sessions, Some(SESSIONS_PER_GROUP)))
        }
    };
    let title = (w.agenda_title)(&visit.org_name);
    page_response(
        &visit,
        &title,
        "",
        body,
        share_footer(&visit, &visit.org_name, ""),
    )
}

async fn group_page(
    State(state): State<ApiState>,
    Path((token, group_id)): Path<(String, String)>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    let visit = match open(&state, &token, &asked, &headers).await {
        Ok(visit) => visit,
        Err(answer) => return answer,
    };
    let agenda = match agenda_of(&state, &visit.org_id).await {
        Ok(agenda) => agenda,
        Err(answer) => return answer,
    };
    let sessions = agenda.sessions();
    let Some(group) = agenda
        .groups()
        .iter()
        .find(|g| g.id.to_string() == group_id)
    else {
        return not_found(visit.words);
    };
    let w = visit.words;
    let path = format!("/groups/{}", group.id);
    let body = html! {
        p { a href=(visit.link("")) { "← " (w.all_groups) } }
        @if group.ended { p.cancelled { strong { (w.group_ended) } } }
        (group_section(&visit, group, &sessions, None))
    };
    let name = group.name.in_lang(w.code).text.to_string();
    page_response(
        &visit,
        &name,
        &path,
        body,
        share_footer(&visit, &name, &path),
    )
}

/// One group: who it is for, where, how, and its coming sessions (`limit` of them).
fn group_section(
    visit: &Visit,
    group: &Group,
    sessions: &[&Session],
    limit: Option<usize>,
) -> Markup {
    let w = visit.words;
    let id = format!("group-{}", group.id);
    let coming: Vec<&Session> = sessions
        .iter()
        .copied()
        .filter(|s| s.group_id == group.id)
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    let path = format!("/groups/{}", group.id);
    html! {
        section.group aria-labelledby=(id) {
            h2 id=(id) { a href=(visit.link(&path)) { (text(w, &group.name)) } }
            dl {
                dt { (w.for_whom) } dd { (text(w, &group.audience)) }
                dt { (w.languages_spoken) } dd { (language_names(&group.languages)) }
                dt { (w.place) } dd { bdi { (group.place) } br; bdi { (group.address) } }
                @if !group.directions.raw("nl").trim().is_empty() {
                    dt { (w.how_to_find) } dd { (text(w, &group.directions)) }
                }
                dt { (w.host) } dd { bdi { (group.host) } }
                dt { (w.how_often) } dd { ((w.frequency)(group.frequency)) }
            }
            p.how { strong { @if group.walk_in { (w.walk_in) } @else { (w.sign_up) } } }
            h3 { (w.coming_sessions) }
            @if coming.is_empty() { p.empty { (w.no_sessions) } }
            @else {
                ol.sessions {
                    @for session in coming { (session_item(visit, session)) }
                }
            }
        }
    }
}

fn session_item(visit: &Visit, s: &Session) -> Markup {
    let w = visit.words;
    let date = (w.date)(
        s.date.format("%u").to_string().parse::<u32>().unwrap_or(1) - 1,
        s.date.format("%d").to_string().parse().unwrap_or(1),
        s.date.format("%m").to_string().parse().unwrap_or(1),
        s.date.format("%Y").to_string().parse().unwrap_or(2000),
    );
    let times = (w.time_range)(
        &s.starts.format("%H:%M").to_string(),
        &s.ends.format("%H:%M").to_string(),
    );
    let labelled = [
        (w.theme, &s.theme),
        (w.guest, &s.guest),
        (w.bring, &s.bring),
    ];
    html! {
        li.session.cancelled[s.is_cancelled()] {
            p.when {
                time datetime=(format!("{}T{}", s.date, s.starts.format("%H:%M"))) { strong { (date) } }
                br; (times)
            }
            @if let Some(reason) = &s.cancelled {
                p.cancel-note { strong { (w.cancelled) } ": " (text(w, reason)) }
            }
            @for (label, value) in labelled {
                @if !value.raw("nl").trim().is_empty() {
                    p { span.label { (label) ": " } (text(w, value)) }
                }
            }
            @if !s.is_cancelled() {
                p { a.button href=(visit.link(&format!("/sessions/{}/calendar.ics", s.id)) + "&reminder=1") download { (w.add_to_calendar) } }
            }
        }
    }
}

/// A group text in her language; Dutch, marked, when it has none in hers.
fn text(w: &AgendaWords, value: &Translated) -> Markup {
    let shown = value.in_lang(w.code);
    html! {
        @if shown.fallback {
            span lang="nl" dir="ltr" { (shown.text) } " " small.in-dutch { (w.in_dutch) }
        } @else { (shown.text) }
    }
}

/// Languages by their own names.
fn language_names(codes: &[String]) -> Markup {
    const NAMES: [(&str, &str); 14] = [
        ("nl", "Nederlands"),
        ("en", "English"),
        ("ar", "العربية"),
        ("tr", "Türkçe"),
        ("pl", "Polski"),
        ("uk", "Українська"),
        ("ti", "ትግርኛ"),
        ("so", "Soomaali"),
        ("fr", "Français"),
        ("es", "Español"),
        ("ro", "Română"),
        ("bg", "Български"),
        ("fa", "فارسی"),
        ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"),
    ];
    html! {
        @for (n, code) in codes.iter().enumerate() {
            @if n > 0 { ", " }
            @let name = NAMES.iter().find(|(c, _)| c == code).map_or(code.as_str(), |(_, name)| name);
            bdi lang=(code) { (name) }
        }
    }
}

/// Calendar subscription, WhatsApp sharing and the poster, at the foot of a page.
fn share_footer(visit: &Visit, name: &str, path: &str) -> Markup {
    let w = visit.words;
    let page = visit.absolute(path);
    let feed = visit.absolute(&format!("{path}/calendar.ics"));
    let webcal = feed
        .replacen("https://", "webcal://", 1)
        .replacen("http://", "webcal://", 1);
    let whatsapp = format!(
        "https://wa.me/?text={}",
        app::web::percent_encode((w.share_text)(name, &page).as_str())
    );
    html! {
        footer.share {
            p { a.button href=(webcal) { (w.subscribe) } }
            p { a.button href=(whatsapp) rel="noopener noreferrer" { (w.share_whatsapp) } }
            p { a href=(visit.link(&format!("{path}/poster"))) { (w.print_poster) } }
        }
    }
}

/// The language switch: every language by its own name, each link keeping the page.
fn language_switch(visit: &Visit, path: &str) -> Markup {
    html! {
        nav.langs aria-label=(visit.words.language) {
            ul {
                @for other in words::ALL {
                    li {
                        @if other.code == visit.words.code {
                            strong lang=(other.code) aria-current="true" { (other.native_name) }
                        } @else {
                            a lang=(other.code) hreflang=(other.code)
                                href=(format!("/agenda/{}{}?lang={}", visit.token, path, other.code)) { (other.native_name) }
                        }
                    }
                }
            }
        }
    }
}

/// A whole page in her language, its preview card for shared links, and the answer's
/// headers: HTML, not indexed, no cookies, nothing from elsewhere.
fn page_response(visit: &Visit, title: &str, path: &str, body: Markup, footer: Markup) -> Response {
    let w = visit.words;
    let markup = html! {
        (DOCTYPE)
        html lang=(w.code) dir=(if w.rtl { "rtl" } else { "ltr" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (title) }
                meta property="og:type" content="website";
                meta property="og:title" content=(title);
                meta property="og:description" content=(w.intro);
                meta property="og:url" content=(visit.absolute(path));
                meta property="og:locale" content=(w.code);
                style { (PreEscaped(STYLE)) }
            }
            body {
                header {
                    (language_switch(visit, path))
                    h1 { (title) }
                    p.intro { (w.intro) }
                }
                main { (body) }
                (footer)
            }
        }
    };
    respond(
        StatusCode::OK,
        "text/html; charset=utf-8",
        markup.into_string(),
    )
}

/// Answers with the public pages' headers.
fn respond(status: StatusCode, content_type: &'static str, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    response
}

/// The friendly page for a link that does not (or no longer) work.
fn not_found(w: &'static AgendaWords) -> Response {
    let markup = html! {
        (DOCTYPE)
        html lang=(w.code) dir=(if w.rtl { "rtl" } else { "ltr" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (w.not_found_title) }
                style { (PreEscaped(STYLE)) }
            }
            body { main { h1 { (w.not_found_title) } p { (w.not_found_text) } } }
        }
    };
    respond(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        markup.into_string(),
    )
}

async fn organisation_poster(
    State(state): State<ApiState>,
    Path(token): Path<String>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    let visit = match open(&state, &token, &asked, &headers).await {
        Ok(visit) => visit,
        Err(answer) => return answer,
    };
    let title = (visit.words.agenda_title)(&visit.org_name);
    poster(&visit, &title, "")
}

async fn group_poster(
    State(state): State<ApiState>,
    Path((token, group_id)): Path<(String, String)>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    let visit = match open(&state, &token, &asked, &headers).await {
        Ok(visit) => visit,
        Err(answer) => return answer,
    };
    let agenda = match agenda_of(&state, &visit.org_id).await {
        Ok(agenda) => agenda,
        Err(answer) => return answer,
    };
    match agenda
        .groups()
        .iter()
        .find(|g| g.id.to_string() == group_id)
    {
        Some(group) => {
            let name = group.name.in_lang(visit.words.code).text.to_string();
            poster(&visit, &name, &format!("/groups/{}", group.id))
        }
        None => not_found(visit.words),
    }
}

/// A page to print for the clinic's notice board: the name, the QR code of the page in
/// her language, and the link written out.
fn poster(visit: &Visit, title: &str, path: &str) -> Response {
    let url = visit.absolute(path);
    let qr = qrcode::QrCode::new(url.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(240, 240)
                .build()
        })
        .unwrap_or_default();
    let body = html! {
        div.poster {
            div.qr role="img" aria-label=(visit.words.scan_to_open) { (PreEscaped(strip_xml_declaration(&qr))) }
            p.scan { (visit.words.scan_to_open) }
            p.url { bdi { (url) } }
        }
    };
    page_response(visit, title, path, body, html! {})
}

fn strip_xml_declaration(svg: &str) -> &str {
    svg.find("<svg").map_or(svg, |at| &svg[at..])
}

async fn organisation_feed(
    State(state): State<ApiState>,
    Path(token): Path<String>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    feed(&state, &token, None, None, &asked, &headers).await
}

async fn group_feed(
    State(state): State<ApiState>,
    Path((token, group)): Path<(String, String)>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    feed(&state, &token, Some(group), None, &asked, &headers).await
}

async fn session_file(
    State(state): State<ApiState>,
    Path((token, session)): Path<(String, String)>,
    Query(asked): Query<Asked>,
    headers: HeaderMap,
) -> Response {
    feed(&state, &token, None, Some(session), &asked, &headers).await
}

/// A calendar of the organisation, of one group, or of one session.
async fn feed(
    state: &ApiState,
    token: &str,
    group: Option<String>,
    session: Option<String>,
    asked: &Asked,
    headers: &HeaderMap,
) -> Response {
    let visit = match open(state, token, asked, headers).await {
        Ok(visit) => visit,
        Err(answer) => return answer,
    };
    let agenda = match agenda_of(state, &visit.org_id).await {
        Ok(agenda) => agenda,
        Err(answer) => return answer,
    };
    let reminder = asked.reminder.as_deref() == Some("1");
    let key = format!(
        "{}|{}|{}|{:?}|{:?}|{}|{reminder}|{}",
        visit.org_id,
        agenda.all.stamp,
        agenda.today,
        group,
        session,
        visit.words.code,
        visit.origin
    );
    if let Some(text) = FEEDS.lock().ok().and_then(|f| f.get(&key).cloned()) {
        return calendar_response(text.as_ref().clone(), session.is_some());
    }
    let groups = agenda.groups();
    let chosen: Vec<(&Group, &Session)> = agenda
        .sessions()
        .into_iter()
        .filter(|s| session.as_deref().is_none_or(|id| s.id.to_string() == id))
        .filter(|s| {
            group
                .as_deref()
                .is_none_or(|id| s.group_id.to_string() == id)
        })
        .filter_map(|s| groups.iter().find(|g| g.id == s.group_id).map(|g| (g, s)))
        .collect();
    let named_group = group
        .as_deref()
        .and_then(|id| groups.iter().find(|g| g.id.to_string() == id));
    if (session.is_some() && chosen.is_empty()) || (group.is_some() && named_group.is_none()) {
        return not_found(visit.words);
    }
    let name = match named_group {
        Some(g) => g.name.in_lang(visit.words.code).text.to_string(),
        None => visit.org_name.clone(),
    };
    let page = match named_group {
        Some(g) => visit.absolute(&format!("/groups/{}", g.id)),
        None => visit.absolute(""),
    };
    let text = calendar::calendar(
        &Feed {
            name: &name,
            words: visit.words,
            page_url: &page,
            reminder,
        },
        chosen,
    );
    if let Ok(mut feeds) = FEEDS.lock() {
        if feeds.len() >= FEEDS_KEPT {
            feeds.clear();
        }
        feeds.insert(key, Arc::new(text.clone()));
    }
    calendar_response(text, session.is_some())
}

/// Calendar files made since the agenda last changed, by what was asked (calendar apps
/// ask for the same feed again and again); at most [`FEEDS_KEPT`].
static FEEDS: LazyLock<Mutex<HashMap<String, Arc<String>>>> = LazyLock::new(Default::default);
const FEEDS_KEPT: usize = 64;

fn calendar_response(text: String, one_session: bool) -> Response {
    let mut response = respond(StatusCode::OK, "text/calendar; charset=utf-8", text);
    if one_session {
        response.headers_mut().insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"naast.ics\""),
        );
    }
    response
}

/// The public pages' stylesheet: readable from 320 px, large touch targets, a clear
/// cancelled state, right-to-left by logical properties, and a print layout.
const STYLE: &str = include_str!("../../../style/agenda.css");
