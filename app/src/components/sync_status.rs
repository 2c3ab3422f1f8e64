//! What sync is doing, always in view: one line under the header (all on the server,
//! N changes waiting, offline, sign in again, changes refused) and, on the settings
//! page, the full panel with the last sync time, the "sync now" button and each refused
//! change with the server's reason, to open and fix or to discard.

use crate::components::form::{tr, tx};
use crate::diary::use_diary;
use crate::domain::MutationId;
use crate::i18n::use_texts;
use crate::store::Change;
use crate::syncing::{use_syncer, SyncStatus};
use leptos::prelude::*;

/// Counts the status line needs: waiting, refused, signed in.
fn counts() -> Memo<(usize, usize, bool)> {
    let diary = use_diary();
    Memo::new(move |_| {
        diary.db.with(|db| {
            db.as_ref().map_or((0, 0, false), |db| {
                (db.pushable().len(), db.rejected.len(), db.account.is_some())
            })
        })
    })
}

/// What the sync line says: a style class, the text, and where to act (if anything).
type LineState = (&'static str, String, Option<(&'static str, &'static str)>);

/// The sync state in words, from the loop's status and the store's counts.
fn line_state() -> Signal<LineState> {
    let syncer = use_syncer();
    let t = use_texts();
    let counts = counts();
    Signal::derive(move || {
        let a = t.get().account;
        let (waiting, refused, signed_in) = counts.get();
        match syncer.status.get() {
            _ if !signed_in => (
                "quiet",
                a.sync_signed_out.to_string(),
                Some(("/login", a.sign_in)),
            ),
            SyncStatus::Expired => (
                "warn",
                a.sync_expired_short.to_string(),
                Some(("/login", a.sign_in)),
            ),
            _ if refused > 0 => (
                "warn",
                (a.rejected_count)(refused),
                Some(("/settings", a.open)),
            ),
            SyncStatus::Syncing => ("busy", a.sync_running.to_string(), None),
            SyncStatus::Failed(code) if code == "account_deactivated" => (
                "warn",
                a.sync_deactivated.to_string(),
                Some(("/settings", a.open)),
            ),
            SyncStatus::Failed(_) => (
                "warn",
                a.sync_failed.to_string(),
                Some(("/settings", a.open)),
            ),
            _ if waiting > 0 => ("waiting", (a.sync_waiting)(waiting), None),
            _ => ("ok", format!("✓ {}", a.sync_all_saved), None),
        }
    })
}

/// The sync state on the settings page.
#[component]
pub fn SyncLine() -> impl IntoView {
    let state = line_state();
    move || {
        let (class, text, link) = state.get();
        view! {
            <p class=format!("sync-line {class}") role="status">
                <span>{text}</span>
                {link.map(|(href, label)| view! { " " <a href=href>{label}</a> })}
            </p>
        }
    }
}

/// The connection and sync state in one compact line of the header: "Offline" when
/// there is no connection, then what sync is doing, with a link where she can act.
#[component]
pub fn StatusLine(online: ReadSignal<bool>) -> impl IntoView {
    let nav = crate::nav::use_nav();
    let state = line_state();
    // Where she is signing in, the sync state would only repeat the page.
    let signing_in = move || {
        nav.screen.with(|s| {
            matches!(
                s,
                crate::nav::Screen::Login | crate::nav::Screen::Welcome(_)
            )
        })
    };
    move || {
        let (class, text, link) = state.get();
        let show_sync = !signing_in();
        // Offline she can neither sign in nor retry: keep the line short.
        let link = link.filter(|_| online.get());
        view! {
            <p class=format!("status {class}") role="status" data-testid="sync-line">
                {(!online.get()).then(|| view! { <span class="offline">{tr(|t| t.offline_badge)}</span> })}
                {show_sync.then(|| view! {
                    <span class="state">{text}</span>
                    {link.map(|(href, label)| view! { <a href=href>{label}</a> })}
                })}
            </p>
        }
    }
}

/// A short description of a refused change: which record.
fn describe(change: &Change, t: &'static crate::i18n::Texts) -> String {
    match change {
        Change::Family(f) => format!("{}: {}", t.families_title, f.pseudonym),
        Change::Visit(v) => format!("{}: {}", t.visits_title, t.day(v.date)),
        Change::Feedback(f) => format!("{}: {}", t.feedback.feedback_title, f.replied_by),
        Change::SignalStatus(_) => t.feedback.signal_handling.to_string(),
        // The agenda is written in the workspace, never refused from a phone.
        Change::Group(g) => g.name.raw("nl").to_string(),
        Change::Session(s) => t.day(s.date),
    }
}

fn href_of(change: &Change) -> String {
    match change {
        Change::Family(f) => format!("/families/{}/edit", f.id),
        Change::Visit(v) => format!("/families/{}/visits/{}", v.family_id, v.id),
        Change::Feedback(_) | Change::SignalStatus(_) => "/feedback".to_string(),
        Change::Group(_) | Change::Session(_) => "/".to_string(),
    }
}

/// The settings panel: state, last sync, the button, and the refused changes.
#[component]
pub fn SyncPanel() -> impl IntoView {
    let diary = use_diary();
    let syncer = use_syncer();
    let t = use_texts();
    let last = move || {
        diary.db.with(|db| {
            db.as_ref()
                .and_then(|db| db.last_synced_ms)
                .map(crate::domain::clock::local_datetime_of_ms)
        })
    };
    let refused = move || {
        diary.db.with(|db| {
            db.as_ref().map_or(vec![], |db| {
                db.outbox
                    .iter()
                    .filter_map(|m| {
                        db.rejected
                            .get(&m.id)
                            .map(|p| (m.id, m.change.clone(), p.clone()))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let discard = move |id: MutationId| {
        let _ = diary.commit(|db| db.discard(id));
    };
    view! {
        <section class="panel" data-testid="sync-panel">
            <h2>{tr(|t| t.account.sync_title)}</h2>
            <SyncLine/>
            {move || match syncer.status.get() {
                SyncStatus::Failed(code) => Some(view! {
                    <p class="form-error" role="alert" data-testid="sync-problem">{tx(move |t| (t.account.problem)(&code))}</p>
                }),
                _ => None,
            }}
            {move || last().map(|at| view! { <p class="meta">{tx(move |t| (t.account.sync_last)(&t.appointment(at)))}</p> })}
            <button type="button" class="button" on:click=move |_| syncer.sync_now()
                disabled=move || syncer.status.get() == SyncStatus::Syncing>
                {tr(|t| t.account.sync_now)}
            </button>
            {move || {
                let list = refused();
                (!list.is_empty()).then(|| view! {
                    <h3>{tr(|t| t.account.rejected_title)}</h3>
                    <ul class="cards" data-testid="rejected">
                        {list.into_iter().map(|(id, change, problem)| {
                            let what = describe(&change, t.get_untracked());
                            let code = problem.code.clone();
                            let fields: Vec<&str> = problem.errors.iter().filter_map(|e| t.get_untracked().field_label(&e.field)).collect();
                            view! {
                                <li class="card rejected">
                                    <span class="card-title">{what}</span>
                                    <span class="meta">{tx(move |t| (t.account.problem)(&code))}</span>
                                    {(!fields.is_empty()).then(|| view! { <span class="meta">{fields.join(", ")}</span> })}
                                    <div class="actions">
                                        <a class="button small" href=href_of(&change)>{tr(|t| t.account.open)}</a>
                                        <button type="button" class="button small danger" on:click=move |_| discard(id)>
                                            {tr(|t| t.account.discard)}
                                        </button>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}
