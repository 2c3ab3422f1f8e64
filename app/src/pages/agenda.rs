//! `/groups`: the organisation's meeting groups and their coming sessions, from her
//! phone's copy (so also offline), to tell a mother about the next one — and the public
//! agenda's link in the mother's language, to share from the phone.

use crate::components::form::{tr, tx};
use crate::components::layout::Loading;
use crate::diary::use_diary;
use crate::domain::agenda::AGENDA_LANGUAGES;
use crate::domain::catalogue::Translated;
use crate::domain::clock::today;
use crate::domain::dates::format_time;
use crate::domain::{Group, Session};
use crate::i18n::use_locale;
use leptos::prelude::*;

/// The agenda's languages by their own names, for "her language".
const NATIVE_NAMES: [&str; 8] = [
    "Nederlands",
    "English",
    "Türkçe",
    "العربية",
    "Polski",
    "Українська",
    "فارسی",
    "ትግርኛ",
];

/// The list of groups and the way to share the agenda.
#[component]
pub fn AgendaPage() -> impl IntoView {
    let diary = use_diary();
    let agenda = Memo::new(move |_| {
        diary.db.with(|db| {
            db.as_ref().map(|db| {
                let groups = db
                    .agenda(today())
                    .into_iter()
                    .map(|(g, s)| (g.clone(), s.into_iter().cloned().collect::<Vec<_>>()))
                    .collect::<Vec<_>>();
                (groups, db.agenda_path.clone())
            })
        })
    });
    view! {
        <h1>{tr(|t| t.agenda.title)}</h1>
        <p class="hint">{tr(|t| t.agenda.intro)}</p>
        {move || match agenda.get() {
            None => view! { <Loading/> }.into_any(),
            Some((groups, path)) => view! {
                <ShareAgenda path/>
                {if groups.is_empty() {
                    view! { <p class="empty">{tr(|t| t.agenda.none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="cards" data-testid="agenda">
                            {groups.into_iter().map(|(group, sessions)| view! { <GroupItem group sessions/> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }.into_any(),
        }}
    }
}

/// A text in her interface's language, Dutch when it has none.
fn shown(text: &Translated, lang: &str) -> String {
    text.in_lang(lang).text.to_string()
}

#[component]
fn GroupItem(group: Group, sessions: Vec<Session>) -> impl IntoView {
    let locale = use_locale();
    let name = {
        let g = group.clone();
        move || shown(&g.name, locale.get().code())
    };
    let audience = {
        let g = group.clone();
        move || shown(&g.audience, locale.get().code())
    };
    let (frequency, walk_in) = (group.frequency, group.walk_in);
    let how = tx(move |t| {
        let walk = if walk_in {
            t.agenda.walk_in
        } else {
            t.agenda.sign_up
        };
        format!("{} · {}", (t.agenda.frequency)(frequency), walk)
    });
    view! {
        <li class="card group-item" data-testid="agenda-group">
            <h2>{name}</h2>
            <p class="card-meta">{audience}</p>
            <p class="card-meta">{group.place.clone()} ", " {group.address.clone()}</p>
            <p class="card-meta">{tr(|t| t.agenda.host)} ": " {group.host.clone()} " · " {how}</p>
            {hosted_by_her(&group).then(|| view! {
                <p><a class="button small" href="/desk/agenda" rel="external" data-testid="plan-own">{tr(|t| t.agenda.plan_own)}</a></p>
            })}
            {if sessions.is_empty() {
                view! { <p class="empty">{tr(|t| t.agenda.no_sessions)}</p> }.into_any()
            } else {
                view! {
                    <ol class="sessions">
                        {sessions.into_iter().map(|s| view! { <SessionItem session=s/> }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </li>
    }
}

/// True when the signed-in volunteer is this group's host (she plans its sessions in
/// the workspace's agenda, which needs a connection).
fn hosted_by_her(group: &Group) -> bool {
    let Some(host) = group.host_account.as_deref() else {
        return false;
    };
    use_diary().db.with_untracked(|db| {
        db.as_ref()
            .and_then(|db| db.account.as_ref())
            .is_some_and(|a| a.user_id == host)
    })
}

#[component]
fn SessionItem(session: Session) -> impl IntoView {
    let locale = use_locale();
    let (date, starts, ends) = (session.date, session.starts, session.ends);
    let when = tx(move |t| {
        format!(
            "{} · {}–{}",
            t.day(date),
            format_time(starts),
            format_time(ends)
        )
    });
    let theme = {
        let s = session.clone();
        move || shown(&s.theme, locale.get().code())
    };
    let reason = session.cancelled.clone();
    let is_cancelled = reason.is_some();
    view! {
        <li class="session" class:cancelled=is_cancelled data-testid="agenda-session">
            <p><strong class="when">{when}</strong></p>
            <p>{theme}</p>
            {reason.map(|r| view! {
                <p class="cancel-note"><strong>{tr(|t| t.agenda.cancelled)}</strong> ": " {move || shown(&r, locale.get().code())}</p>
            })}
        </li>
    }
}

/// The public agenda's link in the language she picks for the mother.
#[component]
fn ShareAgenda(path: Option<String>) -> impl IntoView {
    let Some(path) = path else {
        return view! { <p class="hint">{tr(|t| t.agenda.no_link)}</p> }.into_any();
    };
    let lang = RwSignal::new("nl");
    let url = Memo::new(move |_| crate::web::absolute(&format!("{path}?lang={}", lang.get())));
    let whatsapp = move || {
        format!(
            "https://wa.me/?text={}",
            crate::web::percent_encode(&url.get())
        )
    };
    view! {
        <section class="panel share" aria-labelledby="share-title">
            <h2 id="share-title">{tr(|t| t.agenda.share_title)}</h2>
            <label for="her-language">{tr(|t| t.agenda.her_language)}</label>
            <select id="her-language" on:change=move |ev| {
                let code = event_target_value(&ev);
                if let Some(found) = AGENDA_LANGUAGES.iter().find(|c| **c == code) { lang.set(found) }
            }>
                {AGENDA_LANGUAGES.iter().zip(NATIVE_NAMES).map(|(code, name)| view! {
                    <option value=*code lang=*code>{name}</option>
                }).collect_view()}
            </select>
            <label for="agenda-link">{tr(|t| t.agenda.link_label)}</label>
            <input id="agenda-link" class="link-output" readonly data-testid="agenda-link" prop:value=url/>
            <p class="actions">
                {can_share().then(|| view! {
                    <button type="button" class="button primary" on:click=move |_| share(&url.get_untracked())>
                        {tr(|t| t.agenda.share)}
                    </button>
                })}
                <a class="button" href=whatsapp rel="external noopener" target="_blank">{tr(|t| t.agenda.share_whatsapp)}</a>
            </p>
        </section>
    }
    .into_any()
}

/// `navigator.share`, where the browser has it (phones mostly do).
#[cfg(target_arch = "wasm32")]
fn share_function() -> Option<(wasm_bindgen::JsValue, js_sys::Function)> {
    use wasm_bindgen::JsCast;
    let navigator: wasm_bindgen::JsValue = web_sys::window()?.navigator().into();
    let share = js_sys::Reflect::get(&navigator, &"share".into()).ok()?;
    Some((navigator, share.dyn_into::<js_sys::Function>().ok()?))
}

/// True when the phone can hand the link to another app (the Web Share API).
fn can_share() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        share_function().is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Opens the phone's own share sheet with the link.
fn share(url: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some((navigator, share)) = share_function() {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
        if let Ok(promise) = share.call1(&navigator, &data) {
            if let Ok(promise) = wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(promise) {
                // She may close the share sheet: that is no error.
                leptos::task::spawn_local(async move {
                    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                });
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = url;
}
